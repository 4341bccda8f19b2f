// Automatic audit checkpoints and a witness of another party over HTTP, on SQLite and (when
// KETENPOORT_TEST_PG_URL is set) PostgreSQL: the checkpointer signs every N records or T seconds, never
// while the chain is idle, once per stretch however many processes look, and on stopping; each
// checkpoint reaches the file witness and a real `ketenpoort witness` server on 127.0.0.1, which
// refuses what the gateway's key did not sign; verification holds the chain against both.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';
import { createAutoCheckpointer, type AutoCheckpointer } from '../../src/audit/auto-checkpoint.ts';
import { createCheckpointPublisher } from '../../src/audit/checkpointing.ts';
import { loadCheckpointSigner, publicKeyFromJwk } from '../../src/audit/checkpoint-signing.ts';
import { createHttpWitness } from '../../src/audit/http-witness.ts';
import { createFileWitness, type Witness } from '../../src/audit/witness.ts';
import { startWitnessServer, type WitnessServer } from '../../src/cli/witness-server.ts';
import type { AuditDraft } from '../../src/kernel/audit-record.ts';
import { createGroupCommitter } from '../../src/store/group-commit.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-auto-checkpoint-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
const signer = loadCheckpointSigner(join(dir, 'key.jwk'), { create: true });
const publicKey = publicKeyFromJwk(signer.publicJwk);
const otherSigner = loadCheckpointSigner(join(dir, 'other-key.jwk'), { create: true });

function draft(n: number): AuditDraft {
  return { traceId: n.toString(16).padStart(32, '0'), spanId: n.toString(16).padStart(16, '0'), action: 'exchange.submit', outcome: 'allowed', actor: 'party-a', exchangeId: `ex-${n}` };
}

/** A clock the test moves. */
function testClock(): { now: () => Date; advance: (ms: number) => void } {
  let t = Date.UTC(2026, 11, 3, 12, 0, 0);
  return { now: () => new Date(t), advance: (ms) => { t += ms; } };
}

interface Opened {
  readonly store: Store;
  /** Runs statements behind the store's back, the append-only triggers dropped (as an insider could). */
  readonly sql: (text: string) => Promise<void>;
  readonly done: () => Promise<void>;
}

