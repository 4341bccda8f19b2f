// The PostgreSQL implementation of the Store port (src/store/store.ts): the scale-out store. Any number
// of gateway processes share one database (architecture.md, Storage and scale):
// - transactions run on a pooled connection each, truly concurrently; what must be serialised is
//   serialised by the database: the audit chain by a row lock on its head (tables/audit-table.ts), the
//   outbox by FOR UPDATE SKIP LOCKED and leases (tables/outbox-table.ts), a decision and a revocation
//   about one child by row locks on the child's consents (tables/consent-table.ts); operations that
//   lock rows take the chain head first, so transactions cannot deadlock (the lock order, pg-sql.ts);
// - migrations run once even when several processes start together (an advisory lock, migrations.ts);
// - cluster locks (tryWithClusterLock) are session advisory locks on a connection of their own.
// Durability is PostgreSQL's: transaction() returns after COMMIT, which with the server's default
// synchronous_commit=on is on disk (WAL flushed). A COMMIT whose connection breaks has an unknown
// outcome; it is reported as store-unavailable, and the idempotency key is how a client finds out.
//
// The store is composed of one module per table group (./tables): each gives its part of StoreTx and
// of the Store reads over a `Sql` runner. Adding a table group = a migration in migrations.ts, a module
// in ./tables, and one spread line in makeTx or in the reads below.
//
// Unlike the SQLite store, calling the Store itself (not only the StoreTx) from inside a
// transaction's fn works here (it uses another pooled connection), but it does not see the
// transaction's uncommitted writes.

import pg from 'pg';
import { GatewayError } from '../../kernel/gateway-error.ts';
import type { ClusterLockResult, Store, StoreTx } from '../store.ts';
import { applyPgMigrations, isPgCurrent } from './migrations.ts';
import { advisoryKey, connectionConfig, createPool, type PostgresStoreOptions } from './pg-connection.ts';
import { sqlState, storeError } from './pg-errors.ts';
import type { BulkWrite, Sql, Touches, TxSql } from './pg-sql.ts';
import { auditReads, auditTx } from './tables/audit-table.ts';
import { cancelDeliveriesTx } from './tables/cancel-deliveries.ts';
import { checkpointReads, checkpointTx } from './tables/checkpoint-table.ts';
import { consentReads, consentTx } from './tables/consent-table.ts';
import { deadLetterReads, deadLetterTx } from './tables/dead-letter-table.ts';
import { decisionInputTx } from './tables/decision-input-table.ts';
import { exchangeReads, exchangeTx } from './tables/exchange-table.ts';
import { idempotencyReads, idempotencyTx } from './tables/idempotency-table.ts';
import { ijwPairingReads, ijwPairingTx } from './tables/ijw-pairing-table.ts';
import { inboxReads, inboxTx } from './tables/inbox-table.ts';
import { outboxReads, outboxTx } from './tables/outbox-table.ts';
import { overrideReviewReads, overrideReviewTx } from './tables/override-review-table.ts';
import { payloadRetentionReads } from './tables/payload-retention.ts';
import { scheduleReads, scheduleTx } from './tables/schedule-table.ts';

export type PostgresStore = Store & {
  readonly kind: 'postgres';
  /** The schema that holds the tables. */
  readonly schema: string;
};

type AsyncMethods<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

/** Wraps every method of `methods` with `around(name, call)`. */
function wrapMethods<T extends AsyncMethods<T>>(methods: T, around: (name: string, call: () => Promise<unknown>) => Promise<unknown>): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    const call = method as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]) => around(name, () => call(...args));
  }
  return wrapped as T;
}

function closedError(): GatewayError {
  return new GatewayError('store-unavailable', { detail: 'store: the store is closed' });
}

/** One transaction's state: its tx handle is only usable while it is open, and a failed operation dooms it. */
interface TxState {
  open: boolean;
  failure: GatewayError | undefined;
}

interface OpenTx {
  readonly tx: StoreTx;
  /** Writes the buffered inserts; transaction() calls it before COMMIT. */
  flush(): Promise<void>;
}

