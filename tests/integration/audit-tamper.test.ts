// Tampering with the audit log by someone with write access to the database, on SQLite and (when
// KETENPOORT_TEST_PG_URL is set) PostgreSQL: the append-only triggers are dropped first, as such an
// insider could. For each kind of change, verification names what was changed, and the API does not
// serve a record on the strength of a changed column.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';
import { hashAuditRecord } from '../../src/audit/audit-hash.ts';
import type { AuditDraft, AuditRecord } from '../../src/kernel/audit-record.ts';
import { loadCheckpointSigner, publicKeyFromJwk } from '../../src/audit/checkpoint-signing.ts';
import { createFileWitness, type Witness } from '../../src/audit/witness.ts';
import { createCheckpointPublisher } from '../../src/audit/checkpointing.ts';
import { createReceiptIssuer, treeRootOf, verifyReceipt } from '../../src/audit/receipts.ts';
import { createAuditCheckpointJob } from '../../src/scheduler/jobs/audit-checkpoint.ts';
import type { JobContext } from '../../src/scheduler/job.ts';
import { createGroupCommitter } from '../../src/store/group-commit.ts';
import type { ScheduleRow, Store } from '../../src/store/store.ts';
import { openTamperablePostgres, openTamperableSqlite, type Tamperable } from '../support/tamperable-store.ts';
import { pgSuiteName, pgTestUrl } from '../support/postgres.ts';


const keyDir = mkdtempSync(join(tmpdir(), 'ketenpoort-tamper-key-'));
const signer = loadCheckpointSigner(join(keyDir, 'key.jwk'), { create: true });
const publicKey = publicKeyFromJwk(signer.publicJwk);

/** Runs the audit-checkpoint job as the scheduler would: signs the head, stores and witnesses the checkpoint. */
async function checkpoint(store: Store, witness: Witness, at: number): Promise<number> {
  const job = createAuditCheckpointJob({ committer: createGroupCommitter(store, { maxBatch: 1, maxWaitMs: 0 }), clock: { now: () => time(at) }, signer, publisher: createCheckpointPublisher([witness]) });
  const ctx: JobContext = { schedule: { name: 'checkpoint' } as ScheduleRow, runId: 'run', actorId: 'ketenpoort', signal: new AbortController().signal, progress: () => Promise.resolve() };
  const result = await job.run(ctx);
  expect(result.counts).toMatchObject({ accepted: 1, failed: 0 });
  return result.counts.read;
}

const time = (n: number): Date => new Date(Date.UTC(2026, 11, 3, 12, 0, n));

function draft(n: number): AuditDraft {
  const actor = n % 2 === 0 ? 'party-a' : 'party-b';
  return {
    traceId: `${'0'.repeat(30)}${String(n).padStart(2, '0')}`,
    spanId: `${'0'.repeat(14)}${String(n).padStart(2, '0')}`,
    action: 'exchange.submit',
    outcome: 'allowed',
    exchangeId: `ex-${n}`,
    actor,
    counterparty: 'party-c',
    messageType: 'JW301',
    purpose: 'toewijzing',
    dataSubjectId: `ps-${n}`,
    dataSubjectIdType: 'bsn-pseudonym',
  };
}

/** Records 1..n, one transaction each. */
async function writeChain(store: Store, n: number): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (let i = 1; i <= n; i++) records.push(await store.transaction((tx) => appendAudit(tx, draft(i), time(i))));
  return records;
}

