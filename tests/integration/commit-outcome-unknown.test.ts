// A COMMIT whose reply never comes (the connection breaks after the server got it): the outcome is
// unknown, so the group committer answers every item of the batch with store-unavailable and runs
// none of them again. Before, each item was run again on its own: work that had committed failed on
// its own rows (or would have been done twice). A real PostgreSQL behind a TCP proxy on 127.0.0.1
// that, when armed, passes the COMMIT on and then cuts both sides before the answer comes back.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupCommitter } from '../../src/store/group-commit.ts';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { isCommitOutcomeUnknown } from '../../src/store/commit-outcome.ts';
import type { Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgSuiteName, pgTestUrl } from '../support/postgres.ts';
import { queuedExchange, startPgProxy, storesBehindProxy } from '../support/pg-proxy.ts';

/** The name the PostgreSQL store gives its COMMIT statement (pg-tx.ts: kp_ and its text's SHA-256). */
const commitStatementName = `kp_${createHash('sha256').update('COMMIT').digest('hex').slice(0, 32)}`;

interface CuttingProxy {
  readonly port: number;
  /** The next COMMIT is passed on, then both sides are cut before the server's answer returns. */
  armAfterCommit(): void;
  close(): Promise<void>;
}

async function startCuttingProxy(): Promise<CuttingProxy> {
  let armed = false;
  const proxy = await startPgProxy((client, upstream, cut) => {
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      // A write carrying COMMIT: a simple-protocol query ('Q'), or the store's extended-protocol
      // messages (pg-batch.ts: COMMIT behind the deferred writes, by its text where the connection
      // prepares it, by its statement name after). Let the server have it, cut before its answer.
      if (armed && (chunk.includes('COMMIT') || chunk.includes(commitStatementName))) {
        armed = false;
        upstream.pause();
        client.pause();
        setTimeout(cut, 200);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  });
  return { port: proxy.port, armAfterCommit: () => { armed = true; }, close: () => proxy.close() };
}

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('a group-commit batch whose COMMIT answer is lost'), () => {
  const schema = freshSchema();
  let proxy: CuttingProxy;
  let store: Store;
  let direct: Store;
  beforeAll(async () => {
    proxy = await startCuttingProxy();
    ({ store, direct } = await storesBehindProxy(proxy, schema));
  });
  afterAll(async () => {
    await store.close();
    await direct.close();
    await proxy.close();
    await dropSchema(schema);
  });

  it('when the connection breaks after the server got the COMMIT, then every item gets store-unavailable, none runs again, and what committed is there once', async () => {
    const committer = createGroupCommitter(store, { maxBatch: 16, maxWaitMs: 20 });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const runs = new Map<string, number>();
    proxy.armAfterCommit();
    const outcomes = await Promise.allSettled(
      ids.map((id) =>
        committer.run(async (tx) => {
          runs.set(id, (runs.get(id) ?? 0) + 1);
          await tx.insertExchange(queuedExchange(id));
          return id;
        }),
      ),
    );
    expect(committer.stats().batches).toBe(1); // the three shared one transaction
    expect(outcomes.map((o) => o.status)).toStrictEqual(['rejected', 'rejected', 'rejected']);
    for (const o of outcomes) {
      const reason = (o as PromiseRejectedResult).reason as unknown;
      expect(isGatewayError(reason) ? reason.code : reason).toBe('store-unavailable');
      expect(isCommitOutcomeUnknown(reason)).toBe(true);
    }
    expect([...runs.values()]).toStrictEqual([1, 1, 1]);
    // The server did commit them: each row is there, once.
    await sleep(100);
    for (const id of ids) expect((await direct.getExchange(id))?.id).toBe(id);
    // And the store serves again over a fresh connection.
    const after = randomUUID();
    expect(await committer.run(async (tx) => { await tx.insertExchange(queuedExchange(after)); return after; })).toBe(after);
  });

  it('when the connection had run a COMMIT before (sent by its prepared name) and breaks after the server got the next, then the outcome is unknown too, and what committed is there once', async () => {
    const committer = createGroupCommitter(store, { maxBatch: 16, maxWaitMs: 20 });
    const warm = randomUUID();
    await committer.run(async (tx) => { await tx.insertExchange(queuedExchange(warm)); });
    const id = randomUUID();
    proxy.armAfterCommit();
    const outcome = await committer.run(async (tx) => { await tx.insertExchange(queuedExchange(id)); }).then(() => undefined, (err: unknown) => err);
    expect(isGatewayError(outcome) ? outcome.code : outcome).toBe('store-unavailable');
    expect(isCommitOutcomeUnknown(outcome)).toBe(true);
    await sleep(100);
    expect((await direct.getExchange(id))?.id).toBe(id);
  });
});
