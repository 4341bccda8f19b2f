// Status callbacks (issue 13) through HTTP, on SQLite and on PostgreSQL: a party subscribes a URL to
// events about its own exchanges, sees and deletes only its own subscriptions; a real receiver on
// 127.0.0.1 gets each event once per event id, in order per exchange, signed with the subscription's
// secret, with no BSN and no message content; a receiver that stays down ends in a dead letter and
// no event about that dead letter. Every API answer is checked against openapi.yaml.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { queueStatusEvents } from '../../src/exchange/status-events.ts';
import { statusEventTypes } from '../../src/kernel/subscription-record.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver, type ReceivedRequest } from '../support/fake-receiver.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { assertConformsToOpenApi, documentedOperations } from '../support/openapi-conformance.ts';
import { isSubscriptionPath } from '../support/operator-paths.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';
import { CHILD, fullCasusinformatie } from '../support/keten-messages.ts';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import { ijwValidator } from '../support/ijw-fixtures.ts';

const PROVIDER = 'jeugdhulp-de-brug';
const OTHER = 'zorgaanbieder-horizon';
const GEMEENTE = 'gemeente-diemen';
const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as { Client: { Bsn: string } } & Record<string, unknown>;
const BSN = jw315.Client.Bsn;
const exercised = new Set<string>();

const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, '2026-11-23') });

interface Event {
  readonly eventId: string;
  readonly type: string;
  readonly exchangeId: string;
  readonly occurredAt: string;
  readonly subscriptionId: string;
  readonly attempts?: number;
  readonly reason?: string;
  readonly retourExchangeId?: string;
  readonly signalId?: string;
}

