// The only module that knows node-cron (architecture.md; a lint rule keeps it so). node-cron 4:
// expressions have 5 fields, or 6 with seconds first; `validateDetailed` says which field is wrong;
// `timezone` takes an IANA zone (an unknown zone is not refused when the task is created, so zones are
// checked here with Intl first); `noOverlap` skips a tick while the previous execution's promise is
// still pending; `stop` pauses a task and `destroy` removes it, but neither waits for a running
// execution (the scheduler tracks its runs itself); its own warnings go to the logger given.

import cron, { type ScheduledTask } from 'node-cron';
import type { FieldError } from '../kernel/gateway-error.ts';
import type { Logger } from '../observability/logger.ts';

/** Every problem with a cron expression and a time zone, each with its JSON pointer in the schedule. */
export function validateCronSchedule(expression: string, timeZone: string): FieldError[] {
  const errors: FieldError[] = [];
  const result = cron.validateDetailed(expression);
  if (!result.valid) {
    for (const e of result.errors) {
      const where = e.field === 'expression' ? '' : ` (${e.field} field)`;
      errors.push({ pointer: '/cron', detail: `${e.message}${where}`, rule: 'cron' });
    }
  }
  if (!isTimeZone(timeZone)) errors.push({ pointer: '/timeZone', detail: `"${timeZone}" is not an IANA time zone (e.g. Europe/Amsterdam)`, rule: 'timeZone' });
  return errors;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface CronTask {
  /** The next time it fires, or null when stopped. */
  nextRun(): Date | null;
  /** Removes the task; a running execution is not waited for. */
  destroy(): Promise<void>;
}

/**
 * Starts a task that calls `tick` at every match of the expression in the time zone. While the promise
 * `tick` returned is pending, node-cron skips further ticks of this task (noOverlap); the scheduler's
 * lock keeps runs from overlapping across manual runs and processes as well.
 */
export async function startCronTask(options: {
  readonly name: string;
  readonly expression: string;
  readonly timeZone: string;
  readonly tick: (firedAt: Date) => Promise<void>;
  readonly logger: Logger;
}): Promise<CronTask> {
  const { logger } = options;
  const task: ScheduledTask = cron.createTask(options.expression, (context) => options.tick(context.date), {
    name: options.name,
    timezone: options.timeZone,
    noOverlap: true,
    logger: {
      info: (message) => { logger.debug('node-cron', { schedule: options.name, message }); },
      warn: (message) => { logger.warn('node-cron', { schedule: options.name, message }); },
      error: (message) => { logger.error('node-cron', { schedule: options.name, message: String(message) }); },
      debug: (message) => { logger.debug('node-cron', { schedule: options.name, message: String(message) }); },
    },
  });
  task.on('execution:overlap', () => {
    logger.info('schedule tick skipped: its previous run is still going', { schedule: options.name });
  });
  task.on('execution:missed', (context) => {
    logger.warn('schedule tick missed (the process was busy or asleep)', { schedule: options.name, at: context.date.toISOString() });
  });
  await task.start();
  return {
    nextRun: () => task.getNextRun(),
    async destroy() {
      await task.destroy();
    },
  };
}

/** The next times an expression fires in a zone (for the API's answers), without starting anything. */
export function nextRuns(expression: string, timeZone: string, count: number): Date[] {
  const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
  try {
    return task.getNextRuns(count);
  } finally {
    void task.destroy();
  }
}
