// The delivery deadline (delivery.timeoutMs) reaches an attempt through its signal, whatever the
// adapter holds. Regression: the signal was AbortSignal.any([stop, AbortSignal.timeout()]), which Node
// 20 holds only weakly; an adapter that waited on the signal alone (nothing else keeping it reachable)
// lost it to the garbage collector and waited for ever, and so did the dispatcher's stop.
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../src/exchange/dispatcher.ts';
import { createGroupCommitter } from '../../src/store/group-commit.ts';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createAdapterRegistry } from '../../adapters/registry.ts';
import type { Adapter, DeliveryResult } from '../../adapters/adapter.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { systemClock } from '../../src/kernel/clock.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';
import type { Store } from '../../src/store/store.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';

// A full garbage collection on demand, as --expose-gc gives it, in this test's process only.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let store: Store | undefined;
let dispatcher: Dispatcher | undefined;
let cfg: TestConfig | undefined;
afterEach(async () => {
  await dispatcher?.stop();
  await store?.close();
  cfg?.cleanup();
});

const decision = { outcome: 'allow', reason: 'allowed', rule: null, legalBasis: null, consentIds: [], releasedFields: [] } as never;

async function enqueue(s: Store): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  await s.transaction(async (tx) => {
    await tx.insertExchange({ id, createdAt: now, updatedAt: now, sender: 'sender', receiver: 'slow', messageType: 'JW315', purpose: 'p', status: 'queued', subjectPseudonym: null, traceId: randomUUID().replaceAll('-', ''), decision, reason: null, receiverReference: null, deliveredAt: null });
    await tx.insertOutbox({ exchangeId: id, receiver: 'slow', adapterKind: 'test', endpoint: null, messageType: 'JW315', sender: 'sender', purpose: 'p', payload: { n: 1 }, traceparent: `00-${randomUUID().replaceAll('-', '')}-${'1'.repeat(16)}-01`, status: 'pending', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null, lastError: null, deliveredAt: null, purgeAfter: null, createdAt: now });
  });
  return id;
}

/** An adapter that answers only when the attempt's signal aborts, and keeps nothing of it itself. */
const waitsOnTheSignalAlone: Adapter = {
  kind: 'test',
  deliver: (_message, _target, ctx): Promise<DeliveryResult> =>
    new Promise((resolve) => {
      ctx.signal.addEventListener('abort', () => {
        resolve({ status: 'retryable', reason: `aborted: ${(ctx.signal.reason as { name?: string } | undefined)?.name ?? '?'}` });
      });
    }),
};

function start(timeoutMs: number): Store {
  cfg = writeTestConfig();
  const delivery = { ...cfg.config.delivery, concurrency: 4, batchSize: 4, timeoutMs, leaseMs: 60_000, pollIntervalMs: 50 };
  const s = createSqliteStore({ file: ':memory:' });
  store = s;
  const committer = createGroupCommitter(s, { maxBatch: 16, maxWaitMs: 0 });
  dispatcher = createDispatcher({ config: { ...cfg.config, delivery }, store: s, committer, clock: systemClock, logger: createLogger({ level: 'error', silent: true }), metrics: createMetrics(), adapters: createAdapterRegistry([waitsOnTheSignalAlone]), parties: createPartyRegistry(cfg.config.parties, cfg.config.staff) });
  return s;
}

async function settledError(s: Store, ids: readonly string[], withinMs: number): Promise<(string | null | undefined)[]> {
  const until = Date.now() + withinMs;
  for (;;) {
    collectGarbage();
    const rows = await Promise.all(ids.map((id) => s.getOutbox(id)));
    if (rows.every((r) => r !== undefined && r.attempts > 0) || Date.now() > until) return rows.map((r) => r?.lastError);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('delivery deadline', () => {
  it('when an adapter waits on the attempt signal alone and the garbage collector runs, then the deadline still ends the attempt as a TimeoutError', async () => {
    const s = start(300);
    await s.migrate();
    const ids = [await enqueue(s), await enqueue(s), await enqueue(s)];
    dispatcher?.start();
    expect(await settledError(s, ids, 5_000)).toStrictEqual(['aborted: TimeoutError', 'aborted: TimeoutError', 'aborted: TimeoutError']);
  });

  it('when the dispatcher stops during an attempt, then it lets the attempt end at its deadline, records it and returns', async () => {
    const s = start(400);
    await s.migrate();
    const id = await enqueue(s);
    dispatcher?.start();
    // Wait until the attempt is under way (the row is leased), then stop.
    for (const until = Date.now() + 3_000; Date.now() < until; ) {
      if ((await s.getOutbox(id))?.leaseOwner != null) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const collecting = setInterval(collectGarbage, 25);
    try {
      const stopping = dispatcher?.stop();
      dispatcher = undefined;
      const stopped = await Promise.race([stopping?.then(() => 'stopped'), new Promise((r) => setTimeout(() => { r('still stopping after 5 s'); }, 5_000))]);
      expect(stopped).toBe('stopped');
    } finally {
      clearInterval(collecting);
    }
    expect((await s.getOutbox(id))?.lastError).toBe('aborted: TimeoutError');
  });
});
