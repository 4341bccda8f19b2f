// The privacy officer's consent lists in the Store contract (src/store/consent-lists.ts): consents
// ending in a window, soonest first; revoked consents, newest revocation first; both with position
// cursors; and what a revocation cancelled. Run from inside describeStoreContract on a fresh store
// (the lists are global).

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../src/kernel/consent-record.ts';
import type { PolicyDecision } from '../../src/kernel/policy-decision.ts';
import type { ExchangeRow, OutboxRow, Store } from '../../src/store/store.ts';

const base = Date.parse('2026-12-01T09:00:00Z');
const minute = 60_000;

function consent(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: randomUUID(),
    subjectPseudonym: `pseudo-${randomUUID()}`,
    kind: 'permit',
    givers: [{ capacity: 'custodial-parent', reference: 'ouder-1' }],
    custodianCount: 1,
    scope: { purposes: ['overdracht-hulpverlening'], senders: ['party-a'], receivers: { roles: ['aanbieder'] } },
    givenOn: '2026-01-05',
    validFrom: '2026-01-05',
    evidence: { reference: 'dossier-1', form: 'written' },
    registeredBy: 'party-a',
    registeredAt: new Date(base).toISOString(),
    status: 'active',
    ...overrides,
  };
}

const decisionOn = (consentIds: string[]): PolicyDecision => ({
  outcome: 'allow',
  reason: 'consent-given',
  rule: { id: 'rule-1', version: 1 },
  purpose: 'overdracht-hulpverlening',
  legalBasis: 'toestemming',
  processingActivityId: 'pa-1',
  policyVersion: '1',
  consentIds,
  ageBand: '16-plus',
  releasedFields: [],
});

function exchangeOn(subjectPseudonym: string, consentIds: string[], createdAt: number): ExchangeRow {
  return {
    id: randomUUID(),
    createdAt,
    updatedAt: createdAt,
    sender: 'party-a',
    receiver: 'party-b',
    messageType: 'JW315',
    purpose: 'overdracht-hulpverlening',
    status: 'queued',
    subjectPseudonym,
    traceId: randomUUID().replaceAll('-', ''),
    decision: decisionOn(consentIds),
    reason: null,
    receiverReference: null,
    deliveredAt: null,
  };
}

function pendingOutbox(row: ExchangeRow): OutboxRow {
  return {
    exchangeId: row.id,
    receiver: row.receiver ?? 'party-b',
    adapterKind: 'rest-json',
    endpoint: 'http://127.0.0.1:9/receiver',
    messageType: row.messageType,
    sender: row.sender,
    purpose: row.purpose ?? 'p',
    payload: { x: 1 },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: row.createdAt,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    deliveredAt: null,
    purgeAfter: null,
    createdAt: row.createdAt,
  };
}

/** Revokes as the consent registry does: the consent, then its pending deliveries at the same moment. */
async function revoke(store: Store, record: ConsentRecord, at: number): Promise<string[]> {
  return store.transaction(async (tx) => {
    await tx.revokeConsent(record.id, { revokedAt: new Date(at).toISOString(), recordedBy: 'privacy-officer-1' });
    const rows = await tx.cancelPendingDeliveries({ subjectPseudonym: record.subjectPseudonym, consentId: record.id, now: at });
    for (const row of rows) await tx.updateExchange(row.exchangeId, { status: 'cancelled', reason: 'consent-revoked', updatedAt: at });
    return rows.map((r) => r.exchangeId);
  });
}

const ids = (records: readonly ConsentRecord[]): string[] => records.map((r) => r.id);

