// The SQLite implementation of the Store port (src/store/store.ts): the embedded default, one process,
// zero setup. The SQL is the shared core's (../sql); this file gives it a connection, the SQLite
// dialect and its transactions.
//
// better-sqlite3 is synchronous and the port is async, so every operation runs on one connection
// behind a FIFO lock: `transaction(fn)` holds it from BEGIN IMMEDIATE until COMMIT while fn awaits,
// and every other operation (a whole read, cursor and page) waits its turn. That keeps transactions
// from interleaving, keeps reads from seeing another caller's uncommitted writes, and keeps a claim
// or purge from joining someone else's open transaction. When the lock is free an operation starts
// at once, without a queue.
//
// Do not call the Store itself (only the StoreTx) from inside a transaction's fn: the call waits for
// the transaction, which waits for fn.
//
// Durability is not traded for speed: WAL with synchronous=FULL, so a transaction is on disk when
// transaction() returns. Group commit (many inserts in one transaction()) is how to go faster. The
// WAL's checkpoint (copying committed pages into the database file) runs in a worker thread with a
// connection of its own (wal-checkpointer.ts), not inside a COMMIT on the event loop.

import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { GatewayError } from '../../kernel/gateway-error.ts';
import type { ErrorCode } from '../../kernel/error-catalogue.ts';
import type { AuditRecord } from '../../kernel/audit-record.ts';
import type { ClusterLockResult, Store, StoreTx } from '../store.ts';
import { closedError, guardTx, notMigratedError, wrapMethods, type Db, type Dialect, type Params, type TxDb, type TxState } from '../sql/sql-db.ts';
import { storeReads } from '../sql/store-reads.ts';
import { operatorReads } from '../sql/operator-reads.ts';
import { consentReads } from '../sql/consent-reads.ts';
import { decisionCountReads } from '../sql/decision-day-counts.ts';
import { regieReads } from '../sql/regie-sql.ts';
import { signalReads } from '../sql/signal-sql.ts';
import { subscriptionReads } from '../sql/subscription-sql.ts';
import { newStoreMemo, storeTx } from '../sql/store-tx.ts';
import { auditColumns } from '../sql/tables.ts';
import { applyMigrations, isCurrent } from './migrations.ts';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' (tests). The parent directory must exist (openStore creates it). */
  readonly file: string;
  /**
   * A cap on the file's size in pages (PRAGMA max_page_count, this connection only). Past it, writes
   * fail with SQLITE_FULL, which is store-unavailable (503) and rolls the transaction back whole; pages
   * freed later (a purge, a dropped table) are reused without a restart. SQLite never lowers it below
   * the file's current size.
   */
  readonly maxPageCount?: number;
  /**
   * Checkpoint the WAL in a worker thread instead of inside the COMMIT on the event loop
   * (wal-checkpointer.ts; default true for a file, never for ':memory:').
   */
  readonly checkpointInWorker?: boolean;
  /**
   * Told when the store carries on in a lesser way (the checkpoint thread stopped, SQLite checkpoints
   * inside COMMIT again): the gateway logs it, since the store has no logger of its own.
   */
  readonly onWarning?: (message: string) => void;
}

/** SQLite's own automatic checkpoint threshold (frames), and the fallback while a worker checkpoints. */
const defaultAutocheckpointFrames = 1000;
const fallbackAutocheckpointFrames = 10_000;

export interface SqlitePragmas {
  readonly journalMode: string;
  readonly synchronous: number;
  readonly foreignKeys: number;
  readonly busyTimeout: number;
  /** SQLite's automatic checkpoint threshold in WAL frames (higher while a worker checkpoints). */
  readonly walAutocheckpoint: number;
}

export type SqliteStore = Store & {
  readonly kind: 'sqlite';
  /** The connection's durability settings (for tests and diagnostics). */
  pragmas(): SqlitePragmas;
  /** WAL checkpoints the worker thread has run (wal-checkpointer.ts; for tests and diagnostics). */
  walCheckpointsInWorker(): number;
};

