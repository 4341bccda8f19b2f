// What a group-commit batch reports when the server's session ends with an ErrorResponse that carries
// a SQLSTATE around the COMMIT of the store's one-round-trip batch (pg-batch.ts: ..., COMMIT, Sync).
// PostgreSQL commits a COMMIT at its Execute, before its CommandComplete and before it reads the Sync
// (postgres.c, exec_execute_message: finish_xact_command() for a transaction statement); a backend
// told to terminate (pg_terminate_backend, a fast shutdown: SIGTERM) handles that when it next reads
// from the socket (ProcessClientReadInterrupt, with DoingCommandRead) and sends
// FATAL 57P01 "terminating connection due to administrator command", flushed at once. So between
// COMMIT's CommandComplete and the ReadyForQuery that answers the Sync the client can get a FATAL
// with a SQLSTATE for a transaction that has committed. Likewise a PANIC in the COMMIT itself (a WAL
// fsync failure) leaves it unknown whether the commit record survives recovery.
//
// A real PostgreSQL behind a TCP proxy on 127.0.0.1 that, when armed, rewrites the server's answer
// to the next COMMIT: after its CommandComplete (or instead of it) an ErrorResponse is sent and both
// sides are cut. The server did commit in both cases.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupCommitter } from '../../src/store/group-commit.ts';
import { isCommitOutcomeUnknown } from '../../src/store/commit-outcome.ts';
import type { Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgSuiteName, pgTestUrl } from '../support/postgres.ts';
import { queuedExchange, startPgProxy, storesBehindProxy } from '../support/pg-proxy.ts';

type Mode = { readonly error: Buffer; readonly keepCommandComplete: boolean };

/** An ErrorResponse ('E') with severity, SQLSTATE and message. */
function errorResponse(severity: 'FATAL' | 'PANIC', code: string, message: string): Buffer {
  const fields = Buffer.concat([
    ...[['S', severity], ['V', severity], ['C', code], ['M', message]].map(([k, v]) => Buffer.from(`${k as string}${v as string}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0, 'latin1');
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

interface RewritingProxy {
  readonly port: number;
  /** The next CommandComplete "COMMIT" from the server is followed (or replaced) by `mode.error`, then both sides are cut. */
  arm(mode: Mode): void;
  close(): Promise<void>;
}

async function startRewritingProxy(): Promise<RewritingProxy> {
  let armed: Mode | undefined;
  const proxy = await startPgProxy((client, upstream) => {
    let pending = Buffer.alloc(0);
    let done = false;
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    // The server's messages, one by one (type byte, int32 length): pass each on, but rewrite the answer to an armed COMMIT.
    upstream.on('data', (chunk: Buffer) => {
      if (done) return;
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 5) {
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const message = pending.subarray(0, 1 + length);
        pending = pending.subarray(1 + length);
        const mode = armed;
        if (mode !== undefined && message[0] === 0x43 && message.subarray(5, 5 + 'COMMIT'.length).toString('latin1') === 'COMMIT') {
          armed = undefined;
          done = true;
          if (mode.keepCommandComplete) client.write(message);
          client.end(mode.error);
          upstream.destroy();
          return;
        }
        client.write(message);
      }
    });
  });
  return { port: proxy.port, arm: (mode) => { armed = mode; }, close: () => proxy.close() };
}

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('a group-commit batch whose COMMIT is followed or answered by an ErrorResponse with a SQLSTATE'), () => {
  const schema = freshSchema();
  let proxy: RewritingProxy;
  let store: Store;
  let direct: Store;
  beforeAll(async () => {
    proxy = await startRewritingProxy();
    ({ store, direct } = await storesBehindProxy(proxy, schema));
  });
  afterAll(async () => {
    await store.close();
    await direct.close();
    await proxy.close();
    await dropSchema(schema);
  });

  /** Three items in one batch through the armed proxy: how often each ran, and what each caller got. */
  async function batchOfThree(mode: Mode): Promise<{ ids: string[]; runs: number[]; outcomes: PromiseSettledResult<string>[] }> {
    const committer = createGroupCommitter(store, { maxBatch: 16, maxWaitMs: 20 });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const runs = new Map<string, number>();
    proxy.arm(mode);
    const outcomes = await Promise.allSettled(
      ids.map((id) =>
        committer.run(async (tx) => {
          runs.set(id, (runs.get(id) ?? 0) + 1);
          await tx.insertExchange(queuedExchange(id));
          return id;
        }),
      ),
    );
    expect(committer.stats().batches).toBe(1);
    await sleep(100);
    return { ids, runs: ids.map((id) => runs.get(id) ?? 0), outcomes };
  }

  it("when the session ends with FATAL 57P01 after COMMIT's CommandComplete (before the Sync's ReadyForQuery), then no item runs again and none is told it failed plainly: the batch committed", async () => {
    const { ids, runs, outcomes } = await batchOfThree({ error: errorResponse('FATAL', '57P01', 'terminating connection due to administrator command'), keepCommandComplete: true });
    for (const id of ids) expect((await direct.getExchange(id))?.id).toBe(id); // the server committed
    expect(runs).toStrictEqual([1, 1, 1]);
    // Committed (CommandComplete COMMIT came): success, or at the least an outcome marked unknown.
    expect(outcomes.map((o) => o.status === 'fulfilled' || isCommitOutcomeUnknown(o.reason))).toStrictEqual([true, true, true]);
  });

  it('when the COMMIT is answered by PANIC (no CommandComplete) and the session ends, then the outcome is unknown: no item runs again', async () => {
    const { runs, outcomes } = await batchOfThree({ error: errorResponse('PANIC', '58030', 'could not fdatasync file "000000010000000000000001": Input/output error'), keepCommandComplete: false });
    expect(runs).toStrictEqual([1, 1, 1]);
    expect(outcomes.map((o) => o.status === 'rejected' && isCommitOutcomeUnknown(o.reason))).toStrictEqual([true, true, true]);
  });
});
