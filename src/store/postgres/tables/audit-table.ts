// The audit log on PostgreSQL: one hash chain for every process that shares the database.
//
// The first auditHead() of a transaction reads the one-row `audit_head` table with SELECT ... FOR
// UPDATE: the row lock is held until the transaction ends, so a second appender (in this process or
// any other) waits there until the first has committed or rolled back, and then reads the head the
// first left (FOR UPDATE re-reads the newest committed version of the row after the wait). While the
// transaction holds the lock nobody else can move the head, so later auditHead() calls answer from
// what this transaction knows (the head it read, moved by its own inserts) without a round trip.
// insertAudit is deferred (pg-sql.ts): the records of a transaction are written, and the head moved
// to the last of them, in one statement. Seq comes from the head, not from a sequence, so a rolled-back append
// leaves no gap. The lock is taken inside the same transaction that writes the exchange and its
// outbox row (architecture.md, Audit log; issue 4 item 2).

import type { AuditRecord } from '../../../kernel/audit-record.ts';
import type { AuditQuery, AuditSearch, Store, StoreTx } from '../../store.ts';
import { bulkInsertSql, checkLimit, minSeq, statement, type BulkWrite, type Sql, type TxSql } from '../pg-sql.ts';

const s = {
  head: statement('audit_head', 'SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE'),
  insert: statement(
    'audit_insert_bulk',
    `WITH inserted AS (
       ${bulkInsertSql(
         'audit',
         [
           ['seq', 'bigint'],
           ['time', 'text'],
           ['exchange_id', 'text'],
           ['actor', 'text'],
           ['counterparty', 'text'],
           ['action', 'text'],
           ['outcome', 'text'],
           ['prev_hash', 'text'],
           ['hash', 'text'],
           ['record', 'text'],
           ['data_subject_id', 'text'],
           ['purpose', 'text'],
         ],
         'RETURNING seq, hash',
       )})
     UPDATE audit_head SET seq = top.seq, hash = top.hash
       FROM (SELECT seq, hash FROM inserted ORDER BY seq DESC LIMIT 1) AS top
      WHERE audit_head.id = 1 AND audit_head.seq < top.seq`,
  ),
  chain: statement('audit_chain', 'SELECT record FROM audit WHERE seq >= $1 ORDER BY seq LIMIT $2'),
  listAll: statement('audit_list_all', 'SELECT record FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2'),
  listExchange: statement('audit_list_exchange', 'SELECT record FROM audit WHERE exchange_id = $1 AND seq > $2 ORDER BY seq LIMIT $3'),
  // Two index-ordered branches, each at most `limit` rows, instead of sorting every record of the party.
  // A refused submission is not shown to the party it was meant for (see listExchanges).
  listParty: statement(
    'audit_list_party',
    `SELECT record FROM (
       (SELECT record, seq FROM audit WHERE actor = $1 AND seq > $2 ORDER BY seq LIMIT $3)
       UNION ALL
       (SELECT record, seq FROM audit WHERE counterparty = $1 AND actor <> $1 AND seq > $2
           AND NOT (action = 'exchange.submit' AND outcome = 'refused') ORDER BY seq LIMIT $3)
     ) AS both_sides ORDER BY seq LIMIT $3`,
  ),
  listExchangeParty: statement(
    'audit_list_exchange_party',
    `SELECT record FROM audit WHERE exchange_id = $1 AND seq > $3
       AND (actor = $2 OR (counterparty = $2 AND NOT (action = 'exchange.submit' AND outcome = 'refused')))
     ORDER BY seq LIMIT $4`,
  ),
};

interface RecordRow {
  record: string;
}

/** The record exactly as written: key order survives (the text column holds the JSON as inserted). */
const toRecords = (rows: RecordRow[]): AuditRecord[] => rows.map((r) => JSON.parse(r.record) as AuditRecord);

