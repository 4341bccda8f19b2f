// A group-commit batch of settles asks for the sender's subscriptions once per settle
// (src/exchange/status-events.ts); the shared SQL (src/store/sql/subscription-sql.ts) reads them once
// per transaction, and again after the transaction's own insert or delete of a subscription. Counted
// on a stand-in for the statement runner; what the reads return is the store contract's
// (tests/contract/subscription-store-contract.ts, both stores).
import { describe, expect, it } from 'vitest';
import type { TxDb } from '../../src/store/sql/sql-db.ts';
import { subscriptionWrites } from '../../src/store/sql/subscription-sql.ts';

function countingDb(): { readonly db: TxDb; readonly reads: string[] } {
  const reads: string[] = [];
  const row = { id: 's1', party: 'party-a', url: 'https://hooks.example.nl/a', events: null, secret: 'kpwhsec_x', created_at: 1 };
  const db: TxDb = {
    all: <R>(operation: string, _sql: string, params: readonly unknown[]) => {
      reads.push(`${operation} ${String(params[0])}`);
      return Promise.resolve((operation === 'subscriptionsFor' && params[0] === 'party-a' ? [row] : []) as R[]);
    },
    arrays: () => Promise.resolve([]),
    run: () => Promise.resolve(1),
    write: () => Promise.resolve(),
    pending: () => [],
  };
  return { db, reads };
}

describe('subscriptions read once per transaction', () => {
  it('when one transaction asks for a party\'s subscriptions for several settles, then the store reads them once per party', async () => {
    const { db, reads } = countingDb();
    const tx = subscriptionWrites(db, () => Promise.resolve());
    for (let i = 0; i < 5; i++) {
      expect((await tx.subscriptionsFor('party-a', i % 2 === 0 ? 'exchange.delivered' : 'exchange.dead-lettered')).map((s) => s.id)).toEqual(['s1']);
      expect(await tx.subscriptionsFor('party-b', 'exchange.delivered')).toEqual([]);
    }
    expect(reads).toEqual(['subscriptionsFor party-a', 'subscriptionsFor party-b']);
  });

  it('when the transaction inserts or deletes a subscription itself, then the next ask reads them again', async () => {
    const { db, reads } = countingDb();
    const tx = subscriptionWrites(db, () => Promise.resolve());
    await tx.subscriptionsFor('party-a', 'exchange.delivered');
    await tx.insertSubscription({ id: 's2', party: 'party-a', url: 'https://hooks.example.nl/b', events: null, secret: 'kpwhsec_y', createdAt: 2 });
    await tx.subscriptionsFor('party-a', 'exchange.delivered');
    await tx.deleteSubscription('s2', 'party-a', 3);
    await tx.subscriptionsFor('party-a', 'exchange.delivered');
    expect(reads).toEqual(['subscriptionsFor party-a', 'subscriptionsFor party-a', 'subscriptionsFor party-a']);
  });

  it('when two transactions ask, then each reads for itself', async () => {
    const { db, reads } = countingDb();
    await subscriptionWrites(db, () => Promise.resolve()).subscriptionsFor('party-a', 'exchange.delivered');
    await subscriptionWrites(db, () => Promise.resolve()).subscriptionsFor('party-a', 'exchange.delivered');
    expect(reads).toHaveLength(2);
  });
});
