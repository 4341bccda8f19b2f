// The operator API through HTTP (supertest against the real app, SQLite on disk, a real batch source
// and a real receiver on 127.0.0.1): schedules, runs, dead letters, staff audit routes, metrics. Every
// response is checked against openapi.yaml, and every operator operation it documents is exercised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { fromLdvRecord } from '../../src/audit/ldv-export.ts';
import { createChainVerifier } from '../../src/audit/chain-verifier.ts';
import { publicKeyFromJwk } from '../../src/audit/checkpoint-signing.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { startBatchSource, recordId, type BatchSource } from '../../bench/support/batch-source.ts';
import { batchReceiver, demoBsn, jw315Record, sourceParty } from '../../bench/support/batch-records.ts';
import { assertConformsToOpenApi, documentedOperations } from '../support/openapi-conformance.ts';
import { isOperatorPath } from '../support/operator-paths.ts';

let receiver: FakeReceiver;
let source: BatchSource;
let cfg: TestConfig;
let gw: GatewayParts;
const exercised = new Set<string>();

function check(method: string, path: string, res: request.Response): request.Response {
  const match = assertConformsToOpenApi(method, path, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  exercised.add(`${match.method} ${match.pathTemplate}`);
  return res;
}

const auth = (who: string): Record<string, string> => ({ authorization: `Bearer ${cfg.token(who)}` });
const operator = (): Record<string, string> => auth('operator-demo');
const json = { 'content-type': 'application/json' };

async function call(method: 'get' | 'post' | 'patch' | 'delete', path: string, who = 'operator-demo', body?: unknown): Promise<request.Response> {
  let req = request(gw.app)[method](path).set(auth(who));
  if (body !== undefined) req = req.set(json).send(JSON.stringify(body));
  return check(method.toUpperCase(), path, await req);
}

/** A record as a live sender would POST it (the envelope, without the source's id). */
function envelopeOf(index: number): string {
  const { id: _id, ...envelope } = jw315Record(index);
  return JSON.stringify(envelope);
}

/** Record 3 is refused by the policy, record 7 is invalid; the rest are fine. */
const kindOf = (i: number): 'ok' | 'refused' | 'invalid' => (i === 3 ? 'refused' : i === 7 ? 'invalid' : 'ok');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  source = await startBatchSource({ total: 25, record: (i) => jw315Record(i, kindOf(i)) });
  cfg = writeTestConfig({
    receiverUrl: receiver.url,
    sources: { [sourceParty]: { kind: 'rest-json', endpoint: source.url } },
    delivery: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
  gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
});

afterAll(async () => {
  await gw.close();
  await source.close();
  await receiver.close();
  cfg.cleanup();
});

describe('schedules', () => {
  let scheduleId: string;

  it('when an operator creates a pull-sync, then it is stored with its time zone, next runs and no run yet', async () => {
    const res = await call('post', '/v1/schedules', 'operator-demo', { name: 'brug-sync', cron: '0 2 * * *', jobKind: 'pull-sync', params: { party: sourceParty, pageSize: 10 }, paused: true });
    expect(res.status).toBe(201);
    scheduleId = res.body.scheduleId;
    expect(res.headers.location).toBe(`/v1/schedules/${scheduleId}`);
    expect(res.body).toMatchObject({ name: 'brug-sync', timeZone: 'Europe/Amsterdam', jobKind: 'pull-sync', paused: true, cursor: null, version: 1, createdBy: 'operator-demo', nextRuns: [], lastRun: null });
    const resumed = await call('post', `/v1/schedules/${scheduleId}/resume`);
    expect(resumed.body.paused).toBe(false);
    // 02:00 in Amsterdam is 01:00 UTC in winter and 00:00 UTC in summer.
    expect(resumed.body.nextRuns).toHaveLength(3);
    for (const at of resumed.body.nextRuns) expect(['01:00', '00:00']).toContain(at.slice(11, 16));
    const paused = await call('post', `/v1/schedules/${scheduleId}/pause`);
    expect(paused.body).toMatchObject({ paused: true, nextRuns: [] });
    expect((await call('get', `/v1/schedules/${scheduleId}`)).body.version).toBe(3);
    const list = await call('get', '/v1/schedules');
    expect(list.body.items.map((s: { name: string }) => s.name)).toContain('brug-sync');
  });

  it('when the input is wrong in several ways, then 400 lists every problem with its pointer, and a bad cron says which field', async () => {
    const res = await call('post', '/v1/schedules', 'operator-demo', { name: 'Bad Name', cron: '61 * * * *', timeZone: 'Mars/Olympus', jobKind: 'pull-sync', params: { party: sourceParty, extra: 1 } });
    expect(res.status).toBe(400);
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toContain('/name');
    const semantic = await call('post', '/v1/schedules', 'operator-demo', { name: 'bad', cron: '61 * * * *', timeZone: 'Mars/Olympus', jobKind: 'pull-sync', params: { party: sourceParty, extra: 1 } });
    expect(semantic.status).toBe(400);
    expect(semantic.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/cron', detail: expect.stringMatching(/61.*minute/) }),
        expect.objectContaining({ pointer: '/timeZone' }),
        expect.objectContaining({ pointer: '/params/extra' }),
      ]),
    );
    const tooFew = await call('post', '/v1/schedules', 'operator-demo', { name: 'few', cron: '* * * *', jobKind: 'purge-payloads' });
    expect(tooFew.body.errors).toEqual([expect.objectContaining({ pointer: '/cron', detail: expect.stringMatching(/5 fields .* or 6 with seconds first/) })]);
    const noSource = await call('post', '/v1/schedules', 'operator-demo', { name: 'no-source', cron: '* * * * *', jobKind: 'pull-sync', params: { party: 'gemeente-diemen' } });
    expect(noSource.body.errors).toEqual([expect.objectContaining({ pointer: '/params/party', detail: expect.stringMatching(/no batch source/) })]);
    const unknownKind = await call('post', '/v1/schedules', 'operator-demo', { name: 'kind', cron: '* * * * *', jobKind: 'shred-everything' });
    expect(unknownKind.body.errors).toEqual([expect.objectContaining({ pointer: '/jobKind' })]);
    const notJson = check('POST', '/v1/schedules', await request(gw.app).post('/v1/schedules').set({ ...operator(), ...json }).send('{"name":'));
    expect(notJson.body.code).toBe('invalid-json');
    const textPlain = check('POST', '/v1/schedules', await request(gw.app).post('/v1/schedules').set({ ...operator(), 'content-type': 'text/plain' }).send('x'));
    expect(textPlain.status).toBe(415);
    expect((await call('post', '/v1/schedules', 'operator-demo', { name: 'brug-sync', cron: '* * * * *', jobKind: 'purge-payloads' })).body.code).toBe('schedule-name-taken');
  });

  it('when a schedule is changed, then only what was sent changes; the job kind cannot', async () => {
    const changed = await call('patch', `/v1/schedules/${scheduleId}`, 'operator-demo', { cron: '*/10 * * * *', timeZone: 'UTC' });
    expect(changed.body).toMatchObject({ cron: '*/10 * * * *', timeZone: 'UTC', name: 'brug-sync', paused: true });
    expect((await call('patch', `/v1/schedules/${scheduleId}`, 'operator-demo', { jobKind: 'purge-payloads' })).body.errors).toEqual([expect.objectContaining({ pointer: '/jobKind' })]);
    expect((await call('patch', `/v1/schedules/${scheduleId}`, 'operator-demo', { cron: '* * *' })).status).toBe(400);
    expect((await call('patch', `/v1/schedules/${scheduleId}`, 'operator-demo', {})).status).toBe(400);
  });

  it('when a schedule is deleted, then it is gone; unknown ids are 404; non-operators get 403; no token 401', async () => {
    const created = await call('post', '/v1/schedules', 'operator-demo', { name: 'to-delete', cron: '0 3 * * *', jobKind: 'purge-payloads' });
    expect((await call('delete', `/v1/schedules/${created.body.scheduleId}`)).status).toBe(204);
    expect((await call('get', `/v1/schedules/${created.body.scheduleId}`)).status).toBe(404);
    expect((await call('delete', `/v1/schedules/${created.body.scheduleId}`)).status).toBe(404);
    expect((await call('get', '/v1/schedules', sourceParty)).status).toBe(403);
    expect((await call('get', '/v1/schedules', 'privacy-officer-demo')).status).toBe(403);
    expect((await call('get', '/v1/schedules', 'admin-demo')).status).toBe(200);
    expect(check('GET', '/v1/schedules', await request(gw.app).get('/v1/schedules')).status).toBe(401);
    const wrong = await request(gw.app).put('/v1/schedules').set(operator());
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, POST');
    // The audit log has every change, with the operator as actor.
    const changes = (await gw.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'schedule.change');
    expect(changes.map((r) => r.reason)).toEqual(expect.arrayContaining(['created', 'paused', 'resumed', 'updated', 'deleted']));
    expect(changes.every((r) => r.actor === 'operator-demo')).toBe(true);
  });

  it('when a pull-sync runs, then it submits every record through the pipeline, refuses two without stopping, and the run history shows the counts and the cursor', async () => {
    const started = await call('post', `/v1/schedules/${scheduleId}/runs`);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', trigger: 'manual', cursorFrom: null, runner: expect.stringMatching(/^.+\/\d+\/[0-9a-f-]{36}$/) });
    expect(started.headers.location).toBe(`/v1/schedules/${scheduleId}/runs/${started.body.runId}`);
    await gw.scheduler.idle();
    const run = await call('get', `/v1/schedules/${scheduleId}/runs/${started.body.runId}`);
    expect(run.body).toMatchObject({
      status: 'succeeded',
      counts: { read: 25, accepted: 23, refused: 2, failed: 0 },
      cursorFrom: null,
      cursorReached: recordId(25),
      error: null,
    });
    expect(run.body.details.refusals).toEqual([
      { recordId: recordId(3), code: 'policy-denied', reason: 'no-legal-basis' },
      { recordId: recordId(7), code: 'invalid-input' },
    ]);
    expect(JSON.stringify(run.body)).not.toContain(demoBsn);
    // Pages of 10 from the stored cursor: 1-10, 11-20, 21-25 (short: nothing more for now).
    expect(source.requests.map((r) => [r.after, r.limit])).toEqual([[null, 10], [recordId(10), 10], [recordId(20), 10]]);
    // Every record went through the pipeline: 24 decisions (23 allowed, 1 refused) and one refused input, all audited.
    const submits = (await gw.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'exchange.submit' && r.actor === sourceParty);
    expect(submits.filter((r) => r.outcome === 'allowed')).toHaveLength(23);
    expect(submits.filter((r) => r.outcome === 'refused').map((r) => r.reason).sort()).toEqual(['invalid-input', 'no-legal-basis']);
    expect((await gw.store.getSchedule(scheduleId))?.cursor).toBe(recordId(25));
    // They are delivered like live traffic.
    for (let i = 0; i < 5 && receiver.received.length < 23; i++) await gw.dispatcher.runOnce();
    expect(receiver.received.filter((r) => r.url === `/${batchReceiver}`)).toHaveLength(23);
  });

  it('when it runs again, then it continues from the cursor and reads only what is new', async () => {
    source.setTotal(28);
    const again = await call('post', `/v1/schedules/${scheduleId}/runs`);
    await gw.scheduler.idle();
    const run = await call('get', `/v1/schedules/${scheduleId}/runs/${again.body.runId}`);
    expect(run.body).toMatchObject({ status: 'succeeded', cursorFrom: recordId(25), cursorReached: recordId(28), counts: { read: 3, accepted: 3, refused: 0, failed: 0 } });
    expect(source.requests.at(-1)).toMatchObject({ after: recordId(25) });
    const runs = await call('get', `/v1/schedules/${scheduleId}/runs?limit=1`);
    expect(runs.body.items.map((r: { runId: string }) => r.runId)).toEqual([again.body.runId]);
    expect(runs.body.next).toBe(again.body.runId);
    const older = await call('get', `/v1/schedules/${scheduleId}/runs?limit=5&before=${runs.body.next}`);
    expect(older.body).toMatchObject({ items: [expect.objectContaining({ counts: expect.objectContaining({ read: 25 }) })], next: null });
    expect((await call('get', `/v1/schedules/${scheduleId}/runs?limit=0`)).status).toBe(400);
    expect((await call('get', `/v1/schedules/${scheduleId}/runs/${scheduleId}`)).status).toBe(404);
    const schedule = await call('get', `/v1/schedules/${scheduleId}`);
    expect(schedule.body.lastRun.runId).toBe(again.body.runId);
  });

  it('when a run is going, then a second run now is refused (409) and the schedule cannot be deleted', async () => {
    source.setTotal(30);
    source.setDelay(300);
    const first = await call('post', `/v1/schedules/${scheduleId}/runs`);
    expect(first.status).toBe(202);
    const second = await call('post', `/v1/schedules/${scheduleId}/runs`);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('schedule-running');
    expect((await call('delete', `/v1/schedules/${scheduleId}`)).body.code).toBe('schedule-running');
    expect((await call('patch', `/v1/schedules/${scheduleId}`, 'operator-demo', { resetCursor: true })).body.code).toBe('schedule-running');
    await gw.scheduler.idle();
    source.setDelay(0);
    expect((await call('get', `/v1/schedules/${scheduleId}/runs/${first.body.runId}`)).body.counts.read).toBe(2);
  });
});

