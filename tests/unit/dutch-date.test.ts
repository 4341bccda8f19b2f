import { describe, expect, it } from 'vitest';
import { dutchDate } from '../../src/kernel/clock.ts';

// dutchDate formats once per UTC hour (src/kernel/clock.ts); these hold it against Intl, fresh each time.
const reference = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('dutchDate', () => {
  it('when every quarter hour of two years is asked for, in order, then each date is the Amsterdam date of that instant (midnights and both clock changes included)', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let t = start; t < start + 2 * 366 * 86_400_000; t += 15 * 60_000) {
      const at = new Date(t);
      expect(dutchDate(at), at.toISOString()).toBe(reference.format(at));
    }
  });

  it('when instants come out of order (a fixed clock, a replay), then the date of the one asked is given, not the last one', () => {
    const instants = ['2026-03-29T00:59:59.999Z', '2026-10-24T22:00:00.000Z', '2026-03-28T23:00:00.000Z', '2026-10-24T21:59:59.999Z', '2026-12-31T23:00:00.000Z', '2026-12-31T22:59:59.999Z', '2026-10-25T00:30:00.000Z'];
    for (let round = 0; round < 3; round++) {
      for (const iso of instants) expect(dutchDate(new Date(iso)), iso).toBe(reference.format(new Date(iso)));
    }
    expect(dutchDate(new Date('2026-12-31T22:59:59.999Z'))).toBe('2026-12-31');
    expect(dutchDate(new Date('2026-12-31T23:00:00.000Z'))).toBe('2027-01-01');
  });
});
