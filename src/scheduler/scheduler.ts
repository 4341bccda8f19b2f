// Schedules: operators create, change, pause, resume and delete them and start a run now; they live
// in the store, so they survive restarts and every gateway process sees the same ones. This file holds
// those use cases and puts the scheduler together from its parts:
//   schedule-input.ts   the request bodies, checked against schemas/schedule.schema.json and the jobs
//   schedule-views.ts   what operators see of a schedule and a run
//   schedule-arming.ts  one cron task per unpaused schedule in this process, reread now and then
//   schedule-runs.ts    the executor: a run under the schedule's cluster lock, recorded and audited
//   cluster-lock.ts, store-cluster-lock.ts, cron.ts, job.ts, runner-identity.ts: the ports and helpers

import { randomUUID } from 'node:crypto';
import { GatewayError } from '../kernel/gateway-error.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../observability/logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import { newSpanId, type TraceContext } from '../kernel/trace-context.ts';
import type { ScheduleRow, Store } from '../store/store.ts';
import type { ClusterLock } from './cluster-lock.ts';
import type { Job, JobKind } from './job.ts';
import { formatRunner, type RunnerIdentity } from './runner-identity.ts';
import { createArming } from './schedule-arming.ts';
import { scheduleInput } from './schedule-input.ts';
import { createScheduleRuns } from './schedule-runs.ts';
import { runView, scheduleView, type RunView, type ScheduleView } from './schedule-views.ts';

export type { RunView, ScheduleView } from './schedule-views.ts';

export const defaultTimeZone = 'Europe/Amsterdam';

/** Who changes or starts something: an operator (their staff id) with the request's trace. */
export interface Actor {
  readonly id: string;
  readonly trace: TraceContext;
}

export interface Scheduler {
  /** Arms the schedules in the store (when enabled) and starts rereading them. */
  start(): Promise<void>;
  /** Disarms everything, asks running jobs to stop and waits for them to record how far they got. */
  stop(): Promise<void>;
  create(input: unknown, actor: Actor): Promise<ScheduleView>;
  list(): Promise<ScheduleView[]>;
  get(scheduleId: string): Promise<ScheduleView>;
  update(scheduleId: string, input: unknown, actor: Actor): Promise<ScheduleView>;
  remove(scheduleId: string, actor: Actor): Promise<void>;
  setPaused(scheduleId: string, paused: boolean, actor: Actor): Promise<ScheduleView>;
  /** Starts a run at once; resolves when it has started (the run goes on in the background). */
  runNow(scheduleId: string, actor: Actor): Promise<RunView>;
  listRuns(scheduleId: string, query: { readonly limit: number; readonly before?: string }): Promise<{ items: RunView[]; next: string | null }>;
  getRun(scheduleId: string, runId: string): Promise<RunView>;
  /** Resolves when no run is in progress in this process (tests, benchmarks). */
  idle(): Promise<void>;
  /** Rereads the schedules from the store and (re)arms what changed. */
  reconcile(): Promise<void>;
}

export interface SchedulerDeps {
  readonly store: Store;
  readonly committer: GroupCommitter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly lock: ClusterLock;
  readonly runner: RunnerIdentity;
  readonly jobs: readonly Job[];
  readonly settings: { readonly enabled: boolean; readonly reconcileIntervalMs: number };
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { store, committer, clock, logger, lock } = deps;
  const jobs = new Map(deps.jobs.map((job) => [job.kind, job]));
  let stopped = false;
  let started = false;
  const isStopped = (): boolean => stopped;

  function jobFor(kind: string): Job {
    const job = jobs.get(kind as JobKind);
    if (job === undefined) throw new GatewayError('internal', { detail: `no job of kind "${kind}"` });
    return job;
  }

  const input = scheduleInput(jobFor);
  const runs = createScheduleRuns({ store, committer, clock, logger, metrics: deps.metrics, lock, runner: formatRunner(deps.runner), jobFor, isStopped });
  const arming = createArming({ store, logger, enabled: deps.settings.enabled, isStopped, tick: (scheduleId, dueAt) => runs.tick(scheduleId, dueAt) });

  const notFound = (): GatewayError => new GatewayError('not-found', { detail: 'no such schedule' });

  async function load(scheduleId: string): Promise<ScheduleRow> {
    const row = await store.getSchedule(scheduleId);
    if (row === undefined) throw notFound();
    return row;
  }

  async function view(row: ScheduleRow): Promise<ScheduleView> {
    const [last] = await store.listScheduleRuns(row.id, { limit: 1 });
    return scheduleView(row, last);
  }

  function changeRecord(actor: Actor, row: Pick<ScheduleRow, 'name' | 'jobKind'>, what: string) {
    return {
      traceId: actor.trace.traceId,
      spanId: newSpanId(),
      action: 'schedule.change' as const,
      outcome: 'changed' as const,
      reason: what,
      actor: actor.id,
      detail: `schedule ${row.name} (${row.jobKind}) ${what}`,
    };
  }

