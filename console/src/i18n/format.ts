// Dates, times and numbers as Dutch staff read them: always in Europe/Amsterdam (the gateway stores
// UTC), in the conventions of the chosen language (nl-NL: "3 dec. 2026 14:05"; en-GB for English,
// which keeps day-month order and the 24-hour clock).

export const timeZone = 'Europe/Amsterdam';

export interface Formatters {
  /** Date and time, e.g. "3 dec 2026, 14:05". Empty for null. */
  readonly dateTime: (iso: string | number | null | undefined) => string;
  /** The date only, e.g. "3 december 2026". */
  readonly date: (iso: string | number | null | undefined) => string;
  /** The time with seconds, e.g. "14:05:09". */
  readonly time: (iso: string | number | null | undefined) => string;
  readonly number: (n: number) => string;
  readonly percent: (fraction: number) => string;
}

export function createFormatters(language: 'nl' | 'en'): Formatters {
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const wrap = (f: Intl.DateTimeFormat) => (value: string | number | null | undefined): string => {
    if (value === null || value === undefined || value === '') return '';
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? '' : f.format(d);
  };
  return {
    dateTime: wrap(dateTime),
    date: wrap(date),
    time: wrap(time),
    number: (n) => number.format(n),
    percent: (f) => percent.format(f),
  };
}

/**
 * The UTC instant at which a calendar day (YYYY-MM-DD) starts in Amsterdam, as ISO 8601. Period
 * filters are whole Amsterdam days; the API takes instants.
 */
export function startOfAmsterdamDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Amsterdam is UTC+1 or UTC+2: try both offsets and keep the one that is midnight there.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d, -offsetHours));
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (parts === '00:00') return candidate.toISOString();
  }
  return new Date(Date.UTC(y, m - 1, d)).toISOString();
}

/** The day after a calendar day (YYYY-MM-DD), for exclusive upper bounds ("up to and including"). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
