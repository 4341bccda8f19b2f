// The statement runners of the PostgreSQL store: on the pool for a Store read, on a transaction's
// connection for a StoreTx operation, and the PostgreSQL dialect of the shared core (../sql).
//
// Statements are named by their text, so each pooled connection parses and plans a statement once
// and then only binds and executes it.
//
// Writes with a multi-row form (Write.bulkSql) inside a transaction are deferred: they are buffered
// and written with one multi-row statement per write just before the transaction's next statement,
// or before COMMIT. A group commit of 100 submissions thus costs a handful of round trips instead of
// hundreds, and the audit chain's lock (taken by the first auditHead) is held for that much less
// time. The transaction's outcome is the same: a failing write fails the transaction with the same
// error code, only later (at the next statement or at commit instead of at the call). A statement
// that names what it `touches` (a deferred write, and the key of the row or the rows it reads or
// changes) flushes the buffer only when such a row is in it; one that names nothing flushes
// everything first. The reads on a submission's way name what they touch (the care-path reads their
// keys, the regie and signal statements nothing deferred), so a group-commit batch of exchanges about
// different children writes its rows once, at COMMIT, not once per exchange.

import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { AuditRecord } from '../../kernel/audit-record.ts';
import type { Db, Dialect, Params, RunOptions, Touch, TxDb, Write } from '../sql/sql-db.ts';
import { auditColumns as auditCopies, bulkInsertSql } from '../sql/tables.ts';
import { storeError } from './pg-errors.ts';

const auditColumns = [
  ...(['seq bigint', 'time text', 'exchange_id text', 'actor text', 'counterparty text', 'action text', 'outcome text', 'prev_hash text', 'hash text'] as const),
  ...(['record text', 'data_subject_id text', 'purpose text'] as const),
].map((spec) => {
  const [name, type] = spec.split(' ') as [string, 'text' | 'bigint'];
  return { name, type };
});

/**
 * The audit chain: the first auditHead() of a transaction reads the one-row `audit_head` table FOR
 * UPDATE, so a second appender (in any process) waits until the first has committed, then reads the
 * head the first left. The records of a transaction are written, and the head moved to the last of
 * them, in one statement. Seq comes from the head, not a sequence, so a rolled-back append leaves no
 * gap. dataSubjectId and purpose are copied into columns for searchAudit (PostgreSQL's JSON functions
 * refuse a record holding an escaped NUL).
 */
const insertAuditSql = `WITH inserted AS (
    ${bulkInsertSql('audit', auditColumns, 'RETURNING seq, hash')})
  UPDATE audit_head SET seq = top.seq, hash = top.hash
    FROM (SELECT seq, hash FROM inserted ORDER BY seq DESC LIMIT 1) AS top
   WHERE audit_head.id = 1 AND audit_head.seq < top.seq`;

export const pgDialect: Dialect = {
  concurrent: true,
  multiRow: true,
  skipLocked: ' FOR UPDATE SKIP LOCKED',
  forUpdate: (alias) => ` FOR UPDATE OF ${alias}`,
  forShare: ' FOR SHARE',
  auditHeadSql: 'SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE',
  insertAudit: {
    operation: 'insertAudit',
    order: 0,
    onConstraint: 'audit-write-failed',
    sql: insertAuditSql, // always deferred: one row is a bulk of one
    bulkSql: insertAuditSql,
    key: (r: AuditRecord) => String(r.seq),
    values: (r: AuditRecord) => [
      r.seq,
      r.time,
      r.exchangeId ?? null,
      r.actor,
      r.counterparty ?? null,
      r.action,
      r.outcome,
      r.prevHash,
      r.hash,
      JSON.stringify(r),
      r.dataSubjectId ?? null,
      r.purpose ?? null,
    ],
  },
  auditSubject: 'data_subject_id',
  auditPurpose: 'purpose',
  // ISO 8601 UTC times compare as text, byte by byte.
  auditTime: 'time COLLATE "C"',
  auditColumns: { ...auditCopies, data_subject_id: 'dataSubjectId', purpose: 'purpose' },
};