export function describeConsentListsContract(withFresh: (fn: (s: Store) => Promise<void>) => Promise<void>): void {
  const withFreshStore = (fn: (s: Store) => Promise<void>): Promise<void> =>
    withFresh(async (store) => {
      await store.migrate();
      await fn(store);
    });
  describe('consent lists (privacy officer)', () => {
    it('when consents end inside, before and after a window, then the expiring list holds the active ones inside it, soonest first, page by page', async () => {
      await withFreshStore(async (store) => {
        const soonB = consent({ validUntil: '2026-12-10' });
        const soonA = consent({ validUntil: '2026-12-10' });
        const later = consent({ validUntil: '2026-12-31' });
        const firstDay = consent({ validUntil: '2026-12-01' });
        const past = consent({ validUntil: '2026-11-30' });
        const beyond = consent({ validUntil: '2027-01-01' });
        const open = consent();
        const revokedInside = consent({ validUntil: '2026-12-05' });
        await store.transaction(async (tx) => {
          for (const r of [soonB, soonA, later, firstDay, past, beyond, open, revokedInside]) await tx.insertConsent(r);
        });
        await revoke(store, revokedInside, base + minute);
        const window = { from: '2026-12-01', to: '2026-12-31' };
        const sameDay = [soonA, soonB].sort((a, b) => (a.id < b.id ? -1 : 1));
        const expected = [firstDay.id, ...ids(sameDay), later.id];
        expect(ids(await store.listExpiringConsents({ ...window, limit: 10 }))).toEqual(expected);
        const first = await store.listExpiringConsents({ ...window, limit: 2 });
        const second = await store.listExpiringConsents({ ...window, limit: 2, after: first.at(-1)!.id });
        expect([...ids(first), ...ids(second)]).toEqual(expected);
        expect(await store.listExpiringConsents({ ...window, limit: 2, after: randomUUID() })).toEqual([]);
        // The grant comes back whole, with its status.
        expect((await store.listExpiringConsents({ from: '2026-12-31', to: '2026-12-31', limit: 5 }))[0]).toStrictEqual(later);
      });
    });

    it('when consents are revoked at different moments, then the revoked list holds those since a moment, newest first, page by page', async () => {
      await withFreshStore(async (store) => {
        const records = [consent(), consent(), consent(), consent()];
        await store.transaction(async (tx) => {
          for (const r of records) await tx.insertConsent(r);
        });
        const [old, a, b, c] = records as [ConsentRecord, ConsentRecord, ConsentRecord, ConsentRecord];
        await revoke(store, old, base - 40 * 24 * 60 * minute);
        await revoke(store, a, base + 1 * minute);
        await revoke(store, b, base + 3 * minute);
        await revoke(store, c, base + 2 * minute);
        const since = base - 30 * 24 * 60 * minute;
        const all = await store.listRevokedConsents({ since, limit: 10 });
        expect(ids(all)).toEqual([b.id, c.id, a.id]);
        expect(all[0]).toMatchObject({ status: 'revoked', revocation: { revokedAt: new Date(base + 3 * minute).toISOString(), recordedBy: 'privacy-officer-1' } });
        const first = await store.listRevokedConsents({ since, limit: 2 });
        const second = await store.listRevokedConsents({ since, limit: 2, after: first.at(-1)!.id });
        expect([...ids(first), ...ids(second)]).toEqual([b.id, c.id, a.id]);
        expect(await store.listRevokedConsents({ since, limit: 2, after: randomUUID() })).toEqual([]);
        expect(ids(await store.listRevokedConsents({ since: 0, limit: 10 }))).toEqual([b.id, c.id, a.id, old.id]);
      });
    });

    it('when a revocation cancels pending deliveries, then exactly those are listed for it, and not for a later revocation of another consent they rested on', async () => {
      await withFreshStore(async (store) => {
        const child = `pseudo-${randomUUID()}`;
        const first = consent({ subjectPseudonym: child });
        const second = consent({ subjectPseudonym: child });
        const onFirst = exchangeOn(child, [first.id], base);
        const onBoth = exchangeOn(child, [first.id, second.id], base + 1);
        const onSecond = exchangeOn(child, [second.id], base + 2);
        const delivered = exchangeOn(child, [first.id], base + 3);
        await store.transaction(async (tx) => {
          await tx.insertConsent(first);
          await tx.insertConsent(second);
          for (const row of [onFirst, onBoth, onSecond, delivered]) {
            await tx.insertExchange(row);
            await tx.insertOutbox(row === delivered ? { ...pendingOutbox(row), status: 'delivered', deliveredAt: base + 10 } : pendingOutbox(row));
          }
        });
        expect(await store.listCancelledByRevocations([first.id], 10)).toEqual([]);
        const cancelledFirst = await revoke(store, first, base + 5 * minute);
        expect(cancelledFirst.sort()).toEqual([onFirst.id, onBoth.id].sort());
        await revoke(store, second, base + 6 * minute);
        expect(await store.listCancelledByRevocations([first.id], 10)).toEqual([
          { consentId: first.id, exchangeId: onFirst.id, createdAt: base, sender: 'party-a', receiver: 'party-b', messageType: 'JW315', purpose: 'overdracht-hulpverlening' },
          { consentId: first.id, exchangeId: onBoth.id, createdAt: base + 1, sender: 'party-a', receiver: 'party-b', messageType: 'JW315', purpose: 'overdracht-hulpverlening' },
        ]);
        expect((await store.listCancelledByRevocations([second.id], 10)).map((x) => x.exchangeId)).toEqual([onSecond.id]);
        // One read for a page: each consent's own, at most the limit per consent, in consent order.
        const both = await store.listCancelledByRevocations([second.id, first.id, randomUUID()], 1);
        expect(both.map((x) => `${x.consentId}:${x.exchangeId}`)).toEqual([`${first.id}:${onFirst.id}`, `${second.id}:${onSecond.id}`].sort());
        expect(await store.listCancelledByRevocations([randomUUID()], 10)).toEqual([]);
      });
    });
  });
}
