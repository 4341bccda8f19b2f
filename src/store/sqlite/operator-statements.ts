// The SQLite side of the operators' part of the Store port (issue 6): schedules, their runs, audit
// checkpoints, dead-letter listing and guarded outbox transitions. Kept beside sqlite-store.ts so
// that file only delegates; statements are prepared once, after migration 3 exists.

import type Database from 'better-sqlite3';
import type {
  AuditCheckpoint,
  OutboxEntry,
  OutboxStatus,
  OutboxPatch,
  OutboxTransition,
  ScheduleRow,
  ScheduleRunPatch,
  ScheduleRunRow,
  SchedulePatch,
} from '../store.ts';

type Bind = Record<string, string | number | null>;

interface ScheduleRecord {
  id: string;
  name: string;
  cron: string;
  time_zone: string;
  job_kind: string;
  params: string;
  paused: number;
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
  details: string | null;
}

interface OutboxEntryRecord {
  exchange_id: string;
  receiver: string;
  adapter_kind: string;
  endpoint: string | null;
  message_type: string;
  sender: string;
  purpose: string;
  traceparent: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  delivered_at: number | null;
  purge_after: number | null;
  created_at: number;
  purged: number;
}

interface CheckpointRecord {
  seq: number;
  hash: string;
  signed_at: string;
  key_id: string;
  signature: string;
}

const flag = (present: boolean): number => (present ? 1 : 0);

export function toSchedule(r: ScheduleRecord): ScheduleRow {
  return {
    id: r.id,
    name: r.name,
    cron: r.cron,
    timeZone: r.time_zone,
    jobKind: r.job_kind,
    params: JSON.parse(r.params) as Record<string, unknown>,
    paused: r.paused === 1,
    cursor: r.cursor,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
  };
}

export function toRun(r: RunRecord): ScheduleRunRow {
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
    details: r.details === null ? null : JSON.parse(r.details),
  };
}

function toOutboxEntry(r: OutboxEntryRecord): OutboxEntry {
  return {
    exchangeId: r.exchange_id,
    receiver: r.receiver,
    adapterKind: r.adapter_kind,
    endpoint: r.endpoint,
    messageType: r.message_type,
    sender: r.sender,
    purpose: r.purpose,
    traceparent: r.traceparent,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    purgeAfter: r.purge_after,
    createdAt: r.created_at,
    payloadPurged: r.purged === 1,
  };
}

function toCheckpoint(r: CheckpointRecord): AuditCheckpoint {
  return { seq: r.seq, hash: r.hash, signedAt: r.signed_at, keyId: r.key_id, signature: r.signature };
}

const scheduleColumns = 'id, name, cron, time_zone, job_kind, params, paused, cursor, version, created_at, updated_at, created_by';
const runColumns = `id, schedule_id, job_kind, trigger, status, started_at, ended_at, read_count, accepted_count, refused_count,
  failed_count, cursor_from, cursor_reached, error, runner, details`;
const entryColumns = `exchange_id, receiver, adapter_kind, endpoint, message_type, sender, purpose, traceparent, status, attempts,
  next_attempt_at, lease_owner, lease_until, last_error, delivered_at, purge_after, created_at, (payload IS NULL) AS purged`;

