// What the table modules (./tables/*) build on: named statements and a runner that executes them, on
// the pool for a Store read or on the transaction's connection for a StoreTx operation. The runner
// turns driver errors into GatewayErrors (pg-errors.ts) and, inside a transaction, refuses to run once
// the transaction has ended or an operation in it has failed.
//
// Statements are named, so each pooled connection parses and plans a statement once and then only
// binds and executes it. A name stands for one SQL text: never reuse a name for different SQL.
//
// Inserts of new rows, and patches of exchanges, inside a transaction are deferred (TxSql.defer): they are buffered and written
// with one multi-row INSERT per table just before the transaction's next statement, or before COMMIT.
// A group commit of 100 submissions thus costs a handful of round trips instead of hundreds, and the
// audit chain's lock (taken by the first auditHead) is held for that much less time. The transaction's
// outcome is the same: a failing insert fails the transaction with the same error code, only later
// (at the next statement or at commit instead of at the call). A statement that names what it
// `touches` (a buffered table and the key of the row it reads or changes) flushes the buffer only
// when that row is in it; a statement that names nothing flushes everything first (the safe default).

import type pg from 'pg';
import type { ErrorCode } from '../../kernel/error-catalogue.ts';
import { GatewayError } from '../../kernel/gateway-error.ts';

export interface Statement {
  readonly name: string;
  readonly text: string;
}

export function statement(name: string, text: string): Statement {
  return { name: `kp_${name}`, text };
}

export interface Sql {
  /**
   * Runs one statement. Rejects with a GatewayError: `onConstraint` (default 'internal') for a
   * constraint violation, 'store-unavailable' when the database cannot serve.
   */
  run<R extends pg.QueryResultRow = pg.QueryResultRow>(
    operation: string,
    statement: Statement,
    values: readonly unknown[],
    onConstraint?: ErrorCode,
  ): Promise<pg.QueryResult<R>>;
}

/**
 * A deferred multi-row write to one table (an insert, or an update of existing rows): the statement
 * takes one array per column. A key is buffered at most once: writing the same key again first
 * flushes the buffer, so writes to one row keep their order.
 */
export interface BulkWrite<Row> {
  /** The operation named in errors (e.g. 'insertAudit'). */
  readonly operation: string;
  /** Flush order within a transaction: parents (lower) before rows that reference them. */
  readonly order: number;
  readonly onConstraint?: ErrorCode;
  readonly statement: Statement;
  /** The statement's parameters for these rows: one array per column. */
  columns(rows: readonly Row[]): unknown[];
  /** The row's key, for `touches` (see TxSql.run). */
  key(row: Row): string;
  /** Checks the statement's result (e.g. that every row to update existed); throws a GatewayError. */
  verify?(result: pg.QueryResult, rows: readonly Row[]): void;
}

/** What a statement depends on among the buffered inserts: that table's row with this key, or any row. */
export interface Touches {
  readonly insert: BulkWrite<never>;
  readonly key?: string;
}

export interface TxSql extends Sql {
  /**
   * Like Sql.run; buffered inserts are written first, all of them, or with `touches` only when the
   * buffer holds what the statement touches (and then all of them, in order).
   */
  run<R extends pg.QueryResultRow = pg.QueryResultRow>(
    operation: string,
    statement: Statement,
    values: readonly unknown[],
    onConstraint?: ErrorCode,
    touches?: readonly Touches[],
  ): Promise<pg.QueryResult<R>>;
  /**
   * Buffers an insert; it runs before the transaction's next statement or before COMMIT. Rejects at
   * once only if the transaction has ended or already failed.
   */
  defer<Row>(insert: BulkWrite<Row>, row: Row): Promise<void>;
}

/**
 * Takes the audit chain head's row lock for the rest of the transaction, if this transaction does not
 * hold it yet (tables/audit-table.ts). The PostgreSQL store's lock order: a StoreTx operation that
 * locks existing rows (an UPDATE, a SELECT ... FOR SHARE/UPDATE) takes the chain head first. Every
 * transaction that locks rows also appends to the audit chain, which takes the head anyway; taking it
 * first means no transaction ever waits for a row while holding rows someone queued at the head wants,
 * so these transactions cannot deadlock (a revocation locks consent then outbox rows, a decision in a
 * group-commit batch may already hold the head when it locks the child's consents).
 */
export type ChainLock = () => Promise<void>;

/**
 * `INSERT INTO table (...) SELECT ... FROM unnest($1::type[], ...)`: many rows in one statement with
 * a fixed text (so it is prepared once). A column with a cast (e.g. json) travels as text.
 */
export function bulkInsertSql(table: string, columns: readonly (readonly [name: string, arrayType: string, cast?: string])[], suffix = ''): string {
  const names = columns.map(([name]) => `"${name}"`);
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`);
  const selected = columns.map(([name, , cast]) => (cast === undefined ? `"${name}"` : `"${name}"::${cast}`));
  return `INSERT INTO ${table} (${names.join(', ')})
    SELECT ${selected.join(', ')} FROM unnest(${arrays.join(', ')}) AS r(${names.join(', ')}) ${suffix}`;
}

/** JSON columns: null stays SQL NULL, anything else is sent as its JSON text (the column keeps it exactly). */
export function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value);
}

export function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new GatewayError('internal', { detail: 'store: limit must be a non-negative integer' });
  }
  return limit;
}

/** The lowest seq there can be: "after this" means from the start. */
export const minSeq = -Number.MAX_SAFE_INTEGER;
