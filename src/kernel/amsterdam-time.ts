// Europe/Amsterdam's offset from UTC, by rule rather than by Intl, so that a store can group instants
// into Dutch calendar days in SQL (one CASE over the few moments the offset changes in a window).
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

/** One stretch of a window with one offset: from the previous stretch's `until` (or the window's start). */
export interface OffsetStretch {
  readonly until: number;
  readonly offsetMs: number;
}

/** The stretches of [from, to) with one offset each, in order; the last one's `until` is `to`. */
export function amsterdamOffsetStretches(from: number, to: number): OffsetStretch[] {
  const stretches: OffsetStretch[] = [];
  let offset = amsterdamOffsetMs(from);
  for (let year = new Date(from).getUTCFullYear(); year <= new Date(to).getUTCFullYear(); year++) {
    for (const change of [lastSundayAtOneUtc(year, 3), lastSundayAtOneUtc(year, 10)]) {
      if (change > from && change < to) {
        stretches.push({ until: change, offsetMs: offset });
        offset = amsterdamOffsetMs(change);
      }
    }
  }
  stretches.push({ until: to, offsetMs: offset });
  return stretches;
}
