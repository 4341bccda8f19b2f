// The pull inbox on PostgreSQL: items a receiver fetches and acknowledges. Inserting the same
// exchange twice keeps the first (a redelivery after a lost settle must not duplicate an item).

import type { InboxItem, Store, StoreTx } from '../../store.ts';
import { checkLimit, statement, toJson, type Sql } from '../pg-sql.ts';

interface InboxRecord {
  exchange_id: string;
  receiver: string;
  sender: string;
  message_type: string;
  purpose: string;
  payload: unknown;
  created_at: number;
  acked_at: number | null;
}

const columns = 'exchange_id, receiver, sender, message_type, purpose, payload, created_at, acked_at';

const s = {
  insert: statement(
    'inbox_insert',
    `INSERT INTO inbox (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (exchange_id) DO NOTHING`,
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
  };
}

export function inboxTx(sql: Sql): Pick<StoreTx, 'insertInboxItem' | 'ackInboxItem'> {
  return {
    async insertInboxItem(item) {
      await sql.run('insertInboxItem', s.insert, [
        item.exchangeId,
        item.receiver,
        item.sender,
        item.messageType,
        item.purpose,
        toJson(item.payload),
        item.createdAt,
        item.ackedAt,
      ]);
    },
    async ackInboxItem(receiver, exchangeId, now) {
      return (await sql.run('ackInboxItem', s.ack, [now, receiver, exchangeId])).rowCount === 1;
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
