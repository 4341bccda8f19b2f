// Who sees which part of the waiting-time tables, and the CSV export (issue 10). Every view is a slice
// of one suppressed table, so two views side by side reveal nothing either hides.
import { describe, expect, it } from 'vitest';
import { ALL, suppressedTable, type Observation } from '../../src/statistics/small-cell-suppression.ts';
import { REFUSAL_TABLE, WAIT_TABLE, type WaitingTimeTables } from '../../src/statistics/waiting-times.ts';
import { scopeOf, viewOf } from '../../src/statistics/statistics-view.ts';
import { CSV_COLUMNS, waitingTimesCsv } from '../../src/statistics/waiting-times-csv.ts';

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

const regions = (code: string): { id: string; gemeenten: string[] } | undefined => (['0384', '0363'].includes(code) ? { id: 'amstelland', gemeenten: ['0384', '0363'] } : undefined);

describe('who sees what', () => {
  it('when a gemeente asks, then it sees the cells of its region, never the national totals', () => {
    const scope = scopeOf({ role: 'gemeente', identifiers: { gemeentecode: '0384' } }, regions);
    expect(scope).toEqual({ kind: 'region', region: 'amstelland', gemeenten: ['0384', '0363'] });
    const view = viewOf(tables(), scope, {}, 10);
    const cells = view.measures['request-answer'] ?? [];
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.dims.gemeente))).toEqual(new Set(['0384', '0363']));
    const alone = scopeOf({ role: 'gemeente', identifiers: { gemeentecode: '0014' } }, regions);
    expect(alone).toEqual({ kind: 'region', region: null, gemeenten: ['0014'] });
    expect(viewOf(tables(), alone, {}, 10).measures['request-answer']).toEqual([]);
  });

  it('when an aanbieder asks, then it sees only its own figures, across gemeenten and in total', () => {
    const view = viewOf(tables(), scopeOf({ role: 'aanbieder', identifiers: { agb: 'A1' } }, regions), {}, 10);
    const cells = view.measures['request-answer'] ?? [];
    expect(cells.every((c) => c.dims.aanbieder === 'A1')).toBe(true);
    expect(cells.find((c) => c.dims.gemeente === ALL && c.dims.categorie === ALL)).toMatchObject({ children: 50, median: 6 });
  });

  it('when the CBS asks, then it gets the national table; a small cell stays suppressed for everyone', () => {
    const national = viewOf(tables(), scopeOf({ role: 'cbs', identifiers: {} }, regions), {}, 10).measures['request-answer'] ?? [];
    expect(national.find((c) => c.dims.gemeente === ALL && c.dims.aanbieder === ALL && c.dims.categorie === ALL)).toMatchObject({ children: 68 });
    const small = national.find((c) => c.dims.gemeente === '0363' && c.dims.aanbieder === 'A3' && c.dims.categorie === '45');
    expect(small).toEqual({ dims: small?.dims, suppressed: 'primary' });
    const regional = viewOf(tables(), scopeOf({ role: 'gemeente', identifiers: { gemeentecode: '0363' } }, regions), {}, 10).measures['request-answer'] ?? [];
    expect(regional.find((c) => c.dims.gemeente === '0363' && c.dims.aanbieder === 'A3' && c.dims.categorie === '45')?.suppressed).toBe('primary');
  });

  it('when a party of another role asks, then it is refused', () => {
    expect(() => scopeOf({ role: 'school', identifiers: {} }, regions)).toThrow(/gemeenten .* aanbieders .* CBS/);
    expect(() => scopeOf({ role: 'gemeente', identifiers: {} }, regions)).toThrow();
  });

  it('when filters are given, then they narrow the view: one gemeente, one month range, one measure', () => {
    const view = viewOf(tables(), { kind: 'national' }, { gemeente: '0384', fromMonth: '2026-03', toMonth: '2026-03', measures: ['request-answer'] }, 10);
    expect(Object.keys(view.measures)).toEqual(['request-answer']);
    expect(view.measures['request-answer']?.every((c) => c.dims.gemeente === '0384')).toBe(true);
    expect(viewOf(tables(), { kind: 'national' }, { fromMonth: '2026-04' }, 10).measures['request-answer']).toEqual([]);
  });
});

describe('the CSV export', () => {
  it('when exported, then there is a header, one row per cell, totals as *, and suppressed cells without figures', () => {
    const view = viewOf(tables(), { kind: 'national' }, { measures: ['request-answer'] }, 10);
    const csv = waitingTimesCsv(view);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe((view.measures['request-answer']?.length ?? 0) + view.refusals.length);
    expect(lines).toContain('request-answer,2026-03,*,*,*,,68,68,6,9,0.735,');
    expect(lines).toContain('request-answer,2026-03,0363,A3,45,,,,,,,primary');
    expect(lines.filter((l) => l.startsWith('refusals,')).every((l) => l.endsWith('primary') || l.endsWith('complementary'))).toBe(true);
  });
});
