// The edge refusing work cleanly (issue 16): per-party rate limits (429 with Retry-After, a token
// bucket per principal and route), back-pressure on submissions (503 overloaded with Retry-After while
// the outbox passes a threshold, from a cached reading), both counted in /metrics, and /metrics on a
// port of its own (the API port answers 404 for it).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildGateway, startGateway, type GatewayParts } from '../../src/gateway.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { ManualClock } from '../support/manual-clock.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, unknown>;
const body = JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 });


const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function gateway(extra: Record<string, unknown>, options: { receiver?: FakeReceiver } = {}): Promise<{ gw: GatewayParts; cfg: TestConfig; clock: ManualClock }> {
  const cfg = writeTestConfig({ extra, ...(options.receiver !== undefined ? { receiverUrl: options.receiver.url } : {}) });
  const clock = new ManualClock(Date.parse('2026-12-01T10:00:00Z'));
  const gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
  cleanups.push(() => cfg.cleanup(), () => gw.close());
  return { gw, cfg, clock };
}

function submit(gw: GatewayParts, cfg: TestConfig, party = 'jeugdhulp-de-brug'): Promise<request.Response> {
  return request(gw.app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' })
    .send(body)
    .then((res) => {
      assertConformsToOpenApi('POST', '/v1/exchanges', { status: res.status, headers: res.headers, body: res.body, text: res.text });
      return res;
    });
}

const metricsText = async (gw: GatewayParts): Promise<string> => (await request(gw.metricsApp).get('/metrics')).text;

describe('per-party rate limits', () => {
  it('when a party empties its bucket for a route, then it gets 429 rate-limited with Retry-After until a token comes back, other parties and other routes are not held back, and the refusal is counted', async () => {
    const { gw, cfg, clock } = await gateway({ rateLimits: { parties: { 'jeugdhulp-de-brug': { 'POST /v1/exchanges': { perSecond: 0.5, burst: 2 } } } } });
    expect((await submit(gw, cfg)).status).toBe(202);
    expect((await submit(gw, cfg)).status).toBe(202);
    const limited = await submit(gw, cfg);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate-limited', status: 429 });
    expect(limited.headers['retry-after']).toBe('2'); // one token at 0.5 a second
    // Nothing was done: no audit record of a refusal, only the two submissions.
    expect((await gw.store.readAuditChain(1, 100)).filter((r) => r.action === 'exchange.submit')).toHaveLength(2);
    // Another party, and the same party on another route, are not held back.
    expect((await submit(gw, cfg, 'zorgaanbieder-horizon')).status).not.toBe(429);
    const list = await request(gw.app).get('/v1/exchanges').set({ authorization: `Bearer ${cfg.token('jeugdhulp-de-brug')}` });
    expect(list.status).toBe(200);
    // After Retry-After, a token is back (one, not a burst).
    clock.advance(1_000);
    expect((await submit(gw, cfg)).status).toBe(429);
    clock.advance(1_000);
    expect((await submit(gw, cfg)).status).toBe(202);
    expect((await submit(gw, cfg)).status).toBe(429);
    const text = await metricsText(gw);
    expect(text).toMatch(/^ketenpoort_rate_limited_total\{principal="jeugdhulp-de-brug",route="POST \/v1\/exchanges"\} 3$/m);
  });

  it('when only a default limit is set, then every principal has a bucket per route (reads and writes apart), and staff are limited too', async () => {
    const { gw, cfg } = await gateway({ rateLimits: { default: { perSecond: 1, burst: 1 } } });
    const auth = (who: string): Record<string, string> => ({ authorization: `Bearer ${cfg.token(who)}` });
    expect((await submit(gw, cfg)).status).toBe(202);
    expect((await submit(gw, cfg)).status).toBe(429);
    expect((await request(gw.app).get('/v1/exchanges').set(auth('jeugdhulp-de-brug'))).status).toBe(200);
    const again = await request(gw.app).get('/v1/exchanges/00000000-0000-0000-0000-000000000000').set(auth('jeugdhulp-de-brug'));
    expect(again.status).toBe(429); // GET /v1/exchanges/{id} shares the bucket of GET /v1/exchanges
    assertConformsToOpenApi('GET', '/v1/exchanges/{exchangeId}', { status: again.status, headers: again.headers, body: again.body, text: again.text });
    expect((await request(gw.app).get('/v1/audit/verification').set(auth('privacy-officer-demo'))).status).toBe(200);
    expect((await request(gw.app).get('/v1/audit/verification').set(auth('privacy-officer-demo'))).status).toBe(429);
    // A route the config does not name is counted as "*" (metric labels stay bounded).
    expect(await metricsText(gw)).toMatch(/^ketenpoort_rate_limited_total\{principal="privacy-officer-demo",route="\*"\} 1$/m);
  });

  it('when the rate limits name an unknown principal or a malformed route, then the config is refused at startup', () => {
    // writeTestConfig loads the config it writes: an invalid one fails there.
    expect(() => writeTestConfig({ extra: { rateLimits: { parties: { 'no-such-party': { '*': { perSecond: 1 } } } } } })).toThrow(
      /rateLimits\/parties\/no-such-party: "no-such-party" is not a party or staff id/,
    );
    expect(() => writeTestConfig({ extra: { rateLimits: { routes: { 'POST /exchanges': { perSecond: 1 } } } } })).toThrow(/rateLimits\/routes/);
    expect(() => writeTestConfig({ extra: { rateLimits: { default: { perSecond: 0 } } } })).toThrow(/rateLimits\/default\/perSecond/);
  });
});

describe('back-pressure on submissions', () => {
  it('when more deliveries are pending than maxPendingDeliveries, then submissions get 503 overloaded with Retry-After (from a reading at most refreshSeconds old), reads go on, and submissions are taken again once the queue drained', async () => {
    const receiver = await startFakeReceiver();
    cleanups.push(() => receiver.close());
    const { gw, cfg, clock } = await gateway({ backPressure: { maxPendingDeliveries: 2, refreshSeconds: 1, retryAfterSeconds: 7 } }, { receiver });
    const errorLog = vi.spyOn(gw.logger, 'error');
    for (let i = 0; i < 3; i++) expect((await submit(gw, cfg)).status).toBe(202);
    // The reading is not a query per request: within refreshSeconds the old reading (0 pending) holds.
    expect((await submit(gw, cfg)).status).toBe(202);
    clock.advance(1_000);
    // A stale reading is answered at once and refreshed behind it: the next request sees 4 pending.
    expect((await submit(gw, cfg)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 100));
    const refused = await submit(gw, cfg);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'overloaded', detail: 'more than 2 deliveries are waiting' });
    expect(refused.headers['retry-after']).toBe('7');
    expect((await request(gw.app).get('/v1/exchanges').set({ authorization: `Bearer ${cfg.token('jeugdhulp-de-brug')}` })).status).toBe(200);
    // The queue drains; after the next refresh, submissions are taken again.
    await gw.dispatcher.runOnce();
    expect((await gw.store.countOutbox()).pending).toBe(0);
    clock.advance(1_000);
    expect((await submit(gw, cfg)).status).toBe(503); // the stale reading, refreshed behind this answer
    await new Promise((r) => setTimeout(r, 100));
    expect((await submit(gw, cfg)).status).toBe(202);
    expect(await metricsText(gw)).toMatch(/^ketenpoort_backpressure_rejections_total\{reason="pending-deliveries"\} 2$/m);
    // Counted, not logged one by one (a flood of refusals is no flood of error lines).
    expect(errorLog).not.toHaveBeenCalled();
  });

  it('when the oldest pending delivery is older than maxOldestPendingSeconds, then submissions get 503 overloaded, counted by that reason', async () => {
    const { gw, cfg, clock } = await gateway({ backPressure: { maxOldestPendingSeconds: 60 } });
    expect((await submit(gw, cfg)).status).toBe(202); // nobody delivers: background is off
    clock.advance(61_000);
    expect((await submit(gw, cfg)).status).toBe(202); // stale reading (age 0), refreshed behind it
    await new Promise((r) => setTimeout(r, 100));
    const refused = await submit(gw, cfg);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'overloaded', detail: 'the oldest waiting delivery is older than 60 s' });
    expect(refused.headers['retry-after']).toBe('5');
    expect(await metricsText(gw)).toMatch(/^ketenpoort_backpressure_rejections_total\{reason="oldest-pending-age"\} 1$/m);
  });
});