  return {
    async start() {
      if (started) return;
      started = true;
      if (!deps.settings.enabled) {
        logger.info('scheduled jobs are disabled in this process (scheduler.enabled is false)');
        return;
      }
      await runs.interruptLeftovers();
      await arming.reconcile();
      arming.rereadEvery(deps.settings.reconcileIntervalMs);
    },

    async stop() {
      stopped = true;
      await arming.stop();
      await runs.stopAll();
    },

    async create(raw, actor) {
      const body = input.create(raw);
      const timeZone = body.timeZone ?? defaultTimeZone;
      const params = body.params ?? {};
      input.checkSemantics(body.cron, timeZone, body.jobKind, params);
      const now = clock.now();
      const row: ScheduleRow = {
        id: randomUUID(),
        name: body.name,
        cron: body.cron,
        timeZone,
        jobKind: body.jobKind,
        params,
        paused: body.paused ?? false,
        cursor: null,
        version: 1,
        createdAt: now.getTime(),
        updatedAt: now.getTime(),
        createdBy: actor.id,
      };
      await committer.run(async (tx) => {
        await tx.insertSchedule(row);
        await appendAudit(tx, changeRecord(actor, row, 'created'), now);
      });
      await arming.arm(row);
      logger.info('schedule created', { scheduleId: row.id, schedule: row.name, jobKind: row.jobKind, cron: row.cron, timeZone, actor: actor.id });
      return view(row);
    },

    async list() {
      const rows = await store.listSchedules();
      const views: ScheduleView[] = [];
      for (const row of rows) views.push(await view(row));
      return views;
    },

    async get(scheduleId) {
      return view(await load(scheduleId));
    },

    async update(scheduleId, raw, actor) {
      const body = input.patch(raw);
      const current = await load(scheduleId);
      const cron = body.cron ?? current.cron;
      const timeZone = body.timeZone ?? current.timeZone;
      const params = body.params ?? current.params;
      input.checkSemantics(cron, timeZone, current.jobKind as JobKind, params);
      // Another party means another source: its cursor means nothing there.
      const newSource = body.params !== undefined && body.params.party !== current.params.party;
      const resetCursor = body.resetCursor === true || newSource;
      // A running pull-sync stores its cursor as it goes: a reset waits until it is done.
      const lease = resetCursor ? await lock.tryAcquire(`schedule:${scheduleId}`) : undefined;
      if (resetCursor && lease === undefined) throw new GatewayError('schedule-running', { detail: 'the cursor cannot be reset while the schedule runs' });
      const now = clock.now();
      const updated = await committer.run(async (tx) => {
        const row = await tx.updateSchedule(scheduleId, {
          updatedAt: now.getTime(),
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.cron !== undefined ? { cron: body.cron } : {}),
          ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
          ...(body.params !== undefined ? { params: body.params } : {}),
          ...(resetCursor ? { cursor: null } : {}),
        });
        if (row !== undefined) await appendAudit(tx, changeRecord(actor, row, resetCursor ? 'cursor-reset' : 'updated'), now);
        return row;
      }).finally(() => lease?.release());
      if (updated === undefined) throw notFound();
      await arming.arm(updated);
      return view(updated);
    },

    async remove(scheduleId, actor) {
      const lease = await lock.tryAcquire(`schedule:${scheduleId}`);
      if (lease === undefined) throw new GatewayError('schedule-running', { detail: 'a schedule cannot be deleted while it runs' });
      try {
        const current = await load(scheduleId);
        const now = clock.now();
        await committer.run(async (tx) => {
          if (await tx.deleteSchedule(scheduleId)) await appendAudit(tx, changeRecord(actor, current, 'deleted'), now);
        });
        await arming.disarm(scheduleId);
      } finally {
        await lease.release();
      }
    },

    async setPaused(scheduleId, paused, actor) {
      const now = clock.now();
      const updated = await committer.run(async (tx) => {
        const row = await tx.updateSchedule(scheduleId, { paused, updatedAt: now.getTime() });
        if (row !== undefined) await appendAudit(tx, changeRecord(actor, row, paused ? 'paused' : 'resumed'), now);
        return row;
      });
      if (updated === undefined) throw notFound();
      await arming.arm(updated);
      return view(updated);
    },

    async runNow(scheduleId, actor) {
      await load(scheduleId);
      const started = await runs.start(scheduleId, 'manual', actor.id);
      if (started === undefined) {
        if (stopped) throw new GatewayError('shutting-down');
        throw new GatewayError('schedule-running', { detail: 'the previous run of this schedule is still going' });
      }
      return runView(started.run);
    },

    async listRuns(scheduleId, query) {
      await load(scheduleId);
      const rows = await store.listScheduleRuns(scheduleId, { limit: query.limit + 1, ...(query.before !== undefined ? { before: query.before } : {}) });
      const page = rows.slice(0, query.limit);
      return { items: page.map(runView), next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    },

    async getRun(scheduleId, runId) {
      const run = await store.getScheduleRun(runId);
      if (run?.scheduleId !== scheduleId) throw new GatewayError('not-found', { detail: 'no such run of this schedule' });
      return runView(run);
    },

    idle: () => runs.idle(),

    reconcile: () => arming.reconcile(),
  };
}