const insertRecords: BulkWrite<AuditRecord> = {
  operation: 'insertAudit',
  order: 0,
  onConstraint: 'audit-write-failed',
  statement: s.insert,
  key: (r) => String(r.seq),
  columns: (rows) => [
    rows.map((r) => r.seq),
    rows.map((r) => r.time),
    rows.map((r) => r.exchangeId ?? null),
    rows.map((r) => r.actor),
    rows.map((r) => r.counterparty ?? null),
    rows.map((r) => r.action),
    rows.map((r) => r.outcome),
    rows.map((r) => r.prevHash),
    rows.map((r) => r.hash),
    rows.map((r) => JSON.stringify(r)),
    // Copies for searchAudit (migration 2): taken from the record here, never parsed by PostgreSQL.
    rows.map((r) => r.dataSubjectId ?? null),
    rows.map((r) => r.purpose ?? null),
  ],
};

type Head = { readonly seq: number; readonly hash: string } | undefined;

export function auditTx(sql: TxSql): Pick<StoreTx, 'auditHead' | 'insertAudit'> {
  /** Set once this transaction holds the head's lock: the head as this transaction has moved it. */
  let locked: { head: Head } | undefined;
  return {
    async auditHead() {
      if (locked === undefined) {
        // Only records this transaction buffered before taking the lock would move the head in the table.
        const { rows } = await sql.run<{ seq: number; hash: string | null }>('auditHead', s.head, [], undefined, [{ insert: insertRecords }]);
        const row = rows[0];
        locked = { head: row === undefined || row.seq === 0 || row.hash === null ? undefined : { seq: row.seq, hash: row.hash } };
      }
      return locked.head === undefined ? undefined : { ...locked.head };
    },
    insertAudit(record) {
      const buffered = sql.defer(insertRecords, record);
      if (locked !== undefined && (locked.head === undefined || record.seq > locked.head.seq)) {
        locked.head = { seq: record.seq, hash: record.hash };
      }
      return buffered;
    },
  };
}

// searchAudit: one statement per combination of filters (at most 2^7, each prepared once per
// connection), built from fixed fragments only; every value is a bound parameter.
const searchFilters = [
  ['dataSubjectId', 'data_subject_id = $'],
  ['party', '(actor = $ OR counterparty = $)'],
  ['purpose', 'purpose = $'],
  ['outcome', 'outcome = $'],
  ['action', 'action = $'],
  // ISO 8601 UTC times compare as text, byte by byte.
  ['from', 'time COLLATE "C" >= $'],
  ['to', 'time COLLATE "C" < $'],
] as const satisfies readonly (readonly [keyof AuditSearch, string])[];

function searchStatement(query: AuditSearch): { statement: ReturnType<typeof statement>; values: unknown[] } {
  const values: unknown[] = [query.afterSeq ?? minSeq, query.limit];
  const where = ['seq > $1'];
  let mask = 0;
  searchFilters.forEach(([field, fragment], bit) => {
    const value = query[field];
    if (value === undefined) return;
    values.push(value);
    where.push(fragment.replaceAll('$', `$${values.length}`));
    mask |= 1 << bit;
  });
  return {
    statement: statement(`audit_search_${mask}`, `SELECT record FROM audit WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $2`),
    values,
  };
}

export function auditReads(sql: Sql): Pick<Store, 'listAudit' | 'readAuditChain' | 'searchAudit'> {
  return {
    async listAudit(query: AuditQuery) {
      const limit = checkLimit(query.limit);
      if (limit === 0) return [];
      const after = query.afterSeq ?? minSeq;
      let result;
      if (query.exchangeId !== undefined && query.party !== undefined) {
        result = await sql.run<RecordRow>('listAudit', s.listExchangeParty, [query.exchangeId, query.party, after, limit]);
      } else if (query.exchangeId !== undefined) {
        result = await sql.run<RecordRow>('listAudit', s.listExchange, [query.exchangeId, after, limit]);
      } else if (query.party !== undefined) {
        result = await sql.run<RecordRow>('listAudit', s.listParty, [query.party, after, limit]);
      } else {
        result = await sql.run<RecordRow>('listAudit', s.listAll, [after, limit]);
      }
      return toRecords(result.rows);
    },
    async readAuditChain(fromSeq, limit) {
      const n = checkLimit(limit);
      if (n === 0) return [];
      return toRecords((await sql.run<RecordRow>('readAuditChain', s.chain, [fromSeq, n])).rows);
    },
    async searchAudit(query) {
      if (checkLimit(query.limit) === 0) return [];
      const { statement: search, values } = searchStatement(query);
      return toRecords((await sql.run<RecordRow>('searchAudit', search, values)).rows);
    },
  };
}
