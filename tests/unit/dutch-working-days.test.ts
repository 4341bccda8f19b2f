import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  dayNumber,
  dayOfNumber,
  createDutchCalendar,
  dayInAmsterdam,
  easterSunday,
  weekday,
} from '../../src/kernel/dutch-working-days.ts';
import { clockStartingAt, dutchDate } from '../../src/kernel/clock.ts';

const calendar = createDutchCalendar();
const holidayDays = (year: number, cal = calendar): string[] => cal.holidays(year).map((h) => h.day);
const named = (year: number, name: string, cal = calendar): string | undefined => cal.holidays(year).find((h) => h.name === name)?.day;

describe('Easter (anonymous Gregorian algorithm)', () => {
  // Published Easter Sundays, including the extremes of the Gregorian cycle (22 March and 25 April).
  const known: Record<number, string> = {
    1818: '1818-03-22',
    2019: '2019-04-21',
    2024: '2024-03-31',
    2025: '2025-04-20',
    2026: '2026-04-05',
    2027: '2027-03-28',
    2028: '2028-04-16',
    2029: '2029-04-01',
    2030: '2030-04-21',
    2038: '2038-04-25',
    2285: '2285-03-22',
  };
  for (const [year, day] of Object.entries(known)) {
    it(`when the year is ${year}, then Easter Sunday is ${day}`, () => {
      expect(easterSunday(Number(year))).toBe(day);
      expect(weekday(day)).toBe(0);
    });
  }
});

describe('the national holidays, 2024 to 2030', () => {
  const expected: Record<number, Record<string, string>> = {
    2024: { 'Tweede Paasdag': '2024-04-01', Koningsdag: '2024-04-27', Hemelvaartsdag: '2024-05-09', 'Tweede Pinksterdag': '2024-05-20' },
    2025: { 'Tweede Paasdag': '2025-04-21', Koningsdag: '2025-04-26', Hemelvaartsdag: '2025-05-29', 'Tweede Pinksterdag': '2025-06-09' },
    2026: { 'Tweede Paasdag': '2026-04-06', Koningsdag: '2026-04-27', Hemelvaartsdag: '2026-05-14', 'Tweede Pinksterdag': '2026-05-25' },
    2027: { 'Tweede Paasdag': '2027-03-29', Koningsdag: '2027-04-27', Hemelvaartsdag: '2027-05-06', 'Tweede Pinksterdag': '2027-05-17' },
    2028: { 'Tweede Paasdag': '2028-04-17', Koningsdag: '2028-04-27', Hemelvaartsdag: '2028-05-25', 'Tweede Pinksterdag': '2028-06-05' },
    2029: { 'Tweede Paasdag': '2029-04-02', Koningsdag: '2029-04-27', Hemelvaartsdag: '2029-05-10', 'Tweede Pinksterdag': '2029-05-21' },
    2030: { 'Tweede Paasdag': '2030-04-22', Koningsdag: '2030-04-27', Hemelvaartsdag: '2030-05-30', 'Tweede Pinksterdag': '2030-06-10' },
  };
  for (const [year, days] of Object.entries(expected)) {
    it(`when the year is ${year}, then the movable holidays and King's Day fall on their published dates`, () => {
      for (const [name, day] of Object.entries(days)) expect(named(Number(year), name), name).toBe(day);
      expect(named(Number(year), 'Nieuwjaarsdag')).toBe(`${year}-01-01`);
      expect(named(Number(year), 'Eerste Kerstdag')).toBe(`${year}-12-25`);
      expect(named(Number(year), 'Tweede Kerstdag')).toBe(`${year}-12-26`);
      expect(holidayDays(Number(year))).toHaveLength(8);
    });
  }

  it("when 27 April is a Sunday (2025, 2014), then King's Day is Saturday the 26th", () => {
    expect(weekday('2025-04-27')).toBe(0);
    expect(named(2025, 'Koningsdag')).toBe('2025-04-26');
    expect(weekday('2025-04-26')).toBe(6);
    expect(named(2014, 'Koningsdag')).toBe('2014-04-26');
    expect(calendar.isHoliday('2025-04-27')).toBe(false);
  });

  it('when Good Friday is not switched on, then it is a werkdag; when it is, then it is a holiday', () => {
    expect(calendar.isWerkdag('2025-04-18')).toBe(true);
    const withGoodFriday = createDutchCalendar({ goodFriday: true });
    expect(named(2025, 'Goede Vrijdag', withGoodFriday)).toBe('2025-04-18');
    expect(withGoodFriday.isWerkdag('2025-04-18')).toBe(false);
    expect(named(2027, 'Goede Vrijdag', withGoodFriday)).toBe('2027-03-26');
  });

  it('when Liberation Day is "always", "lustrum" or "never", then 5 May is a holiday every year, every fifth year, or never', () => {
    expect(calendar.isWerkdag('2026-05-05')).toBe(false);
    const lustrum = createDutchCalendar({ liberationDay: 'lustrum' });
    expect(lustrum.isWerkdag('2026-05-05')).toBe(true);
    expect(lustrum.isWerkdag('2025-05-05')).toBe(false);
    expect(lustrum.isWerkdag('2030-05-06')).toBe(true);
    expect(named(2030, 'Bevrijdingsdag', lustrum)).toBe('2030-05-05');
    expect(createDutchCalendar({ liberationDay: 'never' }).isWerkdag('2025-05-05')).toBe(true);
  });
});

