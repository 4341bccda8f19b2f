// The scheduler with real time: node-cron fires schedules on their ticks, runs of one schedule never
// overlap, a paused schedule stays quiet, schedules survive a restart, a run cut short by a shutdown
// ends "interrupted" and the next run continues from its cursor, and a run a dead process left
// "running" is marked interrupted. Cron expressions with seconds keep these tests short; each waits a
// few seconds at most.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startBatchSource, recordId, type BatchSource } from '../../bench/support/batch-source.ts';
import { jw315Record, sourceParty } from '../../bench/support/batch-records.ts';
import type { RunView } from '../../src/scheduler/scheduler.ts';

const actor = { id: 'operator-demo', trace: { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16) } };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let cfg: TestConfig | undefined;
const gateways: GatewayParts[] = [];
let source: BatchSource | undefined;

afterEach(async () => {
  for (const g of gateways.splice(0)) await g.close().catch(() => undefined);
  await source?.close();
  cfg?.cleanup();
  source = undefined;
  cfg = undefined;
});

async function start(background = true): Promise<GatewayParts> {
  cfg ??= writeTestConfig({ sources: source === undefined ? {} : { [sourceParty]: { kind: 'rest-json', endpoint: source.url } }, extra: { scheduler: { reconcileIntervalMs: 500 } } });
  const g = await buildGateway(cfg.config, { background, logger: createLogger({ level: 'error', silent: true }) });
  gateways.push(g);
  return g;
}

async function runs(g: GatewayParts, scheduleId: string): Promise<RunView[]> {
  return (await g.scheduler.listRuns(scheduleId, { limit: 200 })).items.reverse();
}

