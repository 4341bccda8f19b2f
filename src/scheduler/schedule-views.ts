// What operators see of a schedule and of a run (the /v1/schedules answers): times as ISO strings,
// and cursors masked, since a cursor can be a file name and back offices sometimes name files after
// the child's BSN.
import { maskBsnLike } from '../exchange/record-unreadable-record.ts';
import type { ScheduleRow, ScheduleRunCounts, ScheduleRunRow } from '../store/store.ts';
import { nextRuns } from './cron.ts';

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
    cursorFrom: maskCursor(run.cursorFrom),
    cursorReached: maskCursor(run.cursorReached),
    error: run.error,
    runner: run.runner,
    details: run.details,
  };
}

/** A schedule as operators see it, with its latest run (if any). */
export function scheduleView(row: ScheduleRow, lastRun: ScheduleRunRow | undefined): ScheduleView {
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
    lastRun: lastRun === undefined ? null : runView(lastRun),
  };
}
