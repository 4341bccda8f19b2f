// The Dutch working-day calendar ("werkdagen"), computed for any year, never typed in per year.
//
// A werkdag is a Monday to Friday that is not a national holiday. The holidays are the "algemeen
// erkende feestdagen" of the Algemene termijnenwet (Atw) art. 3 lid 1: Nieuwjaarsdag, tweede
// Paasdag, Hemelvaartsdag, tweede Pinksterdag, eerste en tweede Kerstdag, the day the King's birthday
// is celebrated, and 5 mei. Two of them are options, because practice differs from the Atw:
// - 5 mei (Bevrijdingsdag): every year by the Atw, but many collective agreements give it only once
//   in five years (2025, 2030, ...): `liberationDay` 'always' (the default, Atw), 'lustrum' or 'never';
// - Goede Vrijdag: Atw art. 3 lid 2 equates it for statutory terms only; it is not a day off in most
//   of the sector, so it is off by default (`goodFriday: false`).
// Easter is computed with the anonymous Gregorian algorithm (Meeus/Jones/Butcher); Ascension is 39
// days and Whit Monday 50 days after Easter Sunday. King's Day is 27 April, celebrated on Saturday
// 26 April when the 27th is a Sunday (since 2014; before that Queen's Day 30 April, moved to the 29th
// when it was a Sunday). Sources: Algemene termijnenwet, https://wetten.overheid.nl/BWBR0002448
// (art. 1 and 3); Koningsdag: Besluit van 2013 (Stb. 2013, 226) [U].
//
// Days are calendar dates in the Netherlands, "YYYY-MM-DD" (as iJw dates and dutchDate() give them);
// the arithmetic is on whole days in UTC, so no time zone or summer time can shift a day. Instants
// become Dutch days with dayInAmsterdam().
import { dutchDate } from './clock.ts';
import { daysInMonth } from './dates.ts';
import { GatewayError } from './gateway-error.ts';

/** A calendar date, "YYYY-MM-DD". */
export type IsoDay = string;

export interface WorkingDayOptions {
  /** 5 May: every year (Atw art. 3), once in five years (years divisible by 5), or never. */
  readonly liberationDay: 'always' | 'lustrum' | 'never';
  /** Good Friday as a holiday (Atw art. 3 lid 2 equates it for statutory terms). */
  readonly goodFriday: boolean;
}

export const defaultWorkingDayOptions: WorkingDayOptions = Object.freeze({ liberationDay: 'always', goodFriday: false });

export interface Holiday {
  readonly day: IsoDay;
  readonly name: string;
}

export interface DutchCalendar {
  readonly options: WorkingDayOptions;
  /** The holidays of a year under these options, in date order (weekend days included). */
  holidays(year: number): readonly Holiday[];
  isHoliday(day: IsoDay): boolean;
  isWerkdag(day: IsoDay): boolean;
  /**
   * The n-th werkdag after `day` (n > 0), or before it (n < 0); `day` itself for n = 0. A term "within
   * n werkdagen after receipt" ends at the end of addWerkdagen(receiptDay, n), whatever day the
   * receipt fell on.
   */
  addWerkdagen(day: IsoDay, n: number): IsoDay;
  /**
   * The werkdagen d with from < d <= to (negative, counted the same way, when to < from), so that
   * werkdagenBetween(a, addWerkdagen(a, n)) === n.
   */
  werkdagenBetween(from: IsoDay, to: IsoDay): number;
  /** The first werkdag strictly after `day`. */
  nextWerkdag(day: IsoDay): IsoDay;
  /** `day` when it is a werkdag, else the next werkdag (Atw art. 1: a term ending on a non-werkdag runs on). */
  werkdagOnOrAfter(day: IsoDay): IsoDay;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// Civil date <-> days since 1970-01-01 in plain integer arithmetic (H. Hinnant, "chrono-compatible
// low-level date algorithms"): no Date objects, so counting werkdagen over many items stays cheap.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

/** Days since 1970-01-01 of a valid "YYYY-MM-DD" (anything else is a programming error: GatewayError 'internal'). */
export function dayNumber(day: IsoDay): number {
  const m = DAY.exec(day);
  if (m === null) throw new GatewayError('internal', { detail: `not a YYYY-MM-DD day: ${day}` });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1583 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new GatewayError('internal', { detail: `not a Gregorian day: ${day}` });
  return daysFromCivil(y, mo, d);
}

/** The "YYYY-MM-DD" of a day number. */
export function dayOfNumber(n: number): IsoDay {
  const [y, m, d] = civilFromDays(n);
  return ymd(y, m, d);
}

/** `day` plus `n` calendar days. */
export function addCalendarDays(day: IsoDay, n: number): IsoDay {
  return dayOfNumber(dayNumber(day) + n);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDay, to: IsoDay): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: IsoDay): number {
  return weekdayOf(dayNumber(day));
}

