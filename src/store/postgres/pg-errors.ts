// Driver errors to GatewayErrors, the same way the SQLite store does it: a constraint violation is a
// bug of the caller ('internal') unless the operation names a better code (a repeated audit seq is
// 'audit-write-failed', a repeated idempotency key 'idempotency-conflict'); anything that means the
// database cannot serve (connection refused or lost, shutdown, out of resources, a missing table or
// schema) is 'store-unavailable'. Details name the operation and the SQLSTATE, never values.

import { GatewayError } from '../../kernel/gateway-error.ts';
import type { ErrorCode } from '../../kernel/error-catalogue.ts';

/**
 * The SQLSTATE of a PostgreSQL error (five characters), or undefined for other errors. SQLSTATE classes
 * begin with a digit or F, H, P or X; Node's own five-letter codes (EPIPE, EBUSY, EPERM, …) begin with E
 * and are not SQLSTATEs (found in review: a broken socket was taken for a refusal by the server).
 */
export function sqlState(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9FHPX][0-9A-Z]{4}$/.test(code) ? code : undefined;
}

/** SQLSTATE classes and codes that mean the store cannot serve now, rather than a bug in a statement. */
function unavailable(state: string): boolean {
  const klass = state.slice(0, 2);
  return (
    klass === '08' || // connection exception
    klass === '53' || // insufficient resources (disk full, out of memory, too many connections)
    klass === '57' || // operator intervention (admin shutdown, crash shutdown, cannot connect now)
    klass === '58' || // system error (I/O)
    klass === '40' || // transaction rollback (serialization failure, deadlock detected)
    klass === '55' || // object not in prerequisite state (lock not available)
    state === '42P01' || // undefined table: not migrated
    state === '3F000' // invalid schema name: not migrated
  );
}

export function storeError(err: unknown, operation: string, onConstraint: ErrorCode = 'internal'): GatewayError {
  if (err instanceof GatewayError) return err;
  const state = sqlState(err);
  if (state === undefined) {
    // No SQLSTATE: the driver could not reach the server or lost the connection (ECONNREFUSED,
    // "Connection terminated", a connect timeout).
    return new GatewayError('store-unavailable', { detail: `store: ${operation} failed (no connection)`, cause: err, logOnlyDetail: true });
  }
  if (state.startsWith('23')) {
    return new GatewayError(onConstraint, { detail: `store: ${operation} violates a constraint (SQLSTATE ${state})`, cause: err, logOnlyDetail: true });
  }
  if (unavailable(state)) {
    return new GatewayError('store-unavailable', { detail: `store: ${operation} failed (SQLSTATE ${state})`, cause: err, logOnlyDetail: true });
  }
  return new GatewayError('internal', { detail: `store: ${operation} failed (SQLSTATE ${state})`, cause: err, logOnlyDetail: true });
}
