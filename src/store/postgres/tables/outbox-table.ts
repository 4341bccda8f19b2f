// The outbox on PostgreSQL: the durable queue every dispatcher in every process claims from.
//
// A claim is one statement: pick due, pending rows whose lease is free or expired, locking them with
// FOR UPDATE SKIP LOCKED (so concurrent claimers, here or in other processes, never wait for each
// other and never pick the same row), and lease them to the claimer until now + leaseMs. A process
// that dies holding leases simply stops settling; when the lease expires the rows are due again and
// another dispatcher claims them (issue 4 item 3). Settling applies the outcome only while the
// settler still holds the lease, so a dispatcher that lost its lease to a takeover cannot overwrite
// the new owner's outcome.

import type { OutboxPatch, OutboxRow, OutboxStatus, Store, StoreTx } from '../../store.ts';
import { bulkInsertSql, checkLimit, statement, toJson, type BulkWrite, type ChainLock, type Sql, type TxSql } from '../pg-sql.ts';

interface OutboxRecord {
  exchange_id: string;
  receiver: string;
  adapter_kind: string;
  endpoint: string | null;
  message_type: string;
  sender: string;
  purpose: string;
  payload: unknown;
  traceparent: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  delivered_at: number | null;
  purge_after: number | null;
  created_at: number;
}

const columns = `exchange_id, receiver, adapter_kind, endpoint, message_type, sender, purpose, payload, traceparent,
  status, attempts, next_attempt_at, lease_owner, lease_until, last_error, delivered_at, purge_after, created_at`;

const s = {
  insert: statement(
    'outbox_insert_bulk',
    bulkInsertSql('outbox', [
      ['exchange_id', 'text'],
      ['receiver', 'text'],
      ['adapter_kind', 'text'],
      ['endpoint', 'text'],
      ['message_type', 'text'],
      ['sender', 'text'],
      ['purpose', 'text'],
      ['payload', 'text', 'json'],
      ['traceparent', 'text'],
      ['status', 'text'],
      ['attempts', 'integer'],
      ['next_attempt_at', 'bigint'],
      ['lease_owner', 'text'],
      ['lease_until', 'bigint'],
      ['last_error', 'text'],
      ['delivered_at', 'bigint'],
      ['purge_after', 'bigint'],
      ['created_at', 'bigint'],
    ]),
  ),
  settle: statement(
    'outbox_settle',
    `UPDATE outbox SET
       status = CASE WHEN $3::boolean THEN $4 ELSE status END,
       attempts = CASE WHEN $5::boolean THEN $6::integer ELSE attempts END,
       next_attempt_at = CASE WHEN $7::boolean THEN $8::bigint ELSE next_attempt_at END,
       last_error = CASE WHEN $9::boolean THEN $10 ELSE last_error END,
       delivered_at = CASE WHEN $11::boolean THEN $12::bigint ELSE delivered_at END,
       purge_after = CASE WHEN $13::boolean THEN $14::bigint ELSE purge_after END,
       lease_owner = NULL,
       lease_until = NULL
     WHERE exchange_id = $1 AND lease_owner = $2`,
  ),
  get: statement('outbox_get', `SELECT ${columns} FROM outbox WHERE exchange_id = $1`),
  claim: statement(
    'outbox_claim',
    `WITH due AS (
       SELECT exchange_id FROM outbox
        WHERE status = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
        ORDER BY next_attempt_at, exchange_id
        LIMIT $4
        FOR UPDATE SKIP LOCKED)
     UPDATE outbox SET lease_owner = $1, lease_until = $2
       FROM due WHERE outbox.exchange_id = due.exchange_id
     RETURNING ${columns.split(',').map((c) => `outbox.${c.trim()}`).join(', ')}`,
  ),
  count: statement('outbox_count', 'SELECT status, count(*) AS n FROM outbox GROUP BY status'),
};

