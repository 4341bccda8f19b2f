// The care-path facts in SQL, once for both dialects (migration 7, care-path-ddl.ts): the bulk reads
// of one message's working set (StoreTx.carePathRows, in the meaning of the in-memory reference
// src/care-path/care-path-memory-reader.ts) and applying the changes an accepted message makes
// (StoreTx.applyCarePathChanges, in the meaning of CarePathMemory.apply), in the exchange's own
// transaction.
//
// Facts are upserted whole (the JSON `fact`, with its key and search columns beside it). On
// PostgreSQL the upserts are deferred and written as one multi-row statement (Write in sql-db.ts); a
// read runs after every deferred upsert of the transaction it could return (touchesOf), so a later
// message in the same group-commit batch sees an earlier one, and a batch of messages about different
// children writes its facts once, at commit, instead of before each message's first read. Reads take the audit chain head first where writers are
// concurrent: every transaction that records an exchange appends to the chain, so two messages on one
// path are judged one after the other, each seeing what the other committed.
//
// Round trips (on PostgreSQL each statement is one): a read over many keys is one statement per
// query (the keys as a VALUES list joined to the table, rows in key order and then the query's own
// order, exactly as one statement per key gave them); a message's deadline upserts go as one multi-row
// statement per run of them on PostgreSQL (up to the next close, or a deadline named twice), their RETURNING telling
// which were opened or changed, without flushing the deferred fact upserts, which they do not read;
// and the tracking-since day, which never changes once set, is read once per store.

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
  PairKey,
  PrestatieFact,
  RelationFact,
  RequestFact,
  ToewijzingFact,
} from '../../kernel/care-path-record.ts';
import type { IsoDay } from '../../kernel/dutch-working-days.ts';
import { GatewayError } from '../../kernel/gateway-error.ts';
import { bulkInsertSql, insertSql, type ColumnType } from './tables.ts';
import { fromJson, type Params, type RunOptions, type Touch, type TxDb, type Write } from './sql-db.ts';

/** What a store keeps across its transactions for the care path: values that never change once committed. */
export interface CarePathMemo {
  trackingSince?: IsoDay;
}

interface FactColumn<F> {
  readonly name: string;
  readonly type: ColumnType;
  readonly of: (fact: F) => unknown;
}

const col = <F>(name: string, type: ColumnType, of: (fact: F) => unknown): FactColumn<F> => ({ name, type, of });

/** A fact upsert, with the table it writes and how each column's value comes from the fact. */
interface FactWrite<F> extends Write<F> {
  readonly table: string;
  readonly columnOf: ReadonlyMap<string, (fact: F) => unknown>;
}

