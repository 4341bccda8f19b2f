// The care-path facts in SQL, once for both dialects (migration 7, care-path-ddl.ts): the bulk reads
// of one message's working set (StoreTx.carePathRows, in the meaning of the in-memory reference
// src/care-path/care-path-memory-reader.ts) and applying the changes an accepted message makes
// (StoreTx.applyCarePathChanges, in the meaning of CarePathMemory.apply), in the exchange's own
// transaction.
//
// Facts are upserted whole (the JSON `fact`, with its key and search columns beside it). On
// PostgreSQL the upserts are deferred and written as one multi-row statement (Write in sql-db.ts); a
// read runs after every deferred write of the transaction, so a later message in the same group-
// commit batch sees an earlier one. Reads take the audit chain head first where writers are
// concurrent: every transaction that records an exchange appends to the chain, so two messages on one
// path are judged one after the other, each seeing what the other committed.

import type {
  CarePathApplied,
  CarePathChange,
  CarePathQuery,
  CarePathRows,
  DeadlineFact,
  DeadlineMatch,
  DeclaratieFact,
  DeliveryFact,
  MessageFact,
  PrestatieFact,
  RelationFact,
  RequestFact,
  ToewijzingFact,
} from '../../kernel/care-path-record.ts';
import type { IsoDay } from '../../kernel/dutch-working-days.ts';
import { bulkInsertSql, insertSql, type ColumnType } from './tables.ts';
import { fromJson, type Params, type TxDb, type Write } from './sql-db.ts';

interface FactColumn<F> {
  readonly name: string;
  readonly type: ColumnType;
  readonly of: (fact: F) => unknown;
}

const col = <F>(name: string, type: ColumnType, of: (fact: F) => unknown): FactColumn<F> => ({ name, type, of });

/** The upsert of one kind of fact: insert, or replace the row with the same key. */
function factWrite<F>(table: string, key: readonly string[], order: number, columns: readonly FactColumn<F>[]): Write<F> {
  const all = [...columns, col<F>('fact', 'json', (f) => f)];
  const names = all.map((c) => c.name);
  const spec = { name: table, columns: all.map((c) => ({ field: c.name, name: c.name, type: c.type })), select: names.join(', ') };
  const suffix = `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${names.filter((n) => !key.includes(n)).map((n) => `${n} = excluded.${n}`).join(', ')}`;
  return {
    operation: 'applyCarePathChanges',
    order,
    sql: insertSql(spec, suffix),
    bulkSql: bulkInsertSql(table, spec.columns, suffix),
    key: (f) => key.map((k) => String(all.find((c) => c.name === k)?.of(f))).join('\u0000'),
    values: (f) => all.map((c) => (c.type === 'json' ? JSON.stringify(c.of(f)) : (c.of(f) ?? null))),
  };
}