export function prepareOperatorStatements(db: Database.Database) {
  return {
    insertSchedule: db.prepare<[Bind]>(
      `INSERT INTO schedules (${scheduleColumns}) VALUES (@id, @name, @cron, @time_zone, @job_kind, @params, @paused, @cursor,
       @version, @created_at, @updated_at, @created_by)`,
    ),
    updateSchedule: db.prepare<[Bind], ScheduleRecord>(
      `UPDATE schedules SET
         name = CASE WHEN @has_name THEN @name ELSE name END,
         cron = CASE WHEN @has_cron THEN @cron ELSE cron END,
         time_zone = CASE WHEN @has_time_zone THEN @time_zone ELSE time_zone END,
         params = CASE WHEN @has_params THEN @params ELSE params END,
         paused = CASE WHEN @has_paused THEN @paused ELSE paused END,
         cursor = CASE WHEN @has_cursor THEN @cursor ELSE cursor END,
         version = version + 1,
         updated_at = @updated_at
       WHERE id = @id
       RETURNING ${scheduleColumns}`,
    ),
    deleteSchedule: db.prepare<[string]>('DELETE FROM schedules WHERE id = ?'),
    getSchedule: db.prepare<[string], ScheduleRecord>(`SELECT ${scheduleColumns} FROM schedules WHERE id = ?`),
    listSchedules: db.prepare<[], ScheduleRecord>(`SELECT ${scheduleColumns} FROM schedules ORDER BY name`),

    insertRun: db.prepare<[Bind]>(
      `INSERT INTO schedule_runs (${runColumns}) VALUES (@id, @schedule_id, @job_kind, @trigger, @status, @started_at, @ended_at,
       @read_count, @accepted_count, @refused_count, @failed_count, @cursor_from, @cursor_reached, @error, @runner, @details)`,
    ),
    updateRun: db.prepare<[Bind]>(
      `UPDATE schedule_runs SET
         status = CASE WHEN @has_status THEN @status ELSE status END,
         ended_at = CASE WHEN @has_ended_at THEN @ended_at ELSE ended_at END,
         read_count = CASE WHEN @has_counts THEN @read_count ELSE read_count END,
         accepted_count = CASE WHEN @has_counts THEN @accepted_count ELSE accepted_count END,
         refused_count = CASE WHEN @has_counts THEN @refused_count ELSE refused_count END,
         failed_count = CASE WHEN @has_counts THEN @failed_count ELSE failed_count END,
         cursor_reached = CASE WHEN @has_cursor_reached THEN @cursor_reached ELSE cursor_reached END,
         error = CASE WHEN @has_error THEN @error ELSE error END,
         details = CASE WHEN @has_details THEN @details ELSE details END
       WHERE id = @id`,
    ),
    interruptRuns: db.prepare<[number, string, string]>(
      "UPDATE schedule_runs SET status = 'interrupted', ended_at = ?, error = ? WHERE schedule_id = ? AND status = 'running'",
    ),
    getRun: db.prepare<[string], RunRecord>(`SELECT ${runColumns} FROM schedule_runs WHERE id = ?`),
    runCursor: db.prepare<[string], { started_at: number; id: string; schedule_id: string }>(
      'SELECT started_at, id, schedule_id FROM schedule_runs WHERE id = ?',
    ),
    listRuns: db.prepare<[Bind], RunRecord>(
      `SELECT ${runColumns} FROM schedule_runs
        WHERE schedule_id = @schedule_id AND (started_at, id) < (@before_started, @before_id)
        ORDER BY started_at DESC, id DESC LIMIT @limit`,
    ),

    transitionOutbox: db.prepare<[Bind]>(
      `UPDATE outbox SET
         status = CASE WHEN @has_status THEN @status ELSE status END,
         attempts = CASE WHEN @has_attempts THEN @attempts ELSE attempts END,
         next_attempt_at = CASE WHEN @has_next_attempt_at THEN @next_attempt_at ELSE next_attempt_at END,
         last_error = CASE WHEN @has_last_error THEN @last_error ELSE last_error END,
         delivered_at = CASE WHEN @has_delivered_at THEN @delivered_at ELSE delivered_at END,
         purge_after = CASE WHEN @has_purge_after THEN @purge_after ELSE purge_after END,
         payload = CASE WHEN @has_payload THEN @payload ELSE payload END,
         adapter_kind = CASE WHEN @has_adapter_kind THEN @adapter_kind ELSE adapter_kind END,
         endpoint = CASE WHEN @has_endpoint THEN @endpoint ELSE endpoint END
       WHERE exchange_id = @exchange_id AND status = @from AND lease_owner IS NULL`,
    ),
    listOutbox: db.prepare<[Bind], OutboxEntryRecord>(
      `SELECT ${entryColumns} FROM outbox
        WHERE status = @status AND (@receiver IS NULL OR receiver = @receiver) AND (created_at, exchange_id) > (@after_created, @after_id)
        ORDER BY created_at, exchange_id LIMIT @limit`,
    ),
    outboxCursor: db.prepare<[string], { created_at: number; exchange_id: string }>('SELECT created_at, exchange_id FROM outbox WHERE exchange_id = ?'),
    oldestOutbox: db.prepare<[string], number | null>('SELECT min(created_at) FROM outbox WHERE status = ?').pluck(),

    insertCheckpoint: db.prepare<[Bind]>(
      'INSERT INTO audit_checkpoints (seq, hash, signed_at, key_id, signature) VALUES (@seq, @hash, @signed_at, @key_id, @signature)',
    ),
    listCheckpoints: db.prepare<[number, number], CheckpointRecord>(
      'SELECT seq, hash, signed_at, key_id, signature FROM audit_checkpoints WHERE seq >= ? ORDER BY seq LIMIT ?',
    ),
  };
}

export type OperatorStatements = ReturnType<typeof prepareOperatorStatements>;

export function scheduleParams(row: ScheduleRow): Bind {
  return {
    id: row.id,
    name: row.name,
    cron: row.cron,
    time_zone: row.timeZone,
    job_kind: row.jobKind,
    params: JSON.stringify(row.params),
    paused: flag(row.paused),
    cursor: row.cursor,
    version: row.version,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    created_by: row.createdBy,
  };
}

export function schedulePatchParams(id: string, patch: SchedulePatch): Bind {
  return {
    id,
    updated_at: patch.updatedAt,
    has_name: flag(patch.name !== undefined),
    name: patch.name ?? null,
    has_cron: flag(patch.cron !== undefined),
    cron: patch.cron ?? null,
    has_time_zone: flag(patch.timeZone !== undefined),
    time_zone: patch.timeZone ?? null,
    has_params: flag(patch.params !== undefined),
    params: patch.params === undefined ? null : JSON.stringify(patch.params),
    has_paused: flag(patch.paused !== undefined),
    paused: patch.paused === undefined ? null : flag(patch.paused),
    // cursor may be set to null (a reset): present in the patch means set.
    has_cursor: flag('cursor' in patch),
    cursor: patch.cursor ?? null,
  };
}

