// The Store's read of the whole care-path history (for the waiting-time statistics): everything the
// in-memory reference holds after a path, and every row of a table larger than one page, each once.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import type { RequestFact } from '../../src/kernel/care-path-record.ts';
import { BSN, CarePathHarness, jw301, jw305, jw315 } from '../support/care-path-fixtures.ts';

const at = (day: string): string => `${day}T10:00:00+01:00`;
const sorted = (facts: readonly unknown[]): string[] => facts.map((f) => JSON.stringify(f)).sort();

export function describeCarePathHistoryContract(withFreshStore: (fn: (s: Store) => Promise<void>) => Promise<void>): void {
  describe('care-path history', () => {
    it('when a path has run, then carePathHistory returns exactly the requests, toewijzingen and deliveries the reference holds', async () => {
      await withFreshStore(async (store) => {
        await store.migrate();
        expect(await store.carePathHistory()).toEqual({ requests: [], toewijzingen: [], deliveries: [] });
        const h = new CarePathHarness(undefined, {}, 0, store);
        await h.submit('JW315', jw315({ dag: '2026-01-09', bsn: BSN[0]!, products: [{ ref: 'R1' }, { ref: 'R2' }] }), at('2026-01-09'));
        await h.submit('JW301', jw301({ dag: '2026-01-14', bsn: BSN[0]!, products: [{ nummer: 7, ref: 'R1', ingang: '2026-01-19' }] }), at('2026-01-14'));
        await h.submit('JW305', jw305({ dag: '2026-01-19', bsn: BSN[0]!, products: [{ nummer: 7, begin: '2026-01-19' }] }), at('2026-01-19'));
        const history = await store.carePathHistory();
        expect(sorted(history.requests)).toEqual(sorted(h.store.allRequests()));
        expect(sorted(history.toewijzingen)).toEqual(sorted(h.store.allToewijzingen()));
        expect(sorted(history.deliveries)).toEqual(sorted(h.store.allDeliveries()));
        expect(history.requests).toHaveLength(2);
      });
    });

    it('when a table holds more rows than one page, then every row comes back once, in key order', async () => {
      await withFreshStore(async (store) => {
        await store.migrate();
        const n = 5_003; // the store reads 5,000 per page
        const request = (i: number): RequestFact => ({
          aanbieder: i % 2 === 0 ? '42420001' : '65656055',
          referentie: `R${String(i).padStart(5, '0')}`,
          gemeente: '0384',
          pseudonym: `p${i}`,
          kind: 'VOT',
          categorie: '45',
          exchangeId: `e${i}`,
          sourcePointer: '/Client/AangevraagdProducten/AangevraagdProduct/0',
          receivedDay: '2026-01-09',
          status: 'open',
          answeredOnderzoek: false,
          answeredAfgewezen: false,
          answeredToegewezen: false,
        });
        await store.transaction((tx) => tx.applyCarePathChanges(Array.from({ length: n }, (_, i) => ({ op: 'request' as const, fact: request(i) }))));
        const { requests } = await store.carePathHistory();
        expect(requests).toHaveLength(n);
        expect(new Set(requests.map((r) => `${r.aanbieder}/${r.referentie}`)).size).toBe(n);
        const keys = requests.map((r) => `${r.aanbieder}/${r.referentie}`);
        expect(keys).toEqual([...keys].sort());
      });
    });
  });
}