describe('/metrics on a port of its own', () => {
  it('when metrics.port is set, then /metrics answers there without a token and the API port answers 404 for it', async () => {
    const cfg = writeTestConfig({ extra: { metrics: { host: '127.0.0.1', port: 0 } } });
    const running = await startGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
    cleanups.push(() => cfg.cleanup(), () => running.stop());
    expect(running.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(running.metricsUrl).not.toContain(new URL(running.url).port);
    const scraped = await fetch(running.metricsUrl!);
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    expect(text).toContain('ketenpoort_rate_limited_total');
    expect(text).toContain('ketenpoort_backpressure_rejections_total');
    const onApi = await fetch(`${running.url}/metrics`);
    expect(onApi.status).toBe(404);
    expect(((await onApi.json()) as { code: string }).code).toBe('not-found');
    // The metrics port serves nothing else.
    expect((await fetch(running.metricsUrl!.replace('/metrics', '/v1/exchanges'))).status).toBe(404);
  });

  it('when metrics.port is not set, then no metrics port is opened; when it equals gateway.port, then the config is refused', async () => {
    const cfg = writeTestConfig();
    const running = await startGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
    cleanups.push(() => cfg.cleanup(), () => running.stop());
    expect(running.metricsUrl).toBeUndefined();
    expect(() => writeTestConfig({ port: 18080, extra: { metrics: { port: 18080 } } })).toThrow(/metrics\/port: must differ from gateway.port/);
  });
});
