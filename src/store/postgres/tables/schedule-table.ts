// Schedules and their run history on PostgreSQL (migration 3, issue 6). A schedule's name is unique
// (schedule-name-taken); every update bumps its version, so every gateway process sees that it
// changed; deleting a schedule deletes its runs (ON DELETE CASCADE). Runs are listed newest first,
// paged by a run-id cursor of the same schedule. These are operators' writes, a few per run or per
// page of a batch sync: they run at once (not deferred), and updates take the chain head first (the
// lock order in pg-sql.ts).

import { GatewayError } from '../../../kernel/gateway-error.ts';
import type { ScheduleRow, ScheduleRunRow, Store, StoreTx } from '../../store.ts';
import { checkLimit, statement, type ChainLock, type Sql, type TxSql } from '../pg-sql.ts';

interface ScheduleRecord {
  id: string;
  name: string;
  cron: string;
  time_zone: string;
  job_kind: string;
  params: Record<string, unknown>;
  paused: boolean;
  cursor: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  created_by: string;
}

interface RunRecord {
  id: string;
  schedule_id: string;
  job_kind: string;
  trigger: string;
  status: string;
  started_at: number;
  ended_at: number | null;
  read_count: number;
  accepted_count: number;
  refused_count: number;
  failed_count: number;
  cursor_from: string | null;
  cursor_reached: string | null;
  error: string | null;
  runner: string;
  details: unknown;
}

const scheduleColumns = 'id, name, cron, time_zone, job_kind, params, paused, cursor, version, created_at, updated_at, created_by';
const runColumns = `id, schedule_id, job_kind, trigger, status, started_at, ended_at, read_count, accepted_count, refused_count,
  failed_count, cursor_from, cursor_reached, error, runner, details`;

const s = {
  insertSchedule: statement(
    'schedule_insert',
    `INSERT INTO schedules (${scheduleColumns}) VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8, $9, $10, $11, $12)`,
  ),
  updateSchedule: statement(
    'schedule_update',
    `UPDATE schedules SET
       name = CASE WHEN $3::boolean THEN $4 ELSE name END,
       cron = CASE WHEN $5::boolean THEN $6 ELSE cron END,
       time_zone = CASE WHEN $7::boolean THEN $8 ELSE time_zone END,
       params = CASE WHEN $9::boolean THEN $10::json ELSE params END,
       paused = CASE WHEN $11::boolean THEN $12::boolean ELSE paused END,
       cursor = CASE WHEN $13::boolean THEN $14 ELSE cursor END,
       version = version + 1,
       updated_at = $2
     WHERE id = $1
     RETURNING ${scheduleColumns}`,
  ),
  deleteSchedule: statement('schedule_delete', 'DELETE FROM schedules WHERE id = $1'),
  getSchedule: statement('schedule_get', `SELECT ${scheduleColumns} FROM schedules WHERE id = $1`),
  listSchedules: statement('schedule_list', `SELECT ${scheduleColumns} FROM schedules ORDER BY name`),

  insertRun: statement(
    'schedule_run_insert',
    `INSERT INTO schedule_runs (${runColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::json)`,
  ),
  updateRun: statement(
    'schedule_run_update',
    `UPDATE schedule_runs SET
       status = CASE WHEN $2::boolean THEN $3 ELSE status END,
       ended_at = CASE WHEN $4::boolean THEN $5::bigint ELSE ended_at END,
       read_count = CASE WHEN $6::boolean THEN $7::bigint ELSE read_count END,
       accepted_count = CASE WHEN $6::boolean THEN $8::bigint ELSE accepted_count END,
       refused_count = CASE WHEN $6::boolean THEN $9::bigint ELSE refused_count END,
       failed_count = CASE WHEN $6::boolean THEN $10::bigint ELSE failed_count END,
       cursor_reached = CASE WHEN $11::boolean THEN $12 ELSE cursor_reached END,
       error = CASE WHEN $13::boolean THEN $14 ELSE error END,
       details = CASE WHEN $15::boolean THEN $16::json ELSE details END
     WHERE id = $1`,
  ),
  interruptRuns: statement(
    'schedule_runs_interrupt',
    "UPDATE schedule_runs SET status = 'interrupted', ended_at = $2, error = $3 WHERE schedule_id = $1 AND status = 'running'",
  ),
  getRun: statement('schedule_run_get', `SELECT ${runColumns} FROM schedule_runs WHERE id = $1`),
  runCursor: statement('schedule_run_cursor', 'SELECT started_at, id, schedule_id FROM schedule_runs WHERE id = $1'),
  listRuns: statement(
    'schedule_run_list',
    `SELECT ${runColumns} FROM schedule_runs WHERE schedule_id = $1 AND (started_at, id) < ($2::bigint, $3::text)
      ORDER BY started_at DESC, id DESC LIMIT $4`,
  ),
};

function toSchedule(r: ScheduleRecord): ScheduleRow {
  return {
    id: r.id,
    name: r.name,
    cron: r.cron,
    timeZone: r.time_zone,
    jobKind: r.job_kind,
    params: r.params,
    paused: r.paused,
    cursor: r.cursor,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
  };
}

