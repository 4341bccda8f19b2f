// The executor: starts and carries out runs of schedules. A run
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
import { isGatewayError } from '../kernel/gateway-error.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../observability/logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import { newSpanId } from '../kernel/trace-context.ts';
import type { ScheduleRow, ScheduleRunCounts, ScheduleRunRow, Store } from '../store/store.ts';
import type { ClusterLock, LockLease } from './cluster-lock.ts';
import { zeroCounts, type Job } from './job.ts';

const INTERRUPTED_BY_DEATH = 'the process running it stopped before it finished';
const INTERRUPTED_BY_SHUTDOWN = 'the gateway shut down during the run; the next run continues from the cursor';

/**
 * What a failed run's history says (operators read it in the console). GatewayError details here are
 * written by the gateway (status codes, error codes), never content; a log-only detail (a store error
 * naming its operation and SQLSTATE) stays in the log, as it stays out of a problem+json answer.
 */
export function runErrorText(cause: unknown): string {
  if (!isGatewayError(cause)) return 'internal error (see the gateway log)';
  const said = cause.detail !== undefined && !cause.logOnlyDetail ? cause.detail : cause.title;
  return `${cause.code}: ${said}`.slice(0, 500);
}

export interface StartedRun {
  readonly run: ScheduleRunRow;
  /** Resolves when the run has ended and its end is recorded. */
  readonly done: Promise<void>;
}

export interface ScheduleRuns {
  /**
   * Starts a run unless the schedule's lock is held, the process is stopping, or (scheduled) the
   * schedule is paused or gone or its tick due at `dueAt` already ran elsewhere: then undefined.
   */
  start(scheduleId: string, trigger: 'scheduled' | 'manual', actorId: string, dueAt?: Date): Promise<StartedRun | undefined>;
  /** A cron tick: starts a scheduled run (logging why it could not) and resolves when it has ended. */
  tick(scheduleId: string, dueAt: Date): Promise<void>;
  /** Marks runs a previous process left "running" (it was killed) as interrupted, each under its schedule's lock. */
  interruptLeftovers(): Promise<void>;
  /** Asks every run in this process to stop and waits until each has recorded how far it got. */
  stopAll(): Promise<void>;
  /** Resolves when no run is in progress in this process. */
  idle(): Promise<void>;
}

export interface ScheduleRunsDeps {
  readonly store: Store;
  readonly committer: GroupCommitter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly lock: ClusterLock;
  /** This process as written in the run history (runner-identity.ts). */
  readonly runner: string;
  readonly jobFor: (kind: string) => Job;
  readonly isStopped: () => boolean;
}

interface RunningRun {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

export function createScheduleRuns(deps: ScheduleRunsDeps): ScheduleRuns {
  const { store, committer, clock, logger, metrics, lock, runner } = deps;
  const running = new Map<string, RunningRun>();

  /**
   * True when a scheduled run of this schedule started at or after `dueAt`: another process already ran
   * the tick due then. Every process fires each tick; the lock keeps their runs from overlapping, and
   * this keeps a process whose tick comes after the winner's run has ended from running it again.
   */
  async function ranSince(scheduleId: string, dueAt: Date): Promise<boolean> {
    const recent = await store.listScheduleRuns(scheduleId, { limit: 20 });
    return recent.some((r) => r.trigger === 'scheduled' && r.startedAt >= dueAt.getTime());
  }

  async function start(scheduleId: string, trigger: 'scheduled' | 'manual', actorId: string, dueAt?: Date): Promise<StartedRun | undefined> {
    if (deps.isStopped()) return undefined;
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
        await tx.interruptScheduleRuns(scheduleId, now, INTERRUPTED_BY_DEATH);
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
      const result = await deps.jobFor(schedule.jobKind).run({
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
        error = INTERRUPTED_BY_SHUTDOWN;
      }
    } catch (cause) {
      if (signal.aborted) {
        status = 'interrupted';
        error = INTERRUPTED_BY_SHUTDOWN;
      } else {
        status = 'failed';
        errorCode = isGatewayError(cause) ? cause.code : 'internal';
        error = runErrorText(cause);
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

  return {
    start,

    async tick(scheduleId, dueAt) {
      const started = await start(scheduleId, 'scheduled', 'ketenpoort', dueAt).catch((error: unknown) => {
        logger.error('a scheduled run could not start', { scheduleId, error });
        return undefined;
      });
      await started?.done;
    },

    async interruptLeftovers() {
      for (const row of await store.listSchedules()) {
        const lease = await lock.tryAcquire(`schedule:${row.id}`);
        if (lease === undefined) continue;
        try {
          await committer.run((tx) => tx.interruptScheduleRuns(row.id, clock.now().getTime(), INTERRUPTED_BY_DEATH));
        } finally {
          await lease.release();
        }
      }
    },

    async stopAll() {
      for (const { controller } of running.values()) controller.abort();
      await Promise.allSettled([...running.values()].map((r) => r.done));
    },

    async idle() {
      while (running.size > 0) await Promise.allSettled([...running.values()].map((r) => r.done));
    },
  };
}
