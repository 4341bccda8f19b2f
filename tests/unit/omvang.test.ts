// The volume arithmetic of the care path's TR321, TR322 and TR369 (src/care-path/omvang.ts): units
// (WJ756) and frequencies (WMO757) over a period.
import { describe, expect, it } from 'vitest';
import { allowedIn, budgetExcess, measureOf, occurrences, prestatieExcess, totalExcess } from '../../src/care-path/omvang.ts';

describe('units and frequencies', () => {
  it('when a unit is time, then it is in minutes; etmaal, stuks and euro\'s are counts of their own', () => {
    expect(measureOf(2, '04')).toEqual({ measure: 'minuten', amount: 120 });
    expect(measureOf(3, '16')).toEqual({ measure: 'minuten', amount: 720 });
    expect(measureOf(3, '14')).toEqual({ measure: 'etmalen', amount: 3 });
    expect(measureOf(500, '83')).toEqual({ measure: 'eurocent', amount: 500 });
    expect(measureOf(1, '99')).toBeUndefined();
  });

  it('when a period is counted, then per dag counts days, per week the calendar weeks it touches, per maand the months', () => {
    expect(occurrences('1', '2026-01-09', '2026-01-31')).toBe(23);
    // Friday 9 January to Saturday 31 January: the weeks of 5, 12, 19 and 26 January.
    expect(occurrences('2', '2026-01-09', '2026-01-31')).toBe(4);
    // Sunday to Monday: two weeks in two days.
    expect(occurrences('2', '2026-01-11', '2026-01-12')).toBe(2);
    expect(occurrences('2', '2025-12-29', '2026-01-04')).toBe(1);
    expect(occurrences('4', '2026-01-09', '2026-01-31')).toBe(1);
    expect(occurrences('4', '2025-11-15', '2026-02-01')).toBe(4);
    expect(occurrences('6', '2026-01-01', '2026-01-31')).toBeUndefined();
  });

  it('when a toewijzing has no Einddatum, then only a total (Frequentie 6) bounds its whole duration', () => {
    expect(allowedIn({ volume: 4, eenheid: '04', frequentie: '2' }, '2026-01-01', undefined)).toBeUndefined();
    expect(allowedIn({ volume: 4, eenheid: '04', frequentie: '6' }, '2026-01-01', undefined)).toEqual({ measure: 'minuten', amount: 240 });
  });
});

describe('excess', () => {
  it('when minutes are declared on hours per week, then they compare in minutes; etmalen on hours do not compare', () => {
    const omvang = { volume: 4, eenheid: '04', frequentie: '2' };
    expect(prestatieExcess(omvang, { geleverdVolume: 960, eenheid: '01', begindatum: '2026-01-09', einddatum: '2026-01-31' })).toBeUndefined();
    expect(prestatieExcess(omvang, { geleverdVolume: 961, eenheid: '01', begindatum: '2026-01-09', einddatum: '2026-01-31' })).toEqual({ declared: 961, allowed: 960, measure: 'minuten' });
    expect(prestatieExcess(omvang, { geleverdVolume: 999, eenheid: '14', begindatum: '2026-01-09', einddatum: '2026-01-31' })).toBeUndefined();
  });

  it('when the sum holds a unit that does not compare, then the total and the budget are not judged', () => {
    const p = (geleverdVolume: number, eenheid: string) => ({ geleverdVolume, eenheid, begindatum: '2026-01-01', einddatum: '2026-01-31' });
    expect(totalExcess({ volume: 1, eenheid: '04', frequentie: '6' }, '2026-01-01', '2026-06-30', [p(50, '01'), p(11, '01')])).toEqual({ declared: 61, allowed: 60, measure: 'minuten' });
    expect(totalExcess({ volume: 1, eenheid: '04', frequentie: '6' }, '2026-01-01', '2026-06-30', [p(61, '01'), p(1, '82')])).toBeUndefined();
    expect(budgetExcess(100, [p(60, '83'), p(41, '83')])).toEqual({ declared: 101, allowed: 100, measure: 'eurocent' });
    expect(budgetExcess(100, [p(101, '83'), p(1, '04')])).toBeUndefined();
  });
});