const writes = {
  message: factWrite<MessageFact>('cp_messages', ['message_type', 'afzender', 'identificatie'], 7.1, [
    col('message_type', 'text', (f) => f.messageType),
    col('afzender', 'text', (f) => f.afzender),
    col('identificatie', 'text', (f) => f.identificatie),
    col('exchange_id', 'text', (f) => f.exchangeId),
  ]),
  relation: factWrite<RelationFact>('cp_relations', ['pseudonym', 'gemeente', 'aanbieder'], 7.2, [
    col('pseudonym', 'text', (f) => f.pseudonym),
    col('gemeente', 'text', (f) => f.gemeente),
    col('aanbieder', 'text', (f) => f.aanbieder),
  ]),
  request: factWrite<RequestFact>('cp_requests', ['aanbieder', 'referentie'], 7.3, [
    col('aanbieder', 'text', (f) => f.aanbieder),
    col('referentie', 'text', (f) => f.referentie),
    col('gemeente', 'text', (f) => f.gemeente),
    col('pseudonym', 'text', (f) => f.pseudonym),
    col('kind', 'text', (f) => f.kind),
    col('categorie', 'text', (f) => f.categorie),
    col('status', 'text', (f) => f.status),
    col('received_day', 'text', (f) => f.receivedDay),
    col('final_answer_day', 'text', (f) => f.finalAnswerDay),
    col('toegewezen_day', 'text', (f) => f.toegewezenDay),
    col('exchange_id', 'text', (f) => f.exchangeId),
  ]),
  toewijzing: factWrite<ToewijzingFact>('cp_toewijzingen', ['gemeente', 'nummer'], 7.4, [
    col('gemeente', 'text', (f) => f.gemeente),
    col('nummer', 'bigint', (f) => f.nummer),
    col('pseudonym', 'text', (f) => f.pseudonym),
    col('aanbieder', 'text', (f) => f.aanbieder),
    col('categorie', 'text', (f) => f.categorie),
    col('ingangsdatum', 'text', (f) => f.ingangsdatum),
    col('einddatum', 'text', (f) => f.einddatum),
    col('removed', 'boolean', (f) => f.removed),
    col('exchange_id', 'text', (f) => f.exchangeId),
  ]),
  delivery: factWrite<DeliveryFact>('cp_deliveries', ['id'], 7.5, [
    col('id', 'text', (f) => f.id),
    col('kind', 'text', (f) => f.kind),
    col('gemeente', 'text', (f) => f.gemeente),
    col('aanbieder', 'text', (f) => f.aanbieder),
    col('pseudonym', 'text', (f) => f.pseudonym),
    col('nummer', 'bigint', (f) => f.nummer),
    col('begindatum', 'text', (f) => f.begindatum),
    col('is_current', 'boolean', (f) => f.current),
    col('exchange_id', 'text', (f) => f.exchangeId),
    col('removed_by_exchange', 'text', (f) => f.removedByExchange),
  ]),
  declaratie: factWrite<DeclaratieFact>('cp_declaraties', ['aanbieder', 'declaratie_nummer'], 7.6, [
    col('aanbieder', 'text', (f) => f.aanbieder),
    col('declaratie_nummer', 'text', (f) => f.declaratieNummer),
    col('gemeente', 'text', (f) => f.gemeente),
    col('identificatie', 'text', (f) => f.identificatie),
    col('dagtekening', 'text', (f) => f.dagtekening),
  ]),
  prestatie: factWrite<PrestatieFact>('cp_prestaties', ['aanbieder', 'referentie_nummer'], 7.7, [
    col('aanbieder', 'text', (f) => f.aanbieder),
    col('referentie_nummer', 'text', (f) => f.referentieNummer),
    col('vorig_referentie_nummer', 'text', (f) => f.vorigReferentieNummer),
    col('debet_credit', 'text', (f) => f.debetCredit),
    col('declaratie_nummer', 'text', (f) => f.declaratieNummer),
    col('gemeente', 'text', (f) => f.gemeente),
    col('toewijzing_nummer', 'bigint', (f) => f.toewijzingNummer),
  ]),
};

const deadlineColumns: readonly FactColumn<DeadlineFact>[] = [
  col('id', 'text', (f) => f.id),
  col('kind', 'text', (f) => f.kind),
  col('rule', 'text', (f) => f.rule),
  col('gemeente', 'text', (f) => f.gemeente),
  col('aanbieder', 'text', (f) => f.aanbieder),
  col('pseudonym', 'text', (f) => f.pseudonym),
  col('owed_by', 'text', (f) => f.owedBy),
  col('due_day', 'text', (f) => f.dueDay),
  col('overdue_on', 'text', (f) => f.overdueOn),
  col('fact', 'json', (f) => f),
];

