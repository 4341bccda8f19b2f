// `audit verify` by two threads (src/audit/parallel-chain-walk.ts): the main thread and a worker
// thread with its own store connection walk seq ranges ("segments") of the chain and the main thread
// composes them. For an intact chain and for every kind of tampering (also at and across segment
// boundaries), the answer must be deep-equal to the single walk's, on SQLite and (when
// KETENPOORT_TEST_PG_URL is set) PostgreSQL. The chain has 3,010 records in segments of 250; the main
// thread's reads wait for the worker to be ready and then go slowly, so that the worker takes segments. A worker that
// cannot start or fails does not change the answer, and no thread is left running.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain, type ChainVerification, type ParallelChainWalk } from '../../src/audit/audit-log.ts';
import { hashAuditRecord } from '../../src/audit/audit-hash.ts';
import type { StartSegmentWorker } from '../../src/audit/chain-segment.ts';
import { loadCheckpointSigner, publicKeyFromJwk } from '../../src/audit/checkpoint-signing.ts';
import { createCheckpointPublisher } from '../../src/audit/checkpointing.ts';
import { createFileWitness, type Witness } from '../../src/audit/witness.ts';
import type { AuditDraft, AuditRecord } from '../../src/kernel/audit-record.ts';
import { createAuditCheckpointJob } from '../../src/scheduler/jobs/audit-checkpoint.ts';
import type { JobContext } from '../../src/scheduler/job.ts';
import { createGroupCommitter } from '../../src/store/group-commit.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { ScheduleRow, Store } from '../../src/store/store.ts';
import { startSegmentWorker } from '../../src/workers/verify-segments-in-worker.ts';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import { openTamperablePostgres, openTamperableSqlite, type Tamperable } from '../support/tamperable-store.ts';
import { pgSuiteName, pgTestUrl } from '../support/postgres.ts';

const keyDir = mkdtempSync(join(tmpdir(), 'ketenpoort-parallel-key-'));
const signer = loadCheckpointSigner(join(keyDir, 'key.jwk'), { create: true });
const publicKey = publicKeyFromJwk(signer.publicJwk);
const otherKey = publicKeyFromJwk(loadCheckpointSigner(join(keyDir, 'other.jwk'), { create: true }).publicJwk);

const segmentSize = 250;
const pageSize = 100;
const time = (n: number): Date => new Date(Date.UTC(2026, 11, 3, 12, 0, 0) + n * 1000);

function draft(n: number): AuditDraft {
  return {
    traceId: n.toString(16).padStart(32, '0'),
    spanId: n.toString(16).padStart(16, '0'),
    action: n % 3 === 2 ? 'delivery.attempt' : 'exchange.submit',
    outcome: n % 3 === 2 ? 'delivered' : 'allowed',
    exchangeId: `ex-${n}`,
    actor: n % 2 === 0 ? 'party-a' : 'party-b',
    counterparty: 'party-c',
    messageType: 'JW315',
    purpose: 'toewijzing',
    ...(n % 10 === 0 ? { detail: `Zoë 😀 "${n}"\n` } : {}),
  };
}


async function append(store: Store, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; ) {
    await store.transaction(async (tx) => {
      for (let k = 0; k < 500 && i <= to; k++, i++) await appendAudit(tx, draft(i), time(i));
    });
  }
}

async function checkpoint(store: Store, witness: Witness, at: number): Promise<number> {
  const job = createAuditCheckpointJob({ committer: createGroupCommitter(store, { maxBatch: 1, maxWaitMs: 0 }), clock: { now: () => time(at) }, signer, publisher: createCheckpointPublisher([witness]) });
  const ctx: JobContext = { schedule: { name: 'checkpoint' } as ScheduleRow, runId: 'run', actorId: 'ketenpoort', signal: new AbortController().signal, progress: () => Promise.resolve() };
  return (await job.run(ctx)).counts.read;
}

/**
 * The real worker starter, watched: what the worker said and whether its thread ended. Once a worker
 * is started, the main thread's chain reads (through `mainStore`) wait until it is ready (or gone) and
 * then go slowly, so that the worker takes segments however long its start-up takes on a busy machine.
 */
