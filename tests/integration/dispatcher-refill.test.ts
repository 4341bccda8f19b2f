// The dispatcher's claim rhythm (src/exchange/dispatcher.ts): after a claim that filled every free
// slot it waits for a quarter of the slots to come free before claiming again, but never longer than
// one poll interval and never past a wake-up. Regression (found in review): deliveries hanging at a
// slow receiver held a new exchange for a healthy one back until they timed out.
import { randomUUID } from 'node:crypto';
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

let store: Store | undefined;
let dispatcher: Dispatcher | undefined;
let cfg: TestConfig | undefined;
/** The slow receiver's deliveries, let go at the end (the test does not wait for their timeout). */
const hanging: (() => void)[] = [];
afterEach(async () => {
  for (const release of hanging.splice(0)) release();
  await dispatcher?.stop();
  await store?.close();
  cfg?.cleanup();
});

const decision = { outcome: 'allow', reason: 'allowed', rule: null, legalBasis: null, consentIds: [], releasedFields: [] } as never;

async function enqueue(s: Store, receiver: string): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  await s.transaction(async (tx) => {
    await tx.insertExchange({ id, createdAt: now, updatedAt: now, sender: 'sender', receiver, messageType: 'JW315', purpose: 'p', status: 'queued', subjectPseudonym: null, traceId: randomUUID().replaceAll('-', ''), decision, reason: null, receiverReference: null, deliveredAt: null });
    await tx.insertOutbox({ exchangeId: id, receiver, adapterKind: 'test', endpoint: null, messageType: 'JW315', sender: 'sender', purpose: 'p', payload: { n: 1 }, traceparent: `00-${randomUUID().replaceAll('-', '')}-${'1'.repeat(16)}-01`, status: 'pending', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null, lastError: null, deliveredAt: null, purgeAfter: null, createdAt: now });
  });
  return id;
}

describe('dispatcher refill', () => {
  it('when most slots hang at a slow receiver after a full claim, then new work for a healthy receiver is delivered at once, not after the hanging ones time out', async () => {
    cfg = writeTestConfig();
    const delivery = { ...cfg.config.delivery, concurrency: 8, batchSize: 8, timeoutMs: 5_000, leaseMs: 30_000, pollIntervalMs: 50 };
    const config = { ...cfg.config, delivery };
    store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const delivered = new Map<string, number>();
    const adapter: Adapter = {
      kind: 'test',
      deliver: (message, target, ctx): Promise<DeliveryResult> => {
        if (target.partyId === 'slow') {
          return new Promise((resolve) => {
            const timedOut = (): void => { resolve({ status: 'retryable', reason: 'timed out' }); };
            ctx.signal.addEventListener('abort', timedOut);
            hanging.push(timedOut);
          });
        }
        delivered.set(message.exchangeId, Date.now());
        return Promise.resolve({ status: 'delivered', reference: 'ok' });
      },
    };
    const committer = createGroupCommitter(store, { maxBatch: 128, maxWaitMs: 0 });
    dispatcher = createDispatcher({ config, store, committer, clock: systemClock, logger: createLogger({ level: 'error', silent: true }), metrics: createMetrics(), adapters: createAdapterRegistry([adapter]), parties: createPartyRegistry(cfg.config.parties, cfg.config.staff) });
    for (let i = 0; i < 7; i++) await enqueue(store, 'slow');
    const first = await enqueue(store, 'fast');
    dispatcher.start(); // one full claim of 8: 7 hang, 1 is delivered
    const deadline = Date.now() + 3_000;
    while (!delivered.has(first) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(delivered.has(first)).toBe(true);
    const enqueuedAt = Date.now();
    const next = await enqueue(store, 'fast');
    dispatcher.wake();
    while (!delivered.has(next) && Date.now() < enqueuedAt + 4_000) await new Promise((r) => setTimeout(r, 10));
    // Well within the hanging deliveries' 5 s timeout (before the fix it waited for them).
    expect((delivered.get(next) ?? Number.POSITIVE_INFINITY) - enqueuedAt).toBeLessThan(1_000);
    // And without a wake-up the poll interval bounds the wait too.
    const quietAt = Date.now();
    const quiet = await enqueue(store, 'fast');
    while (!delivered.has(quiet) && Date.now() < quietAt + 4_000) await new Promise((r) => setTimeout(r, 10));
    expect((delivered.get(quiet) ?? Number.POSITIVE_INFINITY) - quietAt).toBeLessThan(1_000);
  });
});
