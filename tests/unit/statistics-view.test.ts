// Who sees which part of the waiting-time tables, and the CSV export (issue 10). Every view is a slice
// of one suppressed table, so two views side by side reveal nothing either hides.
import { describe, expect, it } from 'vitest';
import { ALL, suppressedTable, type Observation } from '../../src/statistics/small-cell-suppression.ts';
import { REFUSAL_TABLE, WAIT_TABLE, type WaitingTimeTables } from '../../src/statistics/waiting-times.ts';
import { publishTables } from '../../src/statistics/published-tables.ts';
import { scopeOf, viewCells, viewCsv, viewJson, viewOf, type StatisticsFilter, type StatisticsScope } from '../../src/statistics/statistics-view.ts';
import { CSV_COLUMNS } from '../../src/statistics/waiting-times-csv.ts';
import type { Cell } from '../../src/statistics/small-cell-suppression.ts';

/** `n` children waiting `value` days in one cell. */
const waits = (n: number, dims: Record<string, string>, prefix: string, value: number): Observation[] =>
  Array.from({ length: n }, (_, i) => ({ dims: { month: '2026-03', categorie: '45', ...dims }, child: `${prefix}-${i}`, value, withinTerm: value <= 7 }));

function tables(): WaitingTimeTables {
  const obs = [
    ...waits(20, { gemeente: '0384', aanbieder: 'A1' }, 'a', 4),
    ...waits(15, { gemeente: '0384', aanbieder: 'A2' }, 'b', 9),
    ...waits(30, { gemeente: '0363', aanbieder: 'A1' }, 'c', 6),
    ...waits(3, { gemeente: '0363', aanbieder: 'A3' }, 'd', 40),
  ];
  const table = suppressedTable(obs, WAIT_TABLE, 10);
  const refusals = suppressedTable([{ dims: { month: '2026-03', gemeente: '0384', aanbieder: 'A1', categorie: '45', reden: '3' }, child: 'a-0' }], REFUSAL_TABLE, 10);
  return { measures: { 'request-answer': table, 'request-toewijzing': [], 'toewijzing-start': [], 'request-start': [] }, refusals };
}

/** The cells of a view, as the API would answer them (published, sliced and parsed back). */
function cellsOf(scope: StatisticsScope, filter: StatisticsFilter = {}): { measures: Partial<Record<string, Cell[]>>; refusals: Cell[] } {
  return viewCells(viewOf(publishTables(tables()), scope, filter, 10));
}

const regions = (code: string): { id: string; gemeenten: string[] } | undefined => (['0384', '0363'].includes(code) ? { id: 'amstelland', gemeenten: ['0384', '0363'] } : undefined);

describe('who sees what', () => {
  it('when a gemeente asks, then it sees the cells of its region, never the national totals', () => {
    const scope = scopeOf({ role: 'gemeente', identifiers: { gemeentecode: '0384' } }, regions);
    expect(scope).toEqual({ kind: 'region', region: 'amstelland', gemeenten: ['0384', '0363'] });
    const view = cellsOf(scope);
    const cells = view.measures['request-answer'] ?? [];
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.dims.gemeente))).toEqual(new Set(['0384', '0363']));
    const alone = scopeOf({ role: 'gemeente', identifiers: { gemeentecode: '0014' } }, regions);
    expect(alone).toEqual({ kind: 'region', region: null, gemeenten: ['0014'] });
    expect(cellsOf(alone).measures['request-answer']).toEqual([]);
  });

  it('when an aanbieder asks, then it sees only its own figures, across gemeenten and in total', () => {
    const view = cellsOf(scopeOf({ role: 'aanbieder', identifiers: { agb: 'A1' } }, regions));
    const cells = view.measures['request-answer'] ?? [];
    expect(cells.every((c) => c.dims.aanbieder === 'A1')).toBe(true);
    expect(cells.find((c) => c.dims.gemeente === ALL && c.dims.categorie === ALL)).toMatchObject({ children: 50, median: 6 });
  });

  it('when the CBS asks, then it gets the national table; a small cell stays suppressed for everyone', () => {
    const national = cellsOf(scopeOf({ role: 'cbs', identifiers: {} }, regions)).measures['request-answer'] ?? [];
    expect(national.find((c) => c.dims.gemeente === ALL && c.dims.aanbieder === ALL && c.dims.categorie === ALL)).toMatchObject({ children: 68 });
    const small = national.find((c) => c.dims.gemeente === '0363' && c.dims.aanbieder === 'A3' && c.dims.categorie === '45');
    expect(small).toEqual({ dims: small?.dims, suppressed: 'primary' });
    const regional = cellsOf(scopeOf({ role: 'gemeente', identifiers: { gemeentecode: '0363' } }, regions)).measures['request-answer'] ?? [];
    expect(regional.find((c) => c.dims.gemeente === '0363' && c.dims.aanbieder === 'A3' && c.dims.categorie === '45')?.suppressed).toBe('primary');
  });

  it('when a party of another role asks, then it is refused', () => {
    expect(() => scopeOf({ role: 'school', identifiers: {} }, regions)).toThrow(/gemeenten .* aanbieders .* CBS/);
    expect(() => scopeOf({ role: 'gemeente', identifiers: {} }, regions)).toThrow();
  });

  it('when filters are given, then they narrow the view: one gemeente, one month range, one measure', () => {
    const view = cellsOf({ kind: 'national' }, { gemeente: '0384', fromMonth: '2026-03', toMonth: '2026-03', measures: ['request-answer'] });
    expect(Object.keys(view.measures)).toEqual(['request-answer']);
    expect(view.measures['request-answer']?.every((c) => c.dims.gemeente === '0384')).toBe(true);
    expect(cellsOf({ kind: 'national' }, { fromMonth: '2026-04' }).measures['request-answer']).toEqual([]);
  });
});