function describeCheckpoints(name: string, open: () => Promise<Opened>): void {
  describe(name, () => {
    let n = 0;
    const append = async (store: Store, count: number, now: Date): Promise<void> => {
      for (let i = 0; i < count; i++) {
        n += 1;
        const k = n;
        await store.transaction((tx) => appendAudit(tx, draft(k), now));
      }
    };
    const checkpointer = (store: Store, clock: { now: () => Date }, witnesses: Witness[], errors: string[] = []): AutoCheckpointer =>
      createAutoCheckpointer({
        committer: createGroupCommitter(store, { maxBatch: 8, maxWaitMs: 0 }),
        clock,
        signer,
        publisher: createCheckpointPublisher(witnesses),
        settings: { everyRecords: 5, everyMs: 60_000, pollMs: 1000 },
        onError: (error, context) => { errors.push(`${context.witness ?? 'signing'}: ${(error as Error).message}`); },
      });

    it('when N records come after the newest checkpoint, then the next look signs; fewer, and before T, it does not; after T one record is enough; an idle chain gets none', async () => {
      const { store, done } = await open();
      const clock = testClock();
      const file = join(dir, `${name}-count.witness`);
      try {
        const auto = checkpointer(store, clock, [createFileWitness(file)]);
        expect(await auto.tick()).toBeUndefined(); // an empty chain
        await append(store, 3, clock.now());
        // No checkpoint yet: the first look protects what is there at once.
        expect(await auto.tick()).toMatchObject({ seq: 3 });
        await append(store, 4, clock.now()); // seq 5-8 after the checkpoint's own record 4
        expect(await auto.tick()).toBeUndefined();
        await append(store, 1, clock.now()); // the fifth record after the checkpoint
        expect(await auto.tick()).toMatchObject({ seq: 9 });
        // Idle: the checkpoint's own record (10) is not a reason for another, however long it waits...
        clock.advance(3_600_000);
        expect(await auto.tick()).toBeUndefined();
        // ...but the first record after more than T is signed at the next look.
        await append(store, 1, clock.now());
        expect(await auto.tick()).toMatchObject({ seq: 11 });
        await append(store, 1, clock.now());
        clock.advance(59_999);
        expect(await auto.tick()).toBeUndefined();
        clock.advance(1);
        expect(await auto.tick()).toMatchObject({ seq: 13 });
        // Stopping signs what came after the newest checkpoint.
        await append(store, 2, clock.now());
        await auto.stop();
        const checkpoints = await store.listAuditCheckpoints({ limit: 10 });
        expect(checkpoints.map((c) => c.seq)).toStrictEqual([3, 9, 11, 13, 16]);
        const result = await verifyAuditChain(store, { publicKey, witnesses: [createFileWitness(file)] });
        expect(result).toMatchObject({ ok: true, checked: 17, checkpoints: { verified: 5, failed: [] }, witness: { entries: 5, newestSeq: 16, failed: [] } });
        expect(result.tail).toStrictEqual({ afterSeq: 16, records: 1, summary: '1 records protected by the chain only' });
      } finally {
        await done();
      }
    });

    it('when several processes look at once, then each stretch is signed once', async () => {
      const { store, done } = await open();
      const clock = testClock();
      try {
        await append(store, 12, clock.now());
        const lookers = [checkpointer(store, clock, []), checkpointer(store, clock, []), checkpointer(store, clock, [])];
        const signed = (await Promise.all(lookers.map((l) => l.tick()))).filter((c) => c !== undefined);
        expect(signed.map((c) => c.seq)).toStrictEqual([12]);
        expect((await store.listAuditCheckpoints({ limit: 10 })).map((c) => c.seq)).toStrictEqual([12]);
      } finally {
        await done();
      }
    });

    it('when a witness of another party runs over HTTP, then every checkpoint reaches it; while it is down the checkpoints are owed and sent when it is back; it refuses what the key did not sign, and catches a rewrite the local witness file no longer shows', async () => {
      const { store, sql, done } = await open();
      const clock = testClock();
      const serverFile = join(dir, `${name}-server.witness`);
      const localFile = join(dir, `${name}-local.witness`);
      let server: WitnessServer = await startWitnessServer({ file: serverFile, publicKey, host: '127.0.0.1', port: 0 });
      const port = Number(new URL(server.url).port);
      const remote = createHttpWitness(server.url, { timeoutMs: 2000 });
      const local = createFileWitness(localFile);
      const errors: string[] = [];
      try {
        const auto = checkpointer(store, clock, [local, remote], errors);
        await append(store, 5, clock.now());
        expect(await auto.tick()).toMatchObject({ seq: 5 });
        expect((await remote.read()).entries.map((e) => e.seq)).toStrictEqual([5]);

        // The witness is down: the checkpoint is signed and kept for it.
        await server.close();
        await append(store, 5, clock.now());
        expect(await auto.tick()).toMatchObject({ seq: 11 });
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(new RegExp(`^${server.url.replaceAll('/', '\\/')}: `));
        const down = await verifyAuditChain(store, { publicKey, witnesses: [local, remote] });
        expect(down.ok).toBe(false);
        expect(down.witnesses?.[1]?.failed).toStrictEqual([{ problem: expect.stringMatching(/^the witness http:\/\/127\.0\.0\.1:\d+\/checkpoints could not be read: /) }]);

        // Back on the same port: the next look sends what it owes.
        server = await startWitnessServer({ file: serverFile, publicKey, host: '127.0.0.1', port });
        expect(await auto.tick()).toBeUndefined();
        expect((await remote.read()).entries.map((e) => e.seq)).toStrictEqual([5, 11]);
        const whole = await verifyAuditChain(store, { publicKey, witnesses: [local, remote] });
        expect(whole).toMatchObject({ ok: true, checked: 12, tail: { afterSeq: 11, records: 1 } });
        expect(whole.witnesses?.map((w) => [w.source, w.entries, w.failed])).toStrictEqual([[localFile, 2, []], [server.url, 2, []]]);

        // It takes only what the gateway's key signed, and never a second checkpoint for one seq.
        const [held] = (await remote.read()).entries;
        const post = (body: unknown): Promise<Response> => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect((await post(held)).status).toBe(200);
        expect((await post(otherSigner.sign({ seq: 5, hash: held?.hash ?? '', signedAt: held?.signedAt ?? '' }))).status).toBe(400);
        const forged = await post({ ...held, hash: 'f'.repeat(64) });
        expect(forged.status).toBe(400);
        // A body that is not UTF-8 is refused with the offset of its first bad byte, like the gateway's.
        const notUtf8 = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) });
        expect(notUtf8.status).toBe(400);
        expect(await notUtf8.json()).toMatchObject({ code: 'invalid-json', byteOffset: 2 });
        expect(await forged.json()).toMatchObject({ code: 'invalid-input', detail: expect.stringMatching(/not signed by the key/) });
        const resigned = await post(signer.sign({ seq: 5, hash: 'e'.repeat(64), signedAt: clock.now().toISOString() }));
        expect(resigned.status).toBe(409);
        expect((await post({ seq: 1 })).status).toBe(400);

        // Someone holding the database and the local witness file (not the other party's witness) cuts
        // the chain back before the last checkpoint, deletes that checkpoint's row and its local line.
        const [firstLine] = readFileSync(localFile, 'utf8').split('\n');
        writeFileSync(localFile, `${firstLine ?? ''}\n`);
        await sql('DELETE FROM audit WHERE seq >= 8; DELETE FROM audit_checkpoints WHERE seq = 11');
        // The local witness alone agrees with the cut chain...
        expect(await verifyAuditChain(store, { publicKey, witnesses: [local] })).toMatchObject({ ok: true, checked: 7, tail: { afterSeq: 5, records: 2 } });
        // ...the other party's does not.
        const cut = await verifyAuditChain(store, { publicKey, witnesses: [local, remote] });
        expect(cut.ok).toBe(false);
        expect(cut.witnesses?.[1]?.failed).toStrictEqual([
          { seq: 11, problem: 'the witnessed checkpoint has no row in the database (checkpoint rows were removed)' },
          { seq: 11, problem: 'the chain ends at seq 7, before this witnessed checkpoint (records were removed from the end)' },
        ]);
      } finally {
        await server.close();
        await done();
      }
    });
  });
}

describeCheckpoints('automatic checkpoints on SQLite', async () => {
  const file = join(mkdtempSync(join(dir, 'db-')), 'gateway.db');
  const store = await openStore(`sqlite:${file}`);
  await store.migrate();
  return {
    store,
    sql(text) {
      const db = new Database(file);
      try {
        db.exec(`DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS audit_checkpoints_no_delete; ${text}`);
      } finally {
        db.close();
      }
      return Promise.resolve();
    },
    done: () => store.close(),
  };
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('automatic checkpoints on PostgreSQL'), () => {
  describeCheckpoints('with a schema of its own', async () => {
    const schema = freshSchema();
    const store = await openStore(pgStoreUrl(schema));
    await store.migrate();
    return {
      store,
      async sql(text) {
        await withPgClient(async (c) => {
          await c.query(`SET search_path TO "${schema}"`);
          await c.query(`DROP TRIGGER IF EXISTS audit_no_update_or_delete ON audit;
            DROP TRIGGER IF EXISTS audit_checkpoints_no_update_or_delete ON audit_checkpoints; ${text}`);
        });
      },
      async done() {
        await store.close();
        await dropSchema(schema);
      },
    };
  });
});
