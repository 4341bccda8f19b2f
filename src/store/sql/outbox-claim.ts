// The dispatcher's claim, written once for both dialects and for both callers: the Store (a claim in a
// transaction of its own) and the StoreTx (a claim inside a group-commit batch, so that on SQLite it
// shares the batch's one fsync instead of paying its own; dispatcher.ts).
//
// One statement chooses and leases: concurrent claimers never pick the same row. A paused receiver's
// rows wait (receiver_pauses, migration 8). A row that still has a lease (expired: a settle clears
// it) was claimed before and never settled: that attempt was made, or may have been, and is counted
// now (attempts, and unrecorded_attempts until a settle records it; migration 9). SET reads the
// row as it was before this UPDATE, on both dialects. A status event (migration 19) waits while an
// earlier event of its (subscription, exchange) is pending, leased or waiting for its retry: events
// arrive in order per exchange; one that became a dead letter (or was cancelled) no longer holds
// the next back. Rows that are no event find no subscription_events row (its unique index).

import type { ClaimedDelivery, Store } from '../store.ts';
import { checkLimit, type Db, type Dialect } from './sql-db.ts';
import { outbox } from './tables.ts';

export type ClaimQuery = Parameters<Store['claimDueDeliveries']>[0];

const texts = new WeakMap<Dialect, string>();
const claimSql = (d: Dialect): string => `UPDATE outbox SET lease_owner = $1, lease_until = $2,
         attempts = attempts + CASE WHEN lease_until IS NULL THEN 0 ELSE 1 END,
         unrecorded_attempts = unrecorded_attempts + CASE WHEN lease_until IS NULL THEN 0 ELSE 1 END
    WHERE exchange_id IN (
      SELECT o.exchange_id FROM outbox o
       WHERE o.status = 'pending' AND o.next_attempt_at <= $3 AND (o.lease_until IS NULL OR o.lease_until <= $3)
         AND o.receiver NOT IN (SELECT receiver FROM receiver_pauses)
         AND NOT EXISTS (SELECT 1 FROM subscription_events e
               JOIN subscription_events earlier ON earlier.subscription_id = e.subscription_id AND earlier.exchange_id = e.exchange_id AND earlier.seq < e.seq
               JOIN outbox eo ON eo.exchange_id = earlier.event_id AND eo.status = 'pending'
              WHERE e.event_id = o.exchange_id)
       ORDER BY o.next_attempt_at, o.exchange_id LIMIT $4${d.skipLocked})
    RETURNING ${outbox.select}, unrecorded_attempts`;

/** Leases up to `limit` due rows to `owner`, in due order (Store.claimDueDeliveries). */
export async function claimDueDeliveries(db: Db, d: Dialect, query: ClaimQuery): Promise<ClaimedDelivery[]> {
  const limit = checkLimit(query.limit);
  if (limit === 0) return [];
  let text = texts.get(d);
  if (text === undefined) texts.set(d, (text = claimSql(d)));
  const rows = await db.all<Record<string, unknown>>('claimDueDeliveries', text, [query.owner, query.now + query.leaseMs, query.now, limit]);
  return rows
    .map((r): ClaimedDelivery => ({ ...outbox.read(r), unrecordedAttempts: Number(r.unrecorded_attempts) }))
    .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.exchangeId < b.exchangeId ? -1 : 1));
}
