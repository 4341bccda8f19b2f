// A delivery whose process was killed mid-delivery (issue 16): its lease expires, another claim takes
// the row, and the lost attempt is counted (attempts, maxAttempts) and recorded (a delivery.attempt
// audit record with outcome lease-expired, ketenpoort_deliveries_total{outcome="lease-expired"}). The
// outbox's attempts, the audit records and the delivery counter then agree. On SQLite and PostgreSQL.
//
// The killed process is played by a claim under another owner that never settles, which is exactly
// what a process leaves behind when it dies between claiming and settling.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSkipReason, pgTestUrl } from '../support/postgres.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { ManualClock } from '../support/manual-clock.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, unknown>;
const body = JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 });
const leaseMs = 5_000;


interface Harness {
  readonly gw: GatewayParts;
  readonly cfg: TestConfig;
  readonly clock: ManualClock;
  readonly receiver: FakeReceiver;
}

const stores: { readonly name: string; readonly skip: string | undefined; readonly url: () => { url?: string; drop?: () => Promise<void> } }[] = [
  { name: 'SQLite', skip: undefined, url: () => ({}) },
  {
    name: 'PostgreSQL',
    skip: pgTestUrl === undefined ? pgSkipReason : undefined,
    url: () => {
      const schema = freshSchema('kp_lease');
      return { url: pgStoreUrl(schema), drop: () => dropSchema(schema) };
    },
  },
];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function harness(store: { url?: string; drop?: () => Promise<void> }): Promise<Harness> {
  const receiver = await startFakeReceiver();
  cleanups.push(() => receiver.close());
  const cfg = writeTestConfig({
    receiverUrl: receiver.url,
    delivery: { leaseMs, timeoutMs: 1_000, maxAttempts: 3 },
    ...(store.url !== undefined ? { extra: { store: { url: store.url } } } : {}),
  });
  cleanups.push(() => cfg.cleanup());
  if (store.drop !== undefined) cleanups.push(store.drop);
  const clock = new ManualClock(Date.parse('2026-12-01T10:00:00Z'));
  const gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
  cleanups.push(() => gw.close());
  return { gw, cfg, clock, receiver };
}

async function submit(h: Harness): Promise<string> {
  const res = await request(h.gw.app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${h.cfg.token('jeugdhulp-de-brug')}`, 'content-type': 'application/json' })
    .send(body);
  expect(res.status).toBe(202);
  return String(res.body.exchangeId);
}

/** A process that claims the row and dies before it settles (its lease is left to expire). */
async function killedMidDelivery(h: Harness, owner: string): Promise<void> {
  const claimed = await h.gw.store.claimDueDeliveries({ now: h.clock.now().getTime(), limit: 10, leaseMs, owner });
  expect(claimed).toHaveLength(1);
  h.clock.advance(leaseMs);
}

async function attemptRecords(h: Harness, exchangeId: string): Promise<{ outcome: string; detail: string | undefined }[]> {
  const chain = await h.gw.store.readAuditChain(1, 10_000);
  return chain.filter((r) => r.action === 'delivery.attempt' && r.exchangeId === exchangeId).map((r) => ({ outcome: r.outcome, detail: r.detail }));
}

/** ketenpoort_deliveries_total by outcome. */
async function deliveryCounter(h: Harness): Promise<Record<string, number>> {
  const text = (await request(h.gw.metricsApp).get('/metrics')).text;
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^ketenpoort_deliveries_total\{outcome="([^"]+)",adapter="[^"]+"\} (\d+)$/gm)) counts[m[1]!] = (counts[m[1]!] ?? 0) + Number(m[2]);
  return counts;
}

for (const store of stores) {
  describe.skipIf(store.skip !== undefined)(`lease-expired redeliveries on ${store.name}${store.skip !== undefined ? ` (skipped: ${store.skip})` : ''}`, () => {
    it('when the process delivering a row is killed and its lease expires, then the redelivery counts the lost attempt, records it before its own, and attempts, audit and metrics agree', async () => {
      const h = await harness(store.url());
      const exchangeId = await submit(h);
      await killedMidDelivery(h, 'host/4242/killed');
      expect(await h.gw.dispatcher.runOnce()).toBe(1);

      const row = await h.gw.store.getOutbox(exchangeId);
      expect(row).toMatchObject({ status: 'delivered', attempts: 2, leaseOwner: null });
      expect(await attemptRecords(h, exchangeId)).toStrictEqual([
        { outcome: 'lease-expired', detail: expect.stringMatching(/^attempt 1: its lease expired before its outcome was recorded/) },
        { outcome: 'delivered', detail: 'attempt 2' },
      ]);
      expect(await deliveryCounter(h)).toStrictEqual({ 'lease-expired': 1, delivered: 1 });
      // The receiver got it once here (the killed process may have delivered it too: at-least-once).
      expect(h.receiver.received.filter((r) => r.headers['idempotency-key'] === exchangeId)).toHaveLength(1);
    });

    it('when leases are lost until maxAttempts is reached, then the last real attempt that fails makes a dead letter, and every lost attempt is in the audit log', async () => {
      const h = await harness(store.url());
      const exchangeId = await submit(h);
      await killedMidDelivery(h, 'host/1/killed');
      await killedMidDelivery(h, 'host/2/killed');
      h.receiver.respondWith(503);
      expect(await h.gw.dispatcher.runOnce()).toBe(1);

      expect(await h.gw.store.getOutbox(exchangeId)).toMatchObject({ status: 'dead', attempts: 3 });
      const records = await attemptRecords(h, exchangeId);
      expect(records.map((r) => r.outcome)).toStrictEqual(['lease-expired', 'lease-expired', 'dead-letter']);
      expect(records.map((r) => /^attempt (\d+)/.exec(r.detail ?? '')?.[1])).toStrictEqual(['1', '2', '3']);
      const counter = await deliveryCounter(h);
      expect(counter).toStrictEqual({ 'lease-expired': 2, 'dead-letter': 1 });
      expect(Object.values(counter).reduce((a, b) => a + b, 0)).toBe(records.length);
    });

    it('when every attempt left is lost with its process, then the row becomes a dead letter without another attempt (a message that kills its deliverer is not tried for ever)', async () => {
      const h = await harness(store.url());
      const exchangeId = await submit(h);
      for (const owner of ['host/1/killed', 'host/2/killed', 'host/3/killed']) await killedMidDelivery(h, owner);
      expect(await h.gw.dispatcher.runOnce()).toBe(1);

      expect(h.receiver.received).toHaveLength(0);
      expect(await h.gw.store.getOutbox(exchangeId)).toMatchObject({ status: 'dead', attempts: 3, leaseOwner: null });
      expect((await h.gw.store.getExchange(exchangeId))?.status).toBe('dead-letter');
      const records = await attemptRecords(h, exchangeId);
      expect(records.map((r) => r.outcome)).toStrictEqual(['lease-expired', 'lease-expired', 'dead-letter']);
      expect(records[2]!.detail).toMatch(/^attempt 3: its lease expired before its outcome was recorded .*; no attempts left \(delivery\.maxAttempts\)$/);
      expect(await deliveryCounter(h)).toStrictEqual({ 'lease-expired': 2, 'dead-letter': 1 });
    });
  });
}