const sqliteDialect: Dialect = {
  concurrent: false,
  multiRow: false,
  skipLocked: '',
  forUpdate: () => '',
  forShare: '',
  auditHeadSql: 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
  insertAudit: {
    operation: 'insertAudit',
    order: 0,
    onConstraint: 'audit-write-failed',
    sql: `INSERT INTO audit (seq, time, exchange_id, actor, counterparty, action, outcome, prev_hash, hash, record)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    key: (r: AuditRecord) => String(r.seq),
    values: (r: AuditRecord) => [r.seq, r.time, r.exchangeId ?? null, r.actor, r.counterparty ?? null, r.action, r.outcome, r.prevHash, r.hash, JSON.stringify(r)],
  },
  auditSubject: "json_extract(record, '$.dataSubjectId')",
  auditPurpose: "json_extract(record, '$.purpose')",
  auditTime: 'time',
  auditColumns,
};

/**
 * Turns a driver error into a GatewayError. Constraint violations are bugs of the caller ('internal')
 * unless the operation names a better code; anything else SQLite reports (busy, I/O, disk full,
 * corruption) means the store cannot serve ('store-unavailable'). Details name the operation and
 * SQLite's code, never values.
 */
function storeError(err: unknown, operation: string, onConstraint: ErrorCode = 'internal'): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = err instanceof Database.SqliteError ? err.code : undefined;
  if (code === undefined) return new GatewayError('internal', { detail: `store: ${operation} failed`, cause: err, logOnlyDetail: true });
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new GatewayError(onConstraint, { detail: `store: ${operation} violates a constraint (${code})`, cause: err, logOnlyDetail: true });
  }
  return new GatewayError('store-unavailable', { detail: `store: ${operation} failed (${code})`, cause: err, logOnlyDetail: true });
}

/** A statement prepared once per text: casts dropped, `$n` parameters bound by position. */
interface Prepared {
  readonly statement: Database.Statement;
  /** For each `?` in order, the index of the parameter it binds; undefined when that is 0, 1, 2, ... */
  readonly order: readonly number[] | undefined;
}

function prepare(db: Database.Database, text: string): Prepared {
  const order: number[] = [];
  const translated = text.replace(/::[a-z]+/g, '').replace(/\$(\d+)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  const identity = order.every((n, i) => n === i);
  return { statement: db.prepare(translated), order: identity ? undefined : order };
}

function bind(prepared: Prepared, params: Params): unknown[] {
  const source = prepared.order === undefined ? params : prepared.order.map((i) => params[i]);
  return source.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null)));
}

/** Named try-locks within this process, shared by every store on the same database file. */
const heldLocks = new Map<string, Set<string>>();

/** Opens (creating if needed) a SQLite store. Call migrate() before use. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  let db: Database.Database;
  const memo = newStoreMemo(); // what never changes once committed, read once (store-tx.ts)
  try {
    db = new Database(options.file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted and overwritten content is zeroed in the file, not just marked free: a purged payload's
    // bytes leave the database file once its pages are checkpointed (reclaimPurgedSpace).
    db.pragma('secure_delete = ON');
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${options.maxPageCount}`);
  } catch (err) {
    throw storeError(err, 'open');
  }
  /** What cluster locks are scoped to: the file (SQLite serves one process), or this in-memory database. */
  const lockScope = options.file === ':memory:' ? `:memory:${randomUUID()}` : options.file;
  const statements = new Map<string, Prepared>();
  /** The same, returning rows as arrays (better-sqlite3's raw mode is a statement's, so these are apart). */
  const arrayStatements = new Map<string, Prepared>();
  // Started at the first write: a store that only reads (CLI, tests) never starts a thread.
  let checkpointer: WalCheckpointer | undefined;
  let checkpointInWorker = options.file !== ':memory:' && options.file !== '' && options.checkpointInWorker !== false;
  const wrote = (): void => {
    if (!checkpointInWorker || closed) return; // a call that failed on a closed store starts nothing
    if (checkpointer === undefined) {
      db.pragma(`wal_autocheckpoint = ${fallbackAutocheckpointFrames}`);
      checkpointer = startWalCheckpointer({
        file: options.file,
        onFailure: (reason) => {
          checkpointInWorker = false;
          if (db.open) db.pragma(`wal_autocheckpoint = ${defaultAutocheckpointFrames}`);
          options.onWarning?.(`The SQLite WAL checkpoint thread is gone (${reason}); COMMITs checkpoint on the event loop again, slower but as durable`);
        },
      });
    }
    checkpointer.poke();
  };
  let current = false;
  let closed = false;
  /** The lock: true while an operation or a transaction holds the connection. */
  let busy = false;
  const waiters: (() => void)[] = [];

  /** Throws once closed (a function, so that it is checked again after every wait). */
  const assertOpen = (): void => {
    if (closed) throw closedError();
  };
  const acquire = (): Promise<void> => {
    if (!busy) {
      busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiters.push(resolve));
  };
  const release = (): void => {
    const next = waiters.shift();
    if (next === undefined) busy = false;
    else next(); // hand the lock over directly: busy stays true, FIFO order is kept
  };

  /** Runs fn under the lock, once the schema is known to be migrated. */
  async function locked<T>(operation: string, fn: () => Promise<T> | T): Promise<T> {
    if (closed) throw closedError();
    await acquire();
    try {
      assertOpen(); // it may have closed while this waited
      if (!current) {
        if (!isCurrent(db)) throw notMigratedError();
        current = true;
      }
      return await fn();
    } catch (err) {
      throw storeError(err, operation);
    } finally {
      release();
    }
  }

  const statement = (text: string): Prepared => {
    let prepared = statements.get(text);
    if (prepared === undefined) {
      prepared = prepare(db, text);
      statements.set(text, prepared);
    }
    return prepared;
  };
  const arrayStatement = (text: string): Prepared => {
    let prepared = arrayStatements.get(text);
    if (prepared === undefined) {
      prepared = prepare(db, text);
      prepared.statement.raw(true);
      arrayStatements.set(text, prepared);
    }
    return prepared;
  };
  const exec = <T>(operation: string, onConstraint: ErrorCode | undefined, fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(storeError(err, operation, onConstraint));
    }
  };
  const conn: Db = {
    all<R>(operation: string, text: string, params: Params, o?: { onConstraint?: ErrorCode }) {
      return exec(operation, o?.onConstraint, () => {
        const p = statement(text);
        return p.statement.all(...bind(p, params)) as R[];
      });
    },
    arrays(operation, text, params, o) {
      return exec(operation, o?.onConstraint, () => {
        const p = arrayStatement(text);
        return p.statement.all(...bind(p, params)) as unknown[][];
      });
    },
    run(operation, text, params, o) {
      return exec(operation, o?.onConstraint, () => {
        const p = statement(text);
        return p.statement.run(...bind(p, params)).changes;
      });
    },
  };
  const txDb: TxDb = {
    ...conn,
    async write(write, row) {
      const changed = await conn.run(write.operation, write.sql, write.values(row), write);
      write.verify?.(changed, 1);
    },
    pending: () => [], // every write runs at once
  };

  const reads = wrapMethods({ ...storeReads(conn, sqliteDialect), ...operatorReads(conn, sqliteDialect), ...consentReads(conn), ...decisionCountReads(conn), ...regieReads(conn), ...signalReads(conn), ...subscriptionReads(conn) }, (name, call) => locked(name, call));

  function rollback(): void {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // SQLite may have rolled back already (I/O error, disk full); nothing more to undo.
    }
  }

  async function transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (closed) throw closedError();
    await acquire();
    try {
      assertOpen(); // it may have closed while this waited
      try {
        if (!current && !isCurrent(db)) throw notMigratedError();
        current = true;
        db.exec('BEGIN IMMEDIATE');
      } catch (err) {
        throw storeError(err, 'begin');
      }
      const state: TxState = { open: true, failure: undefined };
      let result: T;
      try {
        result = await fn(guardTx(storeTx(txDb, sqliteDialect, memo), state));
      } catch (err) {
        state.open = false;
        rollback();
        throw err;
      }
      state.open = false;
      if (state.failure !== undefined) {
        // fn swallowed a failed operation: the transaction is doomed, as in PostgreSQL.
        rollback();
        throw state.failure;
      }
      try {
        db.exec('COMMIT');
      } catch (err) {
        rollback();
        throw storeError(err, 'commit');
      }
      wrote();
      return result;
    } finally {
      release();
    }
  }

  return {
    kind: 'sqlite',
    ...reads,
    transaction,

    // The subject facts kept for a re-decision go with the payload (a re-decision needs both).
    purgePayloads: (now) =>
      locked('purgePayloads', () =>
        db.transaction(() => {
          const purge = (text: string): number => statement(text).statement.run(now).changes;
          purge('DELETE FROM decision_inputs WHERE exchange_id IN (SELECT exchange_id FROM outbox WHERE payload IS NOT NULL AND purge_after <= $1)');
          return (
            purge('UPDATE outbox SET payload = NULL WHERE payload IS NOT NULL AND purge_after <= $1') +
            purge('UPDATE inbox SET payload = NULL WHERE payload IS NOT NULL AND purge_after <= $1')
          );
        })(),
      ).finally(wrote),

    // The WAL still holds the frames that wrote each payload (and the zeroed pages): checkpoint them
    // into the database file and truncate the WAL to nothing.
    // The checkpoint thread is held off first and its running checkpoint awaited: SQLite lets one
    // connection checkpoint at a time, and a TRUNCATE that met the thread's PASSIVE one was refused as
    // busy, leaving the purged bytes in the WAL (found in review; regression test in retention-bytes).
    reclaimPurgedSpace: () =>
      locked('reclaimPurgedSpace', async () => {
        const resume = await checkpointer?.pause();
        try {
          const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
          if (result === undefined || result.busy !== 0) throw new GatewayError('store-unavailable', { detail: 'store: the WAL could not be checkpointed (the database is busy)', logOnlyDetail: true });
          return `secure_delete on; WAL checkpointed (${result.checkpointed} frames) and truncated`;
        } finally {
          resume?.();
        }
      }),

    async migrate() {
      if (closed) throw closedError();
      await acquire();
      try {
        assertOpen(); // it may have closed while this waited
        applyMigrations(db);
      } catch (err) {
        throw storeError(err, 'migrate');
      } finally {
        release();
      }
    },

    async ready() {
      if (closed) return false;
      await acquire();
      try {
        assertOpen();
        return isCurrent(db);
      } catch {
        return false;
      } finally {
        release();
      }
    },

    pragmas() {
      if (closed) throw closedError();
      const pragma = (name: string): unknown => db.pragma(name, { simple: true });
      return {
        journalMode: String(pragma('journal_mode')),
        synchronous: Number(pragma('synchronous')),
        foreignKeys: Number(pragma('foreign_keys')),
        busyTimeout: Number(pragma('busy_timeout')),
        walAutocheckpoint: Number(pragma('wal_autocheckpoint')),
      };
    },

    walCheckpointsInWorker: () => checkpointer?.runs() ?? 0,

    /** SQLite is one process: the cluster is this process, so a lock within it is the cluster lock. */
    async tryWithClusterLock<T>(name: string, fn: () => Promise<T>): Promise<ClusterLockResult<T>> {
      if (closed) throw closedError();
      let names = heldLocks.get(lockScope);
      if (names === undefined) heldLocks.set(lockScope, (names = new Set()));
      if (names.has(name)) return { ran: false };
      names.add(name);
      try {
        return { ran: true, value: await fn() };
      } finally {
        names.delete(name);
        if (names.size === 0) heldLocks.delete(lockScope);
      }
    },

    async close() {
      if (closed) return;
      await acquire(); // let queued work and an open transaction finish first
      try {
        if (db.open) {
          closed = true;
          statements.clear();
          await checkpointer?.close();
          db.close();
        }
      } catch (err) {
        throw storeError(err, 'close');
      } finally {
        release();
      }
    },
  };
}
