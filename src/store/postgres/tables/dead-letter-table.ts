// The operators' view of the outbox on PostgreSQL (migration 3, issue 6): rows of one status listed
// oldest first without their payloads (dead letters above all), the age of the oldest (metrics), and
// guarded transitions: a replay or discard applies only while the row still has the status it was
// seen with and no dispatcher holds it, so an operator and a dispatcher (or two operators, in any
// processes) never both change a row. The chain head is locked first (the lock order in pg-sql.ts).

import type { OutboxEntry, OutboxStatus, Store, StoreTx } from '../../store.ts';
import { checkLimit, statement, toJson, type BulkWrite, type ChainLock, type Sql, type TxSql } from '../pg-sql.ts';
import { insertOutboxRows, outboxPatchValues } from './outbox-table.ts';

interface OutboxEntryRecord {
  exchange_id: string;
  receiver: string;
  adapter_kind: string;
  endpoint: string | null;
  message_type: string;
  sender: string;
  purpose: string;
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
  purged: boolean;
}

const entryColumns = `exchange_id, receiver, adapter_kind, endpoint, message_type, sender, purpose, traceparent, status, attempts,
  next_attempt_at, lease_owner, lease_until, last_error, delivered_at, purge_after, created_at, (payload IS NULL) AS purged`;

const s = {
  transition: statement(
    'outbox_transition',
    `UPDATE outbox SET
       status = CASE WHEN $3::boolean THEN $4 ELSE status END,
       attempts = CASE WHEN $5::boolean THEN $6::integer ELSE attempts END,
       next_attempt_at = CASE WHEN $7::boolean THEN $8::bigint ELSE next_attempt_at END,
       last_error = CASE WHEN $9::boolean THEN $10 ELSE last_error END,
       delivered_at = CASE WHEN $11::boolean THEN $12::bigint ELSE delivered_at END,
       purge_after = CASE WHEN $13::boolean THEN $14::bigint ELSE purge_after END,
       payload = CASE WHEN $15::boolean THEN $16::json ELSE payload END,
       adapter_kind = CASE WHEN $17::boolean THEN $18 ELSE adapter_kind END,
       endpoint = CASE WHEN $19::boolean THEN $20 ELSE endpoint END
     WHERE exchange_id = $1 AND status = $2 AND lease_owner IS NULL`,
  ),
  cursor: statement('outbox_entry_cursor', 'SELECT created_at, exchange_id FROM outbox WHERE exchange_id = $1'),
  list: statement(
    'outbox_entry_list',
    `SELECT ${entryColumns} FROM outbox WHERE status = $1 AND (created_at, exchange_id) > ($2::bigint, $3::text)
      ORDER BY created_at, exchange_id LIMIT $4`,
  ),
  listForReceiver: statement(
    'outbox_entry_list_receiver',
    `SELECT ${entryColumns} FROM outbox WHERE status = $1 AND receiver = $5 AND (created_at, exchange_id) > ($2::bigint, $3::text)
      ORDER BY created_at, exchange_id LIMIT $4`,
  ),
  oldest: statement('outbox_oldest', 'SELECT min(created_at) AS oldest FROM outbox WHERE status = $1'),
};

function toOutboxEntry(r: OutboxEntryRecord): OutboxEntry {
  return {
    exchangeId: r.exchange_id,
    receiver: r.receiver,
    adapterKind: r.adapter_kind,
    endpoint: r.endpoint,
    messageType: r.message_type,
    sender: r.sender,
    purpose: r.purpose,
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
    payloadPurged: r.purged,
  };
}

export function deadLetterTx(sql: TxSql, lockChain: ChainLock): Pick<StoreTx, 'transitionOutbox'> {
  return {
    async transitionOutbox(exchangeId, from, patch) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the row
      const touches = [{ insert: insertOutboxRows as BulkWrite<never>, key: exchangeId }]; // a row inserted in this transaction
      const values = [
        exchangeId,
        from,
        ...outboxPatchValues(patch),
        'payload' in patch,
        toJson(patch.payload),
        patch.adapterKind !== undefined,
        patch.adapterKind ?? null,
        'endpoint' in patch,
        patch.endpoint ?? null,
      ];
      return (await sql.run('transitionOutbox', s.transition, values, undefined, touches)).rowCount === 1;
    },
  };
}

export function deadLetterReads(sql: Sql): Pick<Store, 'listOutbox' | 'oldestOutboxCreatedAt'> {
  return {
    async listOutbox(query) {
      const limit = checkLimit(query.limit);
      let afterCreated = -Number.MAX_SAFE_INTEGER;
      let afterId = '';
      if (query.after !== undefined) {
        const cursor = (await sql.run<{ created_at: number; exchange_id: string }>('listOutbox', s.cursor, [query.after])).rows[0];
        if (cursor === undefined) return []; // an unknown cursor names no position
        afterCreated = cursor.created_at;
        afterId = cursor.exchange_id;
      }
      if (limit === 0) return [];
      const { rows } =
        query.receiver === undefined
          ? await sql.run<OutboxEntryRecord>('listOutbox', s.list, [query.status, afterCreated, afterId, limit])
          : await sql.run<OutboxEntryRecord>('listOutbox', s.listForReceiver, [query.status, afterCreated, afterId, limit, query.receiver]);
      return rows.map(toOutboxEntry);
    },
    async oldestOutboxCreatedAt(status) {
      const { rows } = await sql.run<{ oldest: number | null }>('oldestOutboxCreatedAt', s.oldest, [status]);
      return rows[0]?.oldest ?? null;
    },
  };
}
