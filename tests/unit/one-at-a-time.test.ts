import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../src/kernel/one-at-a-time.ts';

describe('oneAtATime', () => {
  it('when callers arrive while a run is under way, then they share it; after it settles the next caller starts a new run', async () => {
    let runs = 0;
    let finish: (value: number) => void = () => undefined;
    const job = oneAtATime(() => {
      runs += 1;
      return new Promise<number>((resolve) => { finish = resolve; });
    });
    const first = job();
    const second = job();
    expect(runs).toBe(1);
    finish(7);
    expect(await Promise.all([first, second])).toStrictEqual([7, 7]);
    const third = job();
    expect(runs).toBe(2);
    finish(8);
    expect(await third).toBe(8);
  });

  it('when a run fails, then every caller that shared it gets the error and the next caller runs again', async () => {
    let runs = 0;
    const job = oneAtATime(() => {
      runs += 1;
      return runs === 1 ? Promise.reject(new Error('store gone')) : Promise.resolve('ok');
    });
    const shared = [job(), job()];
    await expect(shared[0]).rejects.toThrow('store gone');
    await expect(shared[1]).rejects.toThrow('store gone');
    expect(await job()).toBe('ok');
    expect(runs).toBe(2);
  });
});