/** The upsert of one kind of fact: insert, or replace the row with the same key. */
function factWrite<F>(table: string, key: readonly string[], order: number, columns: readonly FactColumn<F>[]): FactWrite<F> {
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
    table,
    columnOf: new Map(columns.map((c) => [c.name, c.of])),
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

/** The fact upserts by the table they write (what a read of that table may need flushed first). */
const writeOfTable: ReadonlyMap<string, FactWrite<never>> = new Map(Object.values(writes).map((w) => [w.table, w as unknown as FactWrite<never>]));

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

/**
 * A read of facts by key: `on` pairs a column of `from` with the type of its key value; the rows of
 * each key match every pair (and `where`), in `order`.
 */
interface KeyedRead<K> {
  readonly from: string;
  readonly on: readonly (readonly [column: string, type: 'text' | 'bigint'])[];
  readonly where?: string;
  readonly order?: string;
  readonly key: (k: K) => Params;
}

const keyed = <K>(read: KeyedRead<K>): KeyedRead<K> => read;

/**
 * Statement texts, built once per shape (a read or statement and its key counts) and kept: a submission
 * then builds no SQL text, and the store's statement cache (by text) hashes no new string. As many as
 * the store's statement caches hold already: one per distinct text.
 */
const texts = new WeakMap<object, Map<string, string>>();
function memoText(owner: object, shape: string, build: () => string): string {
  let byShape = texts.get(owner);
  if (byShape === undefined) texts.set(owner, (byShape = new Map<string, string>()));
  let text = byShape.get(shape);
  if (text === undefined) byShape.set(shape, (text = build()));
  return text;
}

/** Keys per statement: far below either dialect's parameter limit. */
const KEYS_PER_STATEMENT = 100;

/** `WITH k (i, c0, ...) AS (VALUES (0, $1, ...), ...)`: the keys of one statement, i their position. */
function keyList(read: Pick<KeyedRead<never>, 'on'>, count: number): string {
  return `WITH ${namedKeyList('k', read, count, 0)}`;
}

/** `name (i, c0, ...) AS (VALUES ...)`: a key list whose parameters follow the first `offset`. */
function namedKeyList(name: string, read: Pick<KeyedRead<never>, 'on'>, count: number, offset: number): string {
  const columns = read.on.map((_, c) => `c${c}`).join(', ');
  const rows = Array.from({ length: count }, (_, i) => `(${i}, ${read.on.map(([, type], c) => `$${offset + i * read.on.length + c + 1}${type === 'bigint' ? '::bigint' : ''}`).join(', ')})`);
  return `${name} (i, ${columns}) AS (VALUES ${rows.join(', ')})`;
}

const matches = (read: Pick<KeyedRead<never>, 'on'>, keys = 'k'): string => read.on.map(([column], c) => `t.${column} = ${keys}.c${c}`).join(' AND ');

/**
 * One statement for `count` keys: the key list first (CROSS JOIN keeps it the outer loop on SQLite,
 * each key an index lookup), rows by key position and then the read's order.
 */
const keyedSql = (read: KeyedRead<never>, count: number): string => memoText(read, `keyed ${count}`, () =>
  `${keyList(read, count)} SELECT t.fact FROM k CROSS JOIN ${read.from} AS t WHERE ${matches(read)}${read.where !== undefined ? ` AND t.${read.where}` : ''} ORDER BY k.i${read.order !== undefined ? `, ${read.order.split(', ').map((c) => `t.${c}`).join(', ')}` : ''}`);

/** Which keys have at least one row: their positions, in order. */
const existsSql = (read: KeyedRead<never>, count: number): string => memoText(read, `exists ${count}`, () =>
  `${keyList(read, count)} SELECT k.i FROM k WHERE EXISTS (SELECT 1 FROM ${read.from} AS t WHERE ${matches(read)}) ORDER BY k.i`);

/** A key's values as one text, so that a fact's values can be looked up among a read's keys. */
const keyText = (on: KeyedRead<never>['on'], values: readonly unknown[]): string => values.map((v, c) => keyPart(v, on[c]?.[1] === 'bigint')).join('\u0000');

/** A key value as text: a bigint column's value as its number (the statement casts it), null apart from 'null'. */
function keyPart(value: unknown, bigint: boolean): string {
  if (value === null || value === undefined) return '\u0001';
  if (bigint) return String(Number(value));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A fact's values in the columns `on` names, as keyText gives a key's: undefined where `table` is not a
 * fact table or lacks one of the columns (a read of it then flushes every deferred write first).
 */
function factKeyOf(table: string, on: KeyedRead<never>['on']): { write: FactWrite<never>; of: (fact: never) => string } | undefined {
  const write = writeOfTable.get(table);
  if (write === undefined) return undefined;
  const columns = on.map(([column]) => write.columnOf.get(column));
  if (columns.some((c) => c === undefined)) return undefined;
  return { write, of: (fact) => keyText(on, columns.map((c) => c?.(fact))) };
}

/**
 * What a read of `table` matching `on` to each of `keys` needs flushed of the deferred fact upserts
 * (PostgreSQL, pg-tx.ts): the deferred rows of that table equal to a key in those columns, every
 * deferred row the read could return (a row that also has to pass the read's `where`, or that a join
 * would leave out, is flushed needlessly: a round trip, never a wrong answer). A deferred upsert that
 * moves a stored fact off a key is found after the read, among the facts it returned (superseded in
 * carePathSql), and the read is run again after flushing. So the messages of one group-commit batch,
 * each about its own child and request, no longer write the earlier ones' facts before every read:
 * the batch writes them once, at commit. Undefined: flush everything, as before.
 */
function touchesOf(table: string, on: KeyedRead<never>['on'], keys: readonly Params[]): Touch[] | undefined {
  const fact = factKeyOf(table, on);
  if (fact === undefined) return undefined;
  const wanted = new Set(keys.map((k) => keyText(on, k)));
  return [{ write: fact.write, rows: (row: never) => wanted.has(fact.of(row)) }];
}

type PathK = Pick<RelationFact, 'pseudonym' | 'gemeente' | 'aanbieder'>;
type ToewijzingK = Pick<ToewijzingFact, 'gemeente' | 'nummer'>;
const path = (k: PathK): Params => [k.pseudonym, k.gemeente, k.aanbieder];
const onPath = [['pseudonym', 'text'], ['gemeente', 'text'], ['aanbieder', 'text']] as const;

const reads = {
  message: keyed<{ messageType: string; afzender: string; identificatie: string }>({ from: 'cp_messages', on: [['message_type', 'text'], ['afzender', 'text'], ['identificatie', 'text']], key: (k) => [k.messageType, k.afzender, k.identificatie] }),
  pair: keyed<{ gemeente: string; aanbieder: string }>({ from: 'cp_relations', on: [['gemeente', 'text'], ['aanbieder', 'text']], key: (k) => [k.gemeente, k.aanbieder] }),
  request: keyed<{ aanbieder: string; referentie: string }>({ from: 'cp_requests', on: [['aanbieder', 'text'], ['referentie', 'text']], key: (k) => [k.aanbieder, k.referentie] }),
  toewijzing: keyed<ToewijzingK>({ from: 'cp_toewijzingen', on: [['gemeente', 'text'], ['nummer', 'bigint']], key: (k) => [k.gemeente, k.nummer] }),
  deliveriesOfToewijzing: keyed<ToewijzingK>({ from: 'cp_deliveries', on: [['gemeente', 'text'], ['nummer', 'bigint']], order: 'id', key: (k) => [k.gemeente, k.nummer] }),
  declaratie: keyed<{ aanbieder: string; declaratieNummer: string }>({ from: 'cp_declaraties', on: [['aanbieder', 'text'], ['declaratie_nummer', 'text']], key: (k) => [k.aanbieder, k.declaratieNummer] }),
  declaratieByMessage: keyed<{ aanbieder: string; identificatie: string; dagtekening: string }>({ from: 'cp_declaraties', on: [['aanbieder', 'text'], ['identificatie', 'text'], ['dagtekening', 'text']], key: (k) => [k.aanbieder, k.identificatie, k.dagtekening] }),
  prestatie: keyed<{ aanbieder: string; referentieNummer: string }>({ from: 'cp_prestaties', on: [['aanbieder', 'text'], ['referentie_nummer', 'text']], key: (k) => [k.aanbieder, k.referentieNummer] }),
  prestatiesOfDeclaratie: keyed<{ aanbieder: string; declaratieNummer: string }>({ from: 'cp_prestaties', on: [['aanbieder', 'text'], ['declaratie_nummer', 'text']], order: 'referentie_nummer', key: (k) => [k.aanbieder, k.declaratieNummer] }),
  prestatiesOfToewijzing: keyed<{ gemeente: string; nummer: number }>({ from: 'cp_prestaties', on: [['gemeente', 'text'], ['toewijzing_nummer', 'bigint']], order: 'aanbieder, referentie_nummer', key: (k) => [k.gemeente, k.nummer] }),
  credits: keyed<Pick<PrestatieFact, 'aanbieder' | 'referentieNummer'>>({ from: 'cp_prestaties', on: [['aanbieder', 'text'], ['vorig_referentie_nummer', 'text']], where: "debet_credit = 'C'", order: 'referentie_nummer', key: (k) => [k.aanbieder, k.referentieNummer] }),
};

/**
 * The whole of every path in one statement (each part as its own read gave it): its relation, its
 * requests, its toewijzingen, the starts and stops of those toewijzingen, and those without one. The
 * rows come by part, then key position, then the part's own order (the deliveries of a toewijzing in
 * the order of the toewijzingen, then by id). Each part names its order in two columns, `o1` (a
 * number) and `o2` (a key column, so one collation on PostgreSQL), with the key position or a key
 * column of its own row where it needs no order (one row per key, or none beside the key's): one
 * sort of the rows found, where a numbering per part (ROW_NUMBER) cost a sort per part and made the
 * read of an empty path about eight times a keyed read on SQLite (issue 14).
 */
const PATH_PARTS = ['relations', 'requests', 'toewijzingen', 'deliveriesOfToewijzingen', 'deliveriesOfPaths'] as const;
/** The table each part's facts come from. */
const PATH_PART_TABLES = ['cp_relations', 'cp_requests', 'cp_toewijzingen', 'cp_deliveries', 'cp_deliveries'] as const;
function pathsSql(count: number): string {
  return memoText(PATH_PARTS, String(count), () => buildPathsSql(count));
}
function buildPathsSql(count: number): string {
  const onK = (alias: string, on: KeyedRead<never>['on']): string => on.map(([column], c) => `${alias}.${column} = k.c${c}`).join(' AND ');
  const part = (n: number, o1: string, o2: string, from: string, where: string): string =>
    `SELECT ${n} AS part, k.i AS i, ${o1} AS o1, ${o2} AS o2, t.fact FROM k CROSS JOIN ${from} WHERE ${where}`;
  // The key columns: c0 pseudonym, c1 gemeente, c2 aanbieder.
  const path = (alias: string): string => onK(alias, onPath);
  const parts = [
    part(0, 'k.i', 't.pseudonym', 'cp_relations AS t', path('t')),
    part(1, 'k.i', 't.referentie', 'cp_requests AS t', path('t')),
    part(2, 't.nummer', 't.pseudonym', 'cp_toewijzingen AS t', path('t')),
    part(3, 'w.nummer', 't.id', 'cp_toewijzingen AS w CROSS JOIN cp_deliveries AS t', `${path('w')} AND t.gemeente = w.gemeente AND t.nummer = w.nummer`),
    part(4, 'k.i', 't.id', 'cp_deliveries AS t', `${path('t')} AND t.nummer IS NULL`),
  ];
  return `${keyList({ on: onPath }, count)} SELECT part, fact FROM (${parts.join(' UNION ALL ')}) AS r ORDER BY part, i, o1, o2`;
}

/** The keys of namedSql's parts, in part order (an empty list leaves its part out). */
interface NamedCounts {
  readonly messages: number;
  readonly pairs: number;
  readonly requests: number;
}

/**
 * The first round of a message's working set in one statement: the messages and the requests it names
 * (as keyedSql gives them: at most one row per key, the table's key, so in key order) and which of its
 * pairs have a relation (as existsSql), by part and then key position. Parameters in part order.
 */
function namedSql(counts: NamedCounts): string {
  return memoText(reads, `named ${counts.messages} ${counts.pairs} ${counts.requests}`, () => buildNamedSql(counts));
}
function buildNamedSql(counts: NamedCounts): string {
  const lists: string[] = [];
  const parts: string[] = [];
  let offset = 0;
  const add = (name: string, read: KeyedRead<never>, count: number, select: string): void => {
    if (count === 0) return;
    lists.push(namedKeyList(name, read, count, offset));
    offset += count * read.on.length;
    parts.push(select);
  };
  add('km', reads.message, counts.messages, `SELECT 0 AS part, km.i AS i, t.fact FROM km CROSS JOIN ${reads.message.from} AS t WHERE ${matches(reads.message, 'km')}`);
  add('kp', reads.pair, counts.pairs, `SELECT 1 AS part, kp.i AS i, NULL AS fact FROM kp WHERE EXISTS (SELECT 1 FROM ${reads.pair.from} AS t WHERE ${matches(reads.pair, 'kp')})`);
  add('kr', reads.request, counts.requests, `SELECT 2 AS part, kr.i AS i, t.fact FROM kr CROSS JOIN ${reads.request.from} AS t WHERE ${matches(reads.request, 'kr')}`);
  return `WITH ${lists.join(', ')} SELECT part, i, fact FROM (${parts.join(' UNION ALL ')}) AS r ORDER BY part, i`;
}

/**
 * What pathsSql reads of the deferred upserts: the relations, requests and toewijzingen on the paths,
 * and the deliveries in the paths' gemeenten (a delivery of a toewijzing on the path has the
 * toewijzing's gemeente; more than the read returns, never fewer).
 */
function pathTouches(keys: readonly PathK[]): Touch[] | undefined {
  const onPaths = keys.map(path);
  const parts = [
    touchesOf('cp_relations', onPath, onPaths),
    touchesOf('cp_requests', onPath, onPaths),
    touchesOf('cp_toewijzingen', onPath, onPaths),
    touchesOf('cp_deliveries', [['gemeente', 'text']], keys.map((k) => [k.gemeente])),
  ];
  return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
}

/** The deadline upsert's columns with its status ('open'), for the multi-row form. */
const deadlineBulkColumns = [...deadlineColumns.map((c) => ({ name: c.name, type: c.type })), { name: 'status', type: 'text' as const }];
// An open item with the same term stays as it is; otherwise the item is (re)opened with the new term.
const openDeadlineSuffix = `ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, rule = excluded.rule, gemeente = excluded.gemeente, aanbieder = excluded.aanbieder,
       pseudonym = excluded.pseudonym, owed_by = excluded.owed_by, due_day = excluded.due_day, overdue_on = excluded.overdue_on,
       fact = excluded.fact, status = 'open', closed_by_exchange = NULL
     WHERE NOT (cp_deadlines.status = 'open' AND cp_deadlines.due_day = excluded.due_day AND cp_deadlines.overdue_on = excluded.overdue_on)
     RETURNING id`;

const sql = {
  trackingSince: "SELECT value FROM care_path_meta WHERE name = 'tracking-since'",
  setTrackingSince: "INSERT INTO care_path_meta (name, value) VALUES ('tracking-since', $1) ON CONFLICT (name) DO NOTHING",
  requestsOfExchange: 'SELECT fact FROM cp_requests WHERE exchange_id = $1 ORDER BY aanbieder, referentie',
  toewijzingenOfExchange: 'SELECT fact FROM cp_toewijzingen WHERE exchange_id = $1 ORDER BY gemeente, nummer',
  deliveriesOfExchange: 'SELECT fact FROM cp_deliveries WHERE exchange_id = $1 OR removed_by_exchange = $1 ORDER BY id',
  openDeadline: `INSERT INTO cp_deadlines (${deadlineColumns.map((c) => c.name).join(', ')}, status)
     VALUES (${deadlineColumns.map((c, i) => `$${i + 1}${c.type === 'json' ? '::json' : ''}`).join(', ')}, 'open')
     ${openDeadlineSuffix}`,
  // The same upsert for many deadlines (PostgreSQL: one array per column); the ids must differ.
  openDeadlines: bulkInsertSql('cp_deadlines', deadlineBulkColumns, openDeadlineSuffix),
  closeById: "UPDATE cp_deadlines SET status = $2, closed_by_exchange = $3 WHERE id = $1 AND status = 'open' RETURNING id",
  // Only follow-up items are closed by path (DeadlineMatch), and only they are in the index that finds
  // them (migration 22: cp_deadlines_follow_up, partial, so the other items write no entry): the kind
  // is spelled in the text, as a partial index is used only where the statement implies its WHERE.
  closeByPath: `UPDATE cp_deadlines SET status = $1, closed_by_exchange = $2
     WHERE status = 'open' AND kind = 'follow-up' AND pseudonym = $3 AND ($4::text IS NULL OR gemeente = $4) AND ($5::text IS NULL OR aanbieder = $5)
     RETURNING id`,
};

/** The deadline statements read and change cp_deadlines only: the deferred fact upserts can wait. */
const deadlinesOnly = { touches: [] };

type FactRow = { readonly fact: unknown };
const optionsOf = (touches: readonly Touch[] | undefined): RunOptions | undefined => (touches === undefined ? undefined : { touches });
const facts = <F>(rows: readonly FactRow[]): F[] => rows.map((r) => fromJson(r.fact) as F);

/**
 * The care-path reads and writes of one transaction. `lockChain` takes the audit chain head first
 * (store-tx.ts); `multiRow` says the dialect runs multi-row statements (bulkInsertSql); `memo` is the
 * store's, kept across its transactions.
 */
export function carePathSql(db: TxDb, lockChain: () => Promise<void>, options: { readonly multiRow: boolean; readonly memo: CarePathMemo }) {
  /**
   * Whether a fact a read returned without flushing has a deferred upsert in this transaction. The
   * touches flush the deferred facts equal to the read's keys, which covers a fact upserted onto a key;
   * a deferred upsert that moves a fact off a key (a column the read matches on that is not the
   * table's key, such as a request's path) is found here, among the facts returned: the read is then
   * run again after every deferred write, so it answers exactly as if it had flushed first.
   */
  const superseded = (table: string, found: readonly unknown[]): boolean => {
    const write = writeOfTable.get(table);
    if (write === undefined || found.length === 0) return false;
    const pending = db.pending(write);
    if (pending.length === 0) return false;
    const keys = new Set(pending.map((row) => write.key(row)));
    return found.some((fact) => keys.has(write.key(fact as never)));
  };
  /** Runs a read with the options touches give (undefined: flush all); again after flushing all if one of its facts is superseded. */
  const readChecked = async <T>(touches: readonly Touch[] | undefined, run: (options: RunOptions | undefined) => Promise<T>, isSuperseded: (result: T) => boolean): Promise<T> => {
    const options = optionsOf(touches);
    const result = await run(options);
    return options !== undefined && isSuperseded(result) ? run(undefined) : result;
  };
  const read = async <F>(text: string, params: Params, touched?: { readonly table: string; readonly touches: readonly Touch[] | undefined }): Promise<F[]> =>
    readChecked(
      touched?.touches,
      async (options) => facts<F>(await db.all<FactRow>('carePathRows', text, params, options)),
      (found) => touched !== undefined && superseded(touched.table, found),
    );
  /** The rows of every key, in key order (then the read's order): as one statement per key gave them. */
  const eachKey = async <K, F>(keys: readonly K[], by: KeyedRead<K>): Promise<F[]> => {
    const out: F[] = [];
    for (let from = 0; from < keys.length; from += KEYS_PER_STATEMENT) {
      const chunk = keys.slice(from, from + KEYS_PER_STATEMENT);
      out.push(...(await read<F>(keyedSql(by, chunk.length), chunk.flatMap(by.key), { table: by.from, touches: touchesOf(by.from, by.on, chunk.map(by.key)) })));
    }
    return out;
  };
  const withCredits = async (prestaties: readonly PrestatieFact[]): Promise<PrestatieFact[]> => {
    const credits = await eachKey<PrestatieFact, PrestatieFact>(prestaties, reads.credits);
    return [...prestaties, ...credits];
  };
  const deliveriesOf = (toewijzingen: readonly ToewijzingK[]): Promise<DeliveryFact[]> => eachKey<ToewijzingK, DeliveryFact>(toewijzingen, reads.deliveriesOfToewijzing);

  /**
   * A pair that a deferred relation of this transaction has is there for certain (the upsert writes
   * the row with the relation's gemeente and aanbieder): only the others are asked, and the deferred
   * rows need not be written first. Where writes are not deferred (SQLite), all are asked.
   */
  const pairsToAsk = (keys: readonly PairKey[]): { has: (pair: PairKey) => boolean; asked: PairKey[] } => {
    const relation = factKeyOf(reads.pair.from, reads.pair.on);
    const pending = new Set(relation === undefined ? [] : db.pending(relation.write).map(relation.of));
    const has = (pair: PairKey): boolean => pending.size > 0 && pending.has(keyText(reads.pair.on, reads.pair.key(pair)));
    return { has, asked: keys.filter((pair) => !has(pair)) };
  };

  async function rows(q: CarePathQuery): Promise<CarePathRows> {
    switch (q.what) {
      case 'messages':
        return { messages: await eachKey(q.keys, reads.message) };
      case 'named': {
        const { messages, requests } = q;
        const { has, asked } = pairsToAsk(q.pairs);
        if ([messages, asked, requests].some((keys) => keys.length > KEYS_PER_STATEMENT)) {
          return { ...(await rows({ what: 'messages', keys: messages })), ...(await rows({ what: 'pairs', keys: q.pairs })), ...(await rows({ what: 'requests', keys: requests })) };
        }
        type Found = { messages: MessageFact[]; pairs: Set<PairKey>; requests: RequestFact[] };
        let found: Found = { messages: [], pairs: new Set(), requests: [] };
        if (messages.length + asked.length + requests.length > 0) {
          const paramsOf = <K>(read: KeyedRead<K>, keys: readonly K[]): Params[] => keys.map(read.key);
          const [m, p, r] = [paramsOf(reads.message, messages), paramsOf(reads.pair, asked), paramsOf(reads.request, requests)];
          const touches = [touchesOf(reads.message.from, reads.message.on, m), touchesOf(reads.pair.from, reads.pair.on, p), touchesOf(reads.request.from, reads.request.on, r)];
          const text = namedSql({ messages: messages.length, pairs: asked.length, requests: requests.length });
          found = await readChecked(
            touches.every((t) => t !== undefined) ? touches.flat() : undefined,
            async (options) => {
              const out: Found = { messages: [], pairs: new Set(), requests: [] };
              for (const row of await db.all<{ part: number; i: number; fact: unknown }>('carePathRows', text, [...m, ...p, ...r].flat(), options)) {
                if (row.part === 0) out.messages.push(fromJson(row.fact) as MessageFact);
                else if (row.part === 2) out.requests.push(fromJson(row.fact) as RequestFact);
                else {
                  const pair = asked[row.i];
                  if (pair !== undefined) out.pairs.add(pair);
                }
              }
              return out;
            },
            (out) => superseded(reads.message.from, out.messages) || superseded(reads.request.from, out.requests),
          );
        }
        return { messages: found.messages, pairs: q.pairs.filter((pair) => has(pair) || found.pairs.has(pair)), requests: found.requests };
      }
      case 'pairs': {
        const { has, asked } = pairsToAsk(q.keys);
        const found = new Set<PairKey>();
        for (let from = 0; from < asked.length; from += KEYS_PER_STATEMENT) {
          const chunk = asked.slice(from, from + KEYS_PER_STATEMENT);
          const params = chunk.map(reads.pair.key);
          const seen = await db.all<{ i: number }>('carePathRows', existsSql(reads.pair, chunk.length), params.flat(), optionsOf(touchesOf(reads.pair.from, reads.pair.on, params)));
          for (const { i } of seen) {
            const pair = chunk[i];
            if (pair !== undefined) found.add(pair);
          }
        }
        // In key order, as the statement gives them.
        return { pairs: q.keys.filter((pair) => has(pair) || found.has(pair)) };
      }
      case 'requests':
        return { requests: await eachKey(q.keys, reads.request) };
      case 'paths': {
        const parts = PATH_PARTS.map((): unknown[] => []);
        for (let from = 0; from < q.keys.length; from += KEYS_PER_STATEMENT) {
          const chunk = q.keys.slice(from, from + KEYS_PER_STATEMENT);
          const chunkParts = await readChecked(
            pathTouches(chunk),
            async (options) => {
              const out = PATH_PARTS.map((): unknown[] => []);
              for (const r of await db.all<{ part: number; fact: unknown }>('carePathRows', pathsSql(chunk.length), chunk.flatMap(path), options)) out[r.part]?.push(fromJson(r.fact));
              return out;
            },
            (out) => out.some((found, part) => superseded(PATH_PART_TABLES[part] ?? '', found)),
          );
          chunkParts.forEach((found, part) => parts[part]?.push(...found));
        }
        const [relations, requests, toewijzingen, ofToewijzingen, ofPaths] = parts as [RelationFact[], RequestFact[], ToewijzingFact[], DeliveryFact[], DeliveryFact[]];
        return { relations, requests, toewijzingen, deliveries: [...ofToewijzingen, ...ofPaths] };
      }
      case 'toewijzingen': {
        const prestaties = await withCredits(await eachKey(q.keys, reads.prestatiesOfToewijzing));
        return {
          toewijzingen: await eachKey(q.keys, reads.toewijzing),
          deliveries: await deliveriesOf(q.keys),
          prestaties,
          declaraties: await eachKey(prestaties, reads.declaratie),
        };
      }
      case 'declaraties':
        return { declaraties: await eachKey(q.keys, reads.declaratie) };
      case 'declaratiesByMessage': {
        const declaraties = await eachKey<(typeof q.keys)[number], DeclaratieFact>(q.keys, reads.declaratieByMessage);
        return { declaraties, prestaties: await eachKey(declaraties, reads.prestatiesOfDeclaratie) };
      }
      case 'prestaties':
        return { prestaties: await withCredits(await eachKey(q.keys, reads.prestatie)) };
      case 'exchange':
        return {
          requests: await read(sql.requestsOfExchange, [q.exchangeId]),
          toewijzingen: await read(sql.toewijzingenOfExchange, [q.exchangeId]),
          deliveries: await read(sql.deliveriesOfExchange, [q.exchangeId]),
        };
    }
  }

  const deadlineValues = (d: DeadlineFact): unknown[] => deadlineColumns.map((c) => (c.type === 'json' ? JSON.stringify(c.of(d)) : (c.of(d) ?? null)));
  /** Upserts deadlines with distinct ids: the ids opened anew or given a new term. */
  const openDeadlines = async (deadlines: readonly DeadlineFact[]): Promise<Set<string>> => {
    const done = new Set<string>();
    if (deadlines.length === 0) return done;
    if (options.multiRow && deadlines.length > 1) {
      const values = deadlines.map((d) => [...deadlineValues(d), 'open']);
      const columns = deadlineBulkColumns.map((_, i) => values.map((v) => v[i]));
      for (const r of await db.all<{ id: string }>('applyCarePathChanges', sql.openDeadlines, columns, deadlinesOnly)) done.add(r.id);
    } else {
      // SQLite: one statement per deadline. The same upsert as one VALUES list of rows took SQLite 2-2.5
      // times as long (measured: 5 rows in 160-195 µs against 64-83 µs as five statements).
      for (const d of deadlines) for (const r of await db.all<{ id: string }>('applyCarePathChanges', sql.openDeadline, deadlineValues(d), deadlinesOnly)) done.add(r.id);
    }
    return done;
  };

  const closeDeadlines = async (match: DeadlineMatch, status: string, byExchange: string): Promise<string[]> => {
    // The statement closes follow-up items only (its text names the kind, for the partial index):
    // another kind would silently close nothing, so it is refused (found in review).
    if (!('id' in match) && (match.kind as string) !== 'follow-up') throw new GatewayError('internal', { detail: `closeDeadlines by path: only follow-up items are closed by path, not ${match.kind as string}`, logOnlyDetail: true });
    const changed =
      'id' in match
        ? await db.all<{ id: string }>('applyCarePathChanges', sql.closeById, [match.id, status, byExchange], deadlinesOnly)
        : await db.all<{ id: string }>('applyCarePathChanges', sql.closeByPath, [status, byExchange, match.pseudonym, match.gemeente ?? null, match.aanbieder ?? null], deadlinesOnly);
    return changed.map((r) => r.id);
  };

  /** Whether this transaction wrote the tracking-since day: a value it then reads may not be committed. */
  let wroteTrackingSince = false;

  return {
    async carePathTrackingSince(): Promise<IsoDay | undefined> {
      await lockChain();
      if (options.memo.trackingSince !== undefined) return options.memo.trackingSince;
      // care_path_meta is written at once, never deferred: nothing needs flushing first.
      const [row] = await db.all<{ value: string }>('carePathTrackingSince', sql.trackingSince, [], { touches: [] });
      // Set, and not by this transaction (which may still roll back): committed, so it stays as it is.
      if (row !== undefined && !wroteTrackingSince) options.memo.trackingSince = row.value;
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
      // Deadlines to open, gathered up to the next statement on cp_deadlines or a deadline named again
      // (a multi-row upsert changes a row once), then upserted together; `last` is filled in the
      // order of the changes, as one upsert per change did.
      let pending: DeadlineFact[] = [];
      const pendingIds = new Set<string>();
      const openPending = async (): Promise<void> => {
        if (pending.length === 0) return;
        const run = pending;
        pending = [];
        pendingIds.clear();
        const done = await openDeadlines(run);
        for (const d of run) if (done.has(d.id)) last.set(d.id, 'open');
      };
      for (const change of changes) {
        switch (change.op) {
          case 'tracking-since':
            wroteTrackingSince = true;
            await db.run('applyCarePathChanges', sql.setTrackingSince, [change.day]);
            break;
          case 'open-deadline':
            if (pendingIds.has(change.deadline.id)) await openPending();
            pending.push(change.deadline);
            pendingIds.add(change.deadline.id);
            break;
          case 'close-deadlines':
            await openPending();
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
      await openPending();
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

/** Statement texts the migration tests explain (tests/integration/care-path-indexes-migration.test.ts). */
export const carePathStatementTexts = { closeByPath: sql.closeByPath } as const;