/** What a receiver does (README, Status callbacks): the HMAC over "<t>.<raw body>", compared in constant time. */
function signatureValid(secret: string, received: ReceivedRequest): boolean {
  const header = String(received.headers['ketenpoort-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (match === null) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${received.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

function describeCallbacks(name: string, storeUrl: () => string | undefined, cleanupStore: () => Promise<void> = () => Promise.resolve()): void {
  describe(name, () => {
    let parties: FakeReceiver;
    let hooks: FakeReceiver;
    let cfg: TestConfig;
    let gw: GatewayParts;
    let clock: ManualClock;

    const call = async (method: 'get' | 'post' | 'delete', path: string, who: string, body?: unknown): Promise<request.Response> => {
      const req = request(gw.app)[method](path).set({ authorization: `Bearer ${cfg.token(who)}` });
      const res = body === undefined ? await req : await req.set('content-type', 'application/json').send(JSON.stringify(body));
      const template = path.split('?')[0]!.replace(/\/v1\/subscriptions\/[^/]+$/, '/v1/subscriptions/{subscriptionId}');
      assertConformsToOpenApi(method.toUpperCase(), template, { status: res.status, headers: res.headers, body: res.body, text: res.text });
      if (isSubscriptionPath(template)) exercised.add(`${method.toUpperCase()} ${template}`);
      return res;
    };
    const subscribe = async (who: string, path: string, events?: readonly string[]): Promise<{ id: string; secret: string }> => {
      const res = await call('post', '/v1/subscriptions', who, { url: `${hooks.url}${path}`, ...(events !== undefined ? { events } : {}) });
      expect(res.status).toBe(201);
      return res.body as { id: string; secret: string };
    };
    const submit = async (): Promise<string> => {
      const res = await request(gw.app)
        .post('/v1/exchanges')
        .set({ authorization: `Bearer ${cfg.token(PROVIDER)}`, 'content-type': 'application/json' })
        .send(JSON.stringify({ messageType: 'JW315', receiver: GEMEENTE, purpose: 'verzoek-toewijzing', message: jw315 }));
      expect(res.status).toBe(202);
      return res.body.exchangeId as string;
    };
    const arrivedAt = (path: string): ReceivedRequest[] => hooks.received.filter((r) => r.url === path);
    const eventsAbout = async (exchangeId: string, subscriptionId: string) => (await gw.store.listSubscriptionEvents(subscriptionId, { limit: 100 })).filter((e) => e.exchangeId === exchangeId);

    beforeAll(async () => {
      parties = await startFakeReceiver();
      hooks = await startFakeReceiver();
      const url = storeUrl();
      cfg = writeTestConfig({
        receiverUrl: parties.url,
        delivery: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, leaseMs: 5000 },
        extra: { subscriptions: { allowedHosts: ['127.0.0.1'] }, ...(url !== undefined ? { store: { url } } : {}) },
      });
      clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));
      gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
    }, 60_000);

    afterAll(async () => {
      await gw.close();
      await parties.close();
      await hooks.close();
      cfg.cleanup();
      await cleanupStore();
    });

    it('when a party subscribes, then it gets its secret once, lists the subscription without it, and the create is audited', async () => {
      const created = await call('post', '/v1/subscriptions', OTHER, { url: `${hooks.url}/other`, events: ['exchange.delivered', 'signal.raised'] });
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe(`/v1/subscriptions/${created.body.id as string}`);
      expect(created.body).toMatchObject({ url: `${hooks.url}/other`, events: ['exchange.delivered', 'signal.raised'], signature: 'hmac-sha256' });
      expect(created.body.secret).toMatch(/^kpwhsec_[A-Za-z0-9_-]{43}$/);
      const listed = await call('get', '/v1/subscriptions', OTHER);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([{ id: created.body.id, url: `${hooks.url}/other`, events: ['exchange.delivered', 'signal.raised'], createdAt: '2026-11-23T10:00:00.000Z' }]);
      expect(listed.text).not.toContain(created.body.secret as string);
      const audit = (await gw.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'subscription.create' && r.actor === OTHER);
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toContain(created.body.id as string);
      expect(JSON.stringify(audit)).not.toContain(created.body.secret as string);
    });

    it('when the body is wrong in several ways, then 400 lists every error with its JSON pointer', async () => {
      const res = await call('post', '/v1/subscriptions', PROVIDER, { url: 'ftp://hooks.example/x', events: ['exchange.delivered', 'exchange.eaten'], colour: 'red' });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const pointers = (res.body.errors as { pointer: string }[]).map((e) => e.pointer);
      expect(pointers).toEqual(expect.arrayContaining(['/url', '/events/1', '/colour']));
      // A host outside subscriptions.allowedHosts: the gateway does not post to it.
      const outside = await call('post', '/v1/subscriptions', PROVIDER, { url: 'http://10.0.0.7/hooks' });
      expect(outside.status).toBe(400);
      expect(outside.body.errors).toEqual([{ pointer: '/url', detail: expect.stringContaining('subscriptions.allowedHosts') }]);
      const withCredentials = await call('post', '/v1/subscriptions', PROVIDER, { url: `http://user:pw@127.0.0.1:${new URL(hooks.url).port}/x` });
      expect(withCredentials.body.errors).toEqual([{ pointer: '/url', detail: 'must not hold a user name or password' }]);
    });

    it('when a party has as many subscriptions as subscriptions.maxPerParty allows, then one more is a 409 until it deletes one', async () => {
      const party = 'ggz-kinderpraktijk';
      const ids: string[] = [];
      for (let i = 0; i < cfg.config.subscriptions.maxPerParty; i++) ids.push((await subscribe(party, `/many/${i}`)).id);
      const refused = await call('post', '/v1/subscriptions', party, { url: `${hooks.url}/one-too-many` });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'conflict', detail: expect.stringContaining('subscriptions.maxPerParty') });
      expect((await call('delete', `/v1/subscriptions/${ids.pop()!}`, party)).status).toBe(204);
      ids.push((await subscribe(party, '/one-more')).id);
      for (const id of ids) expect((await call('delete', `/v1/subscriptions/${id}`, party)).status).toBe(204);
    });

    it("when a party lists or deletes another party's subscription, then it sees nothing of it; the owner deletes it, audited", async () => {
      const theirs = await subscribe(OTHER, '/theirs');
      expect((await call('get', '/v1/subscriptions', PROVIDER)).body.items.map((s: { id: string }) => s.id)).not.toContain(theirs.id);
      const refused = await call('delete', `/v1/subscriptions/${theirs.id}`, PROVIDER);
      expect(refused.status).toBe(404);
      expect((await call('get', '/v1/subscriptions', OTHER)).body.items.map((s: { id: string }) => s.id)).toContain(theirs.id);
      expect((await call('delete', `/v1/subscriptions/${theirs.id}`, OTHER)).status).toBe(204);
      expect((await call('delete', `/v1/subscriptions/${theirs.id}`, OTHER)).status).toBe(404);
      expect((await call('get', '/v1/subscriptions', OTHER)).body.items.map((s: { id: string }) => s.id)).not.toContain(theirs.id);
      const audit = (await gw.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'subscription.delete' && r.detail?.includes(theirs.id) === true);
      expect(audit.map((r) => `${r.actor}:${r.outcome}`)).toEqual([`${OTHER}:deleted`]);
      // Staff are no agency: subscriptions are the parties' own.
      expect((await call('get', '/v1/subscriptions', 'operator-demo')).status).toBe(403);
    });

    it('when an exchange is delivered, then the subscriber gets one signed event for it, without a BSN or any content', async () => {
      const sub = await subscribe(PROVIDER, '/delivered', ['exchange.delivered']);
      const id = await submit();
      await gw.dispatcher.runOnce(); // the exchange; its event is queued in the settle's transaction
      expect((await gw.store.getExchange(id))?.status).toBe('delivered');
      expect(await eventsAbout(id, sub.id)).toHaveLength(1);
      await gw.dispatcher.runOnce(); // the event
      const got = arrivedAt('/delivered');
      expect(got).toHaveLength(1);
      const event = got[0]!.json as Event;
      expect(event).toEqual({ eventId: expect.any(String), type: 'exchange.delivered', exchangeId: id, occurredAt: '2026-11-23T10:00:00.000Z', subscriptionId: sub.id, messageType: 'JW315', attempts: 1 });
      expect(got[0]!.headers['ketenpoort-event-id']).toBe(event.eventId);
      expect(got[0]!.headers['idempotency-key']).toBe(event.eventId);
      expect(got[0]!.headers['ketenpoort-event-type']).toBe('exchange.delivered');
      // The timestamp is the wall clock's (receivers compare it with theirs), not the gateway clock's.
      const t = Number(/^t=(\d+),/.exec(String(got[0]!.headers['ketenpoort-signature']))?.[1]);
      expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(30);
      expect(got[0]!.headers['ketenpoort-signature']).toBe(`t=${t},v1=${createHmac('sha256', sub.secret).update(`${t}.${got[0]!.body}`).digest('hex')}`);
      expect(signatureValid(sub.secret, got[0]!)).toBe(true);
      expect(signatureValid(`${sub.secret}x`, got[0]!)).toBe(false);
      // The raw body: no BSN, nothing of the message.
      expect(got[0]!.body).not.toContain(BSN);
      expect(got[0]!.body).not.toMatch(/Client|Bsn|Geboortedatum/);
      expect((await gw.store.getExchange(event.eventId))?.status).toBe('delivered');
      // Nothing more: one event per change, none for the event's own delivery.
      await gw.dispatcher.runOnce();
      expect(arrivedAt('/delivered')).toHaveLength(1);
      expect((await call('delete', `/v1/subscriptions/${sub.id}`, PROVIDER)).status).toBe(204);
    });

    it('when the subscriber stays down, then the event is retried, becomes a dead letter operators see, and no event tells of that dead letter', async () => {
      const sub = await subscribe(PROVIDER, '/down');
      hooks.respondWith(503);
      try {
        const id = await submit();
        await gw.dispatcher.runOnce();
        const [queued] = await eventsAbout(id, sub.id);
        expect(queued?.type).toBe('exchange.delivered');
        await gw.dispatcher.runOnce();
        for (const wait of [1000, 2000]) {
          clock.advance(wait);
          await gw.dispatcher.runOnce();
        }
        clock.advance(60_000);
        await gw.dispatcher.runOnce();
        expect(arrivedAt('/down')).toHaveLength(3);
        expect(new Set(arrivedAt('/down').map((r) => r.headers['ketenpoort-event-id']))).toEqual(new Set([queued!.eventId]));
        expect(await gw.store.getOutbox(queued!.eventId)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'HTTP 503', receiver: 'status-callback' });
        expect(await eventsAbout(id, sub.id)).toHaveLength(1);
        expect((await gw.store.listSubscriptionEvents(sub.id, { limit: 100 })).map((e) => e.exchangeId)).not.toContain(queued!.eventId);
        const dead = await request(gw.app).get('/v1/dead-letters?receiver=status-callback').set({ authorization: `Bearer ${cfg.token('operator-demo')}` });
        expect(dead.status).toBe(200);
        expect(dead.body.items).toContainEqual(expect.objectContaining({ exchangeId: queued!.eventId, sender: 'ketenpoort', receiver: 'status-callback', messageType: 'status-event', errorClass: 'receiver-unavailable' }));
      } finally {
        hooks.respondWith(201);
        await call('delete', `/v1/subscriptions/${sub.id}`, PROVIDER);
      }
    });

    it('when an exchange dead-letters, is replayed and delivered while the subscriber fails at first, then each event arrives once, in order', async () => {
      const sub = await subscribe(PROVIDER, '/ordered', ['exchange.delivered', 'exchange.dead-lettered']);
      parties.respondWith(503);
      hooks.respondWith(503);
      try {
        const id = await submit();
        await gw.dispatcher.runOnce();
        clock.advance(1000);
        await gw.dispatcher.runOnce();
        clock.advance(2000);
        await gw.dispatcher.runOnce(); // the third attempt: a dead letter, and its event queued
        expect((await gw.store.getExchange(id))?.status).toBe('dead-letter');
        // Its event is not due until this moment; its first attempt fails.
        await gw.dispatcher.runOnce();
        expect(arrivedAt('/ordered')).toHaveLength(1);
        parties.respondWith(201);
        const replay = await request(gw.app)
          .post('/v1/dead-letters/replay')
          .set({ authorization: `Bearer ${cfg.token('operator-demo')}`, 'content-type': 'application/json' })
          .send(JSON.stringify({ exchangeIds: [id] }));
        expect(replay.body.results).toEqual([{ exchangeId: id, outcome: 'requeued' }]);
        await gw.dispatcher.runOnce(); // the exchange is delivered; its event waits behind the first
        expect((await gw.store.getExchange(id))?.status).toBe('delivered');
        const [first, second] = await eventsAbout(id, sub.id);
        expect([first?.type, second?.type]).toEqual(['exchange.dead-lettered', 'exchange.delivered']);
        // The second is due, the first waits for its retry: the claim holds the second back.
        expect(await gw.dispatcher.runOnce()).toBe(0);
        expect(arrivedAt('/ordered')).toHaveLength(1);
        hooks.respondWith(201);
        clock.advance(1000);
        await gw.dispatcher.runOnce();
        await gw.dispatcher.runOnce();
        const taken = arrivedAt('/ordered').slice(1); // the first arrival was answered 503
        expect(taken.map((r) => (r.json as Event).type)).toEqual(['exchange.dead-lettered', 'exchange.delivered']);
        expect(taken.map((r) => (r.json as Event).eventId)).toEqual([first!.eventId, second!.eventId]);
        expect(taken.every((r) => signatureValid(sub.secret, r))).toBe(true);
        expect((taken[0]!.json as Event)).toMatchObject({ exchangeId: id, attempts: 3, reason: 'retryable' });
        await gw.dispatcher.runOnce();
        expect(arrivedAt('/ordered')).toHaveLength(3);
      } finally {
        parties.respondWith(201);
        hooks.respondWith(201);
        await call('delete', `/v1/subscriptions/${sub.id}`, PROVIDER);
      }
    });

    it('when a retour to a heen message the party sent comes in, then the party hears of it (references only)', async () => {
      const sub = await subscribe(PROVIDER, '/retour', ['retour.received']);
      const heenId = await submit();
      await gw.dispatcher.runOnce();
      const retour = codec.buildRetourXml({ heenType: 'JW315', heen: jw315, outcome: { accepted: true }, identificatieRetour: 'GEM000000777', dagtekeningRetour: '2026-11-23' });
      const answered = await request(gw.app)
        .post('/v1/exchanges')
        .set({ authorization: `Bearer ${cfg.token(GEMEENTE)}`, 'content-type': 'application/json' })
        .send(JSON.stringify({ messageType: 'JW316', receiver: PROVIDER, purpose: 'technische-bevestiging', message: codec.parse(retour!.xml).message }));
      expect(answered.status).toBe(202);
      await gw.dispatcher.runOnce(); // the retour to the provider
      await gw.dispatcher.runOnce(); // the event
      const got = arrivedAt('/retour');
      expect(got.map((r) => r.json)).toEqual([expect.objectContaining({ type: 'retour.received', exchangeId: heenId, messageType: 'JW315', retourExchangeId: answered.body.exchangeId })]);
      expect(got[0]!.body).not.toContain(BSN);
      expect(signatureValid(sub.secret, got[0]!)).toBe(true);
      await call('delete', `/v1/subscriptions/${sub.id}`, PROVIDER);
    });

    it('when a dead letter is replayed and today its consent is revoked, then the sender hears it was refused; a dead event is replayed as it was', async () => {
      const sub = await subscribe(PROVIDER, '/refused', ['exchange.refused', 'exchange.dead-lettered']);
      const consent = await request(gw.app)
        .post('/v1/consents')
        .set({ authorization: `Bearer ${cfg.token(PROVIDER)}`, 'content-type': 'application/json' })
        .send(JSON.stringify({
          bsn: CHILD.bsn,
          givers: [{ capacity: 'child', reference: 'Lotte' }, { capacity: 'custodial-parent', reference: 'moeder' }],
          custodianCount: 1,
          scope: { purposes: ['overdracht-hulpverlening'], receivers: { parties: ['school-de-regenboog'] } },
          givenOn: '2026-11-20',
          validFrom: '2026-11-20',
          evidence: { reference: 'dossier-9' },
        }));
      expect(consent.status).toBe(201);
      parties.respondWith(400); // a permanent failure: a dead letter at once
      hooks.respondWith(400); // and so is the event's first delivery
      try {
        const sent = await request(gw.app)
          .post('/v1/exchanges')
          .set({ authorization: `Bearer ${cfg.token(PROVIDER)}`, 'content-type': 'application/json' })
          .send(JSON.stringify({ messageType: 'Casusinformatie', receiver: 'school-de-regenboog', purpose: 'overdracht-hulpverlening', subject: { birthDate: CHILD.birthDate }, message: fullCasusinformatie() }));
        expect(sent.status).toBe(202);
        const id = sent.body.exchangeId as string;
        await gw.dispatcher.runOnce();
        expect((await gw.store.getExchange(id))?.status).toBe('dead-letter');
        await gw.dispatcher.runOnce(); // the dead-lettered event, refused by the subscriber: a dead event
        const [deadEvent] = await eventsAbout(id, sub.id);
        expect(await gw.store.getOutbox(deadEvent!.eventId)).toMatchObject({ status: 'dead', lastError: 'HTTP 400' });
        expect((await request(gw.app).post(`/v1/consents/${consent.body.id as string}/revocation`).set({ authorization: `Bearer ${cfg.token(PROVIDER)}`, 'content-type': 'application/json' }).send('{}')).status).toBe(200);
        hooks.respondWith(201);
        const replay = await request(gw.app)
          .post('/v1/dead-letters/replay')
          .set({ authorization: `Bearer ${cfg.token('operator-demo')}`, 'content-type': 'application/json' })
          .send(JSON.stringify({ exchangeIds: [id, deadEvent!.eventId] }));
        expect(replay.body.results).toEqual([{ exchangeId: id, outcome: 'refused', reason: 'consent-revoked' }, { exchangeId: deadEvent!.eventId, outcome: 'requeued' }]);
        await gw.dispatcher.runOnce();
        await gw.dispatcher.runOnce();
        const taken = arrivedAt('/refused').slice(1).map((r) => r.json as Event);
        expect(taken.map((e) => [e.type, e.reason])).toEqual([['exchange.dead-lettered', 'permanent'], ['exchange.refused', 'consent-revoked']]);
        expect(taken[0]!.eventId).toBe(deadEvent!.eventId);
        expect(JSON.stringify(taken)).not.toContain(CHILD.bsn);
        const replayAudit = (await gw.store.listAudit({ exchangeId: deadEvent!.eventId, limit: 100 })).map((r) => `${r.action}:${r.outcome}:${r.reason ?? ''}`);
        expect(replayAudit).toContain('delivery.replay:requeued:gateway-status-event');
      } finally {
        parties.respondWith(201);
        hooks.respondWith(201);
        await call('delete', `/v1/subscriptions/${sub.id}`, PROVIDER);
      }
    });

    it('when the subscribing party is disabled, then its events wait as dead letters and go once it is enabled and they are replayed', async () => {
      const sub = await subscribe(PROVIDER, '/disabled', ['exchange.delivered']);
      const original = readFileSync(cfg.file, 'utf8');
      const reload = async (text: string): Promise<void> => {
        writeFileSync(cfg.file, text);
        const result = await gw.configReload.reload({ actor: 'operator-demo', via: 'api', trace: { traceId: 'e'.repeat(32), spanId: 'f'.repeat(16) } });
        expect(result.outcome).toBe('reloaded');
      };
      const operatorReplay = (ids: string[]) =>
        request(gw.app).post('/v1/dead-letters/replay').set({ authorization: `Bearer ${cfg.token('operator-demo')}`, 'content-type': 'application/json' }).send(JSON.stringify({ exchangeIds: ids }));
      try {
        const id = await submit();
        await gw.dispatcher.runOnce(); // delivered; the event queued
        const [queued] = await eventsAbout(id, sub.id);
        const raw = JSON.parse(original) as { parties: { id: string }[] };
        await reload(JSON.stringify({ ...raw, parties: raw.parties.map((p) => (p.id === PROVIDER ? { ...p, disabled: true } : p)) }));
        await gw.dispatcher.runOnce();
        expect(arrivedAt('/disabled')).toEqual([]);
        expect(await gw.store.getOutbox(queued!.eventId)).toMatchObject({ status: 'dead', lastError: `the subscribing party "${PROVIDER}" is disabled at this gateway` });
        await reload(original);
        expect((await operatorReplay([queued!.eventId])).body.results).toEqual([{ exchangeId: queued!.eventId, outcome: 'requeued' }]);
        await gw.dispatcher.runOnce();
        expect(arrivedAt('/disabled').map((r) => (r.json as Event).eventId)).toEqual([queued!.eventId]);
      } finally {
        writeFileSync(cfg.file, original);
        await call('delete', `/v1/subscriptions/${sub.id}`, PROVIDER);
      }
    });

    it('when two events of one exchange are pending, then a claim hands out only the earlier; events of other exchanges are not held back', async () => {
      const sub = await subscribe(PROVIDER, '/claims');
      const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
      const now = clock.now();
      const [x, y] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
      await gw.store.transaction((tx) => queueStatusEvents(tx, PROVIDER, { type: 'exchange.dead-lettered', exchangeId: x, reason: 'retryable' }, { now, traceparent }));
      await gw.store.transaction(async (tx) => {
        await queueStatusEvents(tx, PROVIDER, { type: 'exchange.delivered', exchangeId: x }, { now, traceparent });
        await queueStatusEvents(tx, PROVIDER, { type: 'exchange.delivered', exchangeId: y }, { now, traceparent });
      });
      const [x1, x2] = await eventsAbout(x, sub.id);
      const [y1] = await eventsAbout(y, sub.id);
      const claim = async (owner: string) => (await gw.store.claimDueDeliveries({ now: clock.now().getTime(), limit: 10, leaseMs: 5000, owner })).map((r) => r.exchangeId);
      expect(new Set(await claim('first'))).toEqual(new Set([x1!.eventId, y1!.eventId]));
      // Leased, x1 still holds x2 back; after the lease a claim takes x1 again, never x2.
      expect(await claim('second')).toEqual([]);
      clock.advance(5001);
      expect(new Set(await claim('third'))).toEqual(new Set([x1!.eventId, y1!.eventId]));
      await gw.store.transaction(async (tx) => {
        expect(await tx.settleOutbox(x1!.eventId, 'third', { status: 'delivered', attempts: 1, deliveredAt: clock.now().getTime() })).toBe(true);
        expect(await tx.settleOutbox(y1!.eventId, 'third', { status: 'delivered', attempts: 1, deliveredAt: clock.now().getTime() })).toBe(true);
      });
      expect(await claim('fourth')).toEqual([x2!.eventId]);
      await gw.store.transaction(async (tx) => {
        expect(await tx.settleOutbox(x2!.eventId, 'fourth', { status: 'delivered', attempts: 1, deliveredAt: clock.now().getTime() })).toBe(true);
      });
      await call('delete', `/v1/subscriptions/${sub.id}`, PROVIDER);
    });

    it('when the transaction that would queue an event rolls back, then no event exists (it is written with the change, or not at all)', async () => {
      const sub = await subscribe(PROVIDER, '/rollback');
      const exchangeId = '33333333-3333-4333-8333-333333333333';
      const before = await gw.store.countOutbox();
      await expect(
        gw.store.transaction(async (tx) => {
          expect(await queueStatusEvents(tx, PROVIDER, { type: 'exchange.delivered', exchangeId }, { now: clock.now(), traceparent: `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01` })).toBe(1);
          throw new Error('the settle failed after queueing');
        }),
      ).rejects.toThrow('the settle failed after queueing');
      expect(await eventsAbout(exchangeId, sub.id)).toEqual([]);
      expect(await gw.store.countOutbox()).toEqual(before);
      // The gateway's own deliveries raise none: no loops.
      expect(await gw.store.transaction((tx) => queueStatusEvents(tx, 'ketenpoort', { type: 'exchange.delivered', exchangeId }, { now: clock.now(), traceparent: `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01` }))).toBe(0);
      await call('delete', `/v1/subscriptions/${sub.id}`, PROVIDER);
    });
  });
}