function makeTx(client: pg.PoolClient, state: TxState): OpenTx {
  /** Deferred inserts by table, in the order of first use; flushed in BulkWrite.order. */
  const buffered = new Map<BulkWrite<never>, unknown[]>();
  const refuse = (operation: string): GatewayError | undefined => {
    if (!state.open) return new GatewayError('internal', { detail: `store: ${operation} on a transaction that has ended` });
    return state.failure;
  };
  const flush = async (): Promise<void> => {
    if (buffered.size === 0) return;
    const batches = [...buffered].sort(([a], [b]) => a.order - b.order);
    buffered.clear();
    bufferedKeys.clear();
    for (const [insert, rows] of batches) {
      try {
        const result = await client.query({ name: insert.statement.name, text: insert.statement.text, values: insert.columns(rows as never[]) });
        insert.verify?.(result, rows as never[]);
      } catch (err) {
        const error = storeError(err, insert.operation, insert.onConstraint);
        state.failure ??= error;
        throw error;
      }
    }
  };
  /** Buffered keys per insert, for `touches`. */
  const bufferedKeys = new Map<BulkWrite<never>, Set<string>>();
  const mustFlush = (touches: readonly Touches[] | undefined): boolean => {
    if (buffered.size === 0) return false;
    if (touches === undefined) return true;
    return touches.some(({ insert, key }) => {
      const keys = bufferedKeys.get(insert);
      return keys !== undefined && (key === undefined || keys.has(key));
    });
  };
  const sql: TxSql = {
    async run(operation, statement, values, onConstraint, touches) {
      const refused = refuse(operation);
      if (refused !== undefined) throw refused;
      if (mustFlush(touches)) await flush(); // what this transaction wrote and this statement needs comes first
      try {
        return await client.query({ name: statement.name, text: statement.text, values: values as unknown[] });
      } catch (err) {
        throw storeError(err, operation, onConstraint);
      }
    },
    async defer(insert, row) {
      const refused = refuse(insert.operation);
      if (refused !== undefined) throw refused;
      const which = insert as BulkWrite<never>;
      if (bufferedKeys.get(which)?.has(insert.key(row)) === true) await flush(); // the same row again: keep the order
      const rows = buffered.get(which);
      if (rows === undefined) buffered.set(which, [row]);
      else rows.push(row);
      const keys = bufferedKeys.get(which);
      if (keys === undefined) bufferedKeys.set(which, new Set([insert.key(row)]));
      else keys.add(insert.key(row));
    },
  };
  const audit = auditTx(sql);
  // The lock order (pg-sql.ts): operations that lock existing rows take the chain head first.
  const lockChain = async (): Promise<void> => {
    await audit.auditHead();
  };
  const tx: StoreTx = {
    ...audit,
    ...exchangeTx(sql),
    ...outboxTx(sql, lockChain),
    ...idempotencyTx(sql),
    ...inboxTx(sql, lockChain),
    ...ijwPairingTx(sql),
    ...consentTx(sql, lockChain),
    ...cancelDeliveriesTx(sql, lockChain),
    ...decisionInputTx(sql),
    ...overrideReviewTx(sql, lockChain),
    ...deadLetterTx(sql, lockChain),
    ...scheduleTx(sql, lockChain),
    ...checkpointTx(sql),
  };
  // Any failed operation dooms the transaction, even if fn catches the error (as in PostgreSQL itself,
  // and as in the SQLite store): transaction() then rolls back and rejects with that error.
  const guarded = wrapMethods(tx, async (_name, call) => {
    try {
      return await call();
    } catch (err) {
      if (state.open && state.failure === undefined && err instanceof GatewayError) state.failure = err;
      throw err;
    }
  });
  return { tx: guarded, flush };
}

