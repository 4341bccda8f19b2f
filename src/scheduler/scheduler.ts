// Schedules (issue 6): operators create, change, pause, resume and delete them and start a run now;
// they live in the store, so they survive restarts and every gateway process sees the same ones. Each
// process arms a node-cron task per unpaused schedule (cron.ts) and rereads the schedules now and then,
// so a change made through another process is picked up.
//
// A run:
// - takes the schedule's lock first (cluster-lock.ts): one run of a schedule at a time, in the whole
//   cluster; a tick that finds it held is skipped, a manual run is answered 409 schedule-running; a
//   tick whose due time another process already ran (the run history says so) is skipped too, so a
//   tick runs in exactly one process;
// - under the lock, marks runs of this schedule still "running" as interrupted (their process died),
//   then records its own start, the process running it (hostname/pid/process id) and the cursor it
//   starts from;
// - records progress durably as the job reports it (counts, cursor), and at the end its status, counts,
//   the cursor reached, the error if any, with an audit record (schedule.run) in the same transaction;
// - on shutdown is asked to stop (its signal aborts) and ends "interrupted"; the next run continues
//   from the stored cursor.

import { randomUUID } from 'node:crypto';
import { GatewayError, isGatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../observability/logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import { newSpanId, type TraceContext } from '../kernel/trace-context.ts';
import { maskBsnLike } from '../exchange/record-unreadable-record.ts';
import { schemaValidator, type SchemaValidator } from '../validation/schema-registry.ts';
import type { ScheduleRow, ScheduleRunCounts, ScheduleRunRow, Store } from '../store/store.ts';
import type { ClusterLock, LockLease } from './cluster-lock.ts';
import { nextRuns, startCronTask, validateCronSchedule, type CronTask } from './cron.ts';
import { jobKinds, zeroCounts, type Job, type JobKind } from './job.ts';
import { formatRunner, type RunnerIdentity } from './runner-identity.ts';

export const defaultTimeZone = 'Europe/Amsterdam';

export interface ScheduleView {
  readonly scheduleId: string;
  readonly name: string;
  readonly cron: string;
  readonly timeZone: string;
  readonly jobKind: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly paused: boolean;
  readonly cursor: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string;
  /** The next few times it fires (in UTC); empty while paused. */
  readonly nextRuns: readonly string[];
  readonly lastRun: RunView | null;
}

export interface RunView {
  readonly runId: string;
  readonly scheduleId: string;
  readonly jobKind: string;
  readonly trigger: 'scheduled' | 'manual';
  readonly status: ScheduleRunRow['status'];
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly counts: ScheduleRunCounts;
  readonly cursorFrom: string | null;
  readonly cursorReached: string | null;
  readonly error: string | null;
  readonly runner: string;
  readonly details: unknown;
}

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

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const maskCursor = (cursor: string | null): string | null => (cursor === null ? null : maskBsnLike(cursor));

export function runView(run: ScheduleRunRow): RunView {
  return {
    runId: run.id,
    scheduleId: run.scheduleId,
    jobKind: run.jobKind,
    trigger: run.trigger,
    status: run.status,
    startedAt: new Date(run.startedAt).toISOString(),
    endedAt: iso(run.endedAt),
    durationMs: run.endedAt === null ? null : run.endedAt - run.startedAt,
    counts: run.counts,
    // A cursor can be a file name, and back offices sometimes name files after the child's BSN.
    cursorFrom: maskCursor(run.cursorFrom),
    cursorReached: maskCursor(run.cursorReached),
    error: run.error,
    runner: run.runner,
    details: run.details,
  };
}

// ---- input validation ----------------------------------------------------------------------------------

const scheduleSchema = (def: string): SchemaValidator<unknown> => schemaValidator(`schedule.schema.json#/$defs/${def}`);

function compileValidators(): { create: SchemaValidator<unknown>; patch: SchemaValidator<unknown>; params: ReadonlyMap<JobKind, SchemaValidator<unknown>> } {
  return { create: scheduleSchema('create'), patch: scheduleSchema('patch'), params: new Map(jobKinds.map((kind) => [kind, scheduleSchema(kind)])) };
}

function invalid(errors: FieldError[]): GatewayError {
  return new GatewayError('invalid-input', { detail: 'the schedule is invalid', errors });
}

// ---- the scheduler ---------------------------------------------------------------------------------------

interface Armed {
  readonly signature: string;
  readonly task: CronTask | undefined;
}

interface RunningRun {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { store, committer, clock, logger, metrics, lock } = deps;
  const validators = compileValidators();
  const jobs = new Map(deps.jobs.map((job) => [job.kind, job]));
  const armed = new Map<string, Armed>();
  const running = new Map<string, RunningRun>();
  const runner = formatRunner(deps.runner);
  let stopped = false;
  let started = false;
  let reconcileTimer: NodeJS.Timeout | undefined;
  let reconciling: Promise<void> | undefined;

  const notFound = (): GatewayError => new GatewayError('not-found', { detail: 'no such schedule' });

  async function load(scheduleId: string): Promise<ScheduleRow> {
    const row = await store.getSchedule(scheduleId);
    if (row === undefined) throw notFound();
    return row;
  }

  async function view(row: ScheduleRow): Promise<ScheduleView> {
    const [last] = await store.listScheduleRuns(row.id, { limit: 1 });
    return {
      scheduleId: row.id,
      name: row.name,
      cron: row.cron,
      timeZone: row.timeZone,
      jobKind: row.jobKind,
      params: row.params,
      paused: row.paused,
      cursor: maskCursor(row.cursor),
      version: row.version,
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
      createdBy: row.createdBy,
      nextRuns: row.paused ? [] : nextRuns(row.cron, row.timeZone, 3).map((d) => d.toISOString()),
      lastRun: last === undefined ? null : runView(last),
    };
  }

  function jobFor(kind: string): Job {
    const job = jobs.get(kind as JobKind);
    if (job === undefined) throw new GatewayError('internal', { detail: `no job of kind "${kind}"` });
    return job;
  }

  /** Every problem with a schedule's cron, zone and params, with pointers into the request body. */
  function semanticErrors(cron: string, timeZone: string, kind: JobKind, params: Readonly<Record<string, unknown>>): FieldError[] {
    const paramErrors = (validators.params.get(kind) as SchemaValidator<unknown>).check(params, { prefix: '/params' });
    return [...validateCronSchedule(cron, timeZone), ...paramErrors, ...(paramErrors.length === 0 ? jobFor(kind).check(params) : [])];
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

  // ---- arming ----

  const signatureOf = (row: ScheduleRow): string => `${row.cron}\n${row.timeZone}\n${String(row.paused)}`;

  async function disarm(scheduleId: string): Promise<void> {
    const current = armed.get(scheduleId);
    armed.delete(scheduleId);
    await current?.task?.destroy();
  }

  async function arm(row: ScheduleRow): Promise<void> {
    if (stopped || !deps.settings.enabled) return;
    const signature = signatureOf(row);
    if (armed.get(row.id)?.signature === signature) return;
    await disarm(row.id);
    const task = row.paused
      ? undefined
      : await startCronTask({
          name: row.name,
          expression: row.cron,
          timeZone: row.timeZone,
          logger,
          tick: async (dueAt) => {
            const started = await startRun(row.id, 'scheduled', 'ketenpoort', dueAt).catch((error: unknown) => {
              logger.error('a scheduled run could not start', { scheduleId: row.id, error });
              return undefined;
            });
            await started?.done;
          },
        });
    armed.set(row.id, { signature, task });
  }

  async function reconcileOnce(): Promise<void> {
    const rows = await store.listSchedules();
    const present = new Set(rows.map((r) => r.id));
    for (const id of [...armed.keys()]) if (!present.has(id)) await disarm(id);
    for (const row of rows) await arm(row);
  }

  function reconcile(): Promise<void> {
    reconciling ??= reconcileOnce()
      .catch((error: unknown) => {
        logger.error('rereading the schedules failed', { error });
      })
      .finally(() => {
        reconciling = undefined;
      });
    return reconciling;
  }

  // ---- runs ----

  /**
   * True when a scheduled run of this schedule started at or after `dueAt`: another process already ran
   * the tick due then. Every process fires each tick; the lock keeps their runs from overlapping, and
   * this keeps a process whose tick comes after the winner's run has ended from running it again.
   */
  async function ranSince(scheduleId: string, dueAt: Date): Promise<boolean> {
    const recent = await store.listScheduleRuns(scheduleId, { limit: 20 });
    return recent.some((r) => r.trigger === 'scheduled' && r.startedAt >= dueAt.getTime());
  }

  async function startRun(
    scheduleId: string,
    trigger: 'scheduled' | 'manual',
    actorId: string,
    dueAt?: Date,
  ): Promise<{ run: ScheduleRunRow; done: Promise<void> } | undefined> {
    if (stopped) return undefined;
    const lease = await lock.tryAcquire(`schedule:${scheduleId}`);
    if (lease === undefined) return undefined;
    let run: ScheduleRunRow;
    let schedule: ScheduleRow | undefined;
    try {
      schedule = await store.getSchedule(scheduleId);
      if (schedule === undefined || (trigger === 'scheduled' && schedule.paused)) {
        await lease.release();
        return undefined;
      }
      if (trigger === 'scheduled' && dueAt !== undefined && (await ranSince(scheduleId, dueAt))) {
        logger.debug('schedule tick already run by another process', { scheduleId, dueAt: dueAt.toISOString() });
        await lease.release();
        return undefined;
      }
      const now = clock.now().getTime();
      run = {
        id: randomUUID(),
        scheduleId,
        jobKind: schedule.jobKind,
        trigger,
        status: 'running',
        startedAt: now,
        endedAt: null,
        counts: zeroCounts,
        cursorFrom: schedule.cursor,
        cursorReached: schedule.cursor,
        error: null,
        runner,
        details: null,
      };
      const row = run;
      await committer.run(async (tx) => {
        // We hold the lock: a run of this schedule still marked running belongs to a process that died.
        await tx.interruptScheduleRuns(scheduleId, now, 'the process running it stopped before it finished');
        await tx.insertScheduleRun(row);
      });
    } catch (error) {
      await lease.release();
      throw error;
    }
    const controller = new AbortController();
    const done = execute(schedule, run, actorId, controller.signal, lease).finally(() => running.delete(run.id));
    running.set(run.id, { controller, done });
    return { run, done };
  }

  async function execute(schedule: ScheduleRow, run: ScheduleRunRow, actorId: string, signal: AbortSignal, lease: LockLease): Promise<void> {
    const started = process.hrtime.bigint();
    let counts: ScheduleRunCounts = zeroCounts;
    let cursorReached = schedule.cursor;
    let details: unknown = null;
    let status: 'succeeded' | 'failed' | 'interrupted' = 'succeeded';
    let error: string | null = null;
    let errorCode: string | undefined;
    try {
      const result = await jobFor(schedule.jobKind).run({
        schedule,
        runId: run.id,
        actorId,
        signal,
        progress: async (update) => {
          counts = update.counts;
          if (update.cursor !== undefined) cursorReached = update.cursor;
          const at = clock.now().getTime();
          await committer.run(async (tx) => {
            if (update.cursor !== undefined) await tx.updateSchedule(schedule.id, { cursor: update.cursor, updatedAt: at });
            await tx.updateScheduleRun(run.id, { counts: update.counts, ...(update.cursor !== undefined ? { cursorReached: update.cursor } : {}) });
          });
        },
      });
      counts = result.counts;
      details = result.details ?? null;
      if (signal.aborted) {
        status = 'interrupted';
        error = 'the gateway shut down during the run; the next run continues from the cursor';
      }
    } catch (cause) {
      if (signal.aborted) {
        status = 'interrupted';
        error = 'the gateway shut down during the run; the next run continues from the cursor';
      } else {
        status = 'failed';
        errorCode = isGatewayError(cause) ? cause.code : 'internal';
        // GatewayError details here are written by the gateway (status codes, error codes), never content.
        error = isGatewayError(cause) ? `${cause.code}: ${cause.detail ?? cause.title}`.slice(0, 500) : 'internal error (see the gateway log)';
        logger.error('schedule run failed', { scheduleId: schedule.id, runId: run.id, jobKind: schedule.jobKind, error: cause });
      }
    }
    const ended = clock.now();
    try {
      await committer.run(async (tx) => {
        await tx.updateScheduleRun(run.id, { status, endedAt: ended.getTime(), counts, cursorReached, error, details });
        await appendAudit(
          tx,
          {
            traceId: randomUUID().replaceAll('-', ''),
            spanId: newSpanId(),
            action: 'schedule.run',
            outcome: status,
            ...(errorCode !== undefined ? { reason: errorCode } : {}),
            actor: actorId,
            detail: `schedule ${schedule.name} (${schedule.jobKind}, ${run.trigger}): read ${counts.read}, accepted ${counts.accepted}, refused ${counts.refused}, failed ${counts.failed}`,
          },
          ended,
        );
      });
    } catch (cause) {
      logger.error('the end of a schedule run could not be recorded', { scheduleId: schedule.id, runId: run.id, error: cause });
    } finally {
      await lease.release();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.jobRuns.inc({ job_kind: schedule.jobKind, status });
    metrics.jobRunDuration.observe({ job_kind: schedule.jobKind }, seconds);
    logger.info('schedule run finished', { scheduleId: schedule.id, schedule: schedule.name, runId: run.id, jobKind: schedule.jobKind, status, ...counts, seconds });
  }

  // ---- the use cases ----

  return {
    async start() {
      if (started) return;
      started = true;
      if (!deps.settings.enabled) {
        logger.info('scheduled jobs are disabled in this process (scheduler.enabled is false)');
        return;
      }
      // Runs a previous process left "running" (it was killed): mark them, under each schedule's lock.
      for (const row of await store.listSchedules()) {
        const lease = await lock.tryAcquire(`schedule:${row.id}`);
        if (lease === undefined) continue;
        try {
          await committer.run((tx) => tx.interruptScheduleRuns(row.id, clock.now().getTime(), 'the process running it stopped before it finished'));
        } finally {
          await lease.release();
        }
      }
      await reconcile();
      reconcileTimer = setInterval(() => void reconcile(), deps.settings.reconcileIntervalMs);
      reconcileTimer.unref();
    },

    async stop() {
      stopped = true;
      if (reconcileTimer !== undefined) clearInterval(reconcileTimer);
      await reconciling;
      for (const id of [...armed.keys()]) await disarm(id);
      for (const { controller } of running.values()) controller.abort();
      await Promise.allSettled([...running.values()].map((r) => r.done));
    },

    async create(input, actor) {
      const errors = validators.create.check(input);
      if (errors.length > 0) throw invalid(errors);
      const body = input as { name: string; cron: string; timeZone?: string; jobKind: JobKind; params?: Record<string, unknown>; paused?: boolean };
      const timeZone = body.timeZone ?? defaultTimeZone;
      const params = body.params ?? {};
      const semantic = semanticErrors(body.cron, timeZone, body.jobKind, params);
      if (semantic.length > 0) throw invalid(semantic);
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
      await arm(row);
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

    async update(scheduleId, input, actor) {
      const errors = validators.patch.check(input);
      if (errors.length > 0) throw invalid(errors);
      const body = input as { name?: string; cron?: string; timeZone?: string; params?: Record<string, unknown>; resetCursor?: boolean };
      const current = await load(scheduleId);
      const cron = body.cron ?? current.cron;
      const timeZone = body.timeZone ?? current.timeZone;
      const params = body.params ?? current.params;
      const semantic = semanticErrors(cron, timeZone, current.jobKind as JobKind, params);
      if (semantic.length > 0) throw invalid(semantic);
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
      await arm(updated);
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
        await disarm(scheduleId);
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
      await arm(updated);
      return view(updated);
    },

    async runNow(scheduleId, actor) {
      await load(scheduleId);
      const started = await startRun(scheduleId, 'manual', actor.id);
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

    async idle() {
      while (running.size > 0) await Promise.allSettled([...running.values()].map((r) => r.done));
    },

    reconcile,
  };
}
