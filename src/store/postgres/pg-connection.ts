// How a `postgres://` store URL becomes a connection pool, and the advisory-lock keys the store uses.
//
// The URL is a libpq-style connection string with two options of Ketenpoort's own, removed before the
// string reaches the driver; parameters that would override the session settings below are refused. A server on the same host can be reached over its Unix-domain socket:
// the socket's directory as the host, URL-encoded (postgres://USER@%2Fvar%2Frun%2Fpostgresql/DB), or
// as ?host=/var/run/postgresql. Every round trip's write over TCP to 127.0.0.1 costs the gateway
// somewhat more kernel time than over the socket (bench/README.md).
// The options:
//   ?schema=NAME   the schema that holds Ketenpoort's tables (default `public`); created by migrate().
//                  Lower-case letters, digits and `_`, at most 63 characters. Several gateways (or test
//                  runs) can share one database, each in its own schema.
//   ?poolMax=N     connections in this process's pool (default 10, 1..100).
// Every pooled connection starts with `search_path` set to the schema (a startup option, so no query
// can run before it is in force), `application_name` `ketenpoort SCHEMA` (so an operator can tell the
// sessions of one gateway from another's in pg_stat_activity, e.g. to end them), and 64-bit integers (epoch
// milliseconds, audit seq, counts) read as JavaScript numbers: every value the store writes there
// is a safe integer. Two timeouts keep one stuck process from stalling the cluster: a transaction
// that sits idle for a minute (a frozen process holding the audit chain's lock) is ended by the
// server, and a statement waits at most 15 s for a lock (then store-unavailable, a 503, instead of
// hanging). Migrations lift the lock timeout for their own transaction.

import { createHash } from 'node:crypto';
import pg from 'pg';
import { GatewayError } from '../../kernel/gateway-error.ts';

export interface PostgresStoreOptions {
  /** The connection string for the driver, without Ketenpoort's own options. */
  readonly connectionString: string;
  readonly schema: string;
  readonly poolMax: number;
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;
/** Connection-string parameters the driver would let override connectionConfig's session settings. */
const sessionSettings = new Set(['options', 'application_name', 'fallback_application_name', 'search_path', 'lock_timeout', 'statement_timeout', 'idle_in_transaction_session_timeout', 'query_timeout']);
const lockTimeoutMs = 15_000;
const idleInTransactionMs = 60_000;
const defaultPoolMax = 10;

function invalid(detail: string): GatewayError {
  return new GatewayError('config-invalid', { detail });
}

/** Reads a postgres:// or postgresql:// store URL. Details never echo the URL (it may carry a password). */
export function parsePostgresUrl(url: string): PostgresStoreOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('The PostgreSQL store URL is not a valid URL (expected postgres://user@host:port/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw invalid('The PostgreSQL store URL must start with postgres:// or postgresql://');
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!schemaPattern.test(schema)) {
    throw invalid('The store URL option schema must be 1-63 lower-case letters, digits or _, not starting with a digit');
  }
  const rawMax = parsed.searchParams.get('poolMax');
  const poolMax = rawMax === null ? defaultPoolMax : Number(rawMax);
  if (!Number.isInteger(poolMax) || poolMax < 1 || poolMax > 100) {
    throw invalid('The store URL option poolMax must be an integer from 1 to 100');
  }
  // The driver lets the URL's parameters win over the settings below (search_path, the timeouts, the
  // session name): a URL could move the tables to another schema than the one the migrations and the
  // advisory locks use, or lift the lock guard. Those are refused, naming the parameter only.
  const overriding = [...new Set(parsed.searchParams.keys())].filter((name) => sessionSettings.has(name));
  if (overriding.length > 0) {
    throw invalid(`The store URL may not set ${overriding.join(', ')}: the gateway sets its sessions' search_path (use ?schema=), timeouts and name itself`);
  }
  parsed.searchParams.delete('schema');
  parsed.searchParams.delete('poolMax');
  return { connectionString: parsed.toString(), schema, poolMax };
}

// bigint (OID 20) as a JavaScript number, and json (OID 114) as its text (the store's column maps
// parse it, as on SQLite), for this store's connections only (the driver's global parsers stay as
// they are).
const int8AsNumber = new pg.TypeOverrides();
int8AsNumber.setTypeParser(20, 'text', (value: string) => Number(value));
int8AsNumber.setTypeParser(114, 'text', (value: string) => value);

/** The driver settings for every connection of a store: pooled ones and the cluster-lock ones. */
export function connectionConfig(options: PostgresStoreOptions): pg.ClientConfig {
  return {
    connectionString: options.connectionString,
    // The schema name matched schemaPattern, so it needs no quoting here.
    options: `-c search_path=${options.schema} -c lock_timeout=${lockTimeoutMs} -c idle_in_transaction_session_timeout=${idleInTransactionMs}`,
    application_name: `ketenpoort ${options.schema}`,
    connectionTimeoutMillis: 10_000,
    types: int8AsNumber,
  };
}

export function createPool(options: PostgresStoreOptions): pg.Pool {
  const pool = new pg.Pool({ ...connectionConfig(options), max: options.poolMax, idleTimeoutMillis: 30_000 });
  // An idle connection that dies (server restart, network) emits 'error' on the pool; without a
  // listener that would crash the process. The pool drops the connection and opens a new one on the
  // next checkout; the query that needs it reports the problem as store-unavailable.
  pool.on('error', () => undefined);
  // A connection that is checked out has no listener of the pool's: if the server ends it between two
  // statements (pg_terminate_backend, a restart, a network cut) the driver emits 'error' on it, and
  // without a listener that crashed the process (found by bench/soak, pg-terminate-scenario.ts). The
  // connection is then not queryable: its next statement fails (store-unavailable, a 503) and the pool
  // drops it when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

/**
 * A 64-bit advisory-lock key for `purpose` within `schema`, as a decimal string for a bigint
 * parameter. Advisory locks are per database, so the schema is part of the key: gateways in other
 * schemas of the same database never contend.
 */
export function advisoryKey(schema: string, purpose: string): string {
  const digest = createHash('sha256').update(`ketenpoort\u0000${schema}\u0000${purpose}`).digest();
  return digest.readBigInt64BE(0).toString();
}