describe('the CSV export', () => {
  it('when exported, then there is a header, one row per cell, totals as *, and suppressed cells without figures', () => {
    const chosen = viewOf(publishTables(tables()), { kind: 'national' }, { measures: ['request-answer'] }, 10);
    const cells = viewCells(chosen);
    const lines = viewCsv(chosen).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe((cells.measures['request-answer']?.length ?? 0) + cells.refusals.length);
    expect(lines).toContain('request-answer,2026-03,*,*,*,,68,68,6,9,0.735,');
    expect(lines).toContain('request-answer,2026-03,0363,A3,45,,,,,,,primary');
    expect(lines.filter((l) => l.startsWith('refusals,')).every((l) => l.endsWith('primary') || l.endsWith('complementary'))).toBe(true);
  });
});

describe('the published tables', () => {
  it('when a view is answered in JSON, then it is the cells of the table, totals first, each exactly as computed', () => {
    const computed = tables();
    const scope: StatisticsScope = { kind: 'region', region: null, gemeenten: ['0384'] };
    const body = JSON.parse(viewJson(viewOf(publishTables(computed), scope, {}, 10), '2026-04-01T00:00:00.000Z').toString('utf8')) as { measures: Record<string, Cell[]>; refusals: Cell[]; scope: unknown; threshold: number; generatedAt: string };
    expect(body).toMatchObject({ scope, threshold: 10, generatedAt: '2026-04-01T00:00:00.000Z' });
    expect(Object.keys(body.measures)).toEqual(['request-answer', 'request-toewijzing', 'toewijzing-start', 'request-start']);
    const expected = computed.measures['request-answer'].filter((c) => c.dims.gemeente === '0384');
    const answered = body.measures['request-answer'] ?? [];
    expect(answered).toHaveLength(expected.length);
    expect(new Set(answered.map((c) => JSON.stringify(c)))).toEqual(new Set(expected.map((c) => JSON.stringify(c))));
    // Sorted by month, gemeente, aanbieder, categorie with the totals ('*') first.
    expect(answered[0]?.dims).toEqual({ month: '2026-03', gemeente: '0384', aanbieder: ALL, categorie: ALL });
    expect(answered.map((c) => c.dims.aanbieder)).toEqual([...answered.map((c) => c.dims.aanbieder)].sort((a, b) => (a === b ? 0 : a === ALL ? -1 : b === ALL ? 1 : a! < b! ? -1 : 1)));
    expect(body.measures['request-toewijzing']).toEqual([]);
  });

  it('when a filter leaves cells out in the middle of a table, then the answer holds exactly the cells kept, still valid JSON', () => {
    const published = publishTables(tables());
    const all = viewCells(viewOf(published, { kind: 'national' }, {}, 10)).measures['request-answer'] ?? [];
    const a1View = viewCells(viewOf(published, { kind: 'national' }, { aanbieder: 'A1' }, 10));
    const a1 = a1View.measures['request-answer'] ?? [];
    expect(a1.length).toBeGreaterThan(1);
    expect(a1).toEqual(all.filter((c) => c.dims.aanbieder === 'A1'));
    expect(viewCsv(viewOf(published, { kind: 'national' }, { aanbieder: 'A1' }, 10)).toString('utf8').split('\r\n').length - 2).toBe(a1.length + a1View.refusals.length);
    expect(a1View.refusals.length).toBeGreaterThan(0);
  });

  it('when the same measure is asked twice, then it is answered once', () => {
    const chosen = viewOf(publishTables(tables()), { kind: 'national' }, { measures: ['request-answer', 'request-answer'] }, 10);
    expect(chosen.measures).toHaveLength(1);
  });
});
