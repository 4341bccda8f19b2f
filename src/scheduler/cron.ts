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
    for (const e of result.errors) errors.push({ pointer: '/cron', detail: cronErrorText(e), rule: 'cron' });
  }
  if (!isTimeZone(timeZone)) errors.push({ pointer: '/timeZone', detail: `"${timeZone}" is not an IANA time zone (e.g. Europe/Amsterdam)`, rule: 'timeZone' });
  return errors;
}

/** Each field's name and range, for people (node-cron's own texts read "25 is a invalid expression for hour"). */
const FIELDS: Readonly<Record<string, { readonly name: string; readonly range: string }>> = {
  second: { name: 'second', range: '0-59' },
  minute: { name: 'minute', range: '0-59' },
  hour: { name: 'hour', range: '0-23' },
  dayOfMonth: { name: 'day of the month', range: '1-31' },
  month: { name: 'month', range: '1-12 or JAN-DEC' },
  dayOfWeek: { name: 'weekday', range: '0-7 or SUN-SAT; 0 and 7 are Sunday' },
};

/** One of node-cron's detailed errors in proper English, with the field's range. */
export function cronErrorText(error: { readonly field: string; readonly value?: string; readonly message: string }): string {
  const field = FIELDS[error.field];
  if (field !== undefined) return `${error.value ?? '?'} is an invalid ${field.name} (${field.range})`;
  const count = /got (\d+)/.exec(error.message)?.[1];
  if (count !== undefined) return `a cron expression has 5 fields (minute hour day-of-month month weekday), or 6 with seconds first; this one has ${count}`;
  return error.message.replace(/\ba invalid\b/g, 'an invalid');
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