export function runParams(row: ScheduleRunRow): Bind {
  return {
    id: row.id,
    schedule_id: row.scheduleId,
    job_kind: row.jobKind,
    trigger: row.trigger,
    status: row.status,
    started_at: row.startedAt,
    ended_at: row.endedAt,
    read_count: row.counts.read,
    accepted_count: row.counts.accepted,
    refused_count: row.counts.refused,
    failed_count: row.counts.failed,
    cursor_from: row.cursorFrom,
    cursor_reached: row.cursorReached,
    error: row.error,
    runner: row.runner,
    details: row.details === null || row.details === undefined ? null : JSON.stringify(row.details),
  };
}

export function runPatchParams(id: string, patch: ScheduleRunPatch): Bind {
  return {
    id,
    has_status: flag(patch.status !== undefined),
    status: patch.status ?? null,
    has_ended_at: flag(patch.endedAt !== undefined),
    ended_at: patch.endedAt ?? null,
    has_counts: flag(patch.counts !== undefined),
    read_count: patch.counts?.read ?? null,
    accepted_count: patch.counts?.accepted ?? null,
    refused_count: patch.counts?.refused ?? null,
    failed_count: patch.counts?.failed ?? null,
    has_cursor_reached: flag('cursorReached' in patch),
    cursor_reached: patch.cursorReached ?? null,
    has_error: flag('error' in patch),
    error: patch.error ?? null,
    has_details: flag('details' in patch),
    details: patch.details === undefined || patch.details === null ? null : JSON.stringify(patch.details),
  };
}

/** The bind values of the OutboxPatch fields (`has_x` says whether x is set), shared by settle and transition. */
export function outboxPatchBind(patch: OutboxPatch): Bind {
  return {
    has_status: flag(patch.status !== undefined),
    status: patch.status ?? null,
    has_attempts: flag(patch.attempts !== undefined),
    attempts: patch.attempts ?? null,
    has_next_attempt_at: flag(patch.nextAttemptAt !== undefined),
    next_attempt_at: patch.nextAttemptAt ?? null,
    has_last_error: flag(patch.lastError !== undefined),
    last_error: patch.lastError ?? null,
    has_delivered_at: flag(patch.deliveredAt !== undefined),
    delivered_at: patch.deliveredAt ?? null,
    has_purge_after: flag(patch.purgeAfter !== undefined),
    purge_after: patch.purgeAfter ?? null,
  };
}

export function transitionParams(exchangeId: string, from: OutboxStatus, patch: OutboxTransition): Bind {
  return {
    exchange_id: exchangeId,
    from,
    ...outboxPatchBind(patch),
    has_adapter_kind: flag(patch.adapterKind !== undefined),
    adapter_kind: patch.adapterKind ?? null,
    has_endpoint: flag('endpoint' in patch),
    endpoint: patch.endpoint ?? null,
    has_payload: flag('payload' in patch),
    payload: patch.payload === undefined || patch.payload === null ? null : JSON.stringify(patch.payload),
  };
}

export function checkpointParams(c: AuditCheckpoint): Bind {
  return { seq: c.seq, hash: c.hash, signed_at: c.signedAt, key_id: c.keyId, signature: c.signature };
}

export function listOutboxEntries(
  s: OperatorStatements,
  query: { readonly status: OutboxStatus; readonly limit: number; readonly receiver?: string; readonly after?: string },
): OutboxEntry[] {
  let afterCreated = -Number.MAX_SAFE_INTEGER;
  let afterId = '';
  if (query.after !== undefined) {
    const cursor = s.outboxCursor.get(query.after);
    if (cursor === undefined) return [];
    afterCreated = cursor.created_at;
    afterId = cursor.exchange_id;
  }
  if (query.limit === 0) return [];
  return s.listOutbox
    .all({ status: query.status, receiver: query.receiver ?? null, after_created: afterCreated, after_id: afterId, limit: query.limit })
    .map(toOutboxEntry);
}

export function listRuns(s: OperatorStatements, scheduleId: string, query: { readonly limit: number; readonly before?: string }): ScheduleRunRow[] {
  let beforeStarted = Number.MAX_SAFE_INTEGER;
  let beforeId = '\u{10FFFF}';
  if (query.before !== undefined) {
    const cursor = s.runCursor.get(query.before);
    if (cursor?.schedule_id !== scheduleId) return [];
    beforeStarted = cursor.started_at;
    beforeId = cursor.id;
  }
  if (query.limit === 0) return [];
  return s.listRuns.all({ schedule_id: scheduleId, before_started: beforeStarted, before_id: beforeId, limit: query.limit }).map(toRun);
}

export function listCheckpoints(s: OperatorStatements, query: { readonly fromSeq?: number; readonly limit: number }): AuditCheckpoint[] {
  return s.listCheckpoints.all(query.fromSeq ?? -Number.MAX_SAFE_INTEGER, query.limit).map(toCheckpoint);
}
