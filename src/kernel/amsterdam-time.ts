// Europe/Amsterdam's offset from UTC, by rule rather than by Intl: the Dutch calendar day of an
// instant, and the instant a Dutch day starts, cheaply and the same in every process (the store keeps
// its per-day counts of refusals and overrides by it).
// The rule: CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the last Sunday of March to 01:00 UTC on
// the last Sunday of October (EU Directive 2000/84/EC, the rule since 1996). A unit test compares it
// with the platform's time-zone data hour by hour over a decade.

import { dayNumber, dayOfNumber, type IsoDay } from './dutch-working-days.ts';

const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;

/** 01:00 UTC on the last Sunday of a month (1-12) of a year. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month, 0); // day 0 of the next month: the month's last day
  const weekday = new Date(lastDay).getUTCDay();
  return lastDay - weekday * dayMs + hourMs;
}

/** The offset (ms) of Amsterdam's clocks from UTC at an instant (epoch ms). */
export function amsterdamOffsetMs(at: number): number {
  const year = new Date(at).getUTCFullYear();
  return at >= lastSundayAtOneUtc(year, 3) && at < lastSundayAtOneUtc(year, 10) ? 2 * hourMs : hourMs;
}

/** The Dutch calendar day of an instant. */
export function amsterdamDayOf(at: number): IsoDay {
  return dayOfNumber(Math.floor((at + amsterdamOffsetMs(at)) / dayMs));
}

/** The instant (epoch ms) at which a Dutch calendar day starts. */
export function startOfAmsterdamDay(day: IsoDay): number {
  const midnightUtc = dayNumber(day) * dayMs;
  // The offset at local midnight is the offset two hours before UTC midnight (changes happen at 01:00 UTC).
  return midnightUtc - amsterdamOffsetMs(midnightUtc - 2 * hourMs);
}
