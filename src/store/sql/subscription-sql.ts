// Status callbacks in SQL, once for both dialects (migration 19; the port is src/store/subscription-store.ts).
// A subscription is one row (its event kinds as JSON text, its HMAC secret beside it); an event is an
// exchange and outbox row like any delivery, plus its row in subscription_events, whose seq (assigned
// by the database in insert order) is the event's place among the events of one (subscription,
// exchange). The claim (store-reads.ts) holds an event back while an earlier one of its pair is pending.
import type { StatusEventType, StoredSubscription, Subscription } from '../../kernel/subscription-record.ts';
import type { SubscriptionEventRow, SubscriptionReads, SubscriptionWrites } from '../subscription-store.ts';
import { checkLimit, type Db, type TxDb } from './sql-db.ts';

type Row = Record<string, unknown>;

const columns = 'id, party, url, events, secret, created_at';

function subscriptionOf(r: Row): StoredSubscription {
  return {
    id: r.id as string,
    party: r.party as string,
    url: r.url as string,
    events: r.events === null ? null : (JSON.parse(r.events as string) as StatusEventType[]),
    secret: r.secret as string,
    createdAt: Number(r.created_at),
  };
}

const withoutSecret = ({ secret: _secret, ...subscription }: StoredSubscription): Subscription => subscription;

function eventOf(r: Row): SubscriptionEventRow {
  return { eventId: r.event_id as string, subscriptionId: r.subscription_id as string, exchangeId: r.exchange_id as string, type: r.type as StatusEventType, createdAt: Number(r.created_at) };
}

const sql = {
  get: `SELECT ${columns} FROM subscriptions WHERE id = $1`,
  list: `SELECT ${columns} FROM subscriptions WHERE party = $1 ORDER BY created_at, id LIMIT $2`,
  // A party has a handful of subscriptions (subscriptions.maxPerParty); the kinds are filtered in code.
  forParty: `SELECT ${columns} FROM subscriptions WHERE party = $1 ORDER BY created_at, id LIMIT 1000`,
  count: 'SELECT count(*) AS n FROM subscriptions WHERE party = $1',
  insert: `INSERT INTO subscriptions (${columns}) VALUES ($1, $2, $3, $4, $5, $6)`,
  delete: 'DELETE FROM subscriptions WHERE id = $1 AND party = $2',
  // Its events not yet sent are not sent at all: status cancelled, payload gone, lease cleared.
  cancelEvents: `UPDATE outbox SET status = 'cancelled', payload = NULL, lease_owner = NULL, lease_until = NULL, purge_after = NULL
     WHERE status = 'pending' AND exchange_id IN (SELECT event_id FROM subscription_events WHERE subscription_id = $1)`,
  cancelExchanges: `UPDATE exchanges SET status = 'cancelled', reason = 'subscription-deleted', updated_at = $2
     WHERE status = 'queued' AND id IN (SELECT event_id FROM subscription_events WHERE subscription_id = $1)`,
  insertEvent: 'INSERT INTO subscription_events (event_id, subscription_id, exchange_id, type, created_at) VALUES ($1, $2, $3, $4, $5)',
  events: 'SELECT event_id, subscription_id, exchange_id, type, created_at FROM subscription_events WHERE subscription_id = $1 ORDER BY seq LIMIT $2',
};

export function subscriptionReads(db: Db): SubscriptionReads {
  return {
    async getSubscription(id) {
      const [row] = await db.all<Row>('getSubscription', sql.get, [id]);
      return row === undefined ? undefined : subscriptionOf(row);
    },
    async listSubscriptions(party, query) {
      if (checkLimit(query.limit) === 0) return [];
      return (await db.all<Row>('listSubscriptions', sql.list, [party, query.limit])).map((r) => withoutSecret(subscriptionOf(r)));
    },
    async listSubscriptionEvents(subscriptionId, query) {
      if (checkLimit(query.limit) === 0) return [];
      return (await db.all<Row>('listSubscriptionEvents', sql.events, [subscriptionId, query.limit])).map(eventOf);
    },
  };
}

export function subscriptionWrites(db: TxDb, lockChain: () => Promise<void>): SubscriptionWrites {
  // A party's subscriptions, read once per transaction: a group-commit batch of settles for one sender
  // reads them once, not once per settle. The transaction's own insert or delete forgets them. On
  // SQLite a transaction sees one snapshot, so nothing changes. On PostgreSQL every caller today reads
  // them after it has appended to the audit chain (status-events.ts), which holds the chain head's lock
  // that creating and deleting a subscription take first, so no other transaction can change them
  // between the batch's first read and its COMMIT either (found in review). A caller that read them
  // before taking that lock could see a subscription after its deletion; keep the order.
  const forParty = new Map<string, readonly StoredSubscription[]>();
  return {
    async insertSubscription(s) {
      forParty.clear();
      await db.run('insertSubscription', sql.insert, [s.id, s.party, s.url, s.events === null ? null : JSON.stringify(s.events), s.secret, s.createdAt]);
    },
    async deleteSubscription(id, party, now) {
      forParty.clear();
      await lockChain(); // the audit chain's head before row locks (store-tx.ts owns the order)
      if ((await db.run('deleteSubscription', sql.delete, [id, party])) !== 1) return false;
      await db.run('deleteSubscription', sql.cancelEvents, [id]);
      await db.run('deleteSubscription', sql.cancelExchanges, [id, now]);
      return true;
    },
    async subscriptionsFor(party, type) {
      // Needs none of the transaction's deferred writes (subscriptions are written at once): on
      // PostgreSQL the settle's exchange and audit rows stay deferred for the batch's multi-row insert.
      let rows = forParty.get(party);
      if (rows === undefined) {
        rows = (await db.all<Row>('subscriptionsFor', sql.forParty, [party], { touches: [] })).map(subscriptionOf);
        forParty.set(party, rows);
      }
      return rows.filter((s) => s.events === null || s.events.includes(type)).map((s) => ({ ...s, events: s.events === null ? null : [...s.events] }));
    },
    async countSubscriptions(party) {
      const [row] = await db.all<{ n: number | string }>('countSubscriptions', sql.count, [party], { touches: [] });
      return Number(row?.n ?? 0);
    },
    async insertSubscriptionEvent(e) {
      await db.run('insertSubscriptionEvent', sql.insertEvent, [e.eventId, e.subscriptionId, e.exchangeId, e.type, e.createdAt], { touches: [] });
    },
  };
}
