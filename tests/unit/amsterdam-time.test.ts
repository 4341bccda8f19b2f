// Amsterdam's UTC offset by rule (src/kernel/amsterdam-time.ts), checked against the platform's own
// time-zone data (Intl, IANA tz) every hour over a decade, and the day arithmetic built on it.
import { describe, expect, it } from 'vitest';
import { amsterdamDayOf, amsterdamOffsetMs, startOfAmsterdamDay } from '../../src/kernel/amsterdam-time.ts';

const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The offset as the platform's tz data gives it: local wall time read back as if it were UTC, minus the instant. */
function intlOffset(at: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - at;
}

describe('Amsterdam time by rule', () => {
  it('when compared with the tz data every hour from 2020 to 2030, then the offset is the same at every hour', () => {
    const mismatches: string[] = [];
    for (let at = Date.UTC(2020, 0, 1); at < Date.UTC(2031, 0, 1); at += 3_600_000) {
      if (amsterdamOffsetMs(at) !== intlOffset(at)) mismatches.push(new Date(at).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('when a day has 23 or 25 hours, then its start and the day of instants around the change are right', () => {
    expect(new Date(startOfAmsterdamDay('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfAmsterdamDay('2026-03-30')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(startOfAmsterdamDay('2026-10-25')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(new Date(startOfAmsterdamDay('2026-10-26')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(amsterdamDayOf(Date.parse('2026-10-25T22:59:59.999Z'))).toBe('2026-10-25');
    expect(amsterdamDayOf(Date.parse('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
    expect(amsterdamDayOf(Date.parse('2026-06-30T21:59:59.999Z'))).toBe('2026-06-30');
    expect(amsterdamDayOf(Date.parse('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
});