/** Opens a PostgreSQL store (no connection is made until the first operation). Call migrate() before use. */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const { schema } = options;
  const pool = createPool(options);
  let closed = false;
  let closing: Promise<void> | undefined;
  let migrated = false;
  let migrationCheck: Promise<void> | undefined;
  const inFlight = new Set<Promise<unknown>>();

  /** Keeps track of running work so that close() can let it finish first. */
  function track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return work;
  }

  /** Checks once per store that the schema is migrated (the SQLite store does the same on first use). */
  function ensureMigrated(): Promise<void> {
    if (migrated) return Promise.resolve();
    migrationCheck ??= (async () => {
      try {
        let current: boolean;
        try {
          current = await isPgCurrent(pool, schema);
        } catch (err) {
          throw storeError(err, 'check migrations');
        }
        if (!current) throw new GatewayError('store-unavailable', { detail: 'store: the database is not migrated (run migrate first)' });
        migrated = true;
      } finally {
        migrationCheck = undefined;
      }
    })();
    return migrationCheck;
  }

  /** Store-level operations: refused once closed, only on a migrated schema, tracked for close(). */
  function guarded<T>(call: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(closedError());
    return track(
      (async () => {
        await ensureMigrated();
        return call();
      })(),
    );
  }

  const poolSql: Sql = {
    async run(operation, statement, values, onConstraint) {
      try {
        return await pool.query({ name: statement.name, text: statement.text, values: values as unknown[] });
      } catch (err) {
        throw storeError(err, operation, onConstraint);
      }
    },
  };

  const reads = wrapMethods(
    {
      ...auditReads(poolSql),
      ...exchangeReads(poolSql),
      ...outboxReads(poolSql),
      ...idempotencyReads(poolSql),
      ...inboxReads(poolSql),
      ...ijwPairingReads(poolSql),
      ...consentReads(poolSql),
      ...overrideReviewReads(poolSql),
      ...payloadRetentionReads(poolSql),
      ...deadLetterReads(poolSql),
      ...scheduleReads(poolSql),
      ...checkpointReads(poolSql),
    },
    (_name, call) => guarded(call),
  );

  async function rollback(client: pg.PoolClient): Promise<boolean> {
    try {
      await client.query('ROLLBACK');
      return true;
    } catch {
      return false; // the connection is broken: the server rolls back when it goes
    }
  }

  async function runTransaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    await ensureMigrated();
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw storeError(err, 'begin');
    }
    let discard = false; // a connection in an unknown state is closed, not returned to the pool
    try {
      try {
        await client.query('BEGIN');
      } catch (err) {
        discard = true;
        throw storeError(err, 'begin');
      }
      const state: TxState = { open: true, failure: undefined };
      const open = makeTx(client, state);
      let result: T;
      try {
        result = await fn(open.tx);
        if (state.failure === undefined) await open.flush();
      } catch (err) {
        state.open = false;
        discard = !(await rollback(client));
        throw err;
      }
      state.open = false;
      if (state.failure !== undefined) {
        // fn swallowed a failed operation: the transaction is doomed.
        discard = !(await rollback(client));
        throw state.failure;
      }
      try {
        await client.query('COMMIT');
      } catch (err) {
        discard = true;
        throw storeError(err, 'commit');
      }
      return result;
    } finally {
      client.release(discard);
    }
  }

  async function withClusterLock<T>(name: string, fn: () => Promise<T>): Promise<ClusterLockResult<T>> {
    const key = advisoryKey(schema, `cluster-lock:${name}`);
    // A connection of its own, outside the pool: a long job cannot starve the pool, and closing this
    // connection (or the process dying) always releases the lock.
    const client = new pg.Client(connectionConfig(options));
    client.on('error', () => undefined); // a broken connection is noticed by the next query
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw storeError(err, 'tryWithClusterLock');
    }
    try {
      let locked: boolean;
      try {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
        locked = rows[0]?.locked === true;
      } catch (err) {
        throw storeError(err, 'tryWithClusterLock');
      }
      if (!locked) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
      }
    } finally {
      await client.end().catch(() => undefined); // ending the session releases the lock in any case
    }
  }

  return {
    kind: 'postgres',
    schema,

    async migrate() {
      if (closed) throw closedError();
      await track(
        (async () => {
          let client: pg.PoolClient;
          try {
            client = await pool.connect();
          } catch (err) {
            throw storeError(err, 'migrate');
          }
          let broken = false;
          try {
            await applyPgMigrations(client, schema);
            migrated = true;
          } catch (err) {
            broken = !(err instanceof GatewayError) && sqlState(err) === undefined;
            throw storeError(err, 'migrate');
          } finally {
            client.release(broken);
          }
        })(),
      );
    },

    async ready() {
      if (closed) return false;
      try {
        return await track(isPgCurrent(pool, schema));
      } catch {
        return false;
      }
    },

    transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(closedError());
      return track(runTransaction(fn));
    },

    ...reads,

    tryWithClusterLock<T>(name: string, fn: () => Promise<T>): Promise<ClusterLockResult<T>> {
      if (closed) return Promise.reject(closedError());
      return track(withClusterLock(name, fn));
    },

    async close() {
      if (!closed) {
        closed = true;
        closing = (async () => {
          // Let running transactions and reads finish (and commit) first, as the SQLite store does.
          await Promise.allSettled([...inFlight]);
          await pool.end().catch(() => undefined);
        })();
      }
      await closing;
    },
  };
}