function toOutbox(r: OutboxRecord): OutboxRow {
  return {
    exchangeId: r.exchange_id,
    receiver: r.receiver,
    adapterKind: r.adapter_kind,
    endpoint: r.endpoint,
    messageType: r.message_type,
    sender: r.sender,
    purpose: r.purpose,
    payload: r.payload ?? null,
    traceparent: r.traceparent,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    purgeAfter: r.purge_after,
    createdAt: r.created_at,
  };
}

/** After the exchanges they reference. */
export const insertOutboxRows: BulkWrite<OutboxRow> = {
  operation: 'insertOutbox',
  order: 2,
  statement: s.insert,
  key: (r) => r.exchangeId,
  columns: (rows) => [
    rows.map((r) => r.exchangeId),
    rows.map((r) => r.receiver),
    rows.map((r) => r.adapterKind),
    rows.map((r) => r.endpoint),
    rows.map((r) => r.messageType),
    rows.map((r) => r.sender),
    rows.map((r) => r.purpose),
    rows.map((r) => toJson(r.payload)),
    rows.map((r) => r.traceparent),
    rows.map((r) => r.status),
    rows.map((r) => r.attempts),
    rows.map((r) => r.nextAttemptAt),
    rows.map((r) => r.leaseOwner),
    rows.map((r) => r.leaseUntil),
    rows.map((r) => r.lastError),
    rows.map((r) => r.deliveredAt),
    rows.map((r) => r.purgeAfter),
    rows.map((r) => r.createdAt),
  ],
};

/** The parameters of the OutboxPatch fields (a "set" flag, then the value), shared by settle and transition. */
export function outboxPatchValues(patch: OutboxPatch): unknown[] {
  return [
    patch.status !== undefined,
    patch.status ?? null,
    patch.attempts !== undefined,
    patch.attempts ?? null,
    patch.nextAttemptAt !== undefined,
    patch.nextAttemptAt ?? null,
    patch.lastError !== undefined,
    patch.lastError ?? null,
    patch.deliveredAt !== undefined,
    patch.deliveredAt ?? null,
    patch.purgeAfter !== undefined,
    patch.purgeAfter ?? null,
  ];
}

export function outboxTx(sql: TxSql, lockChain: ChainLock): Pick<StoreTx, 'insertOutbox' | 'settleOutbox'> {
  return {
    insertOutbox: (row) => sql.defer(insertOutboxRows, row),
    async settleOutbox(exchangeId, owner, patch) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the row
      const touches = [{ insert: insertOutboxRows as BulkWrite<never>, key: exchangeId }]; // a row inserted in this transaction
      const result = await sql.run('settleOutbox', s.settle, [exchangeId, owner, ...outboxPatchValues(patch)], undefined, touches);
      return result.rowCount === 1;
    },
  };
}

export function outboxReads(sql: Sql): Pick<Store, 'claimDueDeliveries' | 'getOutbox' | 'countOutbox'> {
  return {
    async claimDueDeliveries(query) {
      const limit = checkLimit(query.limit);
      if (limit === 0) return [];
      const { rows } = await sql.run<OutboxRecord>('claimDueDeliveries', s.claim, [query.owner, query.now + query.leaseMs, query.now, limit]);
      return rows.map(toOutbox).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.exchangeId < b.exchangeId ? -1 : 1));
    },
    async getOutbox(exchangeId) {
      const { rows } = await sql.run<OutboxRecord>('getOutbox', s.get, [exchangeId]);
      return rows[0] === undefined ? undefined : toOutbox(rows[0]);
    },
    async countOutbox() {
      const counts: Record<OutboxStatus, number> = { pending: 0, delivered: 0, dead: 0, cancelled: 0 };
      const { rows } = await sql.run<{ status: string; n: number }>('countOutbox', s.count, []);
      for (const { status, n } of rows) {
        if (status in counts) counts[status as OutboxStatus] = n;
      }
      return counts;
    },
  };
}
