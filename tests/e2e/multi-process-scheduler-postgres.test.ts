// Scheduled jobs in a cluster: three real gateway processes on one fresh
// PostgreSQL schema all arm the same schedule, which fires every second. Every process fires every
// tick; the schedule's cluster lock (a PostgreSQL advisory lock, Store.tryWithClusterLock) and the run
// history make each tick run in exactly one of them. One process is killed with SIGKILL half way: the
// ticks go on in the other two, still once each. The run history names the process that ran each run.
//
// Bounded: about 12 seconds of ticks, 127.0.0.1 only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';

interface Run {
  readonly runId: string;
  readonly trigger: string;
  readonly status: string;
  readonly startedAt: string;
  readonly runner: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('a schedule in three gateway processes on one PostgreSQL database'), () => {
  const schema = freshSchema('kp_e2e_sched');
  let cfg: TestConfig;
  const gateways: GatewayProcess[] = [];

  async function api(path: string, init: RequestInit = {}, via = gateways[0]!): Promise<any> {
    const res = await fetch(via.url + path, { ...init, headers: { authorization: `Bearer ${cfg.token('operator-demo')}`, 'content-type': 'application/json' } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }

  async function allRuns(scheduleId: string, via: GatewayProcess): Promise<Run[]> {
    const runs: Run[] = [];
    for (let before: string | null = null; ; ) {
      const page: { items: Run[]; next: string | null } = await api(`/v1/schedules/${scheduleId}/runs?limit=100${before === null ? '' : `&before=${before}`}`, {}, via);
      runs.push(...page.items);
      if (page.next === null) return runs;
      before = page.next;
    }
  }

  beforeAll(async () => {
    cfg = writeTestConfig({ extra: { scheduler: { enabled: true, reconcileIntervalMs: 500 } } });
    const storeUrl = pgStoreUrl(schema, { poolMax: '4' });
    gateways.push(...(await Promise.all([0, 1, 2].map(() => startGatewayProcess(cfg.file, { KETENPOORT_STORE_URL: storeUrl })))));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop('SIGKILL')));
    cfg.cleanup();
    await dropSchema(schema);
  }, 30_000);

  it('when every process arms a schedule that fires every second, then each tick runs in exactly one process, also after one of them is killed', async () => {
    const created = await api('/v1/schedules', { method: 'POST', body: JSON.stringify({ name: 'purge-every-second', cron: '* * * * * *', jobKind: 'purge-payloads' }) });
    const scheduleId = created.scheduleId as string;
    const pids = gateways.map((g) => g.child.pid!);
    const victim = gateways[1]!;

    await sleep(6_000); // every process has reread the schedules (500 ms) and armed it
    await victim.stop('SIGKILL');
    const killedAt = Date.now();
    await sleep(6_000);
    await api(`/v1/schedules/${scheduleId}/pause`, { method: 'POST', body: JSON.stringify({}) });
    await sleep(1_500); // the last runs finish; paused, no new one starts

    const runs = await allRuns(scheduleId, gateways[0]!);
    const pidOf = (run: Run): number => Number(run.runner.split('/')[1]);
    const byRunner = new Map<number, number>();
    for (const run of runs) byRunner.set(pidOf(run), (byRunner.get(pidOf(run)) ?? 0) + 1);
    console.log(`scheduled runs: ${runs.length}; by process: ${[...byRunner].map(([pid, n]) => `${pid === victim.child.pid ? 'killed ' : ''}${pid}: ${n}`).join(', ')}`);

    // Each tick once: no two runs in the same second (the tick each ran for).
    const seconds = runs.map((r) => Math.floor(Date.parse(r.startedAt) / 1000));
    expect(new Set(seconds).size).toBe(runs.length);
    // The ticks went on, before and after the kill (a loaded machine may miss the odd tick).
    expect(runs.length).toBeGreaterThanOrEqual(6);
    expect(runs.some((r) => Date.parse(r.startedAt) > killedAt + 1_000)).toBe(true);
    for (const run of runs) {
      expect(run.trigger).toBe('scheduled');
      // The history names the process: one of the three, and the killed one only before it died.
      expect(pids).toContain(pidOf(run));
      if (pidOf(run) === victim.child.pid) expect(Date.parse(run.startedAt)).toBeLessThan(killedAt);
    }
    // Every run ended; one the killed process may have left is marked interrupted by the next run.
    expect(runs.filter((r) => r.status !== 'succeeded' && r.status !== 'interrupted')).toEqual([]);
    expect(runs.filter((r) => r.status === 'interrupted').every((r) => pidOf(r) === victim.child.pid)).toBe(true);
  }, 60_000);
});
