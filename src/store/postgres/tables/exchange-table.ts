// Exchanges on PostgreSQL: insert, patch, read one, and a party's list (sent or received), newest
// first by (created_at, id), paged by an exchange-id cursor.

import type { PolicyDecision } from '../../../../consent/policy-decision.ts';
import { GatewayError } from '../../../errors/gateway-error.ts';
import type { ExchangeRow, ExchangeStatus, Store, StoreTx } from '../../store.ts';
import { bulkInsertSql, checkLimit, statement, toJson, type BulkInsert, type Sql, type TxSql } from '../pg-sql.ts';

interface ExchangeRecord {
  id: string;
  created_at: number;
  updated_at: number;
  sender: string;
  receiver: string | null;
  message_type: string;
  purpose: string | null;
  status: string;
  subject_pseudonym: string | null;
  trace_id: string;
  decision: unknown;
  reason: string | null;
  receiver_reference: string | null;
  delivered_at: number | null;
}

const columns = `id, created_at, updated_at, sender, receiver, message_type, purpose, status, subject_pseudonym,
  trace_id, decision, reason, receiver_reference, delivered_at`;

// A party's exchanges: two index-ordered branches (sender, receiver) merged; a party sending to
// itself appears once. `cursorCondition` narrows both branches to rows before the cursor.
const listSql = (cursorCondition: string): string => `
  SELECT ${columns} FROM (
    (SELECT ${columns} FROM exchanges WHERE sender = $1 ${cursorCondition} ORDER BY created_at DESC, id DESC LIMIT $2)
    UNION ALL
    (SELECT ${columns} FROM exchanges WHERE receiver = $1 AND sender <> $1 ${cursorCondition} ORDER BY created_at DESC, id DESC LIMIT $2)
  ) AS both_sides ORDER BY created_at DESC, id DESC LIMIT $2`;

const s = {
  insert: statement(
    'exchange_insert_bulk',
    bulkInsertSql('exchanges', [
      ['id', 'text'],
      ['created_at', 'bigint'],
      ['updated_at', 'bigint'],
      ['sender', 'text'],
      ['receiver', 'text'],
      ['message_type', 'text'],
      ['purpose', 'text'],
      ['status', 'text'],
      ['subject_pseudonym', 'text'],
      ['trace_id', 'text'],
      ['decision', 'text', 'json'],
      ['reason', 'text'],
      ['receiver_reference', 'text'],
      ['delivered_at', 'bigint'],
    ]),
  ),
  update: statement(
    'exchange_update',
    `UPDATE exchanges SET
       updated_at = $2,
       status = CASE WHEN $3::boolean THEN $4 ELSE status END,
       receiver_reference = CASE WHEN $5::boolean THEN $6 ELSE receiver_reference END,
       delivered_at = CASE WHEN $7::boolean THEN $8::bigint ELSE delivered_at END,
       reason = CASE WHEN $9::boolean THEN $10 ELSE reason END
     WHERE id = $1`,
  ),
  get: statement('exchange_get', `SELECT ${columns} FROM exchanges WHERE id = $1`),
  cursor: statement('exchange_cursor', 'SELECT created_at, id FROM exchanges WHERE id = $1'),
  list: statement('exchange_list', listSql('')),
  listBefore: statement('exchange_list_before', listSql('AND (created_at, id) < ($3::bigint, $4::text)')),
};

function toExchange(r: ExchangeRecord): ExchangeRow {
  return {
    id: r.id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sender: r.sender,
    receiver: r.receiver,
    messageType: r.message_type,
    purpose: r.purpose,
    status: r.status as ExchangeStatus,
    subjectPseudonym: r.subject_pseudonym,
    traceId: r.trace_id,
    decision: (r.decision ?? null) as PolicyDecision | null,
    reason: r.reason,
    receiverReference: r.receiver_reference,
    deliveredAt: r.delivered_at,
  };
}

/** Exchanges are written before the rows that reference them (outbox). */
const insertRows: BulkInsert<ExchangeRow> = {
  operation: 'insertExchange',
  order: 1,
  statement: s.insert,
  key: (r) => r.id,
  columns: (rows) => [
    rows.map((r) => r.id),
    rows.map((r) => r.createdAt),
    rows.map((r) => r.updatedAt),
    rows.map((r) => r.sender),
    rows.map((r) => r.receiver),
    rows.map((r) => r.messageType),
    rows.map((r) => r.purpose),
    rows.map((r) => r.status),
    rows.map((r) => r.subjectPseudonym),
    rows.map((r) => r.traceId),
    rows.map((r) => toJson(r.decision)),
    rows.map((r) => r.reason),
    rows.map((r) => r.receiverReference),
    rows.map((r) => r.deliveredAt),
  ],
};

export function exchangeTx(sql: TxSql): Pick<StoreTx, 'insertExchange' | 'updateExchange'> {
  return {
    insertExchange: (row) => sql.defer(insertRows, row),
    async updateExchange(id, patch) {
      const touches = [{ insert: insertRows as BulkInsert<never>, key: id }]; // an exchange inserted in this transaction
      const result = await sql.run('updateExchange', s.update, [
        id,
        patch.updatedAt,
        patch.status !== undefined,
        patch.status ?? null,
        patch.receiverReference !== undefined,
        patch.receiverReference ?? null,
        patch.deliveredAt !== undefined,
        patch.deliveredAt ?? null,
        patch.reason !== undefined,
        patch.reason ?? null,
      ], undefined, touches);
      if (result.rowCount === 0) throw new GatewayError('not-found', { detail: 'store: updateExchange on an unknown exchange' });
    },
  };
}

export function exchangeReads(sql: Sql): Pick<Store, 'getExchange' | 'listExchanges'> {
  return {
    async getExchange(id) {
      const { rows } = await sql.run<ExchangeRecord>('getExchange', s.get, [id]);
      return rows[0] === undefined ? undefined : toExchange(rows[0]);
    },
    async listExchanges(query) {
      const limit = checkLimit(query.limit);
      if (query.before === undefined) {
        if (limit === 0) return [];
        return (await sql.run<ExchangeRecord>('listExchanges', s.list, [query.party, limit])).rows.map(toExchange);
      }
      const cursor = (await sql.run<{ created_at: number; id: string }>('listExchanges', s.cursor, [query.before])).rows[0];
      if (cursor === undefined || limit === 0) return []; // an unknown cursor names no position
      const { rows } = await sql.run<ExchangeRecord>('listExchanges', s.listBefore, [query.party, limit, cursor.created_at, cursor.id]);
      return rows.map(toExchange);
    },
  };
}
