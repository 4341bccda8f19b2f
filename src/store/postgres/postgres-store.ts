// The PostgreSQL implementation of the Store port (src/store/store.ts): the scale-out store. Any number
// of gateway processes share one database (architecture.md, Storage and scale):
// - transactions run on a pooled connection each, truly concurrently; what must be serialised is
//   serialised by the database: the audit chain by a row lock on its head (pg-tx.ts), the outbox by
//   FOR UPDATE SKIP LOCKED and leases, a decision and a revocation about one child by row locks on the
//   child's consents (FOR SHARE against the revocation's UPDATE); operations that lock rows take the
//   chain head first, so transactions cannot deadlock (the lock order, ../sql/store-tx.ts);
// - migrations run once even when several processes start together (an advisory lock, migrations.ts);
// - cluster locks (tryWithClusterLock) are session advisory locks on a connection of their own.
// Durability is PostgreSQL's: transaction() returns after COMMIT, which with the server's default
// synchronous_commit=on is on disk (WAL flushed). A COMMIT whose connection breaks has an unknown
// outcome; it is reported as store-unavailable, and the idempotency key is how a client finds out.
//
// The SQL is the shared core's (../sql), over the runners and the dialect of pg-tx.ts.
//
// Unlike the SQLite store, calling the Store itself (not only the StoreTx) from inside a
// transaction's fn works here (it uses another pooled connection), but it does not see the
// transaction's uncommitted writes.

import pg from 'pg';
import { GatewayError } from '../../kernel/gateway-error.ts';
import type { ClusterLockResult, Store, StoreTx } from '../store.ts';
import { closedError, guardTx, notMigratedError, wrapMethods, type TxState } from '../sql/sql-db.ts';
import { storeReads } from '../sql/store-reads.ts';
import { operatorReads } from '../sql/operator-reads.ts';
import { consentReads } from '../sql/consent-reads.ts';
import { decisionCountReads } from '../sql/decision-day-counts.ts';
import { regieReads } from '../sql/regie-sql.ts';
import { signalReads } from '../sql/signal-sql.ts';
import { subscriptionReads } from '../sql/subscription-sql.ts';
import { newStoreMemo, storeTx } from '../sql/store-tx.ts';
import { applyPgMigrations, isPgCurrent } from './pg-migrate.ts';
import { advisoryKey, connectionConfig, createPool, type PostgresStoreOptions } from './pg-connection.ts';
import { sqlState, storeError } from './pg-errors.ts';
import { DeferredWriteFailed, pgDialect, poolDb, transactionDb } from './pg-tx.ts';

export type PostgresStore = Store & {
  readonly kind: 'postgres';
  /** The schema that holds the tables. */
  readonly schema: string;
};

/**
 * Payload retention: outbox and inbox payloads whose purgeAfter has come go, and with an outbox
 * payload the subject facts kept for a re-decision. One statement: its parts see one snapshot and
 * commit together.
 */
const purgeSql = `WITH inputs AS (
    DELETE FROM decision_inputs d USING outbox o
     WHERE d.exchange_id = o.exchange_id AND o.payload IS NOT NULL AND o.purge_after <= $1),
  outbox_purged AS (
    UPDATE outbox SET payload = NULL WHERE payload IS NOT NULL AND purge_after <= $1 RETURNING 1),
  inbox_purged AS (
    UPDATE inbox SET payload = NULL WHERE payload IS NOT NULL AND purge_after <= $1 RETURNING 1)
  SELECT (SELECT count(*) FROM outbox_purged) + (SELECT count(*) FROM inbox_purged) AS n`;

/** Opens a PostgreSQL store (no connection is made until the first operation). Call migrate() before use. */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const { schema } = options;
  const pool = createPool(options);
  const memo = newStoreMemo(); // what never changes once committed, read once (store-tx.ts)
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
        if (!current) throw notMigratedError();
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

  const db = poolDb(pool);
  let lastVacuum = 0;
  const reads = wrapMethods(
    {
      ...storeReads(db, pgDialect),
      ...operatorReads(db, pgDialect),
      ...consentReads(db),
      ...decisionCountReads(db),
      ...regieReads(db),
      ...signalReads(db),
      ...subscriptionReads(db),
      async purgePayloads(now: number) {
        const [row] = await db.all<{ n: number }>('purgePayloads', purgeSql, [now]);
        return row?.n ?? 0;
      },
      // Plain VACUUM: dead tuples' space becomes reusable and their index entries go, without locking
      // writers out. It does not overwrite the bytes (README, Retention). Once a minute at most per
      // process: autovacuum would come anyway, and VACUUM scans the tables' indexes.
      async reclaimPurgedSpace() {
        const now = Date.now();
        if (now - lastVacuum < 60_000) return 'VACUUM skipped (ran within the last minute)';
        lastVacuum = now;
        try {
          await pool.query('VACUUM outbox, inbox, decision_inputs');
        } catch (err) {
          throw storeError(err, 'reclaimPurgedSpace');
        }
        return 'VACUUM outbox, inbox, decision_inputs';
      },
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
    // BEGIN goes with the transaction's first statement, COMMIT behind its deferred writes (pg-tx.ts):
    // a transaction that sent nothing has nothing to end.
    const txDb = transactionDb(client);
    const end = async (): Promise<void> => {
      if (txDb.begun) discard = !(await rollback(client));
    };
    try {
      const state: TxState = { open: true, failure: undefined };
      let result: T;
      try {
        result = await fn(guardTx(storeTx(txDb, pgDialect, memo), state));
      } catch (err) {
        state.open = false;
        await end();
        throw err;
      }
      state.open = false;
      if (state.failure !== undefined) {
        // fn swallowed a failed operation: the transaction is doomed.
        await end();
        throw state.failure;
      }
      try {
        await txDb.commit();
      } catch (err) {
        if (err instanceof DeferredWriteFailed) {
          // A deferred write failed: nothing was committed, the transaction is open.
          await end();
          throw err.error;
        }
        // The COMMIT failed, or its outcome is unknown (marked by commit()): the connection goes.
        discard = true;
        throw err;
      }
      if (txDb.lost) discard = true; // committed, but the session ended behind the COMMIT's answer
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