describe('dead letters', () => {
  const exchangeIds: string[] = [];

  it('when the receiver is down, then deliveries retry and dead-letter; the list shows why, without payload or BSN', async () => {
    // Deliver what the syncs queued, then submit three live exchanges while the receiver answers 503.
    await waitFor('an empty queue', async () => ((await gw.dispatcher.runOnce()) === 0 && (await gw.store.countOutbox()).pending === 0 ? true : undefined));
    expect((await gw.store.countOutbox()).dead).toBe(0);
    receiver.respondWith(503);
    for (let i = 1; i <= 3; i++) {
      const res = await request(gw.app).post('/v1/exchanges').set({ ...auth(sourceParty), ...json }).send(envelopeOf(200 + i));
      expect(res.status).toBe(202);
      exchangeIds.push(res.body.exchangeId);
    }
    await waitFor('dead letters', async () => {
      await gw.dispatcher.runOnce();
      const statuses = await Promise.all(exchangeIds.map(async (id) => (await gw.store.getOutbox(id))?.status));
      return statuses.every((s) => s === 'dead') ? true : undefined;
    });
    const list = await call('get', `/v1/dead-letters?receiver=${batchReceiver}&limit=2`);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({ exchangeId: exchangeIds[0], sender: sourceParty, receiver: batchReceiver, messageType: 'JW315', purpose: 'verzoek-toewijzing', attempts: 2, errorClass: 'receiver-unavailable', lastError: 'HTTP 503', replayable: true });
    expect(list.text).not.toContain(demoBsn);
    const rest = await call('get', `/v1/dead-letters?receiver=${batchReceiver}&after=${list.body.next}`);
    expect(rest.body.items.map((i: { exchangeId: string }) => i.exchangeId)).toEqual([exchangeIds[2]]);
    expect((await call('get', '/v1/dead-letters?limit=500')).status).toBe(400);
  });

  it('when the receiver is back, then a replay re-decides and delivers; a replay of what is not a dead letter says so', async () => {
    receiver.respondWith(201);
    const before = receiver.received.length;
    const res = await call('post', '/v1/dead-letters/replay', 'operator-demo', { exchangeIds: [exchangeIds[0], exchangeIds[1], '00000000-0000-4000-8000-000000000000'] });
    expect(res.body.results).toEqual([
      { exchangeId: exchangeIds[0], outcome: 'requeued' },
      { exchangeId: exchangeIds[1], outcome: 'requeued' },
      { exchangeId: '00000000-0000-4000-8000-000000000000', outcome: 'not-found' },
    ]);
    await gw.dispatcher.runOnce();
    expect(receiver.received.length).toBe(before + 2);
    expect((await gw.store.getExchange(exchangeIds[0]!))?.status).toBe('delivered');
    const again = await call('post', '/v1/dead-letters/replay', 'operator-demo', { exchangeIds: [exchangeIds[0]] });
    expect(again.body.results).toEqual([{ exchangeId: exchangeIds[0], outcome: 'not-replayable', reason: 'not-a-dead-letter', detail: 'its delivery is delivered' }]);
    const history = (await gw.store.listAudit({ exchangeId: exchangeIds[0]!, limit: 100 })).map((r) => `${r.action}:${r.outcome}`);
    expect(history).toEqual(['exchange.submit:allowed', 'delivery.attempt:retry', 'delivery.attempt:dead-letter', 'delivery.replay:requeued', 'delivery.attempt:delivered']);
    const replay = (await gw.store.listAudit({ exchangeId: exchangeIds[0]!, limit: 100 })).find((r) => r.action === 'delivery.replay');
    expect(replay).toMatchObject({ actor: 'operator-demo', rule: 'ijw-verzoek-toewijzing@2', legalBasis: expect.any(String), dataSubjectIdType: 'bsn-pseudonym' });
    expect((await call('post', '/v1/dead-letters/replay', 'operator-demo', { exchangeIds: [] })).body.errors).toEqual([expect.objectContaining({ pointer: '/exchangeIds' })]);
    expect((await call('post', '/v1/dead-letters/replay', 'operator-demo', { exchangeIds: ['x'], more: 1 })).body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/exchangeIds/0', '/more']);
  });

  it('when a dead letter is discarded with a reason, then it is cancelled, its payload gone, and the reason audited; a note with a BSN is refused', async () => {
    const id = exchangeIds[2]!;
    const bsnNote = await call('post', `/v1/dead-letters/${id}/discard`, 'operator-demo', { reason: 'receiver-decommissioned', note: `kind ${demoBsn}` });
    expect(bsnNote.body.errors).toEqual([expect.objectContaining({ pointer: '/note' })]);
    expect((await call('post', `/v1/dead-letters/${id}/discard`, 'operator-demo', { reason: 'X' })).body.errors).toEqual([expect.objectContaining({ pointer: '/reason' })]);
    expect((await call('post', `/v1/dead-letters/${id}/discard`, 'operator-demo', { reason: 'receiver-decommissioned', note: 'Ontvanger vervangen door nieuw systeem' })).status).toBe(204);
    expect(await gw.store.getOutbox(id)).toMatchObject({ status: 'cancelled', payload: null });
    expect((await gw.store.getExchange(id))?.status).toBe('cancelled');
    const record = (await gw.store.listAudit({ exchangeId: id, limit: 100 })).at(-1);
    expect(record).toMatchObject({ action: 'delivery.discard', outcome: 'discarded', reason: 'receiver-decommissioned', detail: 'Ontvanger vervangen door nieuw systeem', actor: 'operator-demo' });
    expect((await call('post', `/v1/dead-letters/${id}/discard`, 'operator-demo', { reason: 'obsolete' })).body.code).toBe('replay-not-possible');
    expect((await call('post', '/v1/dead-letters/00000000-0000-4000-8000-000000000000/discard', 'operator-demo', { reason: 'duplicate' })).status).toBe(404);
    expect((await call('get', '/v1/dead-letters', sourceParty)).status).toBe(403);
  });

  it('when a retry-dead-letters schedule runs, then it replays only dead letters whose receiver was away', async () => {
    receiver.respondWith(503);
    const live = await request(gw.app).post('/v1/exchanges').set({ ...auth(sourceParty), ...json }).send(envelopeOf(300));
    await waitFor('a dead letter', async () => {
      await gw.dispatcher.runOnce();
      return (await gw.store.getOutbox(live.body.exchangeId))?.status === 'dead' ? true : undefined;
    });
    receiver.respondWith(400);
    const refused = await request(gw.app).post('/v1/exchanges').set({ ...auth(sourceParty), ...json }).send(envelopeOf(301));
    await gw.dispatcher.runOnce();
    expect((await gw.store.getOutbox(refused.body.exchangeId))?.lastError).toBe('HTTP 400');
    receiver.respondWith(201);
    const created = await call('post', '/v1/schedules', 'operator-demo', { name: 'retry-diemen', cron: '*/15 * * * *', jobKind: 'retry-dead-letters', params: { receiver: batchReceiver }, paused: true });
    const run = await call('post', `/v1/schedules/${created.body.scheduleId}/runs`);
    await gw.scheduler.idle();
    expect((await call('get', `/v1/schedules/${created.body.scheduleId}/runs/${run.body.runId}`)).body.counts).toEqual({ read: 1, accepted: 1, refused: 0, failed: 0 });
    expect((await gw.store.getOutbox(live.body.exchangeId))?.status).toBe('pending');
    expect((await gw.store.getOutbox(refused.body.exchangeId))?.status).toBe('dead');
  });
});

describe('staff audit routes', () => {
  it('when an audit-checkpoint runs, then the head is signed, the checkpoint is listed, and verification checks it with the public key', async () => {
    const created = await call('post', '/v1/schedules', 'operator-demo', { name: 'checkpoint', cron: '0 * * * *', jobKind: 'audit-checkpoint' });
    const run = await call('post', `/v1/schedules/${created.body.scheduleId}/runs`);
    await gw.scheduler.idle();
    const done = await call('get', `/v1/schedules/${created.body.scheduleId}/runs/${run.body.runId}`);
    expect(done.body).toMatchObject({ status: 'succeeded', counts: { accepted: 1 } });
    const checkpoints = await call('get', '/v1/audit/checkpoints', 'privacy-officer-demo');
    expect(checkpoints.body.items).toHaveLength(1);
    expect(checkpoints.body.items[0].seq).toBe(done.body.details.signed.seq);
    const key = await call('get', '/v1/audit/signing-key', sourceParty);
    expect(key.body).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: checkpoints.body.items[0].keyId });
    const verification = check('GET', '/v1/audit/verification', await request(gw.app).get('/v1/audit/verification').set(operator()));
    expect(verification.body).toMatchObject({ ok: true, checkpoints: { verified: 1, failed: [], signedUpTo: checkpoints.body.items[0].seq } });
    // The checkpoint also left the database: the witness holds it, and the records after it are named.
    const signedSeq = checkpoints.body.items[0].seq as number;
    expect(verification.body).toMatchObject({
      witness: { entries: 1, newestSeq: signedSeq, failed: [] },
      tail: { afterSeq: signedSeq, records: verification.body.head.seq - signedSeq },
    });
    expect((await call('get', '/v1/audit/checkpoints?limit=0', 'privacy-officer-demo')).status).toBe(400);
    expect((await call('get', '/v1/audit/checkpoints', sourceParty)).status).toBe(403);
  });

  it('when a privacy officer exports the audit log page by page, then the lines are LDV records that verify offline with the public key; operators may not export', async () => {
    const key = publicKeyFromJwk((await call('get', '/v1/audit/signing-key', 'privacy-officer-demo')).body);
    const verifier = createChainVerifier({ publicKey: key });
    let afterSeq = 0;
    let pages = 0;
    for (;;) {
      const page = await call('get', `/v1/audit/export?afterSeq=${afterSeq}&limit=40`, 'privacy-officer-demo');
      pages += 1;
      for (const checkpoint of page.body.checkpoints) verifier.addCheckpoint(checkpoint);
      for (const line of page.body.items) {
        expect(line).toMatchObject({ trace_id: expect.stringMatching(/^[0-9a-f]{32}$/), name: expect.any(String), attributes: expect.objectContaining({ 'ketenpoort.seq': expect.any(Number) }) });
        verifier.addRecord(fromLdvRecord(line));
      }
      if (page.body.next === null) break;
      afterSeq = page.body.next;
    }
    expect(pages).toBeGreaterThan(2);
    const result = verifier.finish();
    expect(result).toMatchObject({ ok: true, firstBroken: null, checkpoints: { verified: 1, failed: [] } });
    const submit = (await call('get', '/v1/audit/export?limit=500', 'privacy-officer-demo')).body.items.find((l: any) => l.name === 'exchange.submit' && l.attributes['dpl.core.data_subject_id'] !== undefined);
    expect(submit.attributes).toMatchObject({ 'dpl.core.data_subject_id_type': 'bsn-pseudonym', 'dpl.core.processing_activity_id': expect.any(String) });
    expect(JSON.stringify(submit)).not.toContain(demoBsn);
    expect((await call('get', '/v1/audit/export', 'operator-demo')).status).toBe(403);
    expect((await call('get', '/v1/audit/export?afterSeq=-1', 'privacy-officer-demo')).status).toBe(400);
    // Every page read is itself audited.
    const reads = (await gw.store.readAuditChain(1, 1_000_000)).filter((r) => r.action === 'audit.export');
    expect(reads.length).toBeGreaterThanOrEqual(pages);
  });
});