describe('counting werkdagen', () => {
  it('when a term of 5 werkdagen starts on a Friday, then it ends on the next Friday and the sixth werkdag is the Monday after', () => {
    expect(calendar.addWerkdagen('2026-01-09', 5)).toBe('2026-01-16');
    expect(calendar.addWerkdagen('2026-01-09', 6)).toBe('2026-01-19');
  });

  it("when a term of 5 werkdagen starts on the Friday before King's Day 2026, then King's Day and Liberation Day are skipped", () => {
    // 27 April 2026 (Monday) is King's Day, 5 May 2026 (Tuesday) Liberation Day.
    expect(calendar.addWerkdagen('2026-04-24', 5)).toBe('2026-05-04');
    expect(calendar.addWerkdagen('2026-04-24', 6)).toBe('2026-05-06');
    expect(createDutchCalendar({ liberationDay: 'lustrum' }).addWerkdagen('2026-04-24', 6)).toBe('2026-05-05');
  });

  it('when a term starts on Maundy Thursday 2025, then Easter Monday is skipped and Good Friday counts', () => {
    expect(calendar.addWerkdagen('2025-04-17', 1)).toBe('2025-04-18');
    expect(calendar.addWerkdagen('2025-04-17', 2)).toBe('2025-04-22');
    expect(createDutchCalendar({ goodFriday: true }).addWerkdagen('2025-04-17', 1)).toBe('2025-04-22');
  });

  it('when a term starts on a Saturday or a holiday, then the first werkdag after it is day one', () => {
    expect(calendar.addWerkdagen('2026-01-10', 1)).toBe('2026-01-12');
    expect(calendar.addWerkdagen('2026-04-06', 1)).toBe('2026-04-07');
    expect(calendar.addWerkdagen('2026-01-01', 3)).toBe('2026-01-06');
  });

  it('when Christmas and New Year fall in the term, then they are skipped', () => {
    expect(calendar.addWerkdagen('2025-12-24', 1)).toBe('2025-12-29');
    expect(calendar.addWerkdagen('2025-12-31', 1)).toBe('2026-01-02');
    expect(calendar.addWerkdagen('2026-12-24', 1)).toBe('2026-12-28');
  });

  it('when counting backwards, then the same days are skipped', () => {
    expect(calendar.addWerkdagen('2026-01-19', -6)).toBe('2026-01-09');
    expect(calendar.addWerkdagen('2026-04-28', -1)).toBe('2026-04-24');
    expect(calendar.addWerkdagen('2026-04-28', 0)).toBe('2026-04-28');
  });

  it('when counting the werkdagen of 2025 and 2026, then 261 weekdays less 7 weekday holidays leaves 254', () => {
    expect(calendar.werkdagenBetween('2024-12-31', '2025-12-31')).toBe(254);
    expect(calendar.werkdagenBetween('2025-12-31', '2026-12-31')).toBe(254);
    expect(createDutchCalendar({ goodFriday: true }).werkdagenBetween('2024-12-31', '2025-12-31')).toBe(253);
  });

  it('when adding n werkdagen and counting back between, then every day from 2024 to 2030 gives n again', () => {
    for (let day = '2024-01-01'; day <= '2030-12-31'; day = addCalendarDays(day, 3)) {
      for (const n of [0, 1, 3, 5, 10]) {
        const end = calendar.addWerkdagen(day, n);
        expect(calendar.werkdagenBetween(day, end)).toBe(n);
        expect(calendar.werkdagenBetween(end, day)).toBe(0 - n);
        if (n > 0) expect(calendar.isWerkdag(end)).toBe(true);
      }
    }
  });

  it('when asked for the werkdag on or after a day, then a werkdag is itself and a weekend or holiday moves on', () => {
    expect(calendar.werkdagOnOrAfter('2026-01-16')).toBe('2026-01-16');
    expect(calendar.werkdagOnOrAfter('2026-01-17')).toBe('2026-01-19');
    expect(calendar.werkdagOnOrAfter('2026-05-14')).toBe('2026-05-15');
    expect(calendar.nextWerkdag('2026-01-16')).toBe('2026-01-19');
  });

  it('when a day is not a real date, then it is refused rather than counted', () => {
    expect(() => calendar.isWerkdag('2026-02-30')).toThrow(/not a|whole number/);
    expect(() => calendar.addWerkdagen('2026-1-5', 1)).toThrow(/not a|whole number/);
    expect(() => calendar.addWerkdagen('2026-01-05', 1.5)).toThrow(/not a|whole number/);
  });
});