function describeTampering(name: string, open: () => Promise<Tamperable>): void {
  describe(name, () => {
    const withChain = async (n: number, fn: (t: Tamperable, records: AuditRecord[]) => Promise<void>): Promise<void> => {
      const t = await open();
      try {
        await fn(t, await writeChain(t.store, n));
      } finally {
        await t.done();
      }
    };

    /**
     * A chain with two witnessed checkpoints: records 1-3, checkpoint of 3 (its record is 4), records
     * 5-6, checkpoint of 6 (record 7), records 8-10: three records after the last checkpoint.
     */
    const withWitnessedChain = async (fn: (t: Tamperable, verify: () => ReturnType<typeof verifyAuditChain>, witnessFile: string) => Promise<void>): Promise<void> => {
      const t = await open();
      const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-witness-'));
      const witnessFile = join(dir, 'audit.witness');
      const witness = createFileWitness(witnessFile);
      try {
        await writeChain(t.store, 3);
        expect(await checkpoint(t.store, witness, 20)).toBe(3);
        for (let i = 5; i <= 6; i++) await t.store.transaction((tx) => appendAudit(tx, draft(i), time(i)));
        expect(await checkpoint(t.store, witness, 21)).toBe(6);
        for (let i = 8; i <= 10; i++) await t.store.transaction((tx) => appendAudit(tx, draft(i), time(i)));
        await fn(t, () => verifyAuditChain(t.store, { publicKey, witnesses: [witness] }), witnessFile);
      } finally {
        await t.done();
        rmSync(dir, { recursive: true, force: true });
      }
    };

    it('when a witnessed chain is whole, then the checkpoints match the witness and the tail after the last one is reported', async () => {
      await withWitnessedChain(async (_t, verify, witnessFile) => {
        expect(readFileSync(witnessFile, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq)).toStrictEqual([3, 6]);
        expect(await verify()).toMatchObject({
          ok: true,
          checked: 10,
          firstBroken: null,
          checkpoints: { verified: 2, failed: [] },
          witness: { source: witnessFile, entries: 2, newestSeq: 6, failed: [] },
          tail: { afterSeq: 6, records: 4, summary: '4 records protected by the chain only' },
        });
      });
    });

    it('when the tail after the last checkpoint is deleted, then the chain still links (the report shows fewer records protected by the chain only); cut back past a witnessed checkpoint, it is detected', async () => {
      await withWitnessedChain(async ({ sql }, verify) => {
        await sql('DELETE FROM audit WHERE seq >= 9');
        expect(await verify()).toMatchObject({ ok: true, checked: 8, tail: { afterSeq: 6, records: 2, summary: '2 records protected by the chain only' } });
        await sql('DELETE FROM audit WHERE seq >= 5');
        expect(await verify()).toMatchObject({
          ok: false,
          checked: 4,
          firstBroken: null,
          checkpoints: { failed: [{ seq: 6, problem: expect.stringMatching(/the chain ends at seq 4, before this checkpoint/) }] },
          witness: { failed: [{ seq: 6, problem: 'the chain ends at seq 4, before this witnessed checkpoint (records were removed from the end)' }] },
          tail: { afterSeq: 3, records: 1 },
        });
      });
    });

    it('when the tail is deleted together with the checkpoint rows that covered it, then the witness names the missing rows and the cut', async () => {
      await withWitnessedChain(async ({ sql }, verify) => {
        await sql('DELETE FROM audit WHERE seq >= 5');
        await sql('DELETE FROM audit_checkpoints WHERE seq = 6');
        const result = await verify();
        expect(result).toMatchObject({ ok: false, checked: 4, firstBroken: null, checkpoints: { verified: 1, failed: [] } });
        expect(result.witness?.failed).toStrictEqual([
          { seq: 6, problem: 'the witnessed checkpoint has no row in the database (checkpoint rows were removed)' },
          { seq: 6, problem: 'the chain ends at seq 4, before this witnessed checkpoint (records were removed from the end)' },
        ]);
      });
    });

    it('when checkpoint rows are deleted, then verification names each witnessed checkpoint without its row', async () => {
      await withWitnessedChain(async ({ sql }, verify) => {
        await sql('DELETE FROM audit_checkpoints');
        const result = await verify();
        expect(result).toMatchObject({ ok: false, checked: 10, firstBroken: null, checkpoints: { verified: 0, failed: [] } });
        expect(result.witness?.failed).toStrictEqual([
          { seq: 3, problem: 'the witnessed checkpoint has no row in the database (checkpoint rows were removed)' },
          { seq: 6, problem: 'the witnessed checkpoint has no row in the database (checkpoint rows were removed)' },
        ]);
      });
    });

    it('when a record before the last checkpoint is rewritten, every hash after it recomputed and the checkpoint rows deleted, then the witness names the checkpoints whose records changed', async () => {
      await withWitnessedChain(async ({ store, sql }, verify) => {
        let prevHash: string | undefined;
        for (const record of await store.readAuditChain(2, 100)) {
          const { hash: _old, ...rest } = { ...record, ...(record.seq === 2 ? { outcome: 'refused' as const } : {}), prevHash: prevHash ?? record.prevHash };
          const rewritten: AuditRecord = { ...rest, hash: hashAuditRecord(rest) };
          prevHash = rewritten.hash;
          const json = JSON.stringify(rewritten).replaceAll("'", "''");
          await sql(`UPDATE audit SET record = '${json}', hash = '${rewritten.hash}', prev_hash = '${rewritten.prevHash}', outcome = '${rewritten.outcome}' WHERE seq = ${record.seq}`);
        }
        await sql('DELETE FROM audit_checkpoints');
        const result = await verify();
        // The chain alone links up, and no column disagrees with its record...
        expect(result).toMatchObject({ ok: false, checked: 10, firstBroken: null, mismatchedColumns: [], checkpoints: { verified: 0, failed: [] } });
        // ...but the witness remembers what the chain looked like at seq 3 and 6.
        const rewritten = "the chain's record differs from the one the witnessed checkpoint signed (rewritten)";
        const noRow = 'the witnessed checkpoint has no row in the database (checkpoint rows were removed)';
        expect(result.witness?.failed).toStrictEqual([
          { seq: 3, problem: noRow },
          { seq: 3, problem: rewritten },
          { seq: 6, problem: noRow },
          { seq: 6, problem: rewritten },
        ]);
        expect(result.tail).toMatchObject({ afterSeq: null, records: 10, summary: '10 records protected by the chain only' });
      });
    });

    it('when a sender holds a receipt and the log before its tree head is rewritten and re-hashed, then the log no longer has that tree head; a tampered receipt fails', async () => {
      await withChain(10, async ({ store, sql }, records) => {
        const issuer = createReceiptIssuer({ store, clock: { now: () => time(30) }, signer });
        const receipt = await issuer.issue(records[3] as AuditRecord, 10);
        expect(verifyReceipt(receipt, publicKey)).toStrictEqual({ ok: true, exchangeId: 'ex-4', seq: 4, treeSize: 10, rootHash: receipt.treeHead.rootHash, problems: [] });
        const chainRoot = async (): Promise<string | undefined> => treeRootOf((await store.readAuditChain(1, 100)).map((r) => r.hash), 10);
        expect(await chainRoot()).toBe(receipt.treeHead.rootHash);

        // Tampered receipts: a proof hash, the root, the size, the record, another key.
        const proofProblem = 'the inclusion proof does not lead from the record to the tree head\'s root';
        const flipped = receipt.inclusionProof.map((p, i) => (i === 1 ? `${p[0] === '0' ? '1' : '0'}${p.slice(1)}` : p));
        expect(verifyReceipt({ ...receipt, inclusionProof: flipped }, publicKey).problems).toStrictEqual([proofProblem]);
        expect(verifyReceipt({ ...receipt, inclusionProof: receipt.inclusionProof.slice(1) }, publicKey).problems).toStrictEqual([proofProblem]);
        expect(verifyReceipt({ ...receipt, treeHead: { ...receipt.treeHead, rootHash: 'a'.repeat(64) } }, publicKey).problems).toStrictEqual([proofProblem, 'the tree head\'s signature does not verify']);
        expect(verifyReceipt({ ...receipt, treeHead: { ...receipt.treeHead, treeSize: 11 } }, publicKey).problems).toStrictEqual(['the tree head\'s signature does not verify']);
        expect(verifyReceipt({ ...receipt, record: { ...receipt.record, actor: 'party-b' } }, publicKey).problems).toStrictEqual(['the record does not match its hash (it was altered)']);
        const other = loadCheckpointSigner(join(keyDir, 'other.jwk'), { create: true });
        expect(verifyReceipt(receipt, publicKeyFromJwk(other.publicJwk)).problems).toStrictEqual([expect.stringMatching(/^the tree head is signed with key .*, not with the given key/)]);

        // Record 2 rewritten and every hash after it recomputed: the chain links again...
        let prevHash: string | undefined;
        for (const record of await store.readAuditChain(2, 100)) {
          const { hash: _old, ...rest } = { ...record, ...(record.seq === 2 ? { outcome: 'refused' as const } : {}), prevHash: prevHash ?? record.prevHash };
          const rewritten: AuditRecord = { ...rest, hash: hashAuditRecord(rest) };
          prevHash = rewritten.hash;
          await sql(`UPDATE audit SET record = '${JSON.stringify(rewritten).replaceAll("'", "''")}', hash = '${rewritten.hash}', prev_hash = '${rewritten.prevHash}', outcome = '${rewritten.outcome}' WHERE seq = ${record.seq}`);
        }
        expect(await verifyAuditChain(store)).toMatchObject({ ok: true, checked: 10 });
        // ...but the log cannot show the receipt's tree head any more: not to the sender holding it,
        // not through a gateway that builds its tree afresh (the new head is signed, with another root).
        expect(await chainRoot()).not.toBe(receipt.treeHead.rootHash);
        const afresh = createReceiptIssuer({ store, clock: { now: () => time(31) }, signer });
        expect((await afresh.treeHead(10)).rootHash).not.toBe(receipt.treeHead.rootHash);
        const rewrittenRecord = (await store.readAuditChain(4, 1))[0] as AuditRecord;
        const reissued = await afresh.issue(rewrittenRecord, 10);
        expect(verifyReceipt(reissued, publicKey).ok).toBe(true);
        expect(reissued.treeHead.rootHash).not.toBe(receipt.treeHead.rootHash);
        // A gateway that kept its tree refuses to issue from a chain that changed under it.
        await expect(issuer.issue(rewrittenRecord, 10)).rejects.toMatchObject({ code: 'internal' });
      });
    });

    it('when the first records are deleted, then verification names where the chain now starts', async () => {
      await withChain(5, async ({ store, sql }) => {
        await sql('DELETE FROM audit WHERE seq <= 2');
        expect(await verifyAuditChain(store)).toMatchObject({ ok: false, checked: 0, firstBroken: { seq: 3, problem: 'the chain starts at seq 3, not at seq 1: its first records were removed' } });
      });
    });

    it('when two records swap places, then verification names where the chain breaks', async () => {
      await withChain(4, async ({ store, sql }) => {
        const [two, three] = await store.readAuditChain(2, 2);
        const row = (r: AuditRecord): string => `record = '${JSON.stringify(r).replaceAll("'", "''")}', hash = '${r.hash}', prev_hash = '${r.prevHash}', time = '${r.time}', actor = '${r.actor}', exchange_id = '${r.exchangeId}'`;
        await sql(`UPDATE audit SET ${row(three!)} WHERE seq = 2`);
        await sql(`UPDATE audit SET ${row(two!)} WHERE seq = 3`);
        expect(await verifyAuditChain(store)).toMatchObject({ ok: false, checked: 1, firstBroken: { seq: 3, problem: 'expected seq 2, found 3 (a record is missing)' } });
      });
    });

    it('when the witness is edited, cut short or removed, then verification names the entry, the line or the missing file', async () => {
      await withWitnessedChain(async (_t, verify, witnessFile) => {
        const [first, second] = readFileSync(witnessFile, 'utf8').trim().split('\n') as [string, string];
        const edited = { ...(JSON.parse(first) as Record<string, unknown>), hash: 'f'.repeat(64) };
        writeFileSync(witnessFile, `${JSON.stringify(edited)}\n${second}\n`);
        expect((await verify()).witness?.failed).toStrictEqual([{ seq: 3, problem: 'the witness entry is not signed by the given key (it was edited)' }]);
        // The last entry removed: its checkpoint row has no witness entry.
        writeFileSync(witnessFile, `${first}\n`);
        expect(await verify()).toMatchObject({ ok: false, witness: { entries: 1, newestSeq: 3, failed: [{ seq: 6, problem: 'the checkpoint row has no witness entry' }] } });
        // Cut in the middle of the last line.
        writeFileSync(witnessFile, `${first}\n${second.slice(0, 40)}`);
        expect((await verify()).witness?.failed).toStrictEqual([
          { line: 2, problem: 'not a JSON line (edited or cut short)' },
          { line: 2, problem: 'the last line is not ended (the file was cut short)' },
          { seq: 6, problem: 'the checkpoint row has no witness entry' },
        ]);
        rmSync(witnessFile);
        const result = await verify();
        expect(result.ok).toBe(false);
        expect(result.witness?.failed[0]).toStrictEqual({ problem: `the witness ${witnessFile} does not exist, but checkpoints were signed` });
      });
    });

    it('when nothing was changed, then verification is ok and lists no mismatched column', async () => {
      await withChain(4, async ({ store }) => {
        expect(await verifyAuditChain(store)).toMatchObject({ ok: true, checked: 4, firstBroken: null, mismatchedColumns: [] });
      });
    });

    it('when a hashed field is edited inside the stored record, then verification names that record as altered', async () => {
      await withChain(5, async ({ store, sql }) => {
        await sql(`UPDATE audit SET record = replace(record, '"outcome":"allowed"', '"outcome":"refused"') WHERE seq = 3`);
        expect(await verifyAuditChain(store)).toMatchObject({
          ok: false,
          checked: 2,
          firstBroken: { seq: 3, problem: 'hash does not match the record (it was altered)' },
        });
      });
    });

    it('when one pointer of a list of released fields the records share is edited in one stored record, or the list written otherwise with the same strings, then only the edit is named', async () => {
      const t = await open();
      try {
        // Records 1..6 carry the same list (the chain's walk shares it between them: audit-record-text.ts).
        const fields = ['/Client/Bsn', '/Client/Naam/Voornamen', '/Header/Afzender', 'a],"b', 'c\\'];
        for (let i = 1; i <= 6; i++) await t.store.transaction((tx) => appendAudit(tx, { ...draft(i), releasedFields: fields }, time(i)));
        // Record 5: the same strings, one escaped otherwise (JSON.parse reads the same list): not a change.
        await t.sql(`UPDATE audit SET record = replace(record, '"/Header/Afzender"', '"\\/Header\\/Afzender"') WHERE seq = 5`);
        // (The outcome column of record 5 is changed only where its record now holds the escape: the
        // verification names that column, so the escape is there, and the record still verifies.)
        await t.sql(`UPDATE audit SET outcome = 'refused' WHERE seq = 5 AND record <> replace(record, '\\/Header\\/Afzender', '')`);
        expect(await verifyAuditChain(t.store)).toMatchObject({ ok: false, checked: 6, firstBroken: null, mismatchedColumns: [{ seq: 5, column: 'outcome' }] });
        // Record 4: one pointer edited.
        await t.sql(`UPDATE audit SET record = replace(record, '"/Client/Naam/Voornamen"', '"/Client/Naam/Voorletters"') WHERE seq = 4`);
        expect(await verifyAuditChain(t.store)).toMatchObject({
          ok: false,
          checked: 3,
          firstBroken: { seq: 4, problem: 'hash does not match the record (it was altered)' },
        });
      } finally {
        await t.done();
      }
    });

    it('when a stored index column is changed, then verification names the record and the column, and the party it now names is not served the record', async () => {
      await withChain(5, async ({ store, sql }) => {
        // Record 2 was party-a's; the actor column now says party-b.
        expect((await store.listAudit({ party: 'party-b', limit: 100 })).map((r) => r.seq)).toStrictEqual([1, 3, 5]);
        await sql(`UPDATE audit SET actor = 'party-b' WHERE seq = 2`);
        await sql(`UPDATE audit SET outcome = 'refused', time = '2020-01-01T00:00:00.000Z' WHERE seq = 4`);
        const result = await verifyAuditChain(store);
        expect(result).toMatchObject({ ok: false, checked: 5, firstBroken: null });
        expect(result.mismatchedColumns).toStrictEqual([
          { seq: 2, column: 'actor' },
          { seq: 4, column: 'time' },
          { seq: 4, column: 'outcome' },
        ]);
        await expect(store.listAudit({ party: 'party-b', limit: 100 })).rejects.toThrow(/seq 2 was tampered with: column actor/);
        await expect(store.searchAudit({ outcome: 'refused', limit: 100 })).rejects.toThrow(/seq 4 was tampered with: column time, outcome/);
        // The records themselves are still served as written where no column was changed.
        expect((await store.listAudit({ exchangeId: 'ex-3', limit: 10 })).map((r) => r.actor)).toStrictEqual(['party-b']);
      });
    });

    it('when a record in the middle is deleted, then verification names the gap', async () => {
      await withChain(5, async ({ store, sql }) => {
        await sql('DELETE FROM audit WHERE seq = 3');
        expect(await verifyAuditChain(store)).toMatchObject({
          ok: false,
          checked: 2,
          firstBroken: { seq: 4, problem: 'expected seq 3, found 4 (a record is missing)' },
        });
      });
    });
  });
}

describeTampering('audit tampering on SQLite', () => openTamperableSqlite('ketenpoort-tamper-'));

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('audit tampering on PostgreSQL'), () => {
  describeTampering('with the triggers dropped', openTamperablePostgres);
});