const sql = {
  trackingSince: "SELECT value FROM care_path_meta WHERE name = 'tracking-since'",
  setTrackingSince: "INSERT INTO care_path_meta (name, value) VALUES ('tracking-since', $1) ON CONFLICT (name) DO NOTHING",
  message: 'SELECT fact FROM cp_messages WHERE message_type = $1 AND afzender = $2 AND identificatie = $3',
  pair: 'SELECT gemeente, aanbieder FROM cp_relations WHERE gemeente = $1 AND aanbieder = $2 LIMIT 1',
  relation: 'SELECT fact FROM cp_relations WHERE pseudonym = $1 AND gemeente = $2 AND aanbieder = $3',
  request: 'SELECT fact FROM cp_requests WHERE aanbieder = $1 AND referentie = $2',
  requestsOfPath: 'SELECT fact FROM cp_requests WHERE pseudonym = $1 AND gemeente = $2 AND aanbieder = $3 ORDER BY referentie',
  toewijzing: 'SELECT fact FROM cp_toewijzingen WHERE gemeente = $1 AND nummer = $2',
  toewijzingenOfPath: 'SELECT fact FROM cp_toewijzingen WHERE pseudonym = $1 AND gemeente = $2 AND aanbieder = $3 ORDER BY nummer',
  deliveriesOfToewijzing: 'SELECT fact FROM cp_deliveries WHERE gemeente = $1 AND nummer = $2 ORDER BY id',
  deliveriesOfPath: 'SELECT fact FROM cp_deliveries WHERE gemeente = $1 AND aanbieder = $2 AND pseudonym = $3 AND nummer IS NULL ORDER BY id',
  declaratie: 'SELECT fact FROM cp_declaraties WHERE aanbieder = $1 AND declaratie_nummer = $2',
  declaratieByMessage: 'SELECT fact FROM cp_declaraties WHERE aanbieder = $1 AND identificatie = $2 AND dagtekening = $3',
  prestatie: 'SELECT fact FROM cp_prestaties WHERE aanbieder = $1 AND referentie_nummer = $2',
  prestatiesOfDeclaratie: 'SELECT fact FROM cp_prestaties WHERE aanbieder = $1 AND declaratie_nummer = $2 ORDER BY referentie_nummer',
  prestatiesOfToewijzing: 'SELECT fact FROM cp_prestaties WHERE gemeente = $1 AND toewijzing_nummer = $2 ORDER BY aanbieder, referentie_nummer',
  credits: "SELECT fact FROM cp_prestaties WHERE aanbieder = $1 AND vorig_referentie_nummer = $2 AND debet_credit = 'C' ORDER BY referentie_nummer",
  requestsOfExchange: 'SELECT fact FROM cp_requests WHERE exchange_id = $1 ORDER BY aanbieder, referentie',
  toewijzingenOfExchange: 'SELECT fact FROM cp_toewijzingen WHERE exchange_id = $1 ORDER BY gemeente, nummer',
  deliveriesOfExchange: 'SELECT fact FROM cp_deliveries WHERE exchange_id = $1 OR removed_by_exchange = $1 ORDER BY id',
  // An open item with the same term stays as it is; otherwise the item is (re)opened with the new term.
  openDeadline: `INSERT INTO cp_deadlines (${deadlineColumns.map((c) => c.name).join(', ')}, status)
     VALUES (${deadlineColumns.map((c, i) => `$${i + 1}${c.type === 'json' ? '::json' : ''}`).join(', ')}, 'open')
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, rule = excluded.rule, gemeente = excluded.gemeente, aanbieder = excluded.aanbieder,
       pseudonym = excluded.pseudonym, owed_by = excluded.owed_by, due_day = excluded.due_day, overdue_on = excluded.overdue_on,
       fact = excluded.fact, status = 'open', closed_by_exchange = NULL
     WHERE NOT (cp_deadlines.status = 'open' AND cp_deadlines.due_day = excluded.due_day AND cp_deadlines.overdue_on = excluded.overdue_on)
     RETURNING id`,
  closeById: "UPDATE cp_deadlines SET status = $2, closed_by_exchange = $3 WHERE id = $1 AND status = 'open' RETURNING id",
  closeByPath: `UPDATE cp_deadlines SET status = $2, closed_by_exchange = $3
     WHERE status = 'open' AND kind = $1 AND pseudonym = $4 AND ($5::text IS NULL OR gemeente = $5) AND ($6::text IS NULL OR aanbieder = $6)
     RETURNING id`,
};

type FactRow = { readonly fact: unknown };
const facts = <F>(rows: readonly FactRow[]): F[] => rows.map((r) => fromJson(r.fact) as F);

