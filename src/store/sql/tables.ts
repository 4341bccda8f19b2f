// Column maps: one declaration per table says which column holds which field of the port's row, and
// how (text, integer, JSON, boolean). Reading a row, the values of an insert, the column list of a
// SELECT and the multi-row insert PostgreSQL defers are all derived from it (tables are written in
// migrations, per dialect).

import type { ErrorCode } from '../../kernel/error-catalogue.ts';
import type { ConsentRecord, ConsentRevocation } from '../../kernel/consent-record.ts';
import type {
  AuditCheckpoint,
  DecisionInputRow,
  ExchangeRow,
  IjwPairing,
  InboxItem,
  OutboxEntry,
  OutboxRow,
  OverrideReview,
  ScheduleRow,
  ScheduleRunRow,
} from '../store.ts';
import { fromJson, toJson, type Write } from './sql-db.ts';

/** The column's PostgreSQL type: json travels as text; bigint and integer read back as numbers. */
export type ColumnType = 'text' | 'bigint' | 'integer' | 'json' | 'boolean';

interface Column {
  readonly field: string;
  readonly name: string;
  readonly type: ColumnType;
}

export interface Table<Row> {
  readonly name: string;
  readonly columns: readonly Column[];
  /** The column list for a SELECT (prefixed `alias.` when given). */
  readonly select: string;
  read(record: Record<string, unknown>): Row;
  values(row: Row): unknown[];
}

function readValue(type: ColumnType, value: unknown): unknown {
  if (type === 'json') return fromJson(value);
  if (type === 'boolean') return value === true || value === 1;
  return value ?? null;
}

function writeValue(type: ColumnType, value: unknown): unknown {
  if (type === 'json') return toJson(value);
  return value ?? null;
}

/** `spec` maps each field of Row to "column type", e.g. `createdAt: 'created_at bigint'`. */
export function table<Row>(name: string, spec: { readonly [K in keyof Row]?: string }): Table<Row> {
  const columns = Object.entries(spec as Record<string, string>).map(([field, text]): Column => {
    const [column, type] = text.split(' ') as [string, ColumnType];
    return { field, name: column, type };
  });
  return {
    name,
    columns,
    select: columns.map((c) => c.name).join(', '),
    read(record) {
      const row: Record<string, unknown> = {};
      for (const c of columns) row[c.field] = readValue(c.type, record[c.name]);
      return row as Row;
    },
    values(row) {
      const source = row as Record<string, unknown>;
      return columns.map((c) => writeValue(c.type, source[c.field]));
    },
  };
}

const cast = (type: ColumnType): string => (type === 'json' ? '::json' : '');

/** `INSERT INTO table (...) VALUES ($1, ...)`, with `suffix` (e.g. ON CONFLICT) after it. */
export function insertSql(t: Pick<Table<unknown>, 'name' | 'columns' | 'select'>, suffix = ''): string {
  const placeholders = t.columns.map((c, i) => `$${i + 1}${cast(c.type)}`);
  return `INSERT INTO ${t.name} (${t.select}) VALUES (${placeholders.join(', ')}) ${suffix}`.trim();
}

/**
 * `INSERT INTO table (...) SELECT ... FROM unnest($1::type[], ...)`: many rows in one PostgreSQL
 * statement with a fixed text (so it is prepared once). JSON travels as text and is cast.
 */