describeCallbacks('status callbacks on SQLite', () => undefined);

const schema = freshSchema('kp_subs');
describe.skipIf(pgTestUrl === undefined)(pgSuiteName('on PostgreSQL'), () => {
  describeCallbacks('status callbacks on PostgreSQL', () => pgStoreUrl(schema), () => dropSchema(schema));
});

describe('the status callback API', () => {
  it('then every documented /v1/subscriptions operation has been exercised by this suite', () => {
    const missing = documentedOperations().filter((op) => isSubscriptionPath(op.pathTemplate) && !exercised.has(`${op.method} ${op.pathTemplate}`));
    expect(missing).toEqual([]);
  });

  it('then the event kinds are one list in the code, the request schema and openapi.yaml', () => {
    const schemaKinds = (JSON.parse(readFileSync(resolve(repoRoot, 'schemas/subscription.schema.json'), 'utf8')) as { $defs: { eventType: { enum: string[] } } }).$defs.eventType.enum;
    expect(schemaKinds).toEqual([...statusEventTypes]);
    const openapi = readFileSync(resolve(repoRoot, 'openapi.yaml'), 'utf8');
    const block = /\n {4}StatusEventType:\n[\s\S]*?enum:\n((?: {8}- .*\n)+)/.exec(openapi)?.[1] ?? '';
    expect(block.trim().split('\n').map((l) => l.replace(/^\s*- /, ''))).toEqual([...statusEventTypes]);
  });
});
