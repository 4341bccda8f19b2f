// The SQLite implementation of the Store port (src/store/store.ts): the embedded default, one process,
// zero setup. better-sqlite3 is synchronous and the port is async, so every operation runs on one
// connection behind a FIFO lock: `transaction(fn)` holds it from BEGIN IMMEDIATE until COMMIT while fn
// awaits, and every other operation waits its turn. That keeps transactions from interleaving, keeps
// reads from seeing another caller's uncommitted writes, and keeps a claim or purge from joining
// someone else's open transaction. When the lock is free an operation runs at once, without a queue.
//
// Do not call the Store itself (only the StoreTx) from inside a transaction's fn: the call waits for
// the transaction, which waits for fn.
//
// Durability is not traded for speed: WAL with synchronous=FULL, so a transaction is on disk when
// transaction() returns. Group commit (many inserts in one transaction()) is how to go faster.

import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { GatewayError } from '../../kernel/gateway-error.ts';
import type { ErrorCode } from '../../kernel/error-catalogue.ts';
import type { AuditRecord } from '../../kernel/audit-record.ts';
import type { PolicyDecision } from '../../kernel/policy-decision.ts';
import type { ConsentRecord, ConsentRevocation } from '../../kernel/consent-record.ts';
import { tryWithInProcessLock } from '../in-process-lock.ts';
import type {
  AuditQuery,
  AuditSearch,
  CancelledDelivery,
  ClusterLockResult,
  ConsentQuery,
  DecisionInputRow,
  OverrideReview,
  ReviewStatus,
  ExchangePatch,
  ExchangeRow,
  ExchangeStatus,
  AuditCheckpoint,
  IdempotencyRecord,
  IjwPairing,
  IjwPairingKey,
  InboxItem,
  OutboxEntry,
  OutboxPatch,
  OutboxRow,
  OutboxStatus,
  ScheduleRow,
  ScheduleRunRow,
  Store,
  StoreTx,
} from '../store.ts';
import { applyMigrations, isCurrent } from './migrations.ts';
import * as operator from './operator-statements.ts';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' (tests). The parent directory must exist (openStore creates it). */
  readonly file: string;
}

export interface SqlitePragmas {
  readonly journalMode: string;
  readonly synchronous: number;
  readonly foreignKeys: number;
  readonly busyTimeout: number;
}

// ---- rows as SQLite returns them -------------------------------------------------------------------

interface ExchangeRecord {
  id: string;
  created_at: number;
  updated_at: number;
  sender: string;
  receiver: string | null;
  message_type: string;
  purpose: string | null;
  status: string;
  subject_pseudonym: string | null;
  trace_id: string;
  decision: string | null;
  reason: string | null;
  receiver_reference: string | null;
  delivered_at: number | null;
}

interface OutboxRecord {
  exchange_id: string;
  receiver: string;
  adapter_kind: string;
  endpoint: string | null;
  message_type: string;
  sender: string;
  purpose: string;
  payload: string | null;
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
}

interface IdempotencyDbRecord {
  party: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string | null;
  created_at: number;
}

interface InboxRecord {
  exchange_id: string;
  receiver: string;
  sender: string;
  message_type: string;
  purpose: string;
  payload: string | null;
  created_at: number;
  acked_at: number | null;
  purge_after: number | null;
}

interface IjwPairingRecord {
  exchange_id: string;
  message_type: string;
  afzender: string;
  identificatie: string;
  dagtekening: string;
  sender: string;
  receiver: string;
  created_at: number;
}

interface ConsentDbRecord {
  id: string;
  status: string;
  record: string;
  revocation: string | null;
}

interface ReviewRecord {
  exchange_id: string;
  created_at: number;
  sender: string;
  receiver: string;
  message_type: string;
  purpose: string;
  rule: string;
  reason_code: string;
  justification: string;
  subject_pseudonym: string | null;
  status: string;
  reviewed_by: string | null;
  reviewed_at: number | null;
  note: string | null;
}

type Bind = Record<string, string | number | null>;

// ---- JSON columns ----------------------------------------------------------------------------------

function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value);
}

function fromJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

// ---- mapping -----------------------------------------------------------------------------------------

function exchangeParams(row: ExchangeRow): Bind {
  return {
    id: row.id,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    sender: row.sender,
    receiver: row.receiver,
    message_type: row.messageType,
    purpose: row.purpose,
    status: row.status,
    subject_pseudonym: row.subjectPseudonym,
    trace_id: row.traceId,
    decision: toJson(row.decision),
    reason: row.reason,
    receiver_reference: row.receiverReference,
    delivered_at: row.deliveredAt,
  };
}

function toExchange(r: ExchangeRecord): ExchangeRow {
  return {
    id: r.id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sender: r.sender,
    receiver: r.receiver,
    messageType: r.message_type,
    purpose: r.purpose,
    status: r.status as ExchangeStatus,
    subjectPseudonym: r.subject_pseudonym,
    traceId: r.trace_id,
    decision: r.decision === null ? null : (JSON.parse(r.decision) as PolicyDecision),
    reason: r.reason,
    receiverReference: r.receiver_reference,
    deliveredAt: r.delivered_at,
  };
}

function outboxParams(row: OutboxRow): Bind {
  return {
    exchange_id: row.exchangeId,
    receiver: row.receiver,
    adapter_kind: row.adapterKind,
    endpoint: row.endpoint,
    message_type: row.messageType,
    sender: row.sender,
    purpose: row.purpose,
    payload: toJson(row.payload),
    traceparent: row.traceparent,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.nextAttemptAt,
    lease_owner: row.leaseOwner,
    lease_until: row.leaseUntil,
    last_error: row.lastError,
    delivered_at: row.deliveredAt,
    purge_after: row.purgeAfter,
    created_at: row.createdAt,
  };
}

