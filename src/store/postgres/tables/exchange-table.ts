// Exchanges on PostgreSQL: insert, patch, read one, and a party's list (sent or received), newest
// first by (created_at, id), paged by an exchange-id cursor.

import type { PolicyDecision } from '../../../kernel/policy-decision.ts';
import { GatewayError } from '../../../kernel/gateway-error.ts';
import type { ExchangePatch, ExchangeRow, ExchangeStatus, Store, StoreTx } from '../../store.ts';
import { bulkInsertSql, checkLimit, statement, toJson, type BulkWrite, type Sql, type TxSql } from '../pg-sql.ts';

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
// itself appears once. A refused exchange was never received: only its sender sees it (the policy
// decided the receiver must not learn of it). `cursorCondition` narrows both branches to rows before
// the cursor.
const listSql = (cursorCondition: string): string => `
  SELECT ${columns} FROM (
    (SELECT ${columns} FROM exchanges WHERE sender = $1 ${cursorCondition} ORDER BY created_at DESC, id DESC LIMIT $2)
    UNION ALL
    (SELECT ${columns} FROM exchanges WHERE receiver = $1 AND sender <> $1 AND status <> 'refused' ${cursorCondition}
      ORDER BY created_at DESC, id DESC LIMIT $2)
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
  // Patches of many exchanges in one statement: each row says which fields it sets.
  update: statement(
    'exchange_update_bulk',
    `UPDATE exchanges AS e SET
       updated_at = u.updated_at,
       status = CASE WHEN u.has_status THEN u.status ELSE e.status END,
       receiver_reference = CASE WHEN u.has_receiver_reference THEN u.receiver_reference ELSE e.receiver_reference END,
       delivered_at = CASE WHEN u.has_delivered_at THEN u.delivered_at ELSE e.delivered_at END,
       reason = CASE WHEN u.has_reason THEN u.reason ELSE e.reason END
     FROM unnest($1::text[], $2::bigint[], $3::boolean[], $4::text[], $5::boolean[], $6::text[], $7::boolean[], $8::bigint[],
                 $9::boolean[], $10::text[])
       AS u(id, updated_at, has_status, status, has_receiver_reference, receiver_reference, has_delivered_at, delivered_at,
            has_reason, reason)
     WHERE e.id = u.id
     RETURNING e.id`,
  ),
  get: statement('exchange_get', `SELECT ${columns} FROM exchanges WHERE id = $1`),
  cursor: statement('exchange_cursor', 'SELECT created_at, id FROM exchanges WHERE id = $1'),
  list: statement('exchange_list', listSql('')),
  listBefore: statement('exchange_list_before', listSql('AND (created_at, id) < ($3::bigint, $4::text)')),
  // A child's exchanges, oldest first (index exchanges_subject, migration 2).
  bySubject: statement('exchange_by_subject', `SELECT ${columns} FROM exchanges WHERE subject_pseudonym = $1 ORDER BY created_at, id LIMIT $2`),
  bySubjectAfter: statement(
    'exchange_by_subject_after',
    `SELECT ${columns} FROM exchanges WHERE subject_pseudonym = $1 AND (created_at, id) > ($3::bigint, $4::text)
      ORDER BY created_at, id LIMIT $2`,
  ),
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
const insertRows: BulkWrite<ExchangeRow> = {
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

interface Patch {
  readonly id: string;
  readonly patch: ExchangePatch;
}

/** After the inserts (an exchange may be patched in the transaction that inserted it). */
const updateRows: BulkWrite<Patch> = {
  operation: 'updateExchange',
  order: 1.5,
  statement: s.update,
  key: (r) => r.id,
  columns: (rows) => [
    rows.map((r) => r.id),
    rows.map((r) => r.patch.updatedAt),
    rows.map((r) => r.patch.status !== undefined),
    rows.map((r) => r.patch.status ?? null),
    rows.map((r) => r.patch.receiverReference !== undefined),
    rows.map((r) => r.patch.receiverReference ?? null),
    rows.map((r) => r.patch.deliveredAt !== undefined),
    rows.map((r) => r.patch.deliveredAt ?? null),
    rows.map((r) => r.patch.reason !== undefined),
    rows.map((r) => r.patch.reason ?? null),
  ],
  verify(result, rows) {
    if ((result.rowCount ?? 0) < rows.length) {
      throw new GatewayError('not-found', { detail: 'store: updateExchange on an unknown exchange' });
    }
  },
};

export function exchangeTx(sql: TxSql): Pick<StoreTx, 'insertExchange' | 'updateExchange'> {
  return {
    insertExchange: (row) => sql.defer(insertRows, row),
    // Deferred: an unknown exchange fails the transaction with not-found (at its next flush).
    updateExchange: (id, patch) => sql.defer(updateRows, { id, patch }),
  };
}

export function exchangeReads(sql: Sql): Pick<Store, 'getExchange' | 'listExchanges' | 'listExchangesBySubject'> {
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
    async listExchangesBySubject(subjectPseudonym, query) {
      const limit = checkLimit(query.limit);
      if (query.after === undefined) {
        if (limit === 0) return [];
        return (await sql.run<ExchangeRecord>('listExchangesBySubject', s.bySubject, [subjectPseudonym, limit])).rows.map(toExchange);
      }
      const cursor = (await sql.run<{ created_at: number; id: string }>('listExchangesBySubject', s.cursor, [query.after])).rows[0];
      if (cursor === undefined || limit === 0) return []; // an unknown cursor names no position
      const { rows } = await sql.run<ExchangeRecord>('listExchangesBySubject', s.bySubjectAfter, [subjectPseudonym, limit, cursor.created_at, cursor.id]);
      return rows.map(toExchange);
    },
  };
}