const names = new Map<string, string>();

/** A statement's name: one per text, the same in every process (never one name for two texts). */
function query(text: string, values: Params): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    name = `kp_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    names.set(text, name);
  }
  return { name, text, values: values as unknown[] };
}

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

async function execute(on: Queryable, operation: string, text: string, params: Params, options?: RunOptions, arrays = false): Promise<pg.QueryResult> {
  try {
    // Rows as arrays: the same named statement, its rows not turned into objects.
    return arrays ? await on.query({ ...query(text, params), rowMode: 'array' }) : await on.query(query(text, params));
  } catch (err) {
    throw storeError(err, operation, options?.onConstraint);
  }
}

export function poolDb(pool: pg.Pool): Db {
  return {
    all: async <R>(operation: string, text: string, params: Params, options?: RunOptions) =>
      (await execute(pool, operation, text, params, options)).rows as R[],
    arrays: async (operation, text, params, options) => (await execute(pool, operation, text, params, options, true)).rows as unknown[][],
    run: async (operation, text, params, options) => (await execute(pool, operation, text, params, options)).rowCount ?? 0,
  };
}

export interface PgTxDb extends TxDb {
  /** Writes the deferred rows; transaction() calls it before COMMIT. */
  flush(): Promise<void>;
}

export function transactionDb(client: pg.PoolClient): PgTxDb {
  /** Deferred rows by write, in the order of first use; flushed in Write.order. */
  const buffered = new Map<Write<never>, unknown[]>();
  const bufferedKeys = new Map<Write<never>, Set<string>>();
  const flush = async (): Promise<void> => {
    if (buffered.size === 0) return;
    const batches = [...buffered].sort(([a], [b]) => a.order - b.order);
    buffered.clear();
    bufferedKeys.clear();
    for (const [write, rows] of batches) {
      const values = (rows as never[]).map((row) => write.values(row));
      const columns = (values[0] ?? []).map((_, i) => values.map((v) => v[i]));
      const result = await execute(client, write.operation, write.bulkSql ?? write.sql, columns, write);
      write.verify?.(result.rowCount ?? 0, rows.length);
    }
  };
  const mustFlush = (touches: readonly Touch[] | undefined): boolean => {
    if (buffered.size === 0) return false;
    if (touches === undefined) return true;
    return touches.some(({ write, key, rows }) => {
      if (key !== undefined) return bufferedKeys.get(write)?.has(key) === true;
      const pending = buffered.get(write);
      return pending !== undefined && (rows === undefined || pending.some((row) => rows(row as never)));
    });
  };
  const run = async (operation: string, text: string, params: Params, options?: RunOptions, arrays = false): Promise<pg.QueryResult> => {
    if (mustFlush(options?.touches)) await flush(); // what this transaction wrote and this statement needs comes first
    return execute(client, operation, text, params, options, arrays);
  };
  return {
    flush,
    pending: <Row>(write: Write<Row>) => (buffered.get(write) ?? []) as readonly Row[],
    all: async <R>(operation: string, text: string, params: Params, options?: RunOptions) => (await run(operation, text, params, options)).rows as R[],
    arrays: async (operation, text, params, options) => (await run(operation, text, params, options, true)).rows as unknown[][],
    run: async (operation, text, params, options) => (await run(operation, text, params, options)).rowCount ?? 0,
    async write<Row>(write: Write<Row>, row: Row) {
      if (write.bulkSql === undefined) {
        write.verify?.((await run(write.operation, write.sql, write.values(row), write)).rowCount ?? 0, 1);
        return;
      }
      const which = write as unknown as Write<never>;
      const key = write.key(row);
      if (bufferedKeys.get(which)?.has(key) === true) await flush(); // the same row again: keep the order
      const rows = buffered.get(which);
      if (rows === undefined) buffered.set(which, [row]);
      else rows.push(row);
      const keys = bufferedKeys.get(which);
      if (keys === undefined) bufferedKeys.set(which, new Set([key]));
      else keys.add(key);
    },
  };
}