function toOutbox(r: OutboxRecord): OutboxRow {
  return {
    exchangeId: r.exchange_id,
    receiver: r.receiver,
    adapterKind: r.adapter_kind,
    endpoint: r.endpoint,
    messageType: r.message_type,
    sender: r.sender,
    purpose: r.purpose,
    payload: fromJson(r.payload),
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
  };
}

function toIdempotency(r: IdempotencyDbRecord): IdempotencyRecord {
  return {
    party: r.party,
    key: r.key,
    requestHash: r.request_hash,
    statusCode: r.status_code,
    response: fromJson(r.response),
    createdAt: r.created_at,
  };
}

function toInbox(r: InboxRecord): InboxItem {
  return {
    exchangeId: r.exchange_id,
    receiver: r.receiver,
    sender: r.sender,
    messageType: r.message_type,
    purpose: r.purpose,
    payload: fromJson(r.payload),
    createdAt: r.created_at,
    ackedAt: r.acked_at,
    purgeAfter: r.purge_after,
  };
}

/** The grant is stored as written; status and revocation live in their own columns. */
function toConsent(r: ConsentDbRecord): ConsentRecord {
  const grant = JSON.parse(r.record) as ConsentRecord;
  return {
    ...grant,
    status: r.status as ConsentRecord['status'],
    ...(r.revocation !== null ? { revocation: JSON.parse(r.revocation) as ConsentRevocation } : {}),
  };
}

function toReview(r: ReviewRecord): OverrideReview {
  return {
    exchangeId: r.exchange_id,
    createdAt: r.created_at,
    sender: r.sender,
    receiver: r.receiver,
    messageType: r.message_type,
    purpose: r.purpose,
    rule: r.rule,
    reasonCode: r.reason_code,
    justification: r.justification,
    subjectPseudonym: r.subject_pseudonym,
    status: r.status as ReviewStatus,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    note: r.note,
  };
}

const outboxColumns = `exchange_id, receiver, adapter_kind, endpoint, message_type, sender, purpose, payload, traceparent,
  status, attempts, next_attempt_at, lease_owner, lease_until, last_error, delivered_at, purge_after, created_at`;
const exchangeColumns = `id, created_at, updated_at, sender, receiver, message_type, purpose, status, subject_pseudonym,
  trace_id, decision, reason, receiver_reference, delivered_at`;

const minSeq = -Number.MAX_SAFE_INTEGER;

// ---- errors ------------------------------------------------------------------------------------------

function sqliteCode(err: unknown): string | undefined {
  if (err instanceof Database.SqliteError) return err.code;
  return undefined;
}

/**
 * Turns a driver error into a GatewayError. Constraint violations are bugs of the caller ('internal')
 * unless the operation names a better code; anything else SQLite reports (busy, I/O, disk full,
 * corruption) means the store cannot serve ('store-unavailable'). Details name the operation and
 * SQLite's code, never values.
 */
function storeError(err: unknown, operation: string, onConstraint: ErrorCode = 'internal'): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = sqliteCode(err);
  if (code === undefined) return new GatewayError('internal', { detail: `store: ${operation} failed`, cause: err });
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new GatewayError(onConstraint, { detail: `store: ${operation} violates a constraint (${code})`, cause: err });
  }
  return new GatewayError('store-unavailable', { detail: `store: ${operation} failed (${code})`, cause: err });
}

function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new GatewayError('internal', { detail: 'store: limit must be a non-negative integer' });
  }
  return limit;
}

// ---- statements ----------------------------------------------------------------------------------------