const weekdayOf = (n: number): number => (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday

/** The Netherlands' calendar date at an instant (Europe/Amsterdam). */
export function dayInAmsterdam(at: Date): IsoDay {
  return dutchDate(at);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const ymd = (y: number, m: number, d: number): IsoDay => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Easter Sunday of a Gregorian year: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The day the monarch's birthday is celebrated. */
function kingsDay(year: number): Holiday {
  if (year >= 2014) {
    const day = ymd(year, 4, 27);
    return { day: weekday(day) === 0 ? ymd(year, 4, 26) : day, name: 'Koningsdag' };
  }
  // Queen's Day 30 April; on a Sunday celebrated on Saturday 29 April (1980-2013) [U].
  const day = ymd(year, 4, 30);
  return { day: weekday(day) === 0 ? ymd(year, 4, 29) : day, name: 'Koninginnedag' };
}

function computeHolidays(year: number, options: WorkingDayOptions): Holiday[] {
  const easter = easterSunday(year);
  const list: Holiday[] = [
    { day: ymd(year, 1, 1), name: 'Nieuwjaarsdag' },
    { day: addCalendarDays(easter, 1), name: 'Tweede Paasdag' },
    kingsDay(year),
    { day: addCalendarDays(easter, 39), name: 'Hemelvaartsdag' },
    { day: addCalendarDays(easter, 50), name: 'Tweede Pinksterdag' },
    { day: ymd(year, 12, 25), name: 'Eerste Kerstdag' },
    { day: ymd(year, 12, 26), name: 'Tweede Kerstdag' },
  ];
  if (options.goodFriday) list.push({ day: addCalendarDays(easter, -2), name: 'Goede Vrijdag' });
  if (options.liberationDay === 'always' || (options.liberationDay === 'lustrum' && year % 5 === 0)) list.push({ day: ymd(year, 5, 5), name: 'Bevrijdingsdag' });
  return list.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
}

export function createDutchCalendar(options: Partial<WorkingDayOptions> = {}): DutchCalendar {
  const opts: WorkingDayOptions = Object.freeze({ ...defaultWorkingDayOptions, ...options });
  const byYear = new Map<number, { list: readonly Holiday[]; days: ReadonlySet<number> }>();

  function year(y: number): { list: readonly Holiday[]; days: ReadonlySet<number> } {
    let entry = byYear.get(y);
    if (entry === undefined) {
      const list = Object.freeze(computeHolidays(y, opts));
      entry = { list, days: new Set(list.map((h) => dayNumber(h.day))) };
      byYear.set(y, entry);
    }
    return entry;
  }

  const werkdagNumber = (n: number): boolean => {
    const w = weekdayOf(n);
    return w !== 0 && w !== 6 && !year(civilFromDays(n)[0]).days.has(n);
  };
  const isHoliday = (day: IsoDay): boolean => {
    const n = dayNumber(day);
    return year(civilFromDays(n)[0]).days.has(n);
  };
  const isWerkdag = (day: IsoDay): boolean => werkdagNumber(dayNumber(day));

  function addWerkdagen(day: IsoDay, n: number): IsoDay {
    if (!Number.isInteger(n)) throw new GatewayError('internal', { detail: `werkdagen must be a whole number, got ${n}` });
    let current = dayNumber(day);
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; ) {
      current += step;
      if (werkdagNumber(current)) left -= 1;
    }
    return dayOfNumber(current);
  }

  function werkdagenBetween(from: IsoDay, to: IsoDay): number {
    const a = dayNumber(from);
    const b = dayNumber(to);
    if (b < a) return 0 - werkdagenBetween(to, from); // 0 - x, not -x: no negative zero
    let count = 0;
    for (let d = a + 1; d <= b; d += 1) if (werkdagNumber(d)) count += 1;
    return count;
  }

  const nextWerkdag = (day: IsoDay): IsoDay => addWerkdagen(day, 1);
  const werkdagOnOrAfter = (day: IsoDay): IsoDay => (isWerkdag(day) ? day : nextWerkdag(day));

  return {
    options: opts,
    holidays: (y) => year(y).list,
    isHoliday,
    isWerkdag,
    addWerkdagen,
    werkdagenBetween,
    nextWerkdag,
    werkdagOnOrAfter,
  };
}
