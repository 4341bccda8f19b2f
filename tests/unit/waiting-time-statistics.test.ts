import { describe, expect, it } from 'vitest';
import { createTermResolver } from '../../src/care-path/care-path-terms.ts';
import { ALL, percentile, suppressedTable, suppressionThreshold, type Cell, type Observation, type TableSpec } from '../../src/statistics/small-cell-suppression.ts';
import { waitingTimeTables, waitObservations, WAIT_TABLE } from '../../src/statistics/waiting-times.ts';
import { BSN, CarePathHarness, DE_BRUG, DIEMEN, jw301, jw305, jw315, jw319 } from '../support/care-path-fixtures.ts';

const SPEC: TableSpec = { totalled: ['gemeente', 'categorie'], fixed: ['month'] };

/** `n` observations in one cell, each about its own child (ids unique per call through `prefix`). */
function cell(n: number, dims: Record<string, string>, prefix: string, value = 3): Observation[] {
  return Array.from({ length: n }, (_, i) => ({ dims: { month: '2026-03', ...dims }, child: `${prefix}-${i}`, value }));
}

const find = (cells: readonly Cell[], dims: Record<string, string>): Cell | undefined =>
  cells.find((c) => Object.entries({ month: '2026-03', ...dims }).every(([k, v]) => c.dims[k] === v) && Object.keys(c.dims).length === Object.keys({ month: '2026-03', ...dims }).length);

describe('percentiles', () => {
  it('when the values are 1..10, then the median is 5.5 and the 90th percentile 9.1 (linear interpolation)', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(5.5);
    expect(percentile(values, 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([7], 0.9)).toBe(7);
  });
});