function toRun(r: RunRecord): ScheduleRunRow {
  return {
    id: r.id,
    scheduleId: r.schedule_id,
    jobKind: r.job_kind,
    trigger: r.trigger as ScheduleRunRow['trigger'],
    status: r.status as ScheduleRunRow['status'],
    startedAt: r.started_at,
    endedAt: r.ended_at,
    counts: { read: r.read_count, accepted: r.accepted_count, refused: r.refused_count, failed: r.failed_count },
    cursorFrom: r.cursor_from,
    cursorReached: r.cursor_reached,
    error: r.error,
    runner: r.runner,
    details: r.details ?? null,
  };
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

export function scheduleTx(
  sql: TxSql,
  lockChain: ChainLock,
): Pick<StoreTx, 'insertSchedule' | 'updateSchedule' | 'deleteSchedule' | 'insertScheduleRun' | 'updateScheduleRun' | 'interruptScheduleRuns'> {
  return {
    async insertSchedule(row) {
      await sql.run(
        'insertSchedule',
        s.insertSchedule,
        [row.id, row.name, row.cron, row.timeZone, row.jobKind, JSON.stringify(row.params), row.paused, row.cursor, row.version, row.createdAt, row.updatedAt, row.createdBy],
        'schedule-name-taken',
      );
    },
    async updateSchedule(id, patch) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the row
      const values = [
        id,
        patch.updatedAt,
        patch.name !== undefined,
        patch.name ?? null,
        patch.cron !== undefined,
        patch.cron ?? null,
        patch.timeZone !== undefined,
        patch.timeZone ?? null,
        patch.params !== undefined,
        patch.params === undefined ? null : JSON.stringify(patch.params),
        patch.paused !== undefined,
        patch.paused ?? null,
        // cursor may be set to null (a reset): present in the patch means set.
        'cursor' in patch,
        patch.cursor ?? null,
      ];
      const { rows } = await sql.run<ScheduleRecord>('updateSchedule', s.updateSchedule, values, 'schedule-name-taken');
      return rows[0] === undefined ? undefined : toSchedule(rows[0]);
    },
    async deleteSchedule(id) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the rows
      return (await sql.run('deleteSchedule', s.deleteSchedule, [id])).rowCount === 1;
    },
    async insertScheduleRun(row) {
      await sql.run('insertScheduleRun', s.insertRun, [
        row.id,
        row.scheduleId,
        row.jobKind,
        row.trigger,
        row.status,
        row.startedAt,
        row.endedAt,
        row.counts.read,
        row.counts.accepted,
        row.counts.refused,
        row.counts.failed,
        row.cursorFrom,
        row.cursorReached,
        row.error,
        row.runner,
        json(row.details),
      ]);
    },
    async updateScheduleRun(id, patch) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the row
      const values = [
        id,
        patch.status !== undefined,
        patch.status ?? null,
        patch.endedAt !== undefined,
        patch.endedAt ?? null,
        patch.counts !== undefined,
        patch.counts?.read ?? null,
        patch.counts?.accepted ?? null,
        patch.counts?.refused ?? null,
        patch.counts?.failed ?? null,
        'cursorReached' in patch,
        patch.cursorReached ?? null,
        'error' in patch,
        patch.error ?? null,
        'details' in patch,
        json(patch.details),
      ];
      if ((await sql.run('updateScheduleRun', s.updateRun, values)).rowCount === 0) {
        throw new GatewayError('not-found', { detail: 'store: updateScheduleRun on an unknown run' });
      }
    },
    async interruptScheduleRuns(scheduleId, now, error) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the rows
      return (await sql.run('interruptScheduleRuns', s.interruptRuns, [scheduleId, now, error])).rowCount ?? 0;
    },
  };
}

export function scheduleReads(sql: Sql): Pick<Store, 'getSchedule' | 'listSchedules' | 'getScheduleRun' | 'listScheduleRuns'> {
  return {
    async getSchedule(id) {
      const { rows } = await sql.run<ScheduleRecord>('getSchedule', s.getSchedule, [id]);
      return rows[0] === undefined ? undefined : toSchedule(rows[0]);
    },
    async listSchedules() {
      return (await sql.run<ScheduleRecord>('listSchedules', s.listSchedules, [])).rows.map(toSchedule);
    },
    async getScheduleRun(id) {
      const { rows } = await sql.run<RunRecord>('getScheduleRun', s.getRun, [id]);
      return rows[0] === undefined ? undefined : toRun(rows[0]);
    },
    async listScheduleRuns(scheduleId, query) {
      const limit = checkLimit(query.limit);
      let beforeStarted = Number.MAX_SAFE_INTEGER;
      let beforeId = '\u{10FFFF}';
      if (query.before !== undefined) {
        const cursor = (await sql.run<{ started_at: number; id: string; schedule_id: string }>('listScheduleRuns', s.runCursor, [query.before])).rows[0];
        if (cursor?.schedule_id !== scheduleId) return []; // a cursor of another schedule names no position here
        beforeStarted = cursor.started_at;
        beforeId = cursor.id;
      }
      if (limit === 0) return [];
      const { rows } = await sql.run<RunRecord>('listScheduleRuns', s.listRuns, [scheduleId, beforeStarted, beforeId, limit]);
      return rows.map(toRun);
    },
  };
}
