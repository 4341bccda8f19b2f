// The pull inbox on PostgreSQL: items a receiver fetches and acknowledges. Inserting the same
// exchange twice keeps the first (a redelivery after a lost settle must not duplicate an item). An
// item's payload goes when it is acknowledged, or at purgeAfter if it never is (payload-retention.ts).

import type { InboxItem, Store, StoreTx } from '../../store.ts';
import { bulkInsertSql, checkLimit, statement, toJson, type BulkWrite, type ChainLock, type Sql, type TxSql } from '../pg-sql.ts';

interface InboxRecord {
  exchange_id: string;
  receiver: string;
  sender: string;
  message_type: string;
  purpose: string;
  payload: unknown;
  created_at: number;
  acked_at: number | null;
  purge_after: number | null;
}

const columns = 'exchange_id, receiver, sender, message_type, purpose, payload, created_at, acked_at, purge_after';

const s = {
  insert: statement(
    'inbox_insert_bulk',
    bulkInsertSql(
      'inbox',
      [
        ['exchange_id', 'text'],
        ['receiver', 'text'],
        ['sender', 'text'],
        ['message_type', 'text'],
        ['purpose', 'text'],
        ['payload', 'text', 'json'],
        ['created_at', 'bigint'],
        ['acked_at', 'bigint'],
        ['purge_after', 'bigint'],
      ],
      'ON CONFLICT (exchange_id) DO NOTHING',
    ),
  ),
  ack: statement(
    'inbox_ack',
    'UPDATE inbox SET acked_at = $1, payload = NULL WHERE receiver = $2 AND exchange_id = $3 AND acked_at IS NULL',
  ),
  get: statement('inbox_get', `SELECT ${columns} FROM inbox WHERE receiver = $1 AND exchange_id = $2`),
  listOpen: statement(
    'inbox_list_open',
    `SELECT ${columns} FROM inbox WHERE receiver = $1 AND acked_at IS NULL ORDER BY created_at, exchange_id LIMIT $2`,
  ),
  listAll: statement('inbox_list_all', `SELECT ${columns} FROM inbox WHERE receiver = $1 ORDER BY created_at, exchange_id LIMIT $2`),
};

function toInbox(r: InboxRecord): InboxItem {
  return {
    exchangeId: r.exchange_id,
    receiver: r.receiver,
    sender: r.sender,
    messageType: r.message_type,
    purpose: r.purpose,
    payload: r.payload ?? null,
    createdAt: r.created_at,
    ackedAt: r.acked_at,
    purgeAfter: r.purge_after,
  };
}

const insertItems: BulkWrite<InboxItem> = {
  operation: 'insertInboxItem',
  order: 4,
  statement: s.insert,
  key: (r) => r.exchangeId,
  columns: (rows) => [
    rows.map((r) => r.exchangeId),
    rows.map((r) => r.receiver),
    rows.map((r) => r.sender),
    rows.map((r) => r.messageType),
    rows.map((r) => r.purpose),
    rows.map((r) => toJson(r.payload)),
    rows.map((r) => r.createdAt),
    rows.map((r) => r.ackedAt),
    rows.map((r) => r.purgeAfter),
  ],
};

export function inboxTx(sql: TxSql, lockChain: ChainLock): Pick<StoreTx, 'insertInboxItem' | 'ackInboxItem'> {
  return {
    insertInboxItem: (item) => sql.defer(insertItems, item),
    async ackInboxItem(receiver, exchangeId, now) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the row
      const touches = [{ insert: insertItems as BulkWrite<never>, key: exchangeId }]; // an item inserted in this transaction
      return (await sql.run('ackInboxItem', s.ack, [now, receiver, exchangeId], undefined, touches)).rowCount === 1;
    },
  };
}

export function inboxReads(sql: Sql): Pick<Store, 'listInbox' | 'getInboxItem'> {
  return {
    async listInbox(receiver, query) {
      const limit = checkLimit(query.limit);
      const stmt = query.includeAcknowledged ? s.listAll : s.listOpen;
      return (await sql.run<InboxRecord>('listInbox', stmt, [receiver, limit])).rows.map(toInbox);
    },
    async getInboxItem(receiver, exchangeId) {
      const { rows } = await sql.run<InboxRecord>('getInboxItem', s.get, [receiver, exchangeId]);
      return rows[0] === undefined ? undefined : toInbox(rows[0]);
    },
  };
}
