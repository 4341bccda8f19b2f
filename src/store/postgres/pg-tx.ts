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
//
// Round trips (transactionDb, pg-batch.ts): BEGIN goes with the transaction's first statement, the
// deferred writes with the statement that needed them (or with COMMIT) behind them, in one round trip
// each, unless a deferred write's row count is to be checked first (Write.verify).

import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { AuditRecord } from '../../kernel/audit-record.ts';
import { GatewayError } from '../../kernel/gateway-error.ts';
import type { Db, Dialect, Params, RunOptions, Touch, TxDb, Write } from '../sql/sql-db.ts';
import { auditColumns as auditCopies, bulkInsertSql } from '../sql/tables.ts';
import { markCommitOutcomeUnknown } from '../commit-outcome.ts';
import { BatchError, runBatch, type BatchResult, type BatchStatement } from './pg-batch.ts';
import { sqlState, storeError } from './pg-errors.ts';

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
  /** Whether BEGIN has gone to the server: the transaction then ends with COMMIT or ROLLBACK. */
  readonly begun: boolean;
  /**
   * Writes the deferred rows and commits (transaction() calls it once fn has succeeded). Rejects with a
   * DeferredWriteFailed when a deferred write failed (the transaction is open and doomed: roll back),
   * otherwise with the COMMIT's error (commit-outcome.ts marks an outcome that is unknown).
   */
  commit(): Promise<void>;
  /** The session ended after a round trip's last statement had completed: the connection is not to be used again. */
  readonly lost: boolean;
}

/** An ErrorResponse that ends the session (FATAL, PANIC), not only the statement. */
function sessionEnding(err: unknown): boolean {
  const severity = typeof err === 'object' && err !== null ? (err as { severity?: unknown }).severity : undefined;
  return severity === 'FATAL' || severity === 'PANIC';
}

/** A deferred write failed at commit: nothing was committed, the transaction is to be rolled back. */
export class DeferredWriteFailed extends Error {
  constructor(readonly error: unknown) {
    super('a deferred write failed');
  }
}

const begin: BatchStatement = { ...statement('BEGIN', []) };
const commitStatement: BatchStatement = { ...statement('COMMIT', []) };

function statement(text: string, values: Params, arrays = false): BatchStatement {
  const { name } = query(text, values);
  return { name: name as string, text, values, arrays };
}

/**
 * The runner of one transaction, on its pooled connection. Round trips are saved three ways, none
 * changing what the server runs or in which order (pg-batch.ts): BEGIN goes with the transaction's
 * first statement (a transaction that sends none sends no BEGIN and no COMMIT either); deferred
 * writes go together, with the statement that needed them behind them; and COMMIT goes behind the
 * last of them. A statement, or COMMIT, goes behind deferred writes only when none of those has a row
 * count to check first (Write.verify): the check fails the transaction before anything follows.
 */
