// What the shared store core (store-reads.ts, store-tx.ts) builds on, and what each dialect provides.
//
// The shared SQL is written once, in PostgreSQL's spelling: `$1`-style parameters, `::type` casts
// where PostgreSQL needs them to plan a statement. The SQLite dialect translates a statement's text
// once, when it first prepares it (casts dropped, `$n` bound by position), and keeps the prepared
// statement by its text; the PostgreSQL dialect names each text once and lets every pooled connection
// prepare it once. What cannot be one text is a hook of the Dialect (row locks, the audit chain, the
// JSON paths of audit search, payload purge).
//
// Both drivers hand rows back the same way: JSON columns as their text, booleans as true/false or 1/0,
// 64-bit integers as numbers; the column maps (tables.ts) read them into port values.

import type { ErrorCode } from '../../kernel/error-catalogue.ts';
import { GatewayError } from '../../kernel/gateway-error.ts';
import type { AuditRecord } from '../../kernel/audit-record.ts';

export type Params = readonly unknown[];

/**
 * A write of one row. PostgreSQL defers a write that has `bulkSql` (DeferredWrites): it buffers rows
 * and writes them with one multi-row statement (one array per parameter) before the transaction's
 * next statement that touches them, or before COMMIT. SQLite runs `sql` at once.
 */
export interface Write<Row> {
  /** The operation named in errors (e.g. 'insertAudit'). */
  readonly operation: string;
  /** Flush order within a transaction: parents (lower) before rows that reference them. */
  readonly order: number;
  readonly onConstraint?: ErrorCode;
  readonly sql: string;
  readonly bulkSql?: string;
  /** The row's key: a key is buffered once (writing it again flushes first), and `touches` names it. */
  key(row: Row): string;
  values(row: Row): unknown[];
  /** Checks how many rows the statement changed (e.g. that every row to update existed). */
  verify?(changed: number, rows: number): void;
}

/**
 * What a statement depends on among the deferred writes: that write's row with this key, the rows
 * `rows` picks, or (neither given) any row of it. `rows` may pick more than the statement reads (a
 * needless flush costs a round trip), never fewer (the statement would miss the transaction's own rows).
 */
export interface Touch {
  readonly write: Write<never>;
  readonly key?: string;
  readonly rows?: (row: never) => boolean;
}

export interface RunOptions {
  /** The error code of a constraint violation (default 'internal'). */
  readonly onConstraint?: ErrorCode;
  /** Deferred writes this statement needs first; without it, every deferred write goes first. */
  readonly touches?: readonly Touch[];
}

/** A statement runner: on the store (a Store read) or on one transaction (a StoreTx operation). */
export interface Db {
  /** The rows a statement returns. Rejects with a GatewayError (storeError of the dialect). */
  all<R>(operation: string, sql: string, params: Params, options?: RunOptions): Promise<R[]>;
  /**
   * The rows as arrays of their values, in the order the statement selects them: no object per row,
   * for reads of many rows (the audit chain). Otherwise as `all`.
   */
  arrays(operation: string, sql: string, params: Params, options?: RunOptions): Promise<unknown[][]>;
  /** Runs a statement; resolves how many rows it changed. */
  run(operation: string, sql: string, params: Params, options?: RunOptions): Promise<number>;
}

export interface TxDb extends Db {
  write<Row>(write: Write<Row>, row: Row): Promise<void>;
  /**
   * The rows of `write` deferred and not written yet, in the order written (none where writes run at
   * once, as on SQLite). A read may answer from them what they settle for certain (a row that will
   * exist) instead of flushing them first.
   */
  pending<Row>(write: Write<Row>): readonly Row[];
}

/** What differs between SQLite and PostgreSQL beyond what a statement's text translation covers. */
export interface Dialect {
  /** Transactions run concurrently: operations that lock rows take the audit chain head first (store-tx.ts). */
  readonly concurrent: boolean;
  /** Runs multi-row statements over one array per column (bulkInsertSql): fewer round trips. */
  readonly multiRow: boolean;
  /** Appended to a claim's row choice: skip rows another claimer holds. */
  readonly skipLocked: string;
  /** Appended to a SELECT whose rows the transaction is about to change: `alias` names the table. */
  forUpdate(alias: string): string;
  /** Appended to a SELECT whose rows must not change until commit. */
  readonly forShare: string;
  /** The audit chain head: one row (seq, hash), locked until commit where writers are concurrent. */
  readonly auditHeadSql: string;
  readonly insertAudit: Write<AuditRecord>;
  /** Expressions for audit search: the record's data subject and purpose, and a time bound in byte order. */
  readonly auditSubject: string;
  readonly auditPurpose: string;
  readonly auditTime: string;
  /**
   * The audit table's columns beside the record as written, each a copy of one record field (column
   * name to field name). Reads check every one against the record (store-reads.ts, auditRowOf).
   */
  readonly auditColumns: Readonly<Record<string, string>>;
}

// ---- helpers shared by both stores -----------------------------------------------------------------

/** JSON columns: null stays SQL NULL, anything else is stored as its JSON text. */
export function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value);
}

export function fromJson(text: unknown): unknown {
  return text === null || text === undefined ? null : JSON.parse(text as string);
}

export function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new GatewayError('internal', { detail: 'store: limit must be a non-negative integer', logOnlyDetail: true });
  }
  return limit;
}

/** The lowest seq (or time) there can be: "after this" means from the start. */
export const minSeq = -Number.MAX_SAFE_INTEGER;

export function closedError(): GatewayError {
  return new GatewayError('store-unavailable', { detail: 'store: the store is closed', logOnlyDetail: true });
}

export function notMigratedError(): GatewayError {
  return new GatewayError('store-unavailable', { detail: 'store: the database is not migrated (there is no `migrate` command: `ketenpoort serve` migrates the store when it starts, so start the gateway once on this store first)', logOnlyDetail: true });
}

/** One transaction's state: its tx handle is only usable while it is open, and a failed operation dooms it. */
export interface TxState {
  open: boolean;
  failure: GatewayError | undefined;
}

export function refusal(state: TxState, operation: string): GatewayError | undefined {
  if (!state.open) return new GatewayError('internal', { detail: `store: ${operation} on a transaction that has ended`, logOnlyDetail: true });
  return state.failure;
}

type AsyncMethods<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

/** Wraps every method of `methods` with `around(name, call)`. */
export function wrapMethods<T extends AsyncMethods<T>>(methods: T, around: (name: string, call: () => Promise<unknown>) => Promise<unknown>): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    const call = method as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]) => around(name, () => call(...args));
  }
  return wrapped as T;
}

/**
 * Guards every method of a transaction handle: refused once the transaction has ended or failed, and
 * any failed operation dooms the transaction, even if fn catches the error (as in PostgreSQL itself):
 * transaction() then rolls back and rejects with that error.
 */
export function guardTx<T extends AsyncMethods<T>>(methods: T, state: TxState): T {
  return wrapMethods(methods, async (name, call) => {
    const refused = refusal(state, name);
    if (refused !== undefined) throw refused;
    try {
      return await call();
    } catch (err) {
      if (state.open && state.failure === undefined && err instanceof GatewayError) state.failure = err;
      throw err;
    }
  });
}