describe('the scheduler', () => {
  it('when a schedule fires every second and each run takes longer, then runs start on ticks and never overlap', async () => {
    source = await startBatchSource({ total: 0, record: (i) => jw315Record(i) });
    source.setDelay(1300); // each (empty) page takes 1.3 s to come: a run outlasts the tick after it
    const g = await start();
    const schedule = await g.scheduler.create({ name: 'fast', cron: '* * * * * *', jobKind: 'pull-sync', params: { party: sourceParty, pageSize: 1 } }, actor);
    await sleep(4500);
    await g.scheduler.setPaused(schedule.scheduleId, true, actor);
    await g.scheduler.idle();
    const history = await runs(g, schedule.scheduleId);
    // About 4.5 ticks, but every other one finds the previous run still going and is skipped.
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.length).toBeLessThanOrEqual(3);
    for (const run of history) {
      expect(run.trigger).toBe('scheduled');
      // node-cron fires at the start of the second; allow for a busy event loop.
      expect(new Date(run.startedAt).getUTCMilliseconds()).toBeLessThan(500);
    }
    for (let i = 1; i < history.length; i++) {
      expect(Date.parse(history[i]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(history[i - 1]!.endedAt!));
    }
  });

  it('when two gateways share one store and both arm a schedule firing every second, then each tick runs in one of them only', async () => {
    // The cluster case in one process (tests/e2e/multi-process-scheduler-postgres.test.ts has real
    // processes): both fire every tick; the store's lock and the run history let one run it.
    const a = await start();
    const b = await start();
    const schedule = await a.scheduler.create({ name: 'purge-shared', cron: '* * * * * *', jobKind: 'purge-payloads' }, actor);
    await b.scheduler.reconcile();
    await sleep(3500);
    await a.scheduler.setPaused(schedule.scheduleId, true, actor);
    await b.scheduler.reconcile();
    await Promise.all([a.scheduler.idle(), b.scheduler.idle()]);
    const history = await runs(a, schedule.scheduleId);
    expect(history.length).toBeGreaterThanOrEqual(2);
    const seconds = history.map((r) => Math.floor(Date.parse(r.startedAt) / 1000));
    expect(new Set(seconds).size).toBe(history.length);
  });

  it('when a schedule is paused, then it does not fire; resumed, it does', async () => {
    const g = await start();
    const schedule = await g.scheduler.create({ name: 'purge', cron: '* * * * * *', jobKind: 'purge-payloads', paused: true }, actor);
    await sleep(1500);
    expect(await runs(g, schedule.scheduleId)).toHaveLength(0);
    await g.scheduler.setPaused(schedule.scheduleId, false, actor);
    await sleep(1500);
    await g.scheduler.setPaused(schedule.scheduleId, true, actor);
    await g.scheduler.idle();
    const fired = (await runs(g, schedule.scheduleId)).length;
    expect(fired).toBeGreaterThanOrEqual(1);
    await sleep(1300);
    expect(await runs(g, schedule.scheduleId)).toHaveLength(fired);
  });

  it('when the gateway restarts, then its schedules are still there and fire, run by the new process', async () => {
    const first = await start();
    const schedule = await first.scheduler.create({ name: 'survivor', cron: '* * * * * *', jobKind: 'purge-payloads', paused: true }, actor);
    const manual = await first.scheduler.runNow(schedule.scheduleId, actor);
    await first.scheduler.idle();
    await first.scheduler.setPaused(schedule.scheduleId, false, actor);
    await first.close();
    gateways.splice(0);
    const second = await start();
    await sleep(1500);
    const history = await runs(second, schedule.scheduleId);
    const scheduled = history.filter((r) => r.trigger === 'scheduled');
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    const firstRunner = history.find((r) => r.runId === manual.runId)!.runner;
    expect(scheduled.at(-1)!.runner).not.toBe(firstRunner);
    expect(scheduled.at(-1)!.runner.split('/')[1]).toBe(String(process.pid));
  });

  it('when the gateway shuts down during a run, then the run ends interrupted at its last committed page, and the next run continues there', async () => {
    source = await startBatchSource({ total: 40, record: (i) => jw315Record(i) });
    const g = await start(false);
    const schedule = await g.scheduler.create({ name: 'long', cron: '0 5 * * *', jobKind: 'pull-sync', params: { party: sourceParty, pageSize: 10 }, paused: true }, actor);
    source.onPage(async (request) => {
      if (request.after === recordId(20)) await sleep(1500);
    });
    const run = await g.scheduler.runNow(schedule.scheduleId, actor);
    for (let i = 0; i < 100 && (await g.store.getSchedule(schedule.scheduleId))?.cursor !== recordId(20); i++) await sleep(20);
    await g.close();
    gateways.splice(0);
    source.onPage(undefined);
    const again = await start(false);
    const stopped = await again.scheduler.getRun(schedule.scheduleId, run.runId);
    expect(stopped).toMatchObject({ status: 'interrupted', cursorReached: recordId(20), counts: { read: 20, accepted: 20 }, error: expect.stringMatching(/shut down/) });
    const next = await again.scheduler.runNow(schedule.scheduleId, actor);
    await again.scheduler.idle();
    expect(await again.scheduler.getRun(schedule.scheduleId, next.runId)).toMatchObject({ status: 'succeeded', cursorFrom: recordId(20), cursorReached: recordId(40), counts: { read: 20, accepted: 20 } });
    expect((await again.store.listExchanges({ party: sourceParty, limit: 100 })).length).toBe(40);
  });

  it('when a process died during a run, then the run it left "running" is marked interrupted when the schedule next starts', async () => {
    const g = await start(false);
    const schedule = await g.scheduler.create({ name: 'orphan', cron: '0 6 * * *', jobKind: 'purge-payloads', paused: true }, actor);
    const orphan = {
      id: randomUUID(), scheduleId: schedule.scheduleId, jobKind: 'purge-payloads', trigger: 'scheduled' as const, status: 'running' as const,
      startedAt: Date.now() - 60_000, endedAt: null, counts: { read: 0, accepted: 0, refused: 0, failed: 0 }, cursorFrom: null, cursorReached: null,
      error: null, runner: 'other-host/1/dead-process', details: null,
    };
    await g.store.transaction((tx) => tx.insertScheduleRun(orphan));
    const run = await g.scheduler.runNow(schedule.scheduleId, actor);
    await g.scheduler.idle();
    expect(await g.scheduler.getRun(schedule.scheduleId, orphan.id)).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/stopped before it finished/) });
    expect((await g.scheduler.getRun(schedule.scheduleId, run.runId)).status).toBe('succeeded');
  });
});
