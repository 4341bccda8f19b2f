// When the waiting-time tables are computed again (issue 10): a kept table is served until it is
// stale; a stale one is refreshed in the background and a request waits for the refresh only briefly;
// a failed refresh keeps the older table; a table computed before invalidate() is not kept after it.
import { describe, expect, it } from 'vitest';
import { createWaitingTimeStatistics, type ComputeTables } from '../../src/statistics/waiting-time-statistics.ts';
import { publishTables, type PublishedTables } from '../../src/statistics/published-tables.ts';
import { suppressedTable, type Observation } from '../../src/statistics/small-cell-suppression.ts';
import { REFUSAL_TABLE, WAIT_TABLE } from '../../src/statistics/waiting-times.ts';
import { viewCells } from '../../src/statistics/statistics-view.ts';

/** Tables in which every child of the national March cell waited `days`. */
function tablesWaiting(days: number): PublishedTables {
  const obs: Observation[] = Array.from({ length: 12 }, (_, i) => ({ dims: { month: '2026-03', gemeente: '0384', aanbieder: 'A1', categorie: '45' }, child: `c${i}`, value: days }));
  const empty = suppressedTable([], WAIT_TABLE, 10);
  return publishTables({ measures: { 'request-answer': suppressedTable(obs, WAIT_TABLE, 10), 'request-toewijzing': empty, 'toewijzing-start': empty, 'request-start': empty }, refusals: suppressedTable([], REFUSAL_TABLE, 10) });
}

/** A computation the test finishes by hand, counting its calls. */
function manualCompute(): { compute: ComputeTables; calls: () => number; finish: (t: PublishedTables) => void; fail: (e: Error) => void } {
  let calls = 0;
  let settle: { resolve: (t: PublishedTables) => void; reject: (e: Error) => void } | undefined;
  return {
    compute: () => {
      calls += 1;
      return new Promise((resolve, reject) => (settle = { resolve, reject }));
    },
    calls: () => calls,
    finish: (t) => settle?.resolve(t),
    fail: (e) => settle?.reject(e),
  };
}

class Clock {
  at = Date.parse('2026-04-01T10:00:00Z');
  now(): Date {
    return new Date(this.at);
  }
}

const CBS = { role: 'cbs', identifiers: {} };
const median = async (s: ReturnType<typeof createWaitingTimeStatistics>): Promise<number | undefined> => {
  const cell = viewCells((await s.view(CBS, {})).view).measures['request-answer']?.[0];
  return cell !== undefined && cell.suppressed === undefined ? cell.median : undefined;
};
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('refreshing the waiting-time tables', () => {
  it('when nothing is kept yet, then the first request waits for the computation, and later ones share the kept table', async () => {
    const m = manualCompute();
    const clock = new Clock();
    const s = createWaitingTimeStatistics({ compute: m.compute, regionOf: () => undefined, settings: { suppressionThreshold: 10, refreshSeconds: 60 }, clock, freshWaitMs: 20 });
    const first = median(s);
    const second = median(s);
    await tick();
    expect(m.calls()).toBe(1);
    m.finish(tablesWaiting(4));
    expect([await first, await second]).toEqual([4, 4]);
    clock.at += 59_000;
    expect(await median(s)).toBe(4);
    expect(m.calls()).toBe(1);
  });

  it('when the kept table is stale and the refresh is slow, then the answer comes from the older table, and from the new one once it is there', async () => {
    const m = manualCompute();
    const clock = new Clock();
    const s = createWaitingTimeStatistics({ compute: m.compute, regionOf: () => undefined, settings: { suppressionThreshold: 10, refreshSeconds: 60 }, clock, freshWaitMs: 20 });
    const first = median(s);
    await tick();
    m.finish(tablesWaiting(4));
    await first;
    clock.at += 61_000;
    const generatedBefore = (await s.view(CBS, {})).generatedAt;
    expect(generatedBefore).toBe('2026-04-01T10:00:00.000Z');
    expect(m.calls()).toBe(2);
    m.finish(tablesWaiting(9));
    await tick();
    expect(await median(s)).toBe(9);
    expect((await s.view(CBS, {})).generatedAt).toBe('2026-04-01T10:01:01.000Z');
  });

  it('when the stale table is refreshed quickly, then the request gets the new table at once', async () => {
    let days = 4;
    const clock = new Clock();
    const s = createWaitingTimeStatistics({ compute: () => Promise.resolve(tablesWaiting(days)), regionOf: () => undefined, settings: { suppressionThreshold: 10, refreshSeconds: 60 }, clock, freshWaitMs: 1_000 });
    expect(await median(s)).toBe(4);
    days = 7;
    clock.at += 61_000;
    expect(await median(s)).toBe(7);
  });

  it('when a refresh fails, then the older table is still served and the next request tries again', async () => {
    const m = manualCompute();
    const clock = new Clock();
    const s = createWaitingTimeStatistics({ compute: m.compute, regionOf: () => undefined, settings: { suppressionThreshold: 10, refreshSeconds: 60 }, clock, freshWaitMs: 1_000 });
    const first = median(s);
    await tick();
    m.finish(tablesWaiting(4));
    await first;
    clock.at += 61_000;
    const during = median(s);
    await tick();
    m.fail(new Error('store gone'));
    expect(await during).toBe(4);
    const next = median(s);
    await tick();
    expect(m.calls()).toBe(3);
    m.finish(tablesWaiting(6));
    expect(await next).toBe(6);
  });

  it('when nothing is kept and the computation fails, then the request fails with it', async () => {
    const s = createWaitingTimeStatistics({ compute: () => Promise.reject(new Error('store gone')), regionOf: () => undefined, settings: { suppressionThreshold: 10, refreshSeconds: 60 }, clock: new Clock() });
    await expect(s.view(CBS, {})).rejects.toThrow('store gone');
  });

  it('when the tables are invalidated while a computation runs, then its result answers the callers waiting for it but is not kept', async () => {
    const m = manualCompute();
    const s = createWaitingTimeStatistics({ compute: m.compute, regionOf: () => undefined, settings: { suppressionThreshold: 10, refreshSeconds: 60 }, clock: new Clock(), freshWaitMs: 20 });
    const waiting = median(s);
    await tick();
    s.invalidate();
    m.finish(tablesWaiting(4));
    expect(await waiting).toBe(4);
    const after = median(s);
    await tick();
    expect(m.calls()).toBe(2);
    m.finish(tablesWaiting(5));
    expect(await after).toBe(5);
  });
});
