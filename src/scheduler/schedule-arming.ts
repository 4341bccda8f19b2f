// Arming: each process keeps one node-cron task (cron.ts) per unpaused schedule in the store, and
// rereads the schedules now and then so that a change made through another process is picked up. A
// task is only replaced when what makes it fire (cron, zone, paused) changed. A tick hands the run to
// the executor (schedule-runs.ts), which decides under the schedule's lock whether it runs here.
import type { Logger } from '../observability/logger.ts';
import type { ScheduleRow, Store } from '../store/store.ts';
import { startCronTask, type CronTask } from './cron.ts';

export interface Arming {
  /** Arms (or re-arms, or disarms when paused) one schedule as stored. */
  arm(row: ScheduleRow): Promise<void>;
  disarm(scheduleId: string): Promise<void>;
  /** Rereads the schedules from the store and (re)arms what changed; one reread at a time. */
  reconcile(): Promise<void>;
  /** Rereads every `intervalMs` from now on. */
  rereadEvery(intervalMs: number): void;
  /** Stops rereading, lets a reread in progress end, and disarms everything. */
  stop(): Promise<void>;
}

export interface ArmingDeps {
  readonly store: Pick<Store, 'listSchedules'>;
  readonly logger: Logger;
  /** False in a process that must not run scheduled jobs: nothing is armed. */
  readonly enabled: boolean;
  readonly isStopped: () => boolean;
  /** Called when a schedule fires; resolves when the run it started (if any) has ended. */
  readonly tick: (scheduleId: string, dueAt: Date) => Promise<void>;
}

interface Armed {
  readonly signature: string;
  readonly task: CronTask | undefined;
}

const signatureOf = (row: ScheduleRow): string => `${row.cron}\n${row.timeZone}\n${String(row.paused)}`;

export function createArming(deps: ArmingDeps): Arming {
  const { store, logger } = deps;
  const armed = new Map<string, Armed>();
  let rereadTimer: NodeJS.Timeout | undefined;
  let reconciling: Promise<void> | undefined;

  async function disarm(scheduleId: string): Promise<void> {
    const current = armed.get(scheduleId);
    armed.delete(scheduleId);
    await current?.task?.destroy();
  }

  async function arm(row: ScheduleRow): Promise<void> {
    if (deps.isStopped() || !deps.enabled) return;
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
          tick: (dueAt) => deps.tick(row.id, dueAt),
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

  return {
    arm,
    disarm,
    reconcile,
    rereadEvery(intervalMs) {
      rereadTimer = setInterval(() => void reconcile(), intervalMs);
      rereadTimer.unref();
    },
    async stop() {
      if (rereadTimer !== undefined) clearInterval(rereadTimer);
      await reconciling;
      for (const id of [...armed.keys()]) await disarm(id);
    },
  };
}
