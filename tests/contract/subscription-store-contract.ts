// Status callbacks in the Store contract (src/store/subscription-store.ts, migration 19), on every
// store: a subscription is read back as written (its secret only through getSubscription), listed for
// its own party only, chosen by event kind; deleting it takes only its own party and cancels its
// events not yet sent; and a claim holds an event back while an earlier event of the same
// (subscription, exchange) is pending, whatever their ids, while other pairs go on. Run on a fresh store.

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredSubscription } from '../../src/kernel/subscription-record.ts';
import type { Store, StoreTx } from '../../src/store/store.ts';

const NOW = Date.parse('2026-11-23T10:00:00Z');

function subscription(party: string, events: StoredSubscription['events'], at = NOW): StoredSubscription {
  return { id: randomUUID(), party, url: `https://hooks.example.nl/${party}`, events, secret: `kpwhsec_${randomUUID()}`, createdAt: at };
}

/** An event's exchange, outbox and order rows, as status-events.ts writes them. */
async function queueEvent(tx: StoreTx, sub: StoredSubscription, exchangeId: string, eventId: string = randomUUID()): Promise<string> {
  await tx.insertExchange({
    id: eventId, createdAt: NOW, updatedAt: NOW, sender: 'ketenpoort', receiver: 'status-callback', messageType: 'status-event', purpose: 'status-callback',
    status: 'queued', subjectPseudonym: null, traceId: 'a'.repeat(32), decision: null, reason: null, receiverReference: null, deliveredAt: null,
  });
  await tx.insertOutbox({
    exchangeId: eventId, receiver: 'status-callback', adapterKind: 'status-callback', endpoint: sub.url, messageType: 'status-event', sender: 'ketenpoort', purpose: 'status-callback',
    payload: { eventId, subscriptionId: sub.id }, traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`, status: 'pending', attempts: 0, nextAttemptAt: NOW, leaseOwner: null, leaseUntil: null,
    lastError: null, deliveredAt: null, purgeAfter: null, createdAt: NOW,
  });
  await tx.insertSubscriptionEvent({ eventId, subscriptionId: sub.id, exchangeId, type: 'exchange.delivered', createdAt: NOW });
  return eventId;
}

export function describeSubscriptionStoreContract(withFresh: (fn: (s: Store) => Promise<void>) => Promise<void>): void {
  const withFreshStore = (fn: (s: Store) => Promise<void>): Promise<void> =>
    withFresh(async (store) => {
      await store.migrate();
      await fn(store);
    });

  describe('status callbacks (subscriptions)', () => {
    it('when subscriptions are written, then each is read back as written, listed for its own party only without its secret, and chosen by kind', async () => {
      await withFreshStore(async (store) => {
        const all = subscription('party-a', null);
        const some = subscription('party-a', ['exchange.dead-lettered', 'signal.raised'], NOW + 1);
        const theirs = subscription('party-b', null);
        await store.transaction(async (tx) => {
          for (const s of [all, some, theirs]) await tx.insertSubscription(s);
        });
        expect(await store.getSubscription(some.id)).toEqual(some);
        expect(await store.getSubscription(randomUUID())).toBeUndefined();
        expect(await store.listSubscriptions('party-a', { limit: 10 })).toEqual([all, some].map(({ secret: _s, ...rest }) => rest));
        expect(await store.listSubscriptions('party-a', { limit: 1 })).toHaveLength(1);
        await store.transaction(async (tx) => {
          expect((await tx.subscriptionsFor('party-a', 'exchange.delivered')).map((s) => s.id)).toEqual([all.id]);
          expect((await tx.subscriptionsFor('party-a', 'signal.raised')).map((s) => s.id)).toEqual([all.id, some.id]);
          expect((await tx.subscriptionsFor('party-a', 'signal.raised'))[1]?.secret).toBe(some.secret);
          expect(await tx.countSubscriptions('party-a')).toBe(2);
          expect(await tx.countSubscriptions('party-c')).toBe(0);
        });
      });
    });

    it("when a transaction reads a party's subscriptions again after adding or deleting one of them itself, then the second read has the change; another party's are read as before", async () => {
      await withFreshStore(async (store) => {
        const first = subscription('party-a', null);
        const second = subscription('party-a', ['exchange.delivered'], NOW + 1);
        const theirs = subscription('party-b', null);
        await store.transaction(async (tx) => {
          await tx.insertSubscription(first);
          await tx.insertSubscription(theirs);
        });
        await store.transaction(async (tx) => {
          expect((await tx.subscriptionsFor('party-a', 'exchange.delivered')).map((s) => s.id)).toEqual([first.id]);
          expect((await tx.subscriptionsFor('party-b', 'exchange.delivered')).map((s) => s.id)).toEqual([theirs.id]);
          await tx.insertSubscription(second);
          expect((await tx.subscriptionsFor('party-a', 'exchange.delivered')).map((s) => s.id)).toEqual([first.id, second.id]);
          expect((await tx.subscriptionsFor('party-a', 'exchange.dead-lettered')).map((s) => s.id)).toEqual([first.id]);
          expect(await tx.deleteSubscription(first.id, 'party-a', NOW + 2)).toBe(true);
          expect((await tx.subscriptionsFor('party-a', 'exchange.delivered')).map((s) => s.id)).toEqual([second.id]);
          expect((await tx.subscriptionsFor('party-b', 'exchange.delivered')).map((s) => s.id)).toEqual([theirs.id]);
        });
        // What a caller does to what it was given changes no later read of the transaction.
        await store.transaction(async (tx) => {
          const [got] = await tx.subscriptionsFor('party-a', 'exchange.delivered');
          (got!.events as string[]).push('signal.raised');
          (got as { url: string }).url = 'https://elsewhere.example.nl/';
          expect(await tx.subscriptionsFor('party-a', 'exchange.delivered')).toEqual([second]);
          expect(await tx.subscriptionsFor('party-a', 'signal.raised')).toEqual([]);
        });
      });
    });

    it("when a subscription is deleted, then only by its own party, and its events not yet sent are cancelled while sent ones stay", async () => {
      await withFreshStore(async (store) => {
        const sub = subscription('party-a', null);
        const [sent, waiting] = [randomUUID(), randomUUID()];
        await store.transaction(async (tx) => {
          await tx.insertSubscription(sub);
          await queueEvent(tx, sub, randomUUID(), sent);
          await queueEvent(tx, sub, randomUUID(), waiting);
        });
        await store.transaction(async (tx) => {
          expect(await tx.settleOutbox(sent, 'nobody', { status: 'delivered' })).toBe(false);
        });
        const [claimed] = await store.claimDueDeliveries({ now: NOW, limit: 1, leaseMs: 1000, owner: 'o' });
        await store.transaction(async (tx) => {
          expect(await tx.settleOutbox(claimed!.exchangeId, 'o', { status: 'delivered', attempts: 1, deliveredAt: NOW })).toBe(true);
          await tx.updateExchange(claimed!.exchangeId, { status: 'delivered', deliveredAt: NOW, updatedAt: NOW });
        });
        const left = claimed!.exchangeId === sent ? waiting : sent;
        expect(await store.transaction((tx) => tx.deleteSubscription(sub.id, 'party-b', NOW))).toBe(false);
        expect(await store.getSubscription(sub.id)).toBeDefined();
        expect(await store.transaction((tx) => tx.deleteSubscription(sub.id, 'party-a', NOW + 5))).toBe(true);
        expect(await store.transaction((tx) => tx.deleteSubscription(sub.id, 'party-a', NOW + 6))).toBe(false);
        expect(await store.getSubscription(sub.id)).toBeUndefined();
        expect(await store.getOutbox(left)).toMatchObject({ status: 'cancelled', payload: null, leaseOwner: null });
        expect(await store.getExchange(left)).toMatchObject({ status: 'cancelled', reason: 'subscription-deleted', updatedAt: NOW + 5 });
        expect(await store.getOutbox(claimed!.exchangeId)).toMatchObject({ status: 'delivered' });
        // The order rows stay: what was queued for whom is history.
        expect((await store.listSubscriptionEvents(sub.id, { limit: 10 })).map((e) => e.eventId)).toEqual([sent, waiting]);
      });
    });

    it('when events of one (subscription, exchange) are pending, then a claim hands out only the earliest (by queue order, not id); other pairs go on', async () => {
      await withFreshStore(async (store) => {
        const [a, b] = [subscription('party-a', null), subscription('party-a', null)];
        const exchange = randomUUID();
        // Ids chosen so that id order is the reverse of queue order.
        const [first, second] = ['ffffffff-ffff-4fff-8fff-ffffffffffff', '00000000-0000-4000-8000-000000000000'];
        let other = '';
        await store.transaction(async (tx) => {
          await tx.insertSubscription(a);
          await tx.insertSubscription(b);
          await queueEvent(tx, a, exchange, first);
          await queueEvent(tx, a, exchange, second);
          other = await queueEvent(tx, b, exchange);
        });
        expect((await store.listSubscriptionEvents(a.id, { limit: 10 })).map((e) => e.eventId)).toEqual([first, second]);
        const claim = async (owner: string, now = NOW): Promise<string[]> => (await store.claimDueDeliveries({ now, limit: 10, leaseMs: 1000, owner })).map((r) => r.exchangeId).sort();
        expect(await claim('o1')).toEqual([first, other].sort());
        // Dead, the first no longer holds the second back.
        await store.transaction(async (tx) => {
          expect(await tx.settleOutbox(first, 'o1', { status: 'dead', attempts: 1, lastError: 'HTTP 400' })).toBe(true);
        });
        expect(await claim('o2')).toEqual([second]);
      });
    });
  });
}
