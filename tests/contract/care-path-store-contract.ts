// The care-path part of the Store contract (migration 7): every message of a care path judged over
// the working set the store loads (StoreTx.carePathRows through carePathReaderOf) must come to the
// same findings and changes as over the in-memory reference (src/care-path/care-path-memory.ts), and
// applying them must report the same deadlines closed and opened. The harness
// (tests/support/care-path-fixtures.ts) throws on any difference; these scenarios walk every read
// (messages, pairs, requests, paths, toewijzingen, declarations by number and by message, prestaties
// and their credits, the facts of an exchange for a retour). Each test uses a fresh store.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import type { CarePathChange, DeadlineFact } from '../../src/kernel/care-path-record.ts';
import { carePathReaderOf } from '../../src/kernel/care-path-record.ts';
import { createMemoryReader } from '../../src/care-path/care-path-memory-reader.ts';
import { BSN, CarePathHarness, codes, DE_BRUG, jw301, jw305, jw307, jw315, jw317, jw319, jw323, jw325, retour } from '../support/care-path-fixtures.ts';

const [TOM, ANNA] = BSN as [string, string];
const DAY = '2026-01-09';
const at = (day: string): string => `${day}T10:00:00+01:00`;

/** A path from request to declaration answer, every read kind on the way (the scenario of the first test). */
async function walkPath(h: CarePathHarness): Promise<void> {
  const request = jw315({ id: 'H1', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }, { ref: 'R2', code: '45A04' }] });
  expect((await h.submit('JW315', request, at(DAY))).accepted).toBe(true);
  const r316 = retour('JW315', request);
  expect((await h.submit(r316.type, r316.message, at(DAY))).accepted).toBe(true);
  expect(codes((await h.submit(r316.type, r316.message, at(DAY))).refusals)).toEqual(['KP001']);
  expect((await h.submit('JW319', jw319({ dag: DAY, ref: 'R2', antwoord: '1' }), at(DAY))).accepted).toBe(true);
  const toewijzing = jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, ref: 'R1', ingang: DAY, eind: '2026-06-30' }] });
  expect((await h.submit('JW301', toewijzing, at(DAY))).accepted).toBe(true);
  const start = jw305({ dag: '2026-01-12', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12' }] });
  expect((await h.submit('JW305', start, at('2026-01-12'))).accepted).toBe(true);
  // A retour that rejects the start: the facts of that exchange are read back (factsOfExchange).
  const r306 = retour('JW305', start, { classes: { '/Client/StartProducten/StartProduct/0': '9019' } });
  expect((await h.submit(r306.type, r306.message, at('2026-01-13'))).accepted).toBe(true);
  expect((await h.submit('JW305', jw305({ dag: '2026-01-13', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12' }] }), at('2026-01-13'))).accepted).toBe(true);
  expect(codes((await h.submit('JW305', jw305({ dag: '2026-01-14', bsn: TOM, products: [{ nummer: 5002, begin: '2026-01-12' }] }), at('2026-01-14'))).refusals)).toEqual(['TR019/9019']);
  expect((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', teWijzigen: [{ nummer: 5001, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-02'))).refusals).toEqual([]);
  const P = { ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31' };
  const declaratie = jw323({ id: 'DECL-1', dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P] }] });
  expect((await h.submit('JW323', declaratie, at('2026-02-03'))).refusals).toEqual([]);
  expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-04', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [{ ...P, ref: 'P2' }] }] }), at('2026-02-04'))).refusals)).toEqual(['TR389/9389']);
  expect((await h.submit('JW323', jw323({ dag: '2026-02-04', nummer: 'D3', clients: [{ bsn: TOM, prestaties: [{ ...P, ref: 'P3', vorig: 'P1', dc: 'C' }] }] }), at('2026-02-04'))).accepted).toBe(true);
  expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-05', nummer: 'D4', clients: [{ bsn: TOM, prestaties: [{ ...P, ref: 'P4', vorig: 'P1', dc: 'C' }] }] }), at('2026-02-05'))).refusals)).toEqual(['TR390/9390']);
  expect((await h.submit('JW325', jw325({ dag: '2026-02-10', declaratie }), at('2026-02-10'))).accepted).toBe(true);
  expect((await h.submit('JW307', jw307({ dag: '2026-02-11', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-02-10', reden: '33' }] }), at('2026-02-11'))).accepted).toBe(true);
}

export function describeCarePathStoreContract(withFreshStore: (fn: (s: Store) => Promise<void>) => Promise<void>): void {
  const withHarness = (fn: (h: CarePathHarness, store: Store) => Promise<void>): Promise<void> =>
    withFreshStore(async (store) => {
      await store.migrate();
      await fn(new CarePathHarness(undefined, {}, 0, store), store);
    });

  describe('care paths', () => {
    it('when a path runs from request to declaration answer, then every message is judged as over the in-memory reference', async () => {
      await withHarness(async (h, store) => {
        await walkPath(h);
        // The store now holds what the reference holds, read through the port.
        await store.transaction(async (tx) => {
          const reader = carePathReaderOf(tx);
          expect(await reader.trackingSince()).toBe(DAY);
          expect((await reader.requests([{ aanbieder: DE_BRUG, referentie: 'R1' }])).requests).toEqual([h.store.request(DE_BRUG, 'R1')]);
          expect((await reader.prestaties([{ aanbieder: DE_BRUG, referentieNummer: 'P1' }])).prestaties).toEqual([h.store.prestatie(DE_BRUG, 'P1'), h.store.prestatie(DE_BRUG, 'P3')]);
          const path = await reader.paths([{ pseudonym: h.pseudonym(TOM), gemeente: '0384', aanbieder: DE_BRUG }]);
          expect(path.toewijzingen).toEqual(h.store.allToewijzingen());
          expect(new Set(path.deliveries?.map((d) => JSON.stringify(d)))).toEqual(new Set(h.store.allDeliveries().map((d) => JSON.stringify(d))));
          expect((await reader.pairs([{ gemeente: '0384', aanbieder: DE_BRUG }, { gemeente: '0363', aanbieder: DE_BRUG }])).pairs).toEqual([{ gemeente: '0384', aanbieder: DE_BRUG }]);
        });
      });
    });

    it('when the messages of paths are judged one after the other in one transaction (a group-commit batch), then each sees what the ones before it wrote, as over the in-memory reference', async () => {
      await withHarness(async (h, store) => {
        const tom = { pseudonym: h.pseudonym(TOM), gemeente: '0384', aanbieder: DE_BRUG };
        await h.inOneTransaction(async (tx) => {
          // Another child's request first: the path's first request then finds its pair (gemeente,
          // aanbieder) only in what this transaction wrote, and nothing yet of its own path.
          expect((await h.submit('JW315', jw315({ id: 'B1', dag: DAY, bsn: ANNA, products: [{ ref: 'R9' }] }), at(DAY))).accepted).toBe(true);
          await walkPath(h);
          const reader = carePathReaderOf(tx);
          expect((await reader.pairs([{ gemeente: '0384', aanbieder: DE_BRUG }, { gemeente: '0363', aanbieder: DE_BRUG }, { gemeente: '0384', aanbieder: DE_BRUG }])).pairs).toEqual([
            { gemeente: '0384', aanbieder: DE_BRUG },
            { gemeente: '0384', aanbieder: DE_BRUG },
          ]);
          expect((await reader.paths([tom])).toewijzingen).toEqual(h.store.allToewijzingen());
        });
        // And committed, the store holds what the reference holds.
        await store.transaction(async (tx) => {
          const reader = carePathReaderOf(tx);
          expect((await reader.requests([{ aanbieder: DE_BRUG, referentie: 'R9' }, { aanbieder: DE_BRUG, referentie: 'R1' }])).requests).toEqual([h.store.request(DE_BRUG, 'R9'), h.store.request(DE_BRUG, 'R1')]);
          const path = await reader.paths([tom]);
          expect(new Set(path.deliveries?.map((d) => JSON.stringify(d)))).toEqual(new Set(h.store.allDeliveries().map((d) => JSON.stringify(d))));
          expect((await reader.prestaties([{ aanbieder: DE_BRUG, referentieNummer: 'P1' }])).prestaties).toEqual([h.store.prestatie(DE_BRUG, 'P1'), h.store.prestatie(DE_BRUG, 'P3')]);
        });
      });
    });

    it('when a transaction upserts a fact off the key a later read names (a request moved to another path), then that read no longer returns it and the new key\'s read does', async () => {
      await withHarness(async (h, store) => {
        expect((await h.submit('JW315', jw315({ id: 'M1', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), at(DAY))).accepted).toBe(true);
        const tom = { pseudonym: h.pseudonym(TOM), gemeente: '0384', aanbieder: DE_BRUG };
        const anna = { ...tom, pseudonym: h.pseudonym(ANNA) };
        await store.transaction(async (tx) => {
          const reader = carePathReaderOf(tx);
          const [request] = (await reader.requests([{ aanbieder: DE_BRUG, referentie: 'R1' }])).requests ?? [];
          expect(request?.pseudonym).toBe(tom.pseudonym);
          if (request === undefined) return;
          await tx.applyCarePathChanges([{ op: 'request', fact: { ...request, pseudonym: anna.pseudonym } }]);
          expect((await reader.paths([tom])).requests).toEqual([]);
          expect((await reader.paths([anna])).requests?.map((r) => r.referentie)).toEqual(['R1']);
          expect((await reader.named({ messages: [], pairs: [], requests: [{ aanbieder: DE_BRUG, referentie: 'R1' }] })).requests?.map((r) => r.pseudonym)).toEqual([anna.pseudonym]);
        });
      });
    });

    it('when a read names several keys (some twice, some unknown), then it returns what the reference returns, in key order and then each read\'s own order', async () => {
      await withHarness(async (h, store) => {
        const accept = async (type: string, message: Parameters<CarePathHarness['submit']>[1], day: string): Promise<void> => {
          expect((await h.submit(type, message, at(day))).refusals).toEqual([]);
        };
        await accept('JW315', jw315({ id: 'M1', dag: DAY, bsn: TOM, products: [{ ref: 'R3' }, { ref: 'R1' }, { ref: 'R2', code: '45A04' }] }), DAY);
        await accept('JW315', jw315({ id: 'M2', dag: DAY, bsn: ANNA, products: [{ ref: 'R9' }] }), DAY);
        await accept('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 5002, ref: 'R3', ingang: DAY, eind: '2026-06-30' }, { nummer: 5001, ref: 'R1', ingang: DAY, eind: '2026-06-30' }] }), DAY);
        await accept('JW301', jw301({ dag: DAY, bsn: ANNA, products: [{ nummer: 5003, ref: 'R9', ingang: DAY, eind: '2026-06-30' }] }), DAY);
        await accept('JW305', jw305({ dag: '2026-01-12', bsn: TOM, products: [{ nummer: 5002, begin: '2026-01-12' }, { nummer: 5001, begin: '2026-01-12' }] }), '2026-01-12');
        await accept('JW305', jw305({ dag: '2026-01-12', bsn: ANNA, products: [{ nummer: 5003, begin: '2026-01-12' }] }), '2026-01-12');
        const P = { nummer: 5001, begin: '2026-01-09', eind: '2026-01-31' };
        await accept('JW323', jw323({ id: 'DECL-1', dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [{ ...P, ref: 'P2' }, { ...P, ref: 'P1', nummer: 5002 }] }, { bsn: ANNA, prestaties: [{ ...P, ref: 'P5', nummer: 5003 }] }] }), '2026-02-03');
        await accept('JW323', jw323({ id: 'DECL-2', dag: '2026-02-04', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [{ ...P, ref: 'P3', vorig: 'P2', dc: 'C' }] }] }), '2026-02-04');
        const tom = { pseudonym: h.pseudonym(TOM), gemeente: '0384', aanbieder: DE_BRUG };
        const anna = { pseudonym: h.pseudonym(ANNA), gemeente: '0384', aanbieder: DE_BRUG };
        const nobody = { pseudonym: 'nobody', gemeente: '0384', aanbieder: DE_BRUG };
        const reference = createMemoryReader(h.store);
        await store.transaction(async (tx) => {
          const reader = carePathReaderOf(tx);
          /** Each list as a multiset: the reference keeps its own order. */
          const asSets = (rows: object): Record<string, string[]> => Object.fromEntries(Object.entries(rows).map(([name, list]) => [name, (list as unknown[]).map((x) => JSON.stringify(x)).sort()]));
          const same = async <K>(read: (r: typeof reader, keys: K[]) => Promise<object>, keys: K[], concatenated: readonly string[] = []): Promise<void> => {
            const got = (await read(reader, keys)) as Record<string, unknown[]>;
            expect(asSets(got)).toEqual(asSets(await read(reference, keys)));
            // Where a read is one query per key, the rows come as one statement per key gave them.
            for (const name of concatenated) {
              const one: unknown[] = [];
              for (const k of keys) one.push(...(((await read(reader, [k])) as Record<string, unknown[]>)[name] ?? []));
              expect(got[name]).toEqual(one);
            }
          };
          await same((r, k) => r.messages(k), [{ messageType: 'JW315', afzender: DE_BRUG, identificatie: 'M2' }, { messageType: 'JW315', afzender: DE_BRUG, identificatie: 'none' }, { messageType: 'JW315', afzender: DE_BRUG, identificatie: 'M1' }], ['messages']);
          await same((r, k) => r.pairs(k), [{ gemeente: '0363', aanbieder: DE_BRUG }, { gemeente: '0384', aanbieder: DE_BRUG }, { gemeente: '0384', aanbieder: DE_BRUG }], ['pairs']);
          await same((r, k) => r.requests(k), [{ aanbieder: DE_BRUG, referentie: 'R9' }, { aanbieder: DE_BRUG, referentie: 'R2' }, { aanbieder: DE_BRUG, referentie: 'none' }, { aanbieder: DE_BRUG, referentie: 'R1' }, { aanbieder: DE_BRUG, referentie: 'R9' }], ['requests']);
          await same((r, k) => r.paths(k), [anna, nobody, tom], ['relations', 'requests', 'toewijzingen']);
          await same((r, k) => r.paths(k), [tom, anna], ['relations', 'requests', 'toewijzingen']);
          await same((r, k) => r.toewijzingen(k), [{ gemeente: '0384', nummer: 5003 }, { gemeente: '0384', nummer: 9999 }, { gemeente: '0384', nummer: 5001 }, { gemeente: '0384', nummer: 5002 }], ['toewijzingen', 'deliveries']);
          await same((r, k) => r.declaraties(k), [{ aanbieder: DE_BRUG, declaratieNummer: 'D2' }, { aanbieder: DE_BRUG, declaratieNummer: 'none' }, { aanbieder: DE_BRUG, declaratieNummer: 'D1' }], ['declaraties']);
          await same((r, k) => r.declaratiesByMessage(k), [{ aanbieder: DE_BRUG, identificatie: 'DECL-2', dagtekening: '2026-02-04' }, { aanbieder: DE_BRUG, identificatie: 'DECL-1', dagtekening: '2026-02-03' }], ['declaraties', 'prestaties']);
          await same((r, k) => r.prestaties(k), [{ aanbieder: DE_BRUG, referentieNummer: 'P5' }, { aanbieder: DE_BRUG, referentieNummer: 'P2' }, { aanbieder: DE_BRUG, referentieNummer: 'none' }, { aanbieder: DE_BRUG, referentieNummer: 'P1' }]);
          // The first round of a working set in one read: each list as its own read gives it, parts
          // with no keys or with more keys than one statement takes included.
          const named = {
            messages: [{ messageType: 'JW315', afzender: DE_BRUG, identificatie: 'M2' }, { messageType: 'JW315', afzender: DE_BRUG, identificatie: 'none' }, { messageType: 'JW315', afzender: DE_BRUG, identificatie: 'M1' }],
            pairs: [{ gemeente: '0363', aanbieder: DE_BRUG }, { gemeente: '0384', aanbieder: DE_BRUG }, { gemeente: '0384', aanbieder: DE_BRUG }],
            requests: [{ aanbieder: DE_BRUG, referentie: 'R9' }, { aanbieder: DE_BRUG, referentie: 'none' }, { aanbieder: DE_BRUG, referentie: 'R1' }, { aanbieder: DE_BRUG, referentie: 'R9' }],
          };
          const many = Array.from({ length: 150 }, (_, i) => ({ aanbieder: DE_BRUG, referentie: i === 120 ? 'R2' : `none-${i}` }));
          for (const keys of [named, { ...named, pairs: [] }, { messages: [], pairs: [], requests: named.requests }, { messages: [], pairs: [], requests: [] }, { ...named, requests: many }]) {
            const separately = { ...(await reader.messages(keys.messages)), ...(await reader.pairs(keys.pairs)), ...(await reader.requests(keys.requests)) };
            expect(await reader.named(keys)).toEqual(separately);
            expect(asSets(await reader.named(keys))).toEqual(asSets(await reference.named(keys)));
          }
          expect((await reader.named(named)).requests?.map((r) => r.referentie)).toEqual(['R9', 'R1', 'R9']);
          // Several keys in one read come back as one read per key gave them, one after the other.
          const requests = await reader.requests([{ aanbieder: DE_BRUG, referentie: 'R2' }, { aanbieder: DE_BRUG, referentie: 'R9' }, { aanbieder: DE_BRUG, referentie: 'R1' }]);
          expect(requests.requests?.map((r) => r.referentie)).toEqual(['R2', 'R9', 'R1']);
          const paths = await reader.paths([anna, tom]);
          expect(paths.requests?.map((r) => r.referentie)).toEqual(['R9', 'R1', 'R2', 'R3']);
          expect(paths.toewijzingen?.map((t) => t.nummer)).toEqual([5003, 5001, 5002]);
          // A path's deliveries: those of its toewijzingen first, then those without one, each part in key
          // order (as the reads before batching gave them: one for the toewijzingen found, one per path key).
          for (const keys of [[anna, tom], [tom, anna, tom]]) {
            const perKey = await Promise.all(keys.map(async (k) => (await reader.paths([k])).deliveries ?? []));
            const expected = [...perKey.flatMap((list) => list.filter((d) => d.nummer !== undefined)), ...perKey.flatMap((list) => list.filter((d) => d.nummer === undefined))];
            expect((await reader.paths(keys)).deliveries).toEqual(expected);
            expect(expected.length).toBeGreaterThan(0);
          }
          const toewijzingen = await reader.toewijzingen([{ gemeente: '0384', nummer: 5002 }, { gemeente: '0384', nummer: 5001 }]);
          expect(toewijzingen.prestaties?.map((p) => p.referentieNummer)).toEqual(['P1', 'P2', 'P3', 'P3']);
        });
      });
    });

    it('when one message opens many deadlines at once (new, unchanged, with a new term, closed before), then exactly the new and changed ones are reported opened, and each row holds its own term', async () => {
      await withFreshStore(async (store) => {
        await store.migrate();
        // PostgreSQL upserts a run of deadlines in one statement, SQLite one by one: the same answer.
        const deadline = (n: number, dueDay: string): DeadlineFact => ({
          id: `retour:D${n}`, kind: 'retour', rule: 'OP090', gemeente: '0363', aanbieder: DE_BRUG, pseudonym: `p${n % 7}`,
          owedBy: 'gemeente-amsterdam', refs: { messageType: 'JW315', identificatie: `D${n}` },
          startDay: DAY, dueDay, overdueOn: `${dueDay.slice(0, 8)}${String(Number(dueDay.slice(8)) + 1).padStart(2, '0')}`,
        });
        const ids = Array.from({ length: 120 }, (_, i) => i);
        const open = (list: readonly DeadlineFact[]): CarePathChange[] => list.map((d) => ({ op: 'open-deadline', deadline: d }));
        const first = await store.transaction((tx) => tx.applyCarePathChanges(open(ids.map((n) => deadline(n, '2026-01-14')))));
        expect([...first.opened].sort()).toEqual(ids.map((n) => `retour:D${n}`).sort());
        expect(first.closed).toEqual([]);
        // D0..D9 closed; then one run: the closed ones again (reopened), D10..D59 with a new term,
        // D60..D119 unchanged, and D200..D204 new.
        await store.transaction((tx) => tx.applyCarePathChanges(ids.slice(0, 10).map((n) => ({ op: 'close-deadlines', match: { id: `retour:D${n}` }, status: 'met', byExchange: 'x1' }))));
        const second = ids.map((n) => deadline(n, n >= 10 && n < 60 ? '2026-01-20' : '2026-01-14')).concat([200, 201, 202, 203, 204].map((n) => deadline(n, '2026-01-22')));
        const applied = await store.transaction((tx) => tx.applyCarePathChanges(open(second)));
        const expected = [...ids.filter((n) => n < 60), 200, 201, 202, 203, 204].map((n) => `retour:D${n}`);
        expect([...applied.opened].sort()).toEqual(expected.sort());
        expect(applied.closed).toEqual([]);
        // Every row holds the term it was last given: the overdue list of a day between the terms
        // names exactly the deadlines that kept the first term (D0..D9 reopened with it, D60..D119).
        const overdue = await store.listOverdueDeadlines({ today: '2026-01-16', source: 'watchdog', limit: 1000 });
        expect(overdue.map((d) => d.id).sort()).toEqual(ids.filter((n) => n < 10 || n >= 60).map((n) => `retour:D${n}`).sort());
        expect(new Set(overdue.map((d) => d.dueDay))).toEqual(new Set(['2026-01-14']));
        // Overdue from the day after the term, not on its last day (each column got its own value).
        expect(await store.listOverdueDeadlines({ today: '2026-01-14', source: 'watchdog', limit: 1000 })).toEqual([]);
        const later = await store.listOverdueDeadlines({ today: '2026-01-23', source: 'watchdog', limit: 1000 });
        expect(later.find((d) => d.id === 'retour:D10')?.dueDay).toBe('2026-01-20');
        expect(later.find((d) => d.id === 'retour:D204')?.dueDay).toBe('2026-01-22');
        expect(later).toHaveLength(125);
      });
    });

    it('when a message is refused, then the store keeps nothing of it, and a second gateway day keeps the first tracking day', async () => {
      await withHarness(async (h, store) => {
        expect((await h.submit('JW315', jw315({ id: 'X1', dag: DAY, bsn: ANNA, products: [{ ref: 'R9' }] }), at(DAY))).accepted).toBe(true);
        expect(codes((await h.submit('JW315', jw315({ id: 'X1', dag: '2026-01-12', bsn: TOM, products: [{ ref: 'R10' }] }), at('2026-01-12'))).refusals)).toEqual(['TR056/9056']);
        await store.transaction(async (tx) => {
          const reader = carePathReaderOf(tx);
          expect((await reader.requests([{ aanbieder: DE_BRUG, referentie: 'R10' }])).requests).toEqual([]);
          expect((await reader.messages([{ messageType: 'JW315', afzender: DE_BRUG, identificatie: 'X1' }])).messages?.map((m) => m.dagtekening)).toEqual([DAY]);
          expect(await reader.trackingSince()).toBe(DAY);
        });
      });
    });
  });
}