describe('small-cell suppression', () => {
  it('when a cell holds fewer than 10 children, then it is suppressed and publishes no figures; a cell of 10 can be published', () => {
    const obs = [...cell(9, { gemeente: 'G1', categorie: 'A' }, 'a'), ...cell(10, { gemeente: 'G2', categorie: 'A' }, 'b'), ...cell(11, { gemeente: 'G3', categorie: 'A' }, 'c'), ...cell(10, { gemeente: 'G3', categorie: 'B' }, 'd')];
    const cells = suppressedTable(obs, SPEC, 10);
    expect(find(cells, { gemeente: 'G1', categorie: 'A' })).toEqual({ dims: { month: '2026-03', gemeente: 'G1', categorie: 'A' }, suppressed: 'primary' });
    // A total minus G3's published 11 would give G1 + G2 = 19: G2 (the smallest other part) goes too.
    expect(find(cells, { gemeente: 'G2', categorie: 'A' })?.suppressed).toBe('complementary');
    expect(find(cells, { gemeente: 'G3', categorie: 'B' })).toMatchObject({ children: 10, count: 10, median: 3, p90: 3 });
    expect(find(cells, { gemeente: ALL, categorie: ALL })).toMatchObject({ children: 40 });
  });

  it('when one part of a published total is small, then the smallest other part is suppressed too, so total minus parts reveals at least 10 children', () => {
    const obs = [...cell(30, { gemeente: 'G', categorie: 'A' }, 'a'), ...cell(20, { gemeente: 'G', categorie: 'B' }, 'b'), ...cell(7, { gemeente: 'G', categorie: 'C' }, 'c')];
    const cells = suppressedTable(obs, SPEC, 10);
    expect(find(cells, { gemeente: 'G', categorie: ALL })).toMatchObject({ children: 57 });
    expect(find(cells, { gemeente: 'G', categorie: 'A' })).toMatchObject({ children: 30 });
    expect(find(cells, { gemeente: 'G', categorie: 'B' })?.suppressed).toBe('complementary');
    expect(find(cells, { gemeente: 'G', categorie: 'C' })?.suppressed).toBe('primary');
  });

  it('when two small parts together still hold fewer than 10 children, then a third part is suppressed', () => {
    const obs = [...cell(40, { gemeente: 'G', categorie: 'A' }, 'a'), ...cell(3, { gemeente: 'G', categorie: 'B' }, 'b'), ...cell(3, { gemeente: 'G', categorie: 'C' }, 'c'), ...cell(50, { gemeente: 'G', categorie: 'D' }, 'd')];
    const cells = suppressedTable(obs, SPEC, 10);
    expect(find(cells, { gemeente: 'G', categorie: 'A' })?.suppressed).toBe('complementary');
    expect(find(cells, { gemeente: 'G', categorie: 'D' })).toMatchObject({ children: 50 });
    expect(find(cells, { gemeente: 'G', categorie: ALL })).toMatchObject({ children: 96 });
  });

  it('when a part is hidden in one direction, then the relation in the other direction is protected too', () => {
    // G1/A is small. Along categorie: G1 total − G1/B would reveal it; along gemeente: A total − G2/A would.
    const obs = [...cell(4, { gemeente: 'G1', categorie: 'A' }, 'a'), ...cell(30, { gemeente: 'G1', categorie: 'B' }, 'b'), ...cell(30, { gemeente: 'G2', categorie: 'A' }, 'c'), ...cell(30, { gemeente: 'G2', categorie: 'B' }, 'd')];
    const cells = suppressedTable(obs, SPEC, 10);
    for (const dims of [{ gemeente: 'G1', categorie: 'A' }, { gemeente: 'G1', categorie: 'B' }, { gemeente: 'G2', categorie: 'A' }, { gemeente: 'G2', categorie: 'B' }]) {
      expect(find(cells, dims)?.suppressed, JSON.stringify(dims)).toBeDefined();
    }
    expect(find(cells, { gemeente: ALL, categorie: ALL })).toMatchObject({ children: 94 });
  });

  it('when tables are generated at random, then no published total minus its published parts isolates fewer than 10 children', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 30; round += 1) {
      const obs: Observation[] = [];
      for (let i = 0; i < 400; i += 1) obs.push({ dims: { month: '2026-03', gemeente: `G${random(5)}`, categorie: `C${random(4 + (round % 5))}` }, child: `k${random(300)}`, value: random(20) });
      const cells = suppressedTable(obs, SPEC, 10);
      const published = new Map(cells.map((c) => [JSON.stringify(c.dims), c]));
      // For every relation with a published total: the children of its suppressed parts, recomputed from the raw data.
      for (const total of cells) {
        if (total.suppressed !== undefined) continue;
        for (const d of SPEC.totalled) {
          if (total.dims[d] !== ALL) continue;
          const parts = cells.filter((c) => Object.keys(c.dims).every((k) => (k === d ? c.dims[k] !== ALL : c.dims[k] === total.dims[k])));
          const hidden = parts.filter((c) => c.suppressed !== undefined);
          if (hidden.length === 0) continue;
          const hiddenValues = new Set(hidden.map((c) => c.dims[d]));
          const children = new Set(obs.filter((o) => hiddenValues.has(o.dims[d]) && Object.keys(total.dims).every((k) => k === d || total.dims[k] === ALL || o.dims[k] === total.dims[k])).map((o) => o.child));
          expect(hidden.length, JSON.stringify(total.dims)).toBeGreaterThanOrEqual(2);
          expect(children.size, JSON.stringify(total.dims)).toBeGreaterThanOrEqual(10);
        }
      }
      expect(published.size).toBe(cells.length);
    }
  });

  it('when the same observations come in another order, then the table and its suppression pattern are the same', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const obs: Observation[] = [];
    for (let i = 0; i < 600; i += 1) obs.push({ dims: { month: `2026-0${1 + random(3)}`, gemeente: `G${random(6)}`, categorie: `C${random(5)}` }, child: `k${random(400)}`, value: random(30) });
    const shuffled = [...obs].reverse().sort(() => 0).map((o, i, a) => a[(i * 7919) % a.length] ?? o);
    expect(new Set(shuffled).size).toBe(obs.length);
    const sorted = (cells: readonly Cell[]): string[] => cells.map((c) => JSON.stringify(c)).sort();
    const first = suppressedTable(obs, SPEC, 10);
    expect(first.some((c) => c.suppressed === 'complementary')).toBe(true);
    expect(sorted(suppressedTable(shuffled, SPEC, 10))).toEqual(sorted(first));
  });

  it('when the threshold is configured below 5, then it is refused; 5 is the floor', () => {
    expect(() => suppressionThreshold(4)).toThrow(/at least 5/);
    expect(suppressionThreshold(5)).toBe(5);
    expect(suppressionThreshold(undefined)).toBe(10);
  });
});

