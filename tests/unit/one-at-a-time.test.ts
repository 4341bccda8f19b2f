import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../src/kernel/one-at-a-time.ts';

/** A job whose runs end when the test says, each answering its own number. */
function controlledJob(): { job: () => Promise<number>; runs: () => number; finish: (n: number) => void; fail: (n: number, error: Error) => void } {
  const ends: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const job = oneAtATime(
    () =>
      new Promise<number>((resolve, reject) => {
        ends.push({ resolve, reject });
      }),
  );
  return {
    job,
    runs: () => ends.length,
    finish: (n) => { ends[n - 1]?.resolve(n); },
    fail: (n, error) => { ends[n - 1]?.reject(error); },
  };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('oneAtATime', () => {
  it('when callers arrive while a run is under way, then no second run starts before it ends, and they share the next run, started after they came', async () => {
    const c = controlledJob();
    const first = c.job();
    const second = c.job();
    const third = c.job();
    expect(c.runs()).toBe(1);
    c.finish(1);
    expect(await first).toBe(1);
    await settle();
    expect(c.runs()).toBe(2); // one run for both waiting callers
    c.finish(2);
    expect(await Promise.all([second, third])).toStrictEqual([2, 2]);
  });

  it('when no run is under way, then a caller starts its own at once', async () => {
    const c = controlledJob();
    const first = c.job();
    c.finish(1);
    expect(await first).toBe(1);
    const next = c.job();
    expect(c.runs()).toBe(2);
    c.finish(2);
    expect(await next).toBe(2);
  });

  it('when a run fails, then its own callers get the error, and a caller that was waiting gets the next run\'s answer', async () => {
    const c = controlledJob();
    const first = c.job();
    const waiting = c.job();
    c.fail(1, new Error('store gone'));
    await expect(first).rejects.toThrow('store gone');
    await settle();
    expect(c.runs()).toBe(2);
    c.finish(2);
    expect(await waiting).toBe(2);
  });
});
