// The audit log on PostgreSQL: one hash chain for every process that shares the database.
//
// auditHead() reads the one-row `audit_head` table with SELECT ... FOR UPDATE: the row lock is held
// until the transaction ends, so a second appender (in this process or any other) waits there until
// the first has committed or rolled back, and then reads the head the first left (FOR UPDATE re-reads
// the newest committed version of the row after the wait). insertAudit writes the record and moves
// the head in one statement. Seq comes from the head, not from a sequence, so a rolled-back append
// leaves no gap. The lock is taken inside the same transaction that writes the exchange and its
// outbox row (architecture.md, Audit log; issue 4 item 2).

import type { AuditRecord } from '../../../audit/audit-record.ts';
import type { AuditQuery, Store, StoreTx } from '../../store.ts';
import { checkLimit, minSeq, statement, type Sql } from '../pg-sql.ts';

const s = {
  head: statement('audit_head', 'SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE'),
  insert: statement(
    'audit_insert',
    `WITH inserted AS (
       INSERT INTO audit (seq, time, exchange_id, actor, counterparty, action, outcome, prev_hash, hash, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING seq, hash)
     UPDATE audit_head SET seq = inserted.seq, hash = inserted.hash
       FROM inserted WHERE audit_head.id = 1 AND audit_head.seq < inserted.seq`,
  ),
  chain: statement('audit_chain', 'SELECT record FROM audit WHERE seq >= $1 ORDER BY seq LIMIT $2'),
  listAll: statement('audit_list_all', 'SELECT record FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2'),
  listExchange: statement('audit_list_exchange', 'SELECT record FROM audit WHERE exchange_id = $1 AND seq > $2 ORDER BY seq LIMIT $3'),
  // Two index-ordered branches, each at most `limit` rows, instead of sorting every record of the party.
  listParty: statement(
    'audit_list_party',
    `SELECT record FROM (
       (SELECT record, seq FROM audit WHERE actor = $1 AND seq > $2 ORDER BY seq LIMIT $3)
       UNION ALL
       (SELECT record, seq FROM audit WHERE counterparty = $1 AND actor <> $1 AND seq > $2 ORDER BY seq LIMIT $3)
     ) AS both_sides ORDER BY seq LIMIT $3`,
  ),
  listExchangeParty: statement(
    'audit_list_exchange_party',
    `SELECT record FROM audit WHERE exchange_id = $1 AND (actor = $2 OR counterparty = $2) AND seq > $3
     ORDER BY seq LIMIT $4`,
  ),
};

interface RecordRow {
  record: string;
}

/** The record exactly as written: key order survives (the text column holds the JSON as inserted). */
const toRecords = (rows: RecordRow[]): AuditRecord[] => rows.map((r) => JSON.parse(r.record) as AuditRecord);

export function auditTx(sql: Sql): Pick<StoreTx, 'auditHead' | 'insertAudit'> {
  return {
    async auditHead() {
      const { rows } = await sql.run<{ seq: number; hash: string | null }>('auditHead', s.head, []);
      const head = rows[0];
      if (head === undefined || head.seq === 0 || head.hash === null) return undefined;
      return { seq: head.seq, hash: head.hash };
    },
    async insertAudit(record) {
      await sql.run(
        'insertAudit',
        s.insert,
        [
          record.seq,
          record.time,
          record.exchangeId ?? null,
          record.actor,
          record.counterparty ?? null,
          record.action,
          record.outcome,
          record.prevHash,
          record.hash,
          JSON.stringify(record),
        ],
        'audit-write-failed',
      );
    },
  };
}

export function auditReads(sql: Sql): Pick<Store, 'listAudit' | 'readAuditChain'> {
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
  };
}