function prepareStatements(db: Database.Database) {
  return {
    auditHead: db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1'),
    insertAudit: db.prepare<[Bind]>(
      `INSERT INTO audit (seq, time, exchange_id, actor, counterparty, action, outcome, prev_hash, hash, record)
       VALUES (@seq, @time, @exchange_id, @actor, @counterparty, @action, @outcome, @prev_hash, @hash, @record)`,
    ),
    readAuditChain: db.prepare<[number, number], string>('SELECT record FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?').pluck(),
    listAuditAll: db.prepare<[number, number], string>('SELECT record FROM audit WHERE seq > ? ORDER BY seq LIMIT ?').pluck(),
    listAuditExchange: db
      .prepare<[string, number, number], string>('SELECT record FROM audit WHERE exchange_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .pluck(),
    listAuditParty: db
      .prepare<[Bind], string>(
        // Two index-ordered branches, each at most `limit` rows, instead of sorting every record of the party.
        `SELECT record, seq FROM (
           SELECT record, seq FROM audit WHERE actor = @party AND seq > @after ORDER BY seq LIMIT @limit)
         UNION ALL
         SELECT record, seq FROM (
           SELECT record, seq FROM audit WHERE counterparty = @party AND actor <> @party AND seq > @after
              AND NOT (action = 'exchange.submit' AND outcome = 'refused') ORDER BY seq LIMIT @limit)
         ORDER BY seq LIMIT @limit`,
      )
      .pluck(),
    listAuditExchangeParty: db
      .prepare<[Bind], string>(
        `SELECT record FROM audit WHERE exchange_id = @exchange AND seq > @after
           AND (actor = @party OR (counterparty = @party AND NOT (action = 'exchange.submit' AND outcome = 'refused')))
         ORDER BY seq LIMIT @limit`,
      )
      .pluck(),

    insertExchange: db.prepare<[Bind]>(
      `INSERT INTO exchanges (${exchangeColumns}) VALUES (@id, @created_at, @updated_at, @sender, @receiver, @message_type,
       @purpose, @status, @subject_pseudonym, @trace_id, @decision, @reason, @receiver_reference, @delivered_at)`,
    ),
    updateExchange: db.prepare<[Bind]>(
      `UPDATE exchanges SET
         updated_at = @updated_at,
         status = CASE WHEN @has_status THEN @status ELSE status END,
         receiver_reference = CASE WHEN @has_receiver_reference THEN @receiver_reference ELSE receiver_reference END,
         delivered_at = CASE WHEN @has_delivered_at THEN @delivered_at ELSE delivered_at END,
         reason = CASE WHEN @has_reason THEN @reason ELSE reason END
       WHERE id = @id`,
    ),
    getExchange: db.prepare<[string], ExchangeRecord>(`SELECT ${exchangeColumns} FROM exchanges WHERE id = ?`),
    exchangeCursor: db.prepare<[string], { created_at: number; id: string }>('SELECT created_at, id FROM exchanges WHERE id = ?'),
    // Two index-ordered branches (sender, receiver) merged; a party sending to itself appears once.
    listExchanges: db.prepare<[Bind], ExchangeRecord>(
      `SELECT * FROM (
         SELECT ${exchangeColumns} FROM exchanges
          WHERE sender = @party AND (created_at, id) < (@before_created, @before_id)
          ORDER BY created_at DESC, id DESC LIMIT @limit)
       UNION ALL
       SELECT * FROM (
         SELECT ${exchangeColumns} FROM exchanges
          WHERE receiver = @party AND sender <> @party AND status <> 'refused' AND (created_at, id) < (@before_created, @before_id)
          ORDER BY created_at DESC, id DESC LIMIT @limit)
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ),

    insertOutbox: db.prepare<[Bind]>(
      `INSERT INTO outbox (${outboxColumns}) VALUES (@exchange_id, @receiver, @adapter_kind, @endpoint, @message_type, @sender,
       @purpose, @payload, @traceparent, @status, @attempts, @next_attempt_at, @lease_owner, @lease_until, @last_error,
       @delivered_at, @purge_after, @created_at)`,
    ),
    settleOutbox: db.prepare<[Bind]>(
      `UPDATE outbox SET
         status = CASE WHEN @has_status THEN @status ELSE status END,
         attempts = CASE WHEN @has_attempts THEN @attempts ELSE attempts END,
         next_attempt_at = CASE WHEN @has_next_attempt_at THEN @next_attempt_at ELSE next_attempt_at END,
         last_error = CASE WHEN @has_last_error THEN @last_error ELSE last_error END,
         delivered_at = CASE WHEN @has_delivered_at THEN @delivered_at ELSE delivered_at END,
         purge_after = CASE WHEN @has_purge_after THEN @purge_after ELSE purge_after END,
         lease_owner = NULL,
         lease_until = NULL
       WHERE exchange_id = @exchange_id AND lease_owner = @owner`,
    ),
    getOutbox: db.prepare<[string], OutboxRecord>(`SELECT ${outboxColumns} FROM outbox WHERE exchange_id = ?`),
    claimDue: db.prepare<[Bind], OutboxRecord>(
      `UPDATE outbox SET lease_owner = @owner, lease_until = @until
        WHERE exchange_id IN (
          SELECT exchange_id FROM outbox
           WHERE status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
           ORDER BY next_attempt_at, exchange_id LIMIT @limit)
       RETURNING ${outboxColumns}`,
    ),
    purgePayloads: db.prepare<[number]>('UPDATE outbox SET payload = NULL WHERE payload IS NOT NULL AND purge_after <= ?'),
    purgeInboxPayloads: db.prepare<[number]>('UPDATE inbox SET payload = NULL WHERE payload IS NOT NULL AND purge_after <= ?'),
    countOutbox: db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status'),

    putIdempotency: db.prepare<[Bind]>(
      `INSERT INTO idempotency (party, key, request_hash, status_code, response, created_at)
       VALUES (@party, @key, @request_hash, @status_code, @response, @created_at)`,
    ),
    getIdempotency: db.prepare<[string, string], IdempotencyDbRecord>(
      'SELECT party, key, request_hash, status_code, response, created_at FROM idempotency WHERE party = ? AND key = ?',
    ),

    insertInbox: db.prepare<[Bind]>(
      `INSERT INTO inbox (exchange_id, receiver, sender, message_type, purpose, payload, created_at, acked_at, purge_after)
       VALUES (@exchange_id, @receiver, @sender, @message_type, @purpose, @payload, @created_at, @acked_at, @purge_after)
       ON CONFLICT (exchange_id) DO NOTHING`,
    ),
    ackInbox: db.prepare<[number, string, string]>(
      'UPDATE inbox SET acked_at = ?, payload = NULL WHERE receiver = ? AND exchange_id = ? AND acked_at IS NULL',
    ),
    getInbox: db.prepare<[string, string], InboxRecord>('SELECT * FROM inbox WHERE receiver = ? AND exchange_id = ?'),
    listInboxOpen: db.prepare<[string, number], InboxRecord>(
      'SELECT * FROM inbox WHERE receiver = ? AND acked_at IS NULL ORDER BY created_at, exchange_id LIMIT ?',
    ),
    listInboxAll: db.prepare<[string, number], InboxRecord>(
      'SELECT * FROM inbox WHERE receiver = ? ORDER BY created_at, exchange_id LIMIT ?',
    ),

    insertIjwPairing: db.prepare<[Bind]>(
      `INSERT INTO ijw_pairings (exchange_id, message_type, afzender, identificatie, dagtekening, sender, receiver, created_at)
       VALUES (@exchange_id, @message_type, @afzender, @identificatie, @dagtekening, @sender, @receiver, @created_at)
       ON CONFLICT (exchange_id) DO NOTHING`,
    ),
    findIjwPairing: db.prepare<[Bind], IjwPairingRecord>(
      `SELECT * FROM ijw_pairings
       WHERE message_type = @message_type AND afzender = @afzender AND identificatie = @identificatie AND dagtekening = @dagtekening
       ORDER BY created_at DESC, exchange_id DESC LIMIT 1`,
    ),
    insertConsent: db.prepare<[Bind]>(
      `INSERT INTO consents (id, subject_pseudonym, registered_by, registered_at, status, revoked_at, record, revocation)
       VALUES (@id, @subject_pseudonym, @registered_by, @registered_at, 'active', NULL, @record, NULL)`,
    ),
    revokeConsent: db.prepare<[Bind]>(
      "UPDATE consents SET status = 'revoked', revoked_at = @revoked_at, revocation = @revocation WHERE id = @id AND status = 'active'",
    ),
    getConsent: db.prepare<[string], ConsentDbRecord>('SELECT id, status, record, revocation FROM consents WHERE id = ?'),
    consentCursor: db.prepare<[string], { registered_at: number; id: string }>('SELECT registered_at, id FROM consents WHERE id = ?'),
    listConsents: db.prepare<[Bind], ConsentDbRecord>(
      `SELECT id, status, record, revocation FROM consents
        WHERE (@subject IS NULL OR subject_pseudonym = @subject) AND (@registered_by IS NULL OR registered_by = @registered_by)
          AND (registered_at, id) > (@after_at, @after_id)
        ORDER BY registered_at, id LIMIT @limit`,
    ),
    subjectConsents: db.prepare<[string], ConsentDbRecord>(
      'SELECT id, status, record, revocation FROM consents WHERE subject_pseudonym = ? ORDER BY registered_at, id LIMIT 10000',
    ),
    pendingForConsent: db.prepare<[Bind], { exchange_id: string; receiver: string; message_type: string; purpose: string; lease_until: number | null }>(
      `SELECT o.exchange_id, o.receiver, o.message_type, o.purpose, o.lease_until
         FROM exchanges e JOIN outbox o ON o.exchange_id = e.id
        WHERE e.subject_pseudonym = @subject AND o.status = 'pending'
          AND EXISTS (SELECT 1 FROM json_each(e.decision, '$.consentIds') WHERE json_each.value = @consent)
        ORDER BY o.exchange_id`,
    ),
    cancelOutbox: db.prepare<[number, string]>(
      `UPDATE outbox SET status = 'cancelled', payload = NULL, purge_after = ?, lease_owner = NULL, lease_until = NULL
        WHERE exchange_id = ? AND status = 'pending'`,
    ),
    insertDecisionInput: db.prepare<[string, string]>('INSERT INTO decision_inputs (exchange_id, subject) VALUES (?, ?)'),
    getDecisionInput: db.prepare<[string], string>('SELECT subject FROM decision_inputs WHERE exchange_id = ?').pluck(),
    deleteDecisionInput: db.prepare<[string]>('DELETE FROM decision_inputs WHERE exchange_id = ?'),
    purgeDecisionInputs: db.prepare<[number]>(
      'DELETE FROM decision_inputs WHERE exchange_id IN (SELECT exchange_id FROM outbox WHERE payload IS NOT NULL AND purge_after <= ?)',
    ),
    insertReview: db.prepare<[Bind]>(
      `INSERT INTO override_reviews (exchange_id, created_at, sender, receiver, message_type, purpose, rule, reason_code, justification,
         subject_pseudonym, status, reviewed_by, reviewed_at, note)
       VALUES (@exchange_id, @created_at, @sender, @receiver, @message_type, @purpose, @rule, @reason_code, @justification,
         @subject_pseudonym, @status, @reviewed_by, @reviewed_at, @note)`,
    ),
    reviewOverride: db.prepare<[Bind]>(
      `UPDATE override_reviews SET status = @status, reviewed_by = @reviewed_by, reviewed_at = @reviewed_at, note = @note
        WHERE exchange_id = @exchange_id AND status = 'pending'`,
    ),
    getReview: db.prepare<[string], ReviewRecord>('SELECT * FROM override_reviews WHERE exchange_id = ?'),
    reviewCursor: db.prepare<[string], { created_at: number; exchange_id: string }>('SELECT created_at, exchange_id FROM override_reviews WHERE exchange_id = ?'),
    listReviews: db.prepare<[Bind], ReviewRecord>(
      `SELECT * FROM override_reviews WHERE (@status IS NULL OR status = @status) AND (created_at, exchange_id) > (@after_at, @after_id)
        ORDER BY created_at, exchange_id LIMIT @limit`,
    ),
    listExchangesBySubject: db.prepare<[Bind], ExchangeRecord>(
      `SELECT ${exchangeColumns} FROM exchanges WHERE subject_pseudonym = @subject AND (created_at, id) > (@after_at, @after_id)
        ORDER BY created_at, id LIMIT @limit`,
    ),
    operator: operator.prepareOperatorStatements(db),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

// ---- transactions --------------------------------------------------------------------------------------

/** One transaction's state: its tx handle is only usable while it is open, and a failed operation dooms it. */
interface TxState {
  open: boolean;
  failure: GatewayError | undefined;
}

function closedError(): GatewayError {
  return new GatewayError('store-unavailable', { detail: 'store: the store is closed' });
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private statements: Statements | undefined;
  /** searchAudit's statements, one per combination of filters (at most 2^7). */
  private readonly searchStatements = new Map<string, Database.Statement<[Bind], string>>();
  private closed = false;
  /** What cluster locks are scoped to: the file (SQLite serves one process), or this in-memory database. */
  private readonly lockScope: string;
  /** The lock: true while an operation or a transaction holds the connection. */
  private busy = false;
  private readonly waiters: (() => void)[] = [];

  constructor(options: SqliteStoreOptions) {
    this.lockScope = options.file === ':memory:' ? `:memory:${randomUUID()}` : options.file;
    try {
      this.db = new Database(options.file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
    } catch (err) {
      throw storeError(err, 'open');
    }
  }

  // ---- the lock ----

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next === undefined) this.busy = false;
    else next(); // hand the lock over directly: busy stays true, FIFO order is kept
  }

  /** Runs a synchronous operation under the lock; at once when the lock is free. */
  private run<T>(operation: string, fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    if (!this.busy) {
      try {
        return Promise.resolve(fn());
      } catch (err) {
        return Promise.reject(storeError(err, operation));
      }
    }
    return this.acquire().then(() => {
      try {
        this.assertOpen(); // it may have closed while this waited
        return fn();
      } catch (err) {
        throw storeError(err, operation);
      } finally {
        this.release();
      }
    });
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }

  /** Like run, with the prepared statements (which need the migrated schema). */
  private query<T>(operation: string, fn: (s: Statements) => T): Promise<T> {
    return this.run(operation, () => fn(this.stmts()));
  }

  /** Prepared once, on first use after the schema exists. */
  private stmts(): Statements {
    if (this.statements === undefined) {
      if (!isCurrent(this.db)) {
        throw new GatewayError('store-unavailable', { detail: 'store: the database is not migrated (run migrate first)' });
      }
      this.statements = prepareStatements(this.db);
    }
    return this.statements;
  }

  // ---- lifecycle ----

  async migrate(): Promise<void> {
    if (this.closed) throw closedError();
    await this.acquire();
    try {
      this.assertOpen(); // it may have closed while this waited
      applyMigrations(this.db);
    } catch (err) {
      throw storeError(err, 'migrate');
    } finally {
      this.release();
    }
  }

  async ready(): Promise<boolean> {
    try {
      return await this.run('ready', () => isCurrent(this.db));
    } catch {
      return false;
    }
  }

  /** The connection's durability settings (for tests and diagnostics). */
  pragmas(): SqlitePragmas {
    if (this.closed) throw closedError();
    const pragma = (name: string): unknown => this.db.pragma(name, { simple: true });
    return {
      journalMode: String(pragma('journal_mode')),
      synchronous: Number(pragma('synchronous')),
      foreignKeys: Number(pragma('foreign_keys')),
      busyTimeout: Number(pragma('busy_timeout')),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.acquire(); // let queued work and an open transaction finish first
    try {
      if (this.db.open) {
        this.closed = true;
        this.statements = undefined;
        this.searchStatements.clear();
        this.db.close();
      }
    } catch (err) {
      throw storeError(err, 'close');
    } finally {
      this.release();
    }
  }

  /** SQLite is one process: the cluster is this process, so an in-process lock is the cluster lock. */
  tryWithClusterLock<T>(name: string, fn: () => Promise<T>): Promise<ClusterLockResult<T>> {
    if (this.closed) return Promise.reject(closedError());
    return tryWithInProcessLock(this.lockScope, name, fn);
  }

  // ---- transactions ----

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.closed) throw closedError();
    await this.acquire();
    try {
      this.assertOpen(); // it may have closed while this waited
      let s: Statements;
      try {
        s = this.stmts();
        this.db.exec('BEGIN IMMEDIATE');
      } catch (err) {
        throw storeError(err, 'begin');
      }
      const state: TxState = { open: true, failure: undefined };
      let result: T;
      try {
        result = await fn(this.makeTx(s, state));
      } catch (err) {
        state.open = false;
        this.rollback();
        throw err;
      }
      state.open = false;
      if (state.failure !== undefined) {
        // fn swallowed a failed operation: the transaction is doomed, as in PostgreSQL.
        this.rollback();
        throw state.failure;
      }
      try {
        this.db.exec('COMMIT');
      } catch (err) {
        this.rollback();
        throw storeError(err, 'commit');
      }
      return result;
    } finally {
      this.release();
    }
  }

  private rollback(): void {
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } catch {
      // SQLite may have rolled back already (I/O error, disk full); nothing more to undo.
    }
  }

  private makeTx(s: Statements, state: TxState): StoreTx {
    const op = <R>(operation: string, fn: () => R, onConstraint?: ErrorCode): Promise<R> => {
      if (!state.open) {
        return Promise.reject(new GatewayError('internal', { detail: `store: ${operation} on a transaction that has ended` }));
      }
      if (state.failure !== undefined) return Promise.reject(state.failure);
      try {
        return Promise.resolve(fn());
      } catch (err) {
        const error = storeError(err, operation, onConstraint);
        state.failure = error;
        return Promise.reject(error);
      }
    };
    return {
      auditHead: () => op('auditHead', () => s.auditHead.get()),
      insertAudit: (record) =>
        op(
          'insertAudit',
          () => {
            s.insertAudit.run({
              seq: record.seq,
              time: record.time,
              exchange_id: record.exchangeId ?? null,
              actor: record.actor,
              counterparty: record.counterparty ?? null,
              action: record.action,
              outcome: record.outcome,
              prev_hash: record.prevHash,
              hash: record.hash,
              record: JSON.stringify(record),
            });
          },
          'audit-write-failed',
        ),
      insertExchange: (row) =>
        op('insertExchange', () => {
          s.insertExchange.run(exchangeParams(row));
        }),
      updateExchange: (id, patch) =>
        op('updateExchange', () => {
          const changed = s.updateExchange.run(exchangePatchParams(id, patch)).changes;
          if (changed === 0) throw new GatewayError('not-found', { detail: 'store: updateExchange on an unknown exchange' });
        }),
      insertOutbox: (row) =>
        op('insertOutbox', () => {
          s.insertOutbox.run(outboxParams(row));
        }),
      settleOutbox: (exchangeId, owner, patch) =>
        op('settleOutbox', () => s.settleOutbox.run(outboxPatchParams(exchangeId, owner, patch)).changes === 1),
      putIdempotency: (record) =>
        op(
          'putIdempotency',
          () => {
            s.putIdempotency.run({
              party: record.party,
              key: record.key,
              request_hash: record.requestHash,
              status_code: record.statusCode,
              response: toJson(record.response),
              created_at: record.createdAt,
            });
          },
          'idempotency-conflict',
        ),
      insertInboxItem: (item) =>
        op('insertInboxItem', () => {
          s.insertInbox.run({
            exchange_id: item.exchangeId,
            receiver: item.receiver,
            sender: item.sender,
            message_type: item.messageType,
            purpose: item.purpose,
            payload: toJson(item.payload),
            created_at: item.createdAt,
            acked_at: item.ackedAt,
            purge_after: item.purgeAfter,
          });
        }),
      ackInboxItem: (receiver, exchangeId, now) =>
        op('ackInboxItem', () => s.ackInbox.run(now, receiver, exchangeId).changes === 1),
      insertIjwPairing: (pairing) =>
        op('insertIjwPairing', () => {
          s.insertIjwPairing.run({
            exchange_id: pairing.exchangeId,
            message_type: pairing.messageType,
            afzender: pairing.afzender,
            identificatie: pairing.identificatie,
            dagtekening: pairing.dagtekening,
            sender: pairing.sender,
            receiver: pairing.receiver,
            created_at: pairing.createdAt,
          });
        }),
      insertConsent: (record) =>
        op('insertConsent', () => {
          const { status: _status, revocation: _revocation, ...grant } = record;
          s.insertConsent.run({
            id: record.id,
            subject_pseudonym: record.subjectPseudonym,
            registered_by: record.registeredBy,
            registered_at: Date.parse(record.registeredAt),
            record: JSON.stringify(grant),
          });
        }),
      revokeConsent: (id, revocation) =>
        op('revokeConsent', () => s.revokeConsent.run({ id, revoked_at: Date.parse(revocation.revokedAt), revocation: JSON.stringify(revocation) }).changes === 1),
      listSubjectConsents: (subjectPseudonym) => op('listSubjectConsents', () => s.subjectConsents.all(subjectPseudonym).map(toConsent)),
      cancelPendingDeliveries: ({ subjectPseudonym, consentId, now }) =>
        op('cancelPendingDeliveries', () => {
          const rows = s.pendingForConsent.all({ subject: subjectPseudonym, consent: consentId });
          const cancelled: CancelledDelivery[] = [];
          for (const row of rows) {
            if (s.cancelOutbox.run(now, row.exchange_id).changes !== 1) continue;
            s.deleteDecisionInput.run(row.exchange_id);
            cancelled.push({
              exchangeId: row.exchange_id,
              receiver: row.receiver,
              messageType: row.message_type,
              purpose: row.purpose,
              wasLeased: row.lease_until !== null && row.lease_until > now,
            });
          }
          return cancelled;
        }),
      insertDecisionInput: (row) =>
        op('insertDecisionInput', () => {
          s.insertDecisionInput.run(row.exchangeId, JSON.stringify(row.subject));
        }),
      getDecisionInput: (exchangeId) =>
        op('getDecisionInput', () => {
          const subject = s.getDecisionInput.get(exchangeId);
          return subject === undefined ? undefined : { exchangeId, subject: JSON.parse(subject) as DecisionInputRow['subject'] };
        }),
      insertOverrideReview: (review) =>
        op('insertOverrideReview', () => {
          s.insertReview.run({
            exchange_id: review.exchangeId,
            created_at: review.createdAt,
            sender: review.sender,
            receiver: review.receiver,
            message_type: review.messageType,
            purpose: review.purpose,
            rule: review.rule,
            reason_code: review.reasonCode,
            justification: review.justification,
            subject_pseudonym: review.subjectPseudonym,
            status: review.status,
            reviewed_by: review.reviewedBy,
            reviewed_at: review.reviewedAt,
            note: review.note,
          });
        }),
      reviewOverride: (exchangeId, verdict) =>
        op(
          'reviewOverride',
          () =>
            s.reviewOverride.run({ exchange_id: exchangeId, status: verdict.status, reviewed_by: verdict.reviewedBy, reviewed_at: verdict.reviewedAt, note: verdict.note })
              .changes === 1,
        ),
      transitionOutbox: (exchangeId, from, patch) =>
        op('transitionOutbox', () => s.operator.transitionOutbox.run(operator.transitionParams(exchangeId, from, patch)).changes === 1),
      insertSchedule: (row) =>
        op(
          'insertSchedule',
          () => {
            s.operator.insertSchedule.run(operator.scheduleParams(row));
          },
          'schedule-name-taken',
        ),
      updateSchedule: (id, patch) =>
        op(
          'updateSchedule',
          () => {
            const r = s.operator.updateSchedule.get(operator.schedulePatchParams(id, patch));
            return r === undefined ? undefined : operator.toSchedule(r);
          },
          'schedule-name-taken',
        ),
      deleteSchedule: (id) => op('deleteSchedule', () => s.operator.deleteSchedule.run(id).changes === 1),
      insertScheduleRun: (row) =>
        op('insertScheduleRun', () => {
          s.operator.insertRun.run(operator.runParams(row));
        }),
      updateScheduleRun: (id, patch) =>
        op('updateScheduleRun', () => {
          if (s.operator.updateRun.run(operator.runPatchParams(id, patch)).changes === 0) {
            throw new GatewayError('not-found', { detail: 'store: updateScheduleRun on an unknown run' });
          }
        }),
      interruptScheduleRuns: (scheduleId, now, error) =>
        op('interruptScheduleRuns', () => s.operator.interruptRuns.run(now, error, scheduleId).changes),
      insertAuditCheckpoint: (checkpoint) =>
        op(
          'insertAuditCheckpoint',
          () => {
            s.operator.insertCheckpoint.run(operator.checkpointParams(checkpoint));
          },
          'audit-write-failed',
        ),
    };
  }

  // ---- reads and single-statement writes ----

  getExchange(id: string): Promise<ExchangeRow | undefined> {
    return this.query('getExchange', (s) => {
      const r = s.getExchange.get(id);
      return r === undefined ? undefined : toExchange(r);
    });
  }

  listExchanges(query: { readonly party: string; readonly limit: number; readonly before?: string }): Promise<ExchangeRow[]> {
    return this.query('listExchanges', (s) => {
      const limit = checkLimit(query.limit);
      let beforeCreated = Number.MAX_SAFE_INTEGER;
      let beforeId = '\u{10FFFF}';
      if (query.before !== undefined) {
        const cursor = s.exchangeCursor.get(query.before);
        if (cursor === undefined) return []; // an unknown cursor names no position
        beforeCreated = cursor.created_at;
        beforeId = cursor.id;
      }
      if (limit === 0) return [];
      return s.listExchanges
        .all({ party: query.party, before_created: beforeCreated, before_id: beforeId, limit })
        .map(toExchange);
    });
  }

  listAudit(query: AuditQuery): Promise<AuditRecord[]> {
    return this.query('listAudit', (s) => {
      const limit = checkLimit(query.limit);
      const after = query.afterSeq ?? minSeq;
      let records: string[];
      if (query.exchangeId !== undefined && query.party !== undefined) {
        records = s.listAuditExchangeParty.all({ exchange: query.exchangeId, party: query.party, after, limit });
      } else if (query.exchangeId !== undefined) {
        records = s.listAuditExchange.all(query.exchangeId, after, limit);
      } else if (query.party !== undefined) {
        records = s.listAuditParty.all({ party: query.party, after, limit });
      } else {
        records = s.listAuditAll.all(after, limit);
      }
      return records.map((r) => JSON.parse(r) as AuditRecord);
    });
  }

  readAuditChain(fromSeq: number, limit: number): Promise<AuditRecord[]> {
    return this.query('readAuditChain', (s) => s.readAuditChain.all(fromSeq, checkLimit(limit)).map((r) => JSON.parse(r) as AuditRecord));
  }

  getIdempotency(party: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.query('getIdempotency', (s) => {
      const r = s.getIdempotency.get(party, key);
      return r === undefined ? undefined : toIdempotency(r);
    });
  }

  claimDueDeliveries(query: {
    readonly now: number;
    readonly limit: number;
    readonly leaseMs: number;
    readonly owner: string;
  }): Promise<OutboxRow[]> {
    return this.query('claimDueDeliveries', (s) => {
      const limit = checkLimit(query.limit);
      if (limit === 0) return [];
      // One UPDATE ... RETURNING: select and lease in one atomic, durable statement.
      const rows = s.claimDue.all({ owner: query.owner, until: query.now + query.leaseMs, now: query.now, limit }).map(toOutbox);
      return rows.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.exchangeId < b.exchangeId ? -1 : 1));
    });
  }

  getOutbox(exchangeId: string): Promise<OutboxRow | undefined> {
    return this.query('getOutbox', (s) => {
      const r = s.getOutbox.get(exchangeId);
      return r === undefined ? undefined : toOutbox(r);
    });
  }

  purgePayloads(now: number): Promise<number> {
    // The subject facts kept for a re-decision go with the payload (a re-decision needs both).
    return this.query('purgePayloads', (s) =>
      this.db.transaction(() => {
        s.purgeDecisionInputs.run(now);
        return s.purgePayloads.run(now).changes + s.purgeInboxPayloads.run(now).changes;
      })(),
    );
  }

  getConsent(id: string): Promise<ConsentRecord | undefined> {
    return this.query('getConsent', (s) => {
      const r = s.getConsent.get(id);
      return r === undefined ? undefined : toConsent(r);
    });
  }

  listConsents(query: ConsentQuery): Promise<ConsentRecord[]> {
    return this.query('listConsents', (s) => {
      const limit = checkLimit(query.limit);
      let afterAt = minSeq;
      let afterId = '';
      if (query.after !== undefined) {
        const cursor = s.consentCursor.get(query.after);
        if (cursor === undefined) return [];
        afterAt = cursor.registered_at;
        afterId = cursor.id;
      }
      if (limit === 0) return [];
      return s.listConsents
        .all({ subject: query.subjectPseudonym ?? null, registered_by: query.registeredBy ?? null, after_at: afterAt, after_id: afterId, limit })
        .map(toConsent);
    });
  }

  listExchangesBySubject(subjectPseudonym: string, query: { readonly limit: number; readonly after?: string }): Promise<ExchangeRow[]> {
    return this.query('listExchangesBySubject', (s) => {
      const limit = checkLimit(query.limit);
      let afterAt = minSeq;
      let afterId = '';
      if (query.after !== undefined) {
        const cursor = s.exchangeCursor.get(query.after);
        if (cursor === undefined) return [];
        afterAt = cursor.created_at;
        afterId = cursor.id;
      }
      if (limit === 0) return [];
      return s.listExchangesBySubject.all({ subject: subjectPseudonym, after_at: afterAt, after_id: afterId, limit }).map(toExchange);
    });
  }

  searchAudit(query: AuditSearch): Promise<AuditRecord[]> {
    return this.run('searchAudit', () => {
      this.stmts();
      const limit = checkLimit(query.limit);
      if (limit === 0) return [];
      // Built from fixed fragments only; every value is a bound parameter.
      const where: string[] = ['seq > @after'];
      const bind: Bind = { after: query.afterSeq ?? minSeq, limit };
      if (query.dataSubjectId !== undefined) {
        where.push("json_extract(record, '$.dataSubjectId') = @subject");
        bind.subject = query.dataSubjectId;
      }
      if (query.party !== undefined) {
        where.push('(actor = @party OR counterparty = @party)');
        bind.party = query.party;
      }
      if (query.purpose !== undefined) {
        where.push("json_extract(record, '$.purpose') = @purpose");
        bind.purpose = query.purpose;
      }
      if (query.outcome !== undefined) {
        where.push('outcome = @outcome');
        bind.outcome = query.outcome;
      }
      if (query.action !== undefined) {
        where.push('action = @action');
        bind.action = query.action;
      }
      if (query.from !== undefined) {
        where.push('time >= @from');
        bind.from = query.from;
      }
      if (query.to !== undefined) {
        where.push('time < @to');
        bind.to = query.to;
      }
      const sql = `SELECT record FROM audit WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`;
      let statement = this.searchStatements.get(sql);
      if (statement === undefined) {
        statement = this.db.prepare<[Bind], string>(sql).pluck();
        this.searchStatements.set(sql, statement);
      }
      return statement.all(bind).map((r) => JSON.parse(r) as AuditRecord);
    });
  }

  getOverrideReview(exchangeId: string): Promise<OverrideReview | undefined> {
    return this.query('getOverrideReview', (s) => {
      const r = s.getReview.get(exchangeId);
      return r === undefined ? undefined : toReview(r);
    });
  }

  listOverrideReviews(query: { readonly status?: ReviewStatus; readonly limit: number; readonly after?: string }): Promise<OverrideReview[]> {
    return this.query('listOverrideReviews', (s) => {
      const limit = checkLimit(query.limit);
      let afterAt = minSeq;
      let afterId = '';
      if (query.after !== undefined) {
        const cursor = s.reviewCursor.get(query.after);
        if (cursor === undefined) return [];
        afterAt = cursor.created_at;
        afterId = cursor.exchange_id;
      }
      if (limit === 0) return [];
      return s.listReviews.all({ status: query.status ?? null, after_at: afterAt, after_id: afterId, limit }).map(toReview);
    });
  }

  countOutbox(): Promise<Readonly<Record<OutboxStatus, number>>> {
    return this.query('countOutbox', (s) => {
      const counts: Record<OutboxStatus, number> = { pending: 0, delivered: 0, dead: 0, cancelled: 0 };
      for (const { status, n } of s.countOutbox.all()) {
        if (status in counts) counts[status as OutboxStatus] = n;
      }
      return counts;
    });
  }

  listInbox(receiver: string, query: { readonly limit: number; readonly includeAcknowledged: boolean }): Promise<InboxItem[]> {
    return this.query('listInbox', (s) => {
      const limit = checkLimit(query.limit);
      const statement = query.includeAcknowledged ? s.listInboxAll : s.listInboxOpen;
      return statement.all(receiver, limit).map(toInbox);
    });
  }

  findIjwPairing(key: IjwPairingKey): Promise<IjwPairing | undefined> {
    return this.query('findIjwPairing', (s) => {
      const r = s.findIjwPairing.get({ message_type: key.messageType, afzender: key.afzender, identificatie: key.identificatie, dagtekening: key.dagtekening });
      return r === undefined
        ? undefined
        : {
            exchangeId: r.exchange_id,
            messageType: r.message_type,
            afzender: r.afzender,
            identificatie: r.identificatie,
            dagtekening: r.dagtekening,
            sender: r.sender,
            receiver: r.receiver,
            createdAt: r.created_at,
          };
    });
  }

  getInboxItem(receiver: string, exchangeId: string): Promise<InboxItem | undefined> {
    return this.query('getInboxItem', (s) => {
      const r = s.getInbox.get(receiver, exchangeId);
      return r === undefined ? undefined : toInbox(r);
    });
  }

  // ---- operators (issue 6) ----

  listOutbox(query: { readonly status: OutboxStatus; readonly limit: number; readonly receiver?: string; readonly after?: string }): Promise<OutboxEntry[]> {
    return this.query('listOutbox', (s) => operator.listOutboxEntries(s.operator, { ...query, limit: checkLimit(query.limit) }));
  }

  oldestOutboxCreatedAt(status: OutboxStatus): Promise<number | null> {
    return this.query('oldestOutboxCreatedAt', (s) => s.operator.oldestOutbox.get(status) ?? null);
  }

  getSchedule(id: string): Promise<ScheduleRow | undefined> {
    return this.query('getSchedule', (s) => {
      const r = s.operator.getSchedule.get(id);
      return r === undefined ? undefined : operator.toSchedule(r);
    });
  }

  listSchedules(): Promise<ScheduleRow[]> {
    return this.query('listSchedules', (s) => s.operator.listSchedules.all().map(operator.toSchedule));
  }

  getScheduleRun(id: string): Promise<ScheduleRunRow | undefined> {
    return this.query('getScheduleRun', (s) => {
      const r = s.operator.getRun.get(id);
      return r === undefined ? undefined : operator.toRun(r);
    });
  }

  listScheduleRuns(scheduleId: string, query: { readonly limit: number; readonly before?: string }): Promise<ScheduleRunRow[]> {
    return this.query('listScheduleRuns', (s) => operator.listRuns(s.operator, scheduleId, { ...query, limit: checkLimit(query.limit) }));
  }

  listAuditCheckpoints(query: { readonly fromSeq?: number; readonly limit: number }): Promise<AuditCheckpoint[]> {
    return this.query('listAuditCheckpoints', (s) => operator.listCheckpoints(s.operator, { ...query, limit: checkLimit(query.limit) }));
  }
}

function flag(present: boolean): number {
  return present ? 1 : 0;
}

function exchangePatchParams(id: string, patch: ExchangePatch): Bind {
  return {
    id,
    updated_at: patch.updatedAt,
    has_status: flag(patch.status !== undefined),
    status: patch.status ?? null,
    has_receiver_reference: flag(patch.receiverReference !== undefined),
    receiver_reference: patch.receiverReference ?? null,
    has_delivered_at: flag(patch.deliveredAt !== undefined),
    delivered_at: patch.deliveredAt ?? null,
    has_reason: flag(patch.reason !== undefined),
    reason: patch.reason ?? null,
  };
}

function outboxPatchParams(exchangeId: string, owner: string, patch: OutboxPatch): Bind {
  return { exchange_id: exchangeId, owner, ...operator.outboxPatchBind(patch) };
}

/** Opens (creating if needed) a SQLite store. Call migrate() before use. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}
