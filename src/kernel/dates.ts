// Calendar dates as the iJw messages carry them: xs:date without time zone, "YYYY-MM-DD".
// The gateway compares such dates as strings (the fixed-width form sorts chronologically) and does
// the little arithmetic the rules need on whole days, in UTC, so no local time zone can shift a day.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for "YYYY-MM-DD" naming a day that exists in the proleptic Gregorian calendar (year 0001-9999). */
export function isIjwDate(value: string): boolean {
  const m = DATE.exec(value);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?$/;

/** True for an iJw LDT_Tijd: xs:time without time zone, "hh:mm:ss" with optional fractional seconds. */
export function isIjwTime(value: string): boolean {
  return TIME.test(value);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function parts(date: string): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parts(date);
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day + days);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The date `months` calendar months after `date`; a day that does not exist in the target month is
 * truncated to the month's last day (2024-01-31 + 1 month = 2024-02-29), as the iJw XSLT does.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return format(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The date `years` years after `date`, 29 February truncated to 28 February in a common year. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}