describe('metrics for operators', () => {
  it('when /metrics is scraped, then it shows deliveries by outcome and adapter, queue depth, oldest pending age, and job runs by kind', async () => {
    receiver.respondWith(503);
    await request(gw.app).post('/v1/exchanges').set({ ...auth(sourceParty), ...json }).send(envelopeOf(400));
    const text = (await request(gw.metricsApp).get('/metrics')).text;
    receiver.respondWith(201);
    expect(text).toMatch(/ketenpoort_deliveries_total\{outcome="delivered",adapter="rest-json"\} \d+/);
    expect(text).toMatch(/ketenpoort_deliveries_total\{outcome="dead-letter",adapter="rest-json"\} \d+/);
    expect(text).toMatch(/ketenpoort_outbox_queue_depth\{status="pending"\} [1-9]\d*/);
    expect(text).toMatch(/ketenpoort_outbox_queue_depth\{status="dead"\} [1-9]/);
    expect(text).toMatch(/ketenpoort_outbox_oldest_pending_age_seconds \d/);
    expect(text).toMatch(/ketenpoort_job_runs_total\{job_kind="pull-sync",status="succeeded"\} 3/);
    expect(text).toMatch(/ketenpoort_job_run_duration_seconds_count\{job_kind="audit-checkpoint"\} 1/);
    expect(text).toMatch(/ketenpoort_job_items_total\{job_kind="pull-sync",outcome="accepted"\} 28/);
  });

  it('then every documented operator operation has been exercised by this suite', () => {
    const missing = documentedOperations().filter((op) => isOperatorPath(op.pathTemplate) && !exercised.has(`${op.method} ${op.pathTemplate}`));
    expect(missing).toEqual([]);
  });
});
