// The operators' traffic view through HTTP (supertest against the real app, SQLite on disk, the real
// dispatcher delivering to a real receiver on 127.0.0.1): the message log with filters and cursor
// pages, one exchange's history, receiver status, pause and resume (kept across a restart, audited),
// the dashboard's statistics; metadata only; unknown or malformed query parameters named in a 400.
// Every response is checked against openapi.yaml, and every /v1/operator operation is exercised.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { batchReceiver, demoBsn, jw315Record, sourceParty } from '../../bench/support/batch-records.ts';
import { assertConformsToOpenApi, documentedOperations } from '../support/openapi-conformance.ts';
import { isTrafficPath } from '../support/operator-paths.ts';

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;
const exercised = new Set<string>();
const build = () => buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });

function check(method: string, path: string, res: request.Response): request.Response {
  const match = assertConformsToOpenApi(method, path, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  exercised.add(`${match.method} ${match.pathTemplate}`);
  return res;
}

const auth = (who: string): Record<string, string> => ({ authorization: `Bearer ${cfg.token(who)}` });

async function get(path: string, who = 'operator-demo'): Promise<request.Response> {
  return check('GET', path, await request(gw.app).get(path).set(auth(who)));
}
async function post(path: string, body?: unknown, who = 'operator-demo'): Promise<request.Response> {
  let req = request(gw.app).post(path).set(auth(who));
  if (body !== undefined) req = req.set('content-type', 'application/json').send(JSON.stringify(body));
  return check('POST', path, await req);
}

async function submit(index: number, kind: 'ok' | 'refused' = 'ok'): Promise<string> {
  const { id: _id, ...envelope } = jw315Record(index, kind);
  const res = await request(gw.app).post('/v1/exchanges').set(auth(sourceParty)).set('content-type', 'application/json').send(JSON.stringify(envelope));
  expect([202, 403]).toContain(res.status);
  return res.body.exchangeId as string;
}

/** Runs the dispatcher until nothing is due. */
async function deliverAll(): Promise<void> {
  for (let i = 0; i < 20 && (await gw.dispatcher.runOnce()) > 0; i++);
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  cfg = writeTestConfig({ receiverUrl: receiver.url, delivery: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
  gw = await build();
});

afterAll(async () => {
  await gw.close();
  await receiver.close();
  cfg.cleanup();
});

describe('the message log', () => {
  const ids: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) ids.push(await submit(i));
    ids.push(await submit(5, 'refused'));
    await deliverAll();
  });

  it('when an operator lists the traffic, then every exchange comes newest first with metadata only, never a payload or a BSN', async () => {
    const res = await get('/v1/operator/exchanges');
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { exchangeId: string }) => e.exchangeId)).toEqual([...ids].reverse());
    expect(res.body.items[0]).toMatchObject({ sender: sourceParty, receiver: batchReceiver, messageType: 'JW315', status: 'refused', reason: expect.any(String) });
    expect(res.body.items[1]).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    expect(res.text).not.toContain(demoBsn);
    expect(res.text).not.toMatch(/pseudonym|dataSubjectId|payload/i);
    expect(res.body.next).toBeNull();
  });

  it('when filters and pages are used, then they narrow and page without repeats; the cursor is opaque', async () => {
    const refused = await get('/v1/operator/exchanges?status=refused');
    expect(refused.body.items.map((e: { exchangeId: string }) => e.exchangeId)).toEqual([ids[5]]);
    const byReason = await get(`/v1/operator/exchanges?reason=${encodeURIComponent(refused.body.items[0].reason as string)}&sender=${sourceParty}`);
    expect(byReason.body.items).toHaveLength(1);
    expect((await get('/v1/operator/exchanges?messageType=JW301')).body.items).toEqual([]);
    expect((await get(`/v1/operator/exchanges?receiver=${batchReceiver}&status=delivered`)).body.items).toHaveLength(5);
    expect((await get('/v1/operator/exchanges?from=2000-01-01&to=2000-01-02')).body.items).toEqual([]);
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page = await get(`/v1/operator/exchanges?limit=2${next === null ? '' : `&next=${next}`}`);
      seen.push(...page.body.items.map((e: { exchangeId: string }) => e.exchangeId));
      next = page.body.next as string | null;
      if (next !== null) expect(next).not.toContain(ids[0]!.slice(0, 8));
    } while (next !== null);
    expect(seen).toEqual([...ids].reverse());
  });

  it('when a query parameter is unknown or malformed, then 400 names each one', async () => {
    const unknown = await get('/v1/operator/exchanges?staus=refused&limit=5&bsn=1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/query/bsn', '/query/staus']);
    const malformed = await get('/v1/operator/exchanges?status=lost&limit=0&from=yesterday');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/query/status']);
    expect((await get('/v1/operator/exchanges?limit=0')).body.errors[0].pointer).toBe('/query/limit');
    expect((await get('/v1/operator/exchanges?from=yesterday')).body.errors[0].pointer).toBe('/query/from');
    expect((await get('/v1/operator/exchanges?next=bm90LWEtY3Vyc29y')).body.errors[0].pointer).toBe('/query/next');
    expect((await get('/v1/operator/statistics?window=week')).status).toBe(400);
    expect((await get('/v1/operator/receivers?page=2')).body.errors[0].pointer).toBe('/query/page');
    expect((await get(`/v1/operator/exchanges/${ids[0]!}?verbose=1`)).status).toBe(400);
  });

  it('when one exchange is opened, then its delivery and every audited step are shown, in order', async () => {
    const res = await get(`/v1/operator/exchanges/${ids[0]!}`);
    expect(res.status).toBe(200);
    expect(res.body.delivery).toMatchObject({ adapter: 'rest-json', status: 'delivered', attempts: 1, nextAttemptAt: null, errorClass: null });
    expect(res.body.history.map((h: { action: string; outcome: string }) => `${h.action}:${h.outcome}`)).toEqual(['exchange.submit:allowed', 'delivery.attempt:delivered']);
    expect(res.text).not.toContain(demoBsn);
    const refused = await get(`/v1/operator/exchanges/${ids[5]!}`);
    expect(refused.body.delivery).toBeNull();
    expect((await get('/v1/operator/exchanges/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('when someone other than an operator asks, then 403', async () => {
    expect((await get('/v1/operator/exchanges', 'privacy-officer-demo')).status).toBe(403);
    expect((await get('/v1/operator/receivers', sourceParty)).status).toBe(403);
    expect((await post(`/v1/operator/receivers/${batchReceiver}/pause`, undefined, 'privacy-officer-demo')).status).toBe(403);
  });
});

describe('receivers', () => {
  it('when receivers are listed, then each shows its adapter, endpoint, queue and the last day\'s success rate', async () => {
    const res = await get('/v1/operator/receivers');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { party: string }) => r.party)).toEqual(cfg.config.parties.map((p) => p.id).sort());
    const diemen = res.body.items.find((r: { party: string }) => r.party === batchReceiver);
    expect(diemen).toMatchObject({
      adapter: { kind: 'rest-json', endpoint: `${receiver.url}/${batchReceiver}` },
      paused: null,
      queue: { pending: 0, oldestPendingAt: null, dead: 0 },
      last24Hours: { delivered: 5, retried: 0, deadLettered: 0, leaseExpired: 0, successRate: 1 },
      lastFailure: null,
    });
  });

  it('when a receiver fails, then its success rate drops and its last failure is named by class', async () => {
    receiver.respondWith(503);
    const id = await submit(20);
    await deliverAll();
    await new Promise((r) => setTimeout(r, 10));
    await deliverAll();
    receiver.respondWith(201);
    const res = await get(`/v1/operator/receivers/${batchReceiver}`);
    expect(res.body.last24Hours).toMatchObject({ delivered: 5, retried: 1, deadLettered: 1 });
    expect(res.body.last24Hours.successRate).toBeCloseTo(5 / 7, 3);
    expect(res.body.lastFailure).toMatchObject({ exchangeId: id, errorClass: 'receiver-unavailable', error: 'HTTP 503' });
    expect(res.body.queue.dead).toBe(1);
    const history = await get(`/v1/operator/exchanges/${id}`);
    expect(history.body.delivery).toMatchObject({ status: 'dead', attempts: 2, errorClass: 'receiver-unavailable', lastError: 'HTTP 503' });
    expect(history.body.history.map((h: { outcome: string }) => h.outcome)).toEqual(['allowed', 'retry', 'dead-letter']);
    expect(history.body.history[1].detail).toBe('attempt 1: HTTP 503');
  });

  it('when deliveries to a receiver are paused, then nothing goes out, also after a restart, until an operator resumes them; both are audited', async () => {
    const paused = await post(`/v1/operator/receivers/${batchReceiver}/pause`, { reason: 'onderhoud koppeling tot 14:00' });
    expect(paused.status).toBe(200);
    expect(paused.body.paused).toMatchObject({ by: 'operator-demo', reason: 'onderhoud koppeling tot 14:00' });
    const before = receiver.received.length;
    const id = await submit(30);
    await deliverAll();
    expect(receiver.received.length).toBe(before);

    await gw.close();
    gw = await build();
    const afterRestart = await get(`/v1/operator/receivers/${batchReceiver}`);
    expect(afterRestart.body.paused).toMatchObject({ by: 'operator-demo' });
    expect(afterRestart.body.queue).toMatchObject({ pending: 1, oldestPendingAt: expect.any(String) });
    await deliverAll();
    expect(receiver.received.length).toBe(before);
    const again = await post(`/v1/operator/receivers/${batchReceiver}/pause`, { reason: 'nog eens' });
    expect(again.body.paused.reason).toBe('onderhoud koppeling tot 14:00');

    const resumed = await post(`/v1/operator/receivers/${batchReceiver}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.paused).toBeNull();
    await deliverAll();
    expect(receiver.received.length).toBe(before + 1);
    expect((await get(`/v1/operator/exchanges/${id}`)).body.exchange.status).toBe('delivered');

    const chain = await gw.store.readAuditChain(1, 1_000_000);
    const changes = chain.filter((r) => r.action === 'receiver.pause' || r.action === 'receiver.resume');
    expect(changes.map((r) => [r.action, r.outcome, r.actor, r.counterparty])).toEqual([
      ['receiver.pause', 'paused', 'operator-demo', batchReceiver],
      ['receiver.resume', 'resumed', 'operator-demo', batchReceiver],
    ]);
  });

  it('when the pause is asked for wrongly, then 400 or 404', async () => {
    const bsn = await post(`/v1/operator/receivers/${batchReceiver}/pause`, { reason: `kind ${demoBsn}` });
    expect(bsn.status).toBe(400);
    expect(bsn.body.errors[0].pointer).toBe('/reason');
    const extra = await post(`/v1/operator/receivers/${batchReceiver}/pause`, { why: 'x' });
    expect(extra.body.errors[0].pointer).toBe('/why');
    expect((await post('/v1/operator/receivers/no-such-party/pause')).status).toBe(404);
    expect((await get('/v1/operator/receivers/no-such-party')).status).toBe(404);
    expect((await post('/v1/operator/receivers/no-such-party/resume')).status).toBe(404);
  });
});

describe('statistics', () => {
  it('when the dashboard asks for the last hour or day, then the counts come from the store per bucket, with latency and queue', async () => {
    const hour = await get('/v1/operator/statistics');
    expect(hour.status).toBe(200);
    expect(hour.body).toMatchObject({ window: 'hour', bucketSeconds: 60, pausedReceivers: 0, storeReady: true, queue: { pending: 0, dead: 1 } });
    expect(hour.body.buckets).toHaveLength(60);
    expect(hour.body.totals).toEqual({ accepted: 7, refused: 1, delivered: 6 });
    expect(hour.body.deliveryLatencyMs).toMatchObject({ sample: 6 });
    expect(hour.body.deliveryLatencyMs.p95).toBeGreaterThanOrEqual(hour.body.deliveryLatencyMs.p50);
    const day = await get('/v1/operator/statistics?window=day');
    expect(day.body).toMatchObject({ window: 'day', bucketSeconds: 900, totals: { accepted: 7, refused: 1, delivered: 6 } });
    expect(day.body.buckets).toHaveLength(96);
  });
});

describe('completeness', () => {
  it('then every documented /v1/operator operation has been exercised by this suite', () => {
    const missing = documentedOperations().filter((op) => isTrafficPath(op.pathTemplate) && !exercised.has(`${op.method} ${op.pathTemplate}`));
    expect(missing).toEqual([]);
  });
});