describe('day arithmetic', () => {
  it('when days from 1583 to 2400 are converted to day numbers and back, then they agree with the Gregorian calendar of Date', () => {
    for (let t = Date.UTC(1583, 0, 1); t < Date.UTC(2400, 11, 31); t += 86_400_000 * 5) {
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(dayNumber(iso)).toBe(t / 86_400_000);
      expect(dayOfNumber(t / 86_400_000)).toBe(iso);
    }
    expect(() => dayNumber('2100-02-29')).toThrow(/not a Gregorian day/);
    expect(dayNumber('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / 86_400_000);
  });
});

describe('days in Europe/Amsterdam', () => {
  it('when an instant is just after midnight in Amsterdam but still the day before in UTC, then it is the Amsterdam day', () => {
    expect(dayInAmsterdam(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-16');
    // Summer time: UTC+2.
    expect(dayInAmsterdam(new Date('2026-07-15T22:30:00Z'))).toBe('2026-07-16');
    expect(dayInAmsterdam(new Date('2026-07-15T21:59:59Z'))).toBe('2026-07-15');
  });

  it('when the clocks change (29 March and 25 October 2026), then the day boundary moves with them', () => {
    expect(dayInAmsterdam(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(dayInAmsterdam(new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
    expect(dayInAmsterdam(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(dayInAmsterdam(new Date('2026-10-24T21:59:00Z'))).toBe('2026-10-24');
    expect(dayInAmsterdam(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(dayInAmsterdam(new Date('2026-10-25T22:59:00Z'))).toBe('2026-10-25');
    expect(dayInAmsterdam(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });
});

describe('the demo clock (serve --clock)', () => {
  it('when started at an instant, then it reads that instant and runs on with real time', () => {
    let real = Date.parse('2026-12-03T10:00:00Z');
    const base = { now: () => new Date(real) };
    const clock = clockStartingAt(new Date('2026-12-14T09:00:00+01:00'), base);
    expect(clock.now().toISOString()).toBe('2026-12-14T08:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2026-12-14T08:01:30.000Z');
    expect(dutchDate(clock.now())).toBe('2026-12-14');
  });
});