/** The care-path reads and writes of one transaction. `lockChain` takes the audit chain head first (store-tx.ts). */
export function carePathSql(db: TxDb, lockChain: () => Promise<void>) {
  const read = async <F>(text: string, params: Params): Promise<F[]> => facts<F>(await db.all<FactRow>('carePathRows', text, params));
  const eachKey = async <K, F>(keys: readonly K[], text: string, params: (k: K) => Params): Promise<F[]> => {
    const out: F[] = [];
    for (const k of keys) out.push(...(await read<F>(text, params(k))));
    return out;
  };
  const withCredits = async (prestaties: readonly PrestatieFact[]): Promise<PrestatieFact[]> => {
    const credits = await eachKey<PrestatieFact, PrestatieFact>(prestaties, sql.credits, (p) => [p.aanbieder, p.referentieNummer]);
    return [...prestaties, ...credits];
  };
  const deliveriesOf = (toewijzingen: readonly Pick<ToewijzingFact, 'gemeente' | 'nummer'>[]): Promise<DeliveryFact[]> =>
    eachKey<Pick<ToewijzingFact, 'gemeente' | 'nummer'>, DeliveryFact>(toewijzingen, sql.deliveriesOfToewijzing, (t) => [t.gemeente, t.nummer]);

  async function rows(q: CarePathQuery): Promise<CarePathRows> {
    switch (q.what) {
      case 'messages':
        return { messages: await eachKey(q.keys, sql.message, (k) => [k.messageType, k.afzender, k.identificatie]) };
      case 'pairs': {
        const pairs = [];
        for (const k of q.keys) if ((await db.all('carePathRows', sql.pair, [k.gemeente, k.aanbieder])).length > 0) pairs.push(k);
        return { pairs };
      }
      case 'requests':
        return { requests: await eachKey(q.keys, sql.request, (k) => [k.aanbieder, k.referentie]) };
      case 'paths': {
        const path = (k: (typeof q.keys)[number]): Params => [k.pseudonym, k.gemeente, k.aanbieder];
        const toewijzingen = await eachKey<(typeof q.keys)[number], ToewijzingFact>(q.keys, sql.toewijzingenOfPath, path);
        return {
          relations: await eachKey(q.keys, sql.relation, path),
          requests: await eachKey(q.keys, sql.requestsOfPath, path),
          toewijzingen,
          deliveries: [...(await deliveriesOf(toewijzingen)), ...(await eachKey<(typeof q.keys)[number], DeliveryFact>(q.keys, sql.deliveriesOfPath, (k) => [k.gemeente, k.aanbieder, k.pseudonym]))],
        };
      }
      case 'toewijzingen': {
        const prestaties = await withCredits(await eachKey(q.keys, sql.prestatiesOfToewijzing, (k) => [k.gemeente, k.nummer]));
        return {
          toewijzingen: await eachKey(q.keys, sql.toewijzing, (k) => [k.gemeente, k.nummer]),
          deliveries: await deliveriesOf(q.keys),
          prestaties,
          declaraties: await eachKey(prestaties, sql.declaratie, (p) => [p.aanbieder, p.declaratieNummer]),
        };
      }
      case 'declaraties':
        return { declaraties: await eachKey(q.keys, sql.declaratie, (k) => [k.aanbieder, k.declaratieNummer]) };
      case 'declaratiesByMessage': {
        const declaraties = await eachKey<(typeof q.keys)[number], DeclaratieFact>(q.keys, sql.declaratieByMessage, (k) => [k.aanbieder, k.identificatie, k.dagtekening]);
        return { declaraties, prestaties: await eachKey(declaraties, sql.prestatiesOfDeclaratie, (d) => [d.aanbieder, d.declaratieNummer]) };
      }
      case 'prestaties':
        return { prestaties: await withCredits(await eachKey(q.keys, sql.prestatie, (k) => [k.aanbieder, k.referentieNummer])) };
      case 'exchange':
        return {
          requests: await read(sql.requestsOfExchange, [q.exchangeId]),
          toewijzingen: await read(sql.toewijzingenOfExchange, [q.exchangeId]),
          deliveries: await read(sql.deliveriesOfExchange, [q.exchangeId]),
        };
    }
  }

  const closeDeadlines = async (match: DeadlineMatch, status: string, byExchange: string): Promise<string[]> => {
    const changed =
      'id' in match
        ? await db.all<{ id: string }>('applyCarePathChanges', sql.closeById, [match.id, status, byExchange])
        : await db.all<{ id: string }>('applyCarePathChanges', sql.closeByPath, [match.kind, status, byExchange, match.pseudonym, match.gemeente ?? null, match.aanbieder ?? null]);
    return changed.map((r) => r.id);
  };

  return {
    async carePathTrackingSince(): Promise<IsoDay | undefined> {
      await lockChain();
      const [row] = await db.all<{ value: string }>('carePathTrackingSince', sql.trackingSince, []);
      return row?.value;
    },
    async carePathRows(query: CarePathQuery): Promise<CarePathRows> {
      await lockChain();
      return rows(query);
    },
    async applyCarePathChanges(changes: readonly CarePathChange[]): Promise<CarePathApplied> {
      await lockChain();
      // Each deadline touched, by its last change: closed (met or cancelled), or open with a new term.
      const last = new Map<string, 'met' | 'cancelled' | 'open'>();
      for (const change of changes) {
        switch (change.op) {
          case 'tracking-since':
            await db.run('applyCarePathChanges', sql.setTrackingSince, [change.day]);
            break;
          case 'open-deadline': {
            const values = deadlineColumns.map((c) => (c.type === 'json' ? JSON.stringify(c.of(change.deadline)) : (c.of(change.deadline) ?? null)));
            const done = await db.all<{ id: string }>('applyCarePathChanges', sql.openDeadline, values);
            if (done.length > 0) last.set(change.deadline.id, 'open');
            break;
          }
          case 'close-deadlines':
            for (const id of await closeDeadlines(change.match, change.status, change.byExchange)) last.set(id, change.status);
            break;
          case 'message':
          case 'relation':
          case 'request':
          case 'toewijzing':
          case 'delivery':
          case 'declaratie':
          case 'prestatie':
            await db.write<never>(writes[change.op], change.fact as never);
            break;
        }
      }
      const closed: { id: string; status: 'met' | 'cancelled' }[] = [];
      const opened: string[] = [];
      for (const [id, status] of last) {
        if (status === 'open') opened.push(id);
        else closed.push({ id, status });
      }
      return { closed, opened };
    },
  };
}
