// What the table modules (./tables/*) build on: named statements and a runner that executes them, on
// the pool for a Store read or on the transaction's connection for a StoreTx operation. The runner
// turns driver errors into GatewayErrors (pg-errors.ts) and, inside a transaction, refuses to run once
// the transaction has ended or an operation in it has failed.
//
// Statements are named, so each pooled connection parses and plans a statement once and then only
// binds and executes it. A name stands for one SQL text: never reuse a name for different SQL.

import type pg from 'pg';
import type { ErrorCode } from '../../errors/catalogue.ts';
import { GatewayError } from '../../errors/gateway-error.ts';

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