function watchedWorker(store: Store): { readonly seen: { started: boolean; ended: boolean; said: string[] }; readonly startWorker: StartSegmentWorker; readonly mainStore: Store } {
  const seen = { started: false, ended: false, said: [] as string[] };
  let open: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    open = resolve;
  });
  const startWorker: StartSegmentWorker = (input, onMessage, onGone) => {
    const worker = startSegmentWorker(
      input,
      (message) => {
        seen.said.push(message.kind);
        if (message.kind !== 'segment') open();
        onMessage(message);
      },
      (error) => {
        seen.ended = true;
        open();
        onGone(error);
      },
    );
    seen.started = true;
    return worker;
  };
  const mainStore = new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'readAuditChainRows') {
        return async (fromSeq: number, limit: number) => {
          if (seen.started) {
            await ready;
            await sleep(5);
          }
          return target.readAuditChainRows(fromSeq, limit);
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { seen, startWorker, mainStore };
}

/** The record at `seq` rewritten with `change` and hashed again, so that it matches its own hash. */
function rewrittenRow(record: AuditRecord, change: Partial<AuditRecord>): string {
  const { hash: _old, ...rest } = { ...record, ...change };
  const rewritten: AuditRecord = { ...rest, hash: hashAuditRecord(rest) };
  return `record = '${JSON.stringify(rewritten).replaceAll("'", "''")}', hash = '${rewritten.hash}', prev_hash = '${rewritten.prevHash}'`;
}

function describeParallelVerify(name: string, open: () => Promise<Tamperable>): void {
  describe(name, () => {
    /**
     * Records 1-1000, checkpoint of 1000 (its record 1001), records 1002-1750, checkpoint of 1750
     * (the last record of segment 7; record 1751), records 1752-2999, checkpoint of 2999 (record
     * 3000), records 3001-3010: ten records after the last checkpoint.
     */
    const withChain = async (fn: (t: Tamperable, witnessFile: string) => Promise<void>): Promise<void> => {
      const t = await open();
      const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-parallel-witness-'));
      const witnessFile = join(dir, 'audit.witness');
      const witness = createFileWitness(witnessFile);
      try {
        await append(t.store, 1, 1000);
        expect(await checkpoint(t.store, witness, 5000)).toBe(1000);
        await append(t.store, 1002, 1750);
        expect(await checkpoint(t.store, witness, 5001)).toBe(1750);
        await append(t.store, 1752, 2999);
        expect(await checkpoint(t.store, witness, 5002)).toBe(2999);
        await append(t.store, 3001, 3010);
        await fn(t, witnessFile);
      } finally {
        await t.done();
        rmSync(dir, { recursive: true, force: true });
      }
    };

    /** Verifies single and parallel, expects the same answer and returns it (and how many segments the worker gave). */
    const both = async (t: Tamperable, witnessFile: string, key = publicKey): Promise<{ single: ChainVerification; workerSegments: number }> => {
      const options = { publicKey: key, witnesses: [createFileWitness(witnessFile)], pageSize };
      const single = await verifyAuditChain(t.store, options);
      const errors: Error[] = [];
      const { seen, startWorker, mainStore } = watchedWorker(t.store);
      const parallel: ParallelChainWalk = { storeUrl: t.url, startWorker, segmentSize, minRecords: 1, onWorkerError: (e) => errors.push(e) };
      expect(await verifyAuditChain(mainStore, { ...options, parallel })).toStrictEqual(single);
      expect(errors).toStrictEqual([]);
      // The worker thread (none for an empty chain) has ended before the answer.
      expect(seen.ended).toBe(seen.started);
      return { single, workerSegments: seen.said.filter((kind) => kind === 'segment').length };
    };

    it('when the chain is whole, then two threads give the single walk\'s answer, the worker walking segments of its own', async () => {
      await withChain(async (t, witnessFile) => {
        const { single, workerSegments } = await both(t, witnessFile);
        expect(single).toMatchObject({ ok: true, checked: 3010, firstBroken: null, checkpoints: { verified: 3, failed: [] }, tail: { afterSeq: 2999, records: 11 } });
        expect(workerSegments).toBeGreaterThan(0);
      });
    }, 60_000);

    it('when records are altered (in a segment, at a segment\'s first record, at its last), then the answer is the single walk\'s', async () => {
      await withChain(async (t, witnessFile) => {
        await t.sql(`UPDATE audit SET record = replace(record, '"outcome":"allowed"', '"outcome":"refused"') WHERE seq = 1234`);
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 1233, firstBroken: { seq: 1234, problem: 'hash does not match the record (it was altered)' } });
        await t.sql(`UPDATE audit SET record = replace(record, '"outcome":"allowed"', '"outcome":"refused"') WHERE seq = 751`);
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 750, firstBroken: { seq: 751 } });
        await t.sql(`UPDATE audit SET record = replace(record, '"party-c"', '"party-d"') WHERE seq = 500`);
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 499, firstBroken: { seq: 500 } });
      });
    }, 60_000);

    it('when records are deleted (in the middle, the first and the last of a segment, a whole segment\'s range), then the answer is the single walk\'s', async () => {
      await withChain(async (t, witnessFile) => {
        await t.sql('DELETE FROM audit WHERE seq >= 1001 AND seq <= 1250');
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 1000, firstBroken: { seq: 1251, problem: 'expected seq 1001, found 1251 (a record is missing)' } });
        await t.sql('DELETE FROM audit WHERE seq = 751');
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 750, firstBroken: { seq: 752, problem: 'expected seq 751, found 752 (a record is missing)' } });
        await t.sql('DELETE FROM audit WHERE seq = 500');
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 499, firstBroken: { seq: 501, problem: 'expected seq 500, found 501 (a record is missing)' } });
        await t.sql('DELETE FROM audit WHERE seq = 320');
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 319, firstBroken: { seq: 321 } });
      });
    }, 60_000);

    it('when the first records are deleted (part of the first segment, then all of it), then the answer is the single walk\'s', async () => {
      await withChain(async (t, witnessFile) => {
        await t.sql('DELETE FROM audit WHERE seq <= 100');
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 0, firstBroken: { seq: 101, problem: 'the chain starts at seq 101, not at seq 1: its first records were removed' } });
        await t.sql('DELETE FROM audit WHERE seq <= 250');
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 0, firstBroken: { seq: 251 } });
      });
    }, 60_000);

    it('when the last records are deleted past a checkpoint (in a segment, then at a segment\'s end), then the answer is the single walk\'s', async () => {
      await withChain(async (t, witnessFile) => {
        await t.sql('DELETE FROM audit WHERE seq >= 2600');
        const cut = (await both(t, witnessFile)).single;
        expect(cut).toMatchObject({ ok: false, checked: 2599, firstBroken: null, head: { seq: 2599 }, checkpoints: { verified: 2, failed: [{ seq: 2999, problem: expect.stringMatching(/the chain ends at seq 2599/) }] } });
        await t.sql('DELETE FROM audit WHERE seq > 1750');
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 1750, head: { seq: 1750 }, checkpoints: { verified: 2, failed: [{ seq: 2999 }] } });
        await t.sql('DELETE FROM audit');
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 0, head: null, checkpoints: { failed: [{ seq: 1000, problem: 'the chain is empty, but checkpoints exist (records were removed)' }] } });
      });
    }, 60_000);

    it('when a record links to another prevHash (at a segment\'s first record, then inside a segment), or two records swap across a boundary, then the answer is the single walk\'s', async () => {
      await withChain(async (t, witnessFile) => {
        const [at1501, at1620] = [(await t.store.readAuditChain(1501, 1))[0] as AuditRecord, (await t.store.readAuditChain(1620, 1))[0] as AuditRecord];
        await t.sql(`UPDATE audit SET ${rewrittenRow(at1620, { prevHash: 'a'.repeat(64) })} WHERE seq = 1620`);
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 1619, firstBroken: { seq: 1620, problem: 'prevHash does not match the previous record' } });
        await t.sql(`UPDATE audit SET ${rewrittenRow(at1501, { prevHash: 'b'.repeat(64) })} WHERE seq = 1501`);
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 1500, firstBroken: { seq: 1501, problem: 'prevHash does not match the previous record' } });
        const [r750, r751] = await t.store.readAuditChain(750, 2);
        const row = (r: AuditRecord): string => `record = '${JSON.stringify(r).replaceAll("'", "''")}', hash = '${r.hash}', prev_hash = '${r.prevHash}'`;
        await t.sql(`UPDATE audit SET ${row(r751!)} WHERE seq = 750; UPDATE audit SET ${row(r750!)} WHERE seq = 751`);
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 749, firstBroken: { seq: 751, problem: 'expected seq 750, found 751 (a record is missing)' } });
      });
    }, 60_000);

    it('when stored index columns are changed (before, at and after the first broken record, more than twenty), then the answer is the single walk\'s', async () => {
      await withChain(async (t, witnessFile) => {
        // Thirty records over several segments, the first records of segments among them.
        await t.sql(`UPDATE audit SET actor = 'party-x' WHERE seq % 97 = 0 OR seq IN (251, 500, 501)`);
        const many = (await both(t, witnessFile)).single;
        expect(many).toMatchObject({ ok: false, checked: 3010, firstBroken: null });
        expect(many.mismatchedColumns).toHaveLength(20);
        expect(many.mismatchedColumns?.slice(0, 5)).toStrictEqual([{ seq: 97, column: 'actor' }, { seq: 194, column: 'actor' }, { seq: 251, column: 'actor' }, { seq: 291, column: 'actor' }, { seq: 388, column: 'actor' }]);
        // Broken at the first record of a segment whose column also changed: it counts, later ones do not.
        await t.sql(`UPDATE audit SET actor = 'party-y', record = replace(record, '"party-c"', '"party-d"') WHERE seq = 501`);
        const broken = (await both(t, witnessFile)).single;
        expect(broken).toMatchObject({ ok: false, checked: 500, firstBroken: { seq: 501 } });
        expect(broken.mismatchedColumns?.slice(6)).toStrictEqual([{ seq: 500, column: 'actor' }, { seq: 501, column: 'actor' }, { seq: 501, column: 'counterparty' }]);
        // Broken inside a segment.
        await t.sql(`UPDATE audit SET record = replace(record, '"party-c"', '"party-d"') WHERE seq = 291`);
        expect((await both(t, witnessFile)).single.mismatchedColumns?.map((m) => m.seq)).toStrictEqual([97, 194, 251, 291, 291]);
      });
    }, 60_000);

    it('when stored seq columns are changed (the rows after 2,000 moved up by 5,000, the records unchanged), then the answer is the single walk\'s', async () => {
      await withChain(async (t, witnessFile) => {
        await t.sql('UPDATE audit SET seq = seq + 5000 WHERE seq > 2000');
        const moved = (await both(t, witnessFile)).single;
        expect(moved.ok).toBe(false);
        expect(moved.mismatchedColumns?.[0]).toStrictEqual({ seq: 2001, column: 'seq' });
      });
    }, 60_000);

    it('when a row is inserted after the last record whose stored seq is in range but whose record claims a seq beyond its segment, then the answer is the single walk\'s (not ok)', async () => {
      await withChain(async (t, witnessFile) => {
        // A plain INSERT (the append-only triggers allow it): stored seq 3011, the record's own seq far beyond.
        const [last] = await t.store.readAuditChain(3010, 1);
        const forged = { ...(last as AuditRecord), seq: 999_999 };
        await t.sql(`INSERT INTO audit (seq, time, exchange_id, actor, counterparty, action, outcome, prev_hash, hash, record)
          VALUES (3011, '${forged.time}', 'ex-forged', 'party-a', 'party-c', 'exchange.submit', 'allowed', '${forged.prevHash}', '${forged.hash}', '${JSON.stringify(forged).replaceAll("'", "''")}')`);
        const { single } = await both(t, witnessFile);
        expect(single.ok).toBe(false);
      });
    }, 60_000);

    it('when a record inside a page has its own seq edited beyond its segment (stored seq unchanged), then the answer is the single walk\'s', async () => {
      await withChain(async (t, witnessFile) => {
        await t.sql(`UPDATE audit SET record = replace(record, '"seq":1050,', '"seq":999999,') WHERE seq = 1050`);
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 1049 });
      });
    }, 60_000);

    it('when a segment\'s first record claims a seq beyond it and its page\'s last record one before it, then the walk ends with the single walk\'s answer', async () => {
      await withChain(async (t, witnessFile) => {
        // Segment 4 is 1001-1250, its first page 1001-1100.
        await t.sql(`UPDATE audit SET record = replace(record, '"seq":1001,', '"seq":999999,') WHERE seq = 1001;
          UPDATE audit SET record = replace(record, '"seq":1100,', '"seq":1000,') WHERE seq = 1100`);
        const timedOut = sleep(20_000).then(() => 'the walk did not end within 20 s');
        const answer = await Promise.race([both(t, witnessFile).then((r) => r.single), timedOut]);
        expect(answer).toMatchObject({ ok: false, checked: 1000 });
      });
    }, 60_000);

    it('when a row far beyond the chain\'s end agrees with itself (stored seq and record seq alike), then the walk ends at the hole before it at once, with the single walk\'s answer', async () => {
      await withChain(async (t, witnessFile) => {
        // Before the fix every empty segment up to it was read one by one (100,000,000 / 250 of them).
        const [last] = await t.store.readAuditChain(3010, 1);
        const forged = { ...(last as AuditRecord), seq: 100_000_000 };
        await t.sql(`INSERT INTO audit (seq, time, exchange_id, actor, counterparty, action, outcome, prev_hash, hash, record)
          VALUES (100000000, '${forged.time}', ${forged.exchangeId === undefined ? 'NULL' : `'${forged.exchangeId}'`}, '${forged.actor}', ${forged.counterparty === undefined ? 'NULL' : `'${forged.counterparty}'`}, '${forged.action}', '${forged.outcome}', '${forged.prevHash}', '${forged.hash}', '${JSON.stringify(forged).replaceAll("'", "''")}')`);
        const started = Date.now();
        const timedOut = sleep(20_000).then(() => 'the walk did not end within 20 s');
        const answer = await Promise.race([both(t, witnessFile).then((r) => r.single), timedOut]);
        expect(answer).toMatchObject({ ok: false, checked: 3010, firstBroken: { seq: 100_000_000, problem: 'expected seq 3011, found 100000000 (a record is missing)' } });
        expect(Date.now() - started).toBeLessThan(10_000);
      });
    }, 60_000);

    it('when a checkpoint row, its key or the witness do not match, then the answer is the single walk\'s', async () => {
      await withChain(async (t, witnessFile) => {
        await t.sql(`UPDATE audit_checkpoints SET hash = '${'c'.repeat(64)}' WHERE seq = 1750`);
        expect((await both(t, witnessFile)).single).toMatchObject({ ok: false, checked: 3010, checkpoints: { verified: 2, failed: [{ seq: 1750, problem: 'the record differs from the one the checkpoint signed' }] } });
        expect((await both(t, witnessFile, otherKey)).single).toMatchObject({ ok: false, checkpoints: { verified: 0, failed: [{ seq: 1000, problem: expect.stringMatching(/^signed with key/) }, { seq: 1750 }, { seq: 2999 }] } });
        const [first, second, third] = readFileSync(witnessFile, 'utf8').trim().split('\n') as [string, string, string];
        writeFileSync(witnessFile, `${first}\n${JSON.stringify({ ...(JSON.parse(second) as Record<string, unknown>), hash: 'f'.repeat(64) })}\n${third}\n`);
        const edited = (await both(t, witnessFile)).single;
        expect(edited.ok).toBe(false);
        expect(edited.witness?.failed.length).toBeGreaterThan(0);
      });
    }, 60_000);
  });
}