export function transactionDb(client: pg.PoolClient): PgTxDb {
  /** Deferred rows by write, in the order of first use; flushed in Write.order. */
  const buffered = new Map<Write<never>, unknown[]>();
  const bufferedKeys = new Map<Write<never>, Set<string>>();
  let begun = false;
  /** The session ended after the last statement of a round trip had completed (commit: the COMMIT had). */
  let lost = false;

  interface Step {
    readonly statement: BatchStatement;
    readonly operation: string;
    readonly options?: RunOptions;
    readonly write?: { readonly write: Write<never>; readonly rows: number };
  }

  /** The deferred writes as statements, in Write.order; the buffer is emptied. */
  const takeWrites = (): Step[] => {
    const batches = [...buffered].sort(([a], [b]) => a.order - b.order);
    buffered.clear();
    bufferedKeys.clear();
    return batches.map(([write, rows]) => {
      const values = (rows as never[]).map((row) => write.values(row));
      const columns = (values[0] ?? []).map((_, i) => values.map((v) => v[i]));
      return { statement: statement(write.bulkSql ?? write.sql, columns), operation: write.operation, options: write, write: { write, rows: rows.length } };
    });
  };

  /**
   * Sends the steps in one round trip, BEGIN first if it has not gone yet, and checks the row counts of
   * the deferred writes among them; resolves the steps' results. A failure rejects with `failed` of the
   * raw error and the step it came at (by default the step's storeError).
   */
  const send = async (
    steps: readonly Step[],
    failed: (raw: unknown, step: Step, completed: boolean) => Error | undefined = (raw, step) => storeError(raw, step.operation, step.options?.onConstraint),
  ): Promise<BatchResult[]> => {
    const all: readonly Step[] = begun ? steps : [{ statement: begin, operation: 'begin' }, ...steps];
    begun = true;
    let results: BatchResult[];
    try {
      results = await runBatch(client, all.map((step) => step.statement));
    } catch (err) {
      const failure = err instanceof BatchError ? err : new BatchError(err, 0);
      // `completed`: every statement's CommandComplete had come; what failed was the session after them.
      const error = failed(failure.error, all[Math.min(failure.at, all.length - 1)] as Step, failure.at >= all.length);
      if (error !== undefined) throw error;
      lost = true;
      return [];
    }
    all.forEach((step, i) => step.write?.write.verify?.(results[i]?.rowCount ?? 0, step.write.rows));
    return results.slice(all.length - steps.length);
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
  const checked = (steps: readonly Step[]): boolean => steps.some((step) => step.write?.write.verify !== undefined);

  const run = async (operation: string, text: string, params: Params, options?: RunOptions, arrays = false): Promise<BatchResult> => {
    const own: Step = { statement: statement(text, params, arrays), operation, options };
    // What this transaction wrote and this statement needs goes first, in the same round trip unless
    // a write's row count is to be checked before anything follows.
    const writes = mustFlush(options?.touches) ? takeWrites() : [];
    if (checked(writes)) await send(writes);
    const results = await send(checked(writes) ? [own] : [...writes, own]);
    return results[results.length - 1] as BatchResult;
  };

  const write = async <Row>(write: Write<Row>, row: Row): Promise<void> => {
    if (write.bulkSql === undefined) {
      write.verify?.((await run(write.operation, write.sql, write.values(row), write)).rowCount, 1);
      return;
    }
    const which = write as unknown as Write<never>;
    const key = write.key(row);
    if (bufferedKeys.get(which)?.has(key) === true) await send(takeWrites()); // the same row again: keep the order
    const rows = buffered.get(which);
    if (rows === undefined) buffered.set(which, [row]);
    else rows.push(row);
    const keys = bufferedKeys.get(which);
    if (keys === undefined) bufferedKeys.set(which, new Set([key]));
    else keys.add(key);
  };

  return {
    get begun() {
      return begun;
    },
    get lost() {
      return lost;
    },
    pending: <Row>(write: Write<Row>) => (buffered.get(write) ?? []) as readonly Row[],
    all: async <R>(operation: string, text: string, params: Params, options?: RunOptions) => (await run(operation, text, params, options)).rows as R[],
    arrays: async (operation, text, params, options) => (await run(operation, text, params, options, true)).rows as unknown[][],
    run: async (operation, text, params, options) => (await run(operation, text, params, options)).rowCount,
    write,
    async commit() {
      const writes = takeWrites();
      if (!begun && writes.length === 0) return; // nothing reached the server: nothing to commit
      if (checked(writes)) {
        try {
          await send(writes);
        } catch (err) {
          throw new DeferredWriteFailed(err);
        }
        writes.length = 0;
      }
      const commitStep: Step = { statement: commitStatement, operation: 'commit' };
      const results = await send([...writes, commitStep], (raw, step, completed) => {
        // COMMIT's CommandComplete came: PostgreSQL commits at the COMMIT's Execute, before that answer
        // and before it reads the Sync (postgres.c, exec_execute_message); what came after it (a FATAL
        // 57P01 of a backend told to terminate, read at the Sync; a broken connection) ended only the
        // session. The transaction committed; the connection is not used again.
        if (completed) return undefined;
        // No SQLSTATE: the connection broke once COMMIT had gone, and whether it took effect is
        // unknown (commit-outcome.ts). Nor is it known after a FATAL or PANIC that came in the
        // COMMIT's place (a PANIC in its WAL flush). With an ERROR, the server refused a write or the
        // COMMIT and nothing was committed; a refused write leaves the transaction open, to be rolled back.
        if (sqlState(raw) === undefined || (step === commitStep && sessionEnding(raw))) return markCommitOutcomeUnknown(storeError(raw, 'commit'));
        if (step === commitStep) return storeError(raw, 'commit');
        return new DeferredWriteFailed(storeError(raw, step.operation, step.options?.onConstraint));
      });
      // COMMIT answers ROLLBACK for a transaction that was already failed: nothing was committed.
      const tag = results[results.length - 1]?.command;
      if (!lost && tag !== undefined && tag !== 'COMMIT') {
        throw new GatewayError('store-unavailable', { detail: `store: commit: the server ended the transaction with ${tag}`, logOnlyDetail: true });
      }
    },
  };
}