describe('waiting times from care paths', () => {
  it('when requests are answered and honoured and care starts, then each measure counts its days, in the month the wait ended', async () => {
    const h = new CarePathHarness();
    // Request Friday 9 Jan, onderzoek Mon 12 Jan (1 werkdag), toewijzing Wed 21 Jan, start Mon 2 Feb.
    await h.submit('JW315', jw315({ dag: '2026-01-09', bsn: BSN[0]!, products: [{ ref: 'R1' }] }), '2026-01-09T10:00:00+01:00');
    await h.submit('JW319', jw319({ dag: '2026-01-12', ref: 'R1', antwoord: '2' }), '2026-01-12T10:00:00+01:00');
    await h.submit('JW301', jw301({ dag: '2026-01-21', bsn: BSN[0]!, products: [{ nummer: 1, ref: 'R1', ingang: '2026-01-26' }] }), '2026-01-21T10:00:00+01:00');
    await h.submit('JW305', jw305({ dag: '2026-02-02', bsn: BSN[0]!, products: [{ nummer: 1, begin: '2026-02-02' }] }), '2026-02-02T10:00:00+01:00');
    // Another request refused (reden 3) after 8 werkdagen: outside the term.
    await h.submit('JW315', jw315({ dag: '2026-01-09', bsn: BSN[1]!, products: [{ ref: 'R2' }] }), '2026-01-09T10:00:00+01:00');
    await h.submit('JW319', jw319({ dag: '2026-01-21', ref: 'R2', antwoord: '1', reden: '3' }), '2026-01-21T10:00:00+01:00');
    const history = { requests: h.store.allRequests(), toewijzingen: h.store.allToewijzingen(), deliveries: h.store.allDeliveries() };
    const { waits, refusals } = waitObservations(history, createTermResolver());
    const of = (m: keyof typeof waits) => waits[m].map((o) => ({ month: o.dims['month'], value: o.value, within: o.withinTerm }));
    expect(of('request-answer')).toEqual([{ month: '2026-01', value: 3, within: true }, { month: '2026-01', value: 12, within: false }]);
    expect(of('request-toewijzing')).toEqual([{ month: '2026-01', value: 12, within: undefined }]);
    expect(of('toewijzing-start')).toEqual([{ month: '2026-02', value: 12, within: undefined }]);
    expect(of('request-start')).toEqual([{ month: '2026-02', value: 24, within: undefined }]);
    expect(refusals.map((o) => o.dims)).toEqual([{ gemeente: DIEMEN, aanbieder: DE_BRUG, categorie: '45', reden: '3', month: '2026-01' }]);
  });

  it('when there are many children, then the tables publish the medians; the refusal of one child stays hidden', async () => {
    const h = new CarePathHarness();
    for (let i = 0; i < 12; i += 1) {
      const bsn = BSN[i]!;
      await h.submit('JW315', jw315({ dag: '2026-03-02', bsn, products: [{ ref: `R${i}` }] }), '2026-03-02T10:00:00+01:00');
      const answer = `2026-03-${String(3 + (i % 3)).padStart(2, '0')}`;
      if (i === 11) await h.submit('JW319', jw319({ dag: answer, ref: `R${i}`, antwoord: '1' }), `${answer}T10:00:00+01:00`);
      else await h.submit('JW301', jw301({ dag: answer, bsn, products: [{ nummer: 100 + i, ref: `R${i}`, ingang: answer }] }), `${answer}T10:00:00+01:00`);
    }
    const tables = waitingTimeTables({ requests: h.store.allRequests(), toewijzingen: h.store.allToewijzingen(), deliveries: h.store.allDeliveries() }, createTermResolver(), 10);
    const national = tables.measures['request-answer'].find((c) => WAIT_TABLE.totalled.every((d) => c.dims[d] === ALL));
    expect(national).toMatchObject({ children: 12, count: 12, median: 2, p90: 3, withinTermShare: 1 });
    expect(tables.measures['request-toewijzing'].find((c) => c.dims['gemeente'] === DIEMEN && c.dims['aanbieder'] === ALL && c.dims['categorie'] === ALL)).toMatchObject({ children: 11 });
    expect(tables.refusals.every((c) => c.suppressed !== undefined)).toBe(true);
  });
});
