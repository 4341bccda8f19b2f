// Refusals and overrides per party, reason and Dutch day in the Store contract
// (src/store/decision-counts.ts): an instant is counted on the Amsterdam calendar day it falls on,
// also on the day the clocks go back (25 hours) and in a window that spans the change; only refused
// exchanges count as refusals; a party filter narrows both. Run on a fresh store.

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/kernel/dutch-working-days.ts';
import type { ExchangeRow, ExchangeStatus, Store } from '../../src/store/store.ts';
import type { DecisionCount } from '../../src/store/decision-counts.ts';

function exchange(sender: string, status: ExchangeStatus, reason: string | null, at: string): ExchangeRow {
  const createdAt = Date.parse(at);
  return {
    id: randomUUID(),
    createdAt,
    updatedAt: createdAt,
    sender,
    receiver: 'party-r',
    messageType: 'JW315',
    purpose: 'verzoek-toewijzing',
    status,
    subjectPseudonym: null,
    traceId: randomUUID().replaceAll('-', ''),
    decision: null,
    reason,
    receiverReference: null,
    deliveredAt: null,
  };
}

const sorted = (counts: DecisionCount[]): DecisionCount[] =>
  [...counts].sort((a, b) => a.party.localeCompare(b.party) || a.reason.localeCompare(b.reason) || a.day - b.day);

export function describeDecisionCountsContract(withFresh: (fn: (s: Store) => Promise<void>) => Promise<void>): void {
  const withFreshStore = (fn: (s: Store) => Promise<void>): Promise<void> =>
    withFresh(async (store) => {
      await store.migrate();
      await fn(store);
    });

  describe('refusals and overrides per party, reason and day (privacy officer)', () => {
    it('when refusals and overrides fall around the night the clocks go back, then each is counted on its Dutch day, per party and reason', async () => {
      await withFreshStore(async (store) => {
        const rows = [
          // 24 October, 23:30 in Amsterdam (CEST): still the 24th.
          exchange('party-a', 'refused', 'consent-missing', '2026-10-24T21:30:00Z'),
          // 25 October 00:30 CEST and 23:30 CET: the 25-hour day holds both.
          exchange('party-a', 'refused', 'consent-missing', '2026-10-24T22:30:00Z'),
          exchange('party-a', 'refused', 'consent-missing', '2026-10-25T22:30:00Z'),
          exchange('party-a', 'refused', 'no-rule', '2026-10-25T12:00:00Z'),
          // 26 October 00:30 CET.
          exchange('party-b', 'refused', 'no-rule', '2026-10-25T23:30:00Z'),
          // Not refusals, and outside the window.
          exchange('party-a', 'delivered', null, '2026-10-25T12:00:00Z'),
          exchange('party-a', 'cancelled', 'consent-revoked', '2026-10-25T12:00:00Z'),
          exchange('party-a', 'refused', 'no-rule', '2026-10-27T12:00:00Z'),
        ];
        const overrides = [rows[0]!, rows[2]!, rows[4]!].map((row, i) => ({ ...exchange(row.sender, 'delivered', null, new Date(row.createdAt).toISOString()), id: randomUUID(), i }));
        await store.transaction(async (tx) => {
          for (const row of rows) await tx.insertExchange(row);
          for (const o of overrides) {
            await tx.insertExchange(o);
            await tx.insertOverrideReview({
              exchangeId: o.id,
              createdAt: o.createdAt,
              sender: o.sender,
              receiver: 'party-r',
              messageType: 'JW315',
              purpose: 'overdracht-hulpverlening',
              rule: 'rule@1',
              reasonCode: o.i === 2 ? 'acuut-gevaar' : 'spoed',
              justification: 'Acuut gevaar voor het kind, ouders niet bereikbaar.',
              subjectPseudonym: null,
              status: 'pending',
              reviewedBy: null,
              reviewedAt: null,
              note: null,
            });
          }
        });
        const query = { from: '2026-10-24', to: '2026-10-26' };
        const d = (day: string): number => dayNumber(day);
        expect(sorted(await store.countRefusals(query))).toEqual([
          { party: 'party-a', reason: 'consent-missing', day: d('2026-10-24'), count: 1 },
          { party: 'party-a', reason: 'consent-missing', day: d('2026-10-25'), count: 2 },
          { party: 'party-a', reason: 'no-rule', day: d('2026-10-25'), count: 1 },
          { party: 'party-b', reason: 'no-rule', day: d('2026-10-26'), count: 1 },
        ]);
        expect(sorted(await store.countOverrides(query))).toEqual([
          { party: 'party-a', reason: 'spoed', day: d('2026-10-24'), count: 1 },
          { party: 'party-a', reason: 'spoed', day: d('2026-10-25'), count: 1 },
          { party: 'party-b', reason: 'acuut-gevaar', day: d('2026-10-26'), count: 1 },
        ]);
        expect(sorted(await store.countRefusals({ ...query, party: 'party-b' }))).toEqual([{ party: 'party-b', reason: 'no-rule', day: d('2026-10-26'), count: 1 }]);
        expect(await store.countOverrides({ ...query, party: 'party-c' })).toEqual([]);
      });
    });
  });
}