export function bulkInsertSql(name: string, columns: readonly Pick<Column, 'name' | 'type'>[], suffix = ''): string {
  const names = columns.map((c) => `"${c.name}"`);
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type === 'json' ? 'text' : c.type}[]`);
  const selected = columns.map((c) => `"${c.name}"${cast(c.type)}`);
  return `INSERT INTO ${name} (${names.join(', ')})
    SELECT ${selected.join(', ')} FROM unnest(${arrays.join(', ')}) AS r(${names.join(', ')}) ${suffix}`;
}

/** The insert of a table's rows, deferred on PostgreSQL (see Write). */
export function insertWrite<Row>(
  t: Table<Row>,
  options: { readonly operation: string; readonly order: number; readonly key: (row: Row) => string; readonly onConstraint?: ErrorCode; readonly suffix?: string },
): Write<Row> {
  return {
    operation: options.operation,
    order: options.order,
    ...(options.onConstraint !== undefined ? { onConstraint: options.onConstraint } : {}),
    sql: insertSql(t, options.suffix),
    bulkSql: bulkInsertSql(t.name, t.columns, options.suffix),
    key: options.key,
    values: (row) => t.values(row),
  };
}

// ---- the tables ----------------------------------------------------------------------------------------

/**
 * The exchange row as stored: the decision without its released fields when `releasedFields` names
 * the set that holds them (migration 21; released-fields-sql.ts reads and writes it).
 */
export interface StoredExchange extends Omit<ExchangeRow, 'decision'> {
  readonly decision: unknown;
  readonly releasedFields: string | null;
}

export const exchangeColumns = table<StoredExchange>('exchanges', {
  id: 'id text',
  createdAt: 'created_at bigint',
  updatedAt: 'updated_at bigint',
  sender: 'sender text',
  receiver: 'receiver text',
  messageType: 'message_type text',
  purpose: 'purpose text',
  status: 'status text',
  subjectPseudonym: 'subject_pseudonym text',
  traceId: 'trace_id text',
  decision: 'decision json',
  reason: 'reason text',
  receiverReference: 'receiver_reference text',
  deliveredAt: 'delivered_at bigint',
  releasedFields: 'released_fields text',
});

const outboxColumns = {
  exchangeId: 'exchange_id text',
  receiver: 'receiver text',
  adapterKind: 'adapter_kind text',
  endpoint: 'endpoint text',
  messageType: 'message_type text',
  sender: 'sender text',
  purpose: 'purpose text',
  traceparent: 'traceparent text',
  status: 'status text',
  attempts: 'attempts integer',
  nextAttemptAt: 'next_attempt_at bigint',
  leaseOwner: 'lease_owner text',
  leaseUntil: 'lease_until bigint',
  lastError: 'last_error text',
  deliveredAt: 'delivered_at bigint',
  purgeAfter: 'purge_after bigint',
  createdAt: 'created_at bigint',
} as const;

export const outbox = table<OutboxRow>('outbox', { ...outboxColumns, payload: 'payload json' });

/** The operators' view of an outbox row: no payload, only whether it is gone. */
export const outboxEntries = table<OutboxEntry>('outbox', { ...outboxColumns, payloadPurged: 'purged boolean' });
export const outboxEntrySelect = `${outboxEntries.select.replace(', purged', '')}, (payload IS NULL) AS purged`;

export const inbox = table<InboxItem>('inbox', {
  exchangeId: 'exchange_id text',
  receiver: 'receiver text',
  sender: 'sender text',
  messageType: 'message_type text',
  purpose: 'purpose text',
  payload: 'payload json',
  createdAt: 'created_at bigint',
  ackedAt: 'acked_at bigint',
  purgeAfter: 'purge_after bigint',
});

export const ijwPairings = table<IjwPairing>('ijw_pairings', {
  exchangeId: 'exchange_id text',
  messageType: 'message_type text',
  afzender: 'afzender text',
  identificatie: 'identificatie text',
  dagtekening: 'dagtekening text',
  sender: 'sender text',
  receiver: 'receiver text',
  createdAt: 'created_at bigint',
});

export const overrideReviews = table<OverrideReview>('override_reviews', {
  exchangeId: 'exchange_id text',
  createdAt: 'created_at bigint',
  sender: 'sender text',
  receiver: 'receiver text',
  messageType: 'message_type text',
  purpose: 'purpose text',
  rule: 'rule text',
  reasonCode: 'reason_code text',
  justification: 'justification text',
  subjectPseudonym: 'subject_pseudonym text',
  status: 'status text',
  reviewedBy: 'reviewed_by text',
  reviewedAt: 'reviewed_at bigint',
  note: 'note text',
});

export const schedules = table<ScheduleRow>('schedules', {
  id: 'id text',
  name: 'name text',
  cron: 'cron text',
  timeZone: 'time_zone text',
  jobKind: 'job_kind text',
  params: 'params json',
  paused: 'paused boolean',
  cursor: 'cursor text',
  version: 'version integer',
  createdAt: 'created_at bigint',
  updatedAt: 'updated_at bigint',
  createdBy: 'created_by text',
});

/** A schedule run as its columns hold it: the counts are four columns (store-tx.ts nests them). */
export interface FlatRun {
  readonly id: string;
  readonly scheduleId: string;
  readonly jobKind: string;
  readonly trigger: string;
  readonly status: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly read: number;
  readonly accepted: number;
  readonly refused: number;
  readonly failed: number;
  readonly cursorFrom: string | null;
  readonly cursorReached: string | null;
  readonly error: string | null;
  readonly runner: string;
  readonly details: unknown;
}

export const scheduleRuns = table<FlatRun>('schedule_runs', {
  id: 'id text',
  scheduleId: 'schedule_id text',
  jobKind: 'job_kind text',
  trigger: 'trigger text',
  status: 'status text',
  startedAt: 'started_at bigint',
  endedAt: 'ended_at bigint',
  read: 'read_count bigint',
  accepted: 'accepted_count bigint',
  refused: 'refused_count bigint',
  failed: 'failed_count bigint',
  cursorFrom: 'cursor_from text',
  cursorReached: 'cursor_reached text',
  error: 'error text',
  runner: 'runner text',
  details: 'details json',
});

/** The audit table's copies of record fields on both stores (column name to field name). */
export const auditColumns: Readonly<Record<string, string>> = {
  seq: 'seq',
  time: 'time',
  exchange_id: 'exchangeId',
  actor: 'actor',
  counterparty: 'counterparty',
  action: 'action',
  outcome: 'outcome',
  prev_hash: 'prevHash',
  hash: 'hash',
};

export const checkpoints = table<AuditCheckpoint>('audit_checkpoints', {
  seq: 'seq bigint',
  hash: 'hash text',
  signedAt: 'signed_at text',
  keyId: 'key_id text',
  signature: 'signature text',
});

/** The consents an exchange's delivery rests on (migration 6): how a revocation finds what to cancel. */
export interface ExchangeConsent {
  readonly exchangeId: string;
  readonly consentId: string;
}

export const exchangeConsents = table<ExchangeConsent>('exchange_consents', {
  exchangeId: 'exchange_id text',
  consentId: 'consent_id text',
});

export const decisionInputs = table<DecisionInputRow>('decision_inputs', {
  exchangeId: 'exchange_id text',
  subject: 'subject json',
});

/** Consents: the grant as written (record), its status and revocation in columns of their own. */
export const consentColumns = table<Record<string, unknown>>('consents', {
  id: 'id text',
  subjectPseudonym: 'subject_pseudonym text',
  registeredBy: 'registered_by text',
  registeredAt: 'registered_at bigint',
  status: 'status text',
  record: 'record json',
  // The last day of the period (record.validUntil), for the privacy officer's expiring list (migration 10).
  validUntil: 'valid_until text',
});

export const consentSelect = 'id, status, record, revocation';

export function toConsent(r: Record<string, unknown>): ConsentRecord {
  const grant = fromJson(r.record) as ConsentRecord;
  const revocation = fromJson(r.revocation) as ConsentRevocation | null;
  return { ...grant, status: r.status as ConsentRecord['status'], ...(revocation !== null ? { revocation } : {}) };
}

export function toRun(r: FlatRun): ScheduleRunRow {
  const { read, accepted, refused, failed, ...rest } = r;
  return { ...rest, trigger: r.trigger as ScheduleRunRow['trigger'], status: r.status as ScheduleRunRow['status'], counts: { read, accepted, refused, failed } };
}