describeParallelVerify('audit verify by two threads on SQLite', () => openTamperableSqlite('ketenpoort-parallel-'));

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('audit verify by two threads on PostgreSQL'), () => {
  describeParallelVerify('with a schema of its own', openTamperablePostgres);
});

describe('audit verify when the segment worker cannot help', () => {
  const withSqliteChain = async (fn: (store: Store, url: string, dir: string) => Promise<void>): Promise<void> => {
    const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-parallel-fail-'));
    const url = `sqlite:${join(dir, 'gateway.db')}`;
    const store = await openStore(url);
    try {
      await store.migrate();
      await append(store, 1, 2000);
      await fn(store, url, dir);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('when the worker cannot be started, then the main thread walks every segment, the answer is the single walk\'s and the failure is told', async () => {
    await withSqliteChain(async (store, url) => {
      const single = await verifyAuditChain(store, { pageSize });
      const errors: Error[] = [];
      const startWorker: StartSegmentWorker = () => {
        throw new Error('no thread today');
      };
      const parallel: ParallelChainWalk = { storeUrl: url, startWorker, segmentSize, minRecords: 1, onWorkerError: (e) => errors.push(e) };
      expect(await verifyAuditChain(store, { pageSize, parallel })).toStrictEqual(single);
      expect(single).toMatchObject({ ok: true, checked: 2000 });
      expect(errors).toHaveLength(1);
      expect([(errors[0] as GatewayError).code, errors[0]?.message, (errors[0]?.cause as Error).message]).toStrictEqual(['internal', 'the audit segment worker could not be started', 'no thread today']);
    });
  }, 60_000);

  it('when the worker takes a segment and then hangs, then after stallMs the main thread walks it, the answer is the single walk\'s and the hang is told once', async () => {
    await withSqliteChain(async (store, url) => {
      const single = await verifyAuditChain(store, { pageSize });
      const errors: Error[] = [];
      let ended = false;
      const startWorker: StartSegmentWorker = (input, onMessage) => {
        // Takes the first segment from the shared counter, says it is ready, and then nothing ever.
        Atomics.add(new Int32Array(input.control), 0, 1);
        onMessage({ kind: 'ready' });
        return { end: () => { ended = true; return Promise.resolve(); } };
      };
      const parallel: ParallelChainWalk = { storeUrl: url, startWorker, segmentSize, minRecords: 1, stallMs: 300, onWorkerError: (e) => errors.push(e) };
      const started = Date.now();
      expect(await verifyAuditChain(store, { pageSize, parallel })).toStrictEqual(single);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(errors.map((e) => [e instanceof GatewayError ? e.code : 'not a GatewayError', e.message])).toStrictEqual([['internal', 'the audit segment worker handed nothing over for 0.3 s']]);
      expect(ended).toBe(true);
    });
  }, 60_000);

  it('when the worker fails after taking a segment (its store has no audit table), then the main thread walks that segment too, the answer is the single walk\'s and the thread has ended', async () => {
    await withSqliteChain(async (store, _url, dir) => {
      const single = await verifyAuditChain(store, { pageSize });
      const errors: Error[] = [];
      const { seen, startWorker, mainStore } = watchedWorker(store);
      // A store the worker can open but not read the chain from: it fails inside its first segment.
      const parallel: ParallelChainWalk = { storeUrl: `sqlite:${join(dir, 'empty.db')}`, startWorker, segmentSize, minRecords: 1, onWorkerError: (e) => errors.push(e) };
      expect(await verifyAuditChain(mainStore, { pageSize, parallel })).toStrictEqual(single);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(GatewayError);
      expect([(errors[0] as GatewayError).code, errors[0]?.message]).toStrictEqual(['internal', 'the audit segment worker failed']);
      // The worker's own words, for the log: its store has no chain.
      expect((errors[0]?.cause as Error).message).toMatch(/not migrated/);
      expect(seen.ended).toBe(true);
      // Its store opened, it failed at the read of the segment it had taken.
      expect(seen.said).toStrictEqual(['ready', 'failed']);
    });
  }, 60_000);

  it('when a short chain gets one forged row at stored seq 100,000 (record seq beyond), then default settings walk by two threads and must still not say ok', async () => {
    await withSqliteChain(async (store, url, dir) => {
      const [last] = await store.readAuditChain(2000, 1);
      const forged = { ...(last as AuditRecord), seq: 1_000_000_000 };
      const db = new Database(join(dir, 'gateway.db'));
      try {
        db.prepare(`INSERT INTO audit (seq, time, exchange_id, actor, counterparty, action, outcome, prev_hash, hash, record)
          VALUES (100000, ?, 'ex-forged', 'party-a', 'party-c', 'exchange.submit', 'allowed', ?, ?, ?)`).run(forged.time, forged.prevHash, forged.hash, JSON.stringify(forged));
      } finally {
        db.close();
      }
      const single = await verifyAuditChain(store);
      expect(single.ok).toBe(false);
      const parallel: ParallelChainWalk = { storeUrl: url, startWorker: startSegmentWorker };
      expect(await verifyAuditChain(store, { parallel })).toStrictEqual(single);
    });
  }, 60_000);

  it('when the chain is shorter than minRecords, then no worker is started', async () => {
    await withSqliteChain(async (store, url) => {
      let started = 0;
      const startWorker: StartSegmentWorker = (input, onMessage, onGone) => {
        started += 1;
        return startSegmentWorker(input, onMessage, onGone);
      };
      const result = await verifyAuditChain(store, { parallel: { storeUrl: url, startWorker, segmentSize, minRecords: 2001 } });
      expect(result).toMatchObject({ ok: true, checked: 2000 });
      expect(started).toBe(0);
      await verifyAuditChain(store, { parallel: { storeUrl: url, startWorker, segmentSize, minRecords: 2000 } });
      expect(started).toBe(1);
    });
  }, 60_000);
});
