// Delivery through the dispatcher against real receivers on 127.0.0.1: retries with backoff, the dead
// letter, permanent failures, lease expiry after a crash, payload purge after retention.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { ManualClock } from '../support/manual-clock.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, unknown>;


let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;
let clock: ManualClock;

async function submit(): Promise<string> {
  const res = await request(gw.app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${cfg.token('jeugdhulp-de-brug')}`, 'content-type': 'application/json' })
    .send(JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 }));
  expect(res.status).toBe(202);
  return res.body.exchangeId as string;
}

async function history(id: string): Promise<string[]> {
  return (await gw.store.listAudit({ exchangeId: id, limit: 100 })).map((r) => `${r.action}:${r.outcome}`);
}

beforeEach(async () => {
  receiver = await startFakeReceiver();
  cfg = writeTestConfig({ receiverUrl: receiver.url, delivery: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, leaseMs: 5000, payloadRetentionHours: 24 } });
  clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));
  gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
});

afterEach(async () => {
  await gw.close();
  await receiver.close();
  cfg.cleanup();
});

describe('delivery', () => {
  it('when the receiver answers 503, then the delivery is retried after a backoff and then dead-lettered', async () => {
    receiver.respondWith(503);
    const id = await submit();
    expect(await gw.dispatcher.runOnce()).toBe(1);
    // Not due again until the backoff has passed.
    expect(await gw.dispatcher.runOnce()).toBe(0);
    clock.advance(1000);
    expect(await gw.dispatcher.runOnce()).toBe(1);
    clock.advance(2000);
    expect(await gw.dispatcher.runOnce()).toBe(1);
    clock.advance(60_000);
    expect(await gw.dispatcher.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(3);
    expect(await history(id)).toEqual(['exchange.submit:allowed', 'delivery.attempt:retry', 'delivery.attempt:retry', 'delivery.attempt:dead-letter']);
    expect((await gw.store.getExchange(id))?.status).toBe('dead-letter');
    expect(await gw.store.getOutbox(id)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'HTTP 503' });
  });

  it('when the receiver is down and comes back, then the retry delivers', async () => {
    const port = new URL(receiver.url).port;
    await receiver.close();
    const id = await submit();
    await gw.dispatcher.runOnce();
    expect(await gw.store.getOutbox(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^network/) });
    receiver = await startFakeReceiverOn(Number(port));
    clock.advance(1000);
    await gw.dispatcher.runOnce();
    expect(receiver.received).toHaveLength(1);
    expect((await gw.store.getExchange(id))?.status).toBe('delivered');
  });

  it('when the receiver answers 400, then it is a permanent failure: dead-lettered at once', async () => {
    receiver.respondWith(400);
    const id = await submit();
    await gw.dispatcher.runOnce();
    expect(await history(id)).toEqual(['exchange.submit:allowed', 'delivery.attempt:dead-letter']);
  });

  it('when a dispatcher dies holding a row, then after the lease another one delivers it', async () => {
    const id = await submit();
    const claimed = await gw.store.claimDueDeliveries({ now: clock.now().getTime(), limit: 10, leaseMs: 5000, owner: 'crashed-process' });
    expect(claimed.map((r) => r.exchangeId)).toEqual([id]);
    expect(await gw.dispatcher.runOnce()).toBe(0);
    clock.advance(5001);
    expect(await gw.dispatcher.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('when the retention has passed after delivery, then the payload is purged and the metadata stays', async () => {
    const id = await submit();
    await gw.dispatcher.runOnce();
    expect((await gw.store.getOutbox(id))?.payload).not.toBeNull();
    clock.advance(23 * 3_600_000);
    expect(await gw.store.purgePayloads(clock.now().getTime())).toBe(0);
    clock.advance(3_600_000);
    expect(await gw.store.purgePayloads(clock.now().getTime())).toBe(1);
    expect((await gw.store.getOutbox(id))?.payload).toBeNull();
    expect((await gw.store.getExchange(id))?.status).toBe('delivered');
  });
});

describe('the inbox', () => {
  it('when a pull receiver never fetches its message, then the payload is purged after the retention and the item is gone', async () => {
    // Regression (review): an unacknowledged inbox payload was never purged.
    const inboxCfg = writeTestConfig({ delivery: { payloadRetentionHours: 24 } });
    const inboxClock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));
    const inboxGw = await buildGateway(inboxCfg.config, { background: false, clock: inboxClock, logger: createLogger({ level: 'error', silent: true }) });
    const res = await request(inboxGw.app)
      .post('/v1/exchanges')
      .set({ authorization: `Bearer ${inboxCfg.token('jeugdhulp-de-brug')}`, 'content-type': 'application/json' })
      .send(JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 }));
    expect(res.status).toBe(202);
    await inboxGw.dispatcher.runOnce();
    const fetch = () => request(inboxGw.app).get(`/v1/inbox/${res.body.exchangeId}`).set({ authorization: `Bearer ${inboxCfg.token('gemeente-diemen')}` });
    expect((await fetch()).status).toBe(200);
    inboxClock.advance(24 * 3_600_000);
    expect(await inboxGw.store.purgePayloads(inboxClock.now().getTime())).toBe(2); // the outbox copy and the inbox copy
    expect((await fetch()).status).toBe(404);
    await inboxGw.close();
    inboxCfg.cleanup();
  });
});

async function startFakeReceiverOn(port: number): Promise<FakeReceiver> {
  // Bind the same port again so the configured endpoint works; retry briefly while it is released.
  for (let i = 0; i < 20; i++) {
    const r = await startFakeReceiver(port).catch(() => undefined);
    if (r) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`could not listen on ${port} again`);
}
