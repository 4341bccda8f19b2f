// The exchange API through HTTP (supertest against the real app, SQLite on disk, real receivers on
// 127.0.0.1). Every response is checked against openapi.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { createIjwXmlParser } from '../../adapters/ijw-xml/ijw-xml-parser.ts';
import { demoPrivateKeyFile } from '../../src/config/demo-keys.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { assertConformsToOpenApi, assertUndocumentedRouteConforms, documentedOperations } from '../support/openapi-conformance.ts';
import { isConsolePath, isOperatorPath, isTrafficPath, isRegiePath, isSubscriptionPath, isConfigPath } from '../support/operator-paths.ts';
import { publicKeyFromJwk } from '../../src/audit/checkpoint-signing.ts';
import { verifyReceipt } from '../../src/audit/receipts.ts';
import type { JsonWebKey } from 'node:crypto';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, any>;
const envelope = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  messageType: 'JW315',
  receiver: 'gemeente-diemen',
  purpose: 'verzoek-toewijzing',
  message: structuredClone(jw315),
  ...overrides,
});

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;
const exercised = new Set<string>();

function check(method: string, path: string, res: request.Response): request.Response {
  const match = assertConformsToOpenApi(method, path, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  exercised.add(`${match.method} ${match.pathTemplate}`);
  return res;
}

const auth = (party: string): Record<string, string> => ({ authorization: `Bearer ${cfg.token(party)}` });

async function submit(body: unknown, party = 'jeugdhulp-de-brug', headers: Record<string, string> = {}): Promise<request.Response> {
  const res = await request(gw.app)
    .post('/v1/exchanges')
    .set({ ...auth(party), 'content-type': 'application/json', ...headers })
    .send(typeof body === 'string' ? body : JSON.stringify(body));
  return check('POST', '/v1/exchanges', res);
}

async function counts(): Promise<{ audit: number; exchanges: number; outbox: number }> {
  const chain = await gw.store.readAuditChain(1, 1_000_000);
  const outbox = await gw.store.countOutbox();
  const exchanges = await gw.store.listExchanges({ party: 'jeugdhulp-de-brug', limit: 100000 });
  return { audit: chain.length, exchanges: exchanges.length, outbox: Object.values(outbox).reduce((a, b) => a + b, 0) };
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  cfg = writeTestConfig({ receiverUrl: receiver.url, inboxParties: ['gemeente-amsterdam', 'raad-kinderbescherming'] });
  gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
});

afterAll(async () => {
  await gw.close();
  await receiver.close();
  cfg.cleanup();
});

describe('submitting an exchange', () => {
  it('when a provider submits a valid JW315 to the municipality, then it is accepted, delivered with the same exchange id, and the chain verifies', async () => {
    const res = await submit(envelope());
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/v1/exchanges/${res.body.exchangeId}`);
    expect(res.body.decision).toMatchObject({ outcome: 'allow', rule: { id: 'ijw-verzoek-toewijzing', version: 2 }, legalBasis: 'jw-7.4.0-lid-2' });
    expect(res.body.decision.releasedFields).toContain('/Client/Bsn');

    await gw.dispatcher.runOnce();
    await receiver.waitFor(1);
    const arrived = receiver.received.at(-1)!;
    expect(arrived.url).toBe('/gemeente-diemen');
    expect(arrived.headers['idempotency-key']).toBe(res.body.exchangeId);
    expect(arrived.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(arrived.json).toMatchObject({ exchangeId: res.body.exchangeId, messageType: 'JW315', sender: 'jeugdhulp-de-brug', message: { Client: { Bsn: jw315.Client.Bsn } } });

    const status = check('GET', `/v1/exchanges/${res.body.exchangeId}`, await request(gw.app).get(`/v1/exchanges/${res.body.exchangeId}`).set(auth('jeugdhulp-de-brug')));
    expect(status.body.status).toBe('delivered');
    expect(status.body.history.map((h: { action: string; outcome: string }) => `${h.action}:${h.outcome}`)).toEqual(['exchange.submit:allowed', 'delivery.attempt:delivered']);
    // The receiver may read it too; a third party may not even learn it exists.
    expect(check('GET', `/v1/exchanges/${res.body.exchangeId}`, await request(gw.app).get(`/v1/exchanges/${res.body.exchangeId}`).set(auth('gemeente-diemen'))).status).toBe(200);
    expect(check('GET', `/v1/exchanges/${res.body.exchangeId}`, await request(gw.app).get(`/v1/exchanges/${res.body.exchangeId}`).set(auth('gemeente-amsterdam'))).status).toBe(404);

    const verification = check('GET', '/v1/audit/verification', await request(gw.app).get('/v1/audit/verification').set(auth('privacy-officer-demo')));
    expect(verification.body).toMatchObject({ ok: true, firstBroken: null });
    // An agency may not walk the whole chain.
    expect(check('GET', '/v1/audit/verification', await request(gw.app).get('/v1/audit/verification').set(auth('jeugdhulp-de-brug'))).status).toBe(403);
  });

  it('when the policy has no rule for the exchange, then it is refused with 403, a reason, and an audit record', async () => {
    const res = await submit(envelope({ purpose: 'onderzoek' }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'policy-denied', reason: 'no-legal-basis', lookedFor: { senderRole: 'aanbieder', receiverRole: 'gemeente', purpose: 'onderzoek' } });
    expect(res.body.detail).toMatch(/^refused: no-legal-basis: no rule allows \S+ from a aanbieder to a gemeente for purpose onderzoek; rules for /);
    expect(res.body.alternatives.length).toBeGreaterThan(0);
    const status = check('GET', `/v1/exchanges/${res.body.exchangeId}`, await request(gw.app).get(`/v1/exchanges/${res.body.exchangeId}`).set(auth('jeugdhulp-de-brug')));
    expect(status.body).toMatchObject({ status: 'refused', reason: 'no-legal-basis' });
    expect(status.body.history).toHaveLength(1);
    expect(status.body.history[0]).toMatchObject({ action: 'exchange.submit', outcome: 'refused', reason: 'no-legal-basis' });
    expect(await gw.store.getOutbox(res.body.exchangeId)).toBeUndefined();
  });

  it('when the client has a secret address, then iJw is not used for it (blocked, with its own reason)', async () => {
    const res = await submit(envelope({ subject: { secretAddress: true } }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ reason: 'blocked-secret-address', rule: 'ijw-verzoek-toewijzing@2' });
  });

  it('when the same Idempotency-Key comes with the same body, then the same answer comes back; with another body, 409', async () => {
    const body = JSON.stringify(envelope());
    const first = await submit(body, 'jeugdhulp-de-brug', { 'idempotency-key': 'key-1' });
    const again = await submit(body, 'jeugdhulp-de-brug', { 'idempotency-key': 'key-1' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.exchangeId).toBe(first.body.exchangeId);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await submit(envelope({ purpose: 'verzoek-toewijzing', subject: { safetyRisk: false } }), 'jeugdhulp-de-brug', { 'idempotency-key': 'key-1' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency-conflict');
  });

  it('when a provider sends a retour (JW302) whose header names the original sender, then it is routed on the pairing, not refused', async () => {
    // Regression: a retour copies the heen header, so its Afzender is the party the retour goes to.
    // The official JW302 sample: Afzender 0384 (Diemen), Ontvanger 42420001 (De Brug), sent by De Brug.
    const xml = readFileSync(resolve(repoRoot, '../shared/reference/ijw-3.2/samples/JW302.xml'), 'utf8');
    const { message } = createIjwXmlParser().parse(xml);
    const res = await submit({ messageType: 'JW302', receiver: 'gemeente-diemen', purpose: 'technische-bevestiging', message }, 'jeugdhulp-de-brug');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.status).toBe(202);
    expect(res.body.decision?.rule?.id, JSON.stringify(res.body)).toBe('ijw-retour-aan-gemeente');
    // The other way round (the municipality sending De Brug's retour) is a sender mismatch.
    const wrong = await submit({ messageType: 'JW302', receiver: 'jeugdhulp-de-brug', purpose: 'technische-bevestiging', message }, 'gemeente-diemen');
    expect(wrong.status).toBe(403);
    expect(wrong.body.errors[0].pointer).toBe('/message/Header/Ontvanger');
  });
});

describe('bad input', () => {
  async function expectOnlyRefusalAudited(send: () => Promise<request.Response>, status: number, code: string): Promise<request.Response> {
    const before = await counts();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    const after = await counts();
    expect(after.exchanges).toBe(before.exchanges);
    expect(after.outbox).toBe(before.outbox);
    return res;
  }

  it('when the body is malformed JSON, then 400 invalid-json and only the refusal is audited', async () => {
    const before = (await counts()).audit;
    await expectOnlyRefusalAudited(() => submit('{"messageType": "JW315",'), 400, 'invalid-json');
    const chain = await gw.store.readAuditChain(1, 1_000_000);
    expect(chain.length).toBe(before + 1);
    expect(chain.at(-1)).toMatchObject({ action: 'exchange.submit', outcome: 'refused', reason: 'invalid-json', actor: 'jeugdhulp-de-brug' });
  });

  it('when the content type is not JSON, then 415', async () => {
    await expectOnlyRefusalAudited(
      async () => check('POST', '/v1/exchanges', await request(gw.app).post('/v1/exchanges').set({ ...auth('jeugdhulp-de-brug'), 'content-type': 'text/plain' }).send('hello')),
      415,
      'unsupported-media-type',
    );
  });

  it('when the body is 10 MB, then 413 and the gateway stays up', async () => {
    const big = JSON.stringify({ ...envelope(), padding: 'x'.repeat(10 * 1024 * 1024) });
    await expectOnlyRefusalAudited(() => submit(big), 413, 'payload-too-large');
    expect((await submit(envelope())).status).toBe(202);
  });

  it('when the JSON is nested very deeply, then 400 with the pointer where it got too deep', async () => {
    const deep = '{"messageType":"JW315","receiver":"gemeente-diemen","purpose":"verzoek-toewijzing","message":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
    const res = await expectOnlyRefusalAudited(() => submit(deep), 400, 'invalid-input');
    expect(res.body.errors[0].pointer).toMatch(/^\/message(\/a)+$/);
  });

  it('when the body has a __proto__ key, then 400 naming it', async () => {
    const body = JSON.stringify(envelope()).replace('"purpose"', '"__proto__":{"admin":true},"purpose"');
    const res = await expectOnlyRefusalAudited(() => submit(body), 400, 'invalid-input');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer: '/__proto__' }));
  });

  it('when the message type is unknown, then 400 unknown-message-type', async () => {
    await expectOnlyRefusalAudited(() => submit(envelope({ messageType: 'JW999' })), 400, 'unknown-message-type');
  });

  it('when the BSN fails the 11-test, then 400 pointing at it', async () => {
    const bad = envelope();
    (bad.message as any).Client.Bsn = '123456789';
    const res = await expectOnlyRefusalAudited(() => submit(bad), 400, 'invalid-input');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer: '/message/Client/Bsn' }));
  });

  it('when several things are wrong, then every error is listed with its pointer', async () => {
    const bad = envelope({ purpose: 'Not A Purpose' });
    delete (bad.message as any).Header.BerichtCode;
    const res = await expectOnlyRefusalAudited(() => submit(bad), 400, 'invalid-input');
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toContain('/purpose');
    expect(res.body.errors.length).toBeGreaterThanOrEqual(1);
  });

  it('when the receiver does not exist, then 422 unknown-receiver', async () => {
    await expectOnlyRefusalAudited(() => submit(envelope({ receiver: 'gemeente-nergens' })), 422, 'unknown-receiver');
  });

  it('when the body names another sender, then 403 sender-mismatch', async () => {
    await expectOnlyRefusalAudited(() => submit(envelope({ sender: 'zorgaanbieder-horizon' })), 403, 'sender-mismatch');
  });

  it('when the iJw Afzender is another party\'s code, then 403 sender-mismatch', async () => {
    const bad = envelope();
    (bad.message as any).Header.Afzender = '65656055';
    const res = await expectOnlyRefusalAudited(() => submit(bad), 403, 'sender-mismatch');
    expect(res.body.errors[0].pointer).toBe('/message/Header/Afzender');
  });

  async function withToken(token: string): Promise<request.Response> {
    return check('POST', '/v1/exchanges', await request(gw.app).post('/v1/exchanges').set({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }).send(JSON.stringify(envelope())));
  }

  it('when there is no token, then 401 with WWW-Authenticate', async () => {
    const res = check('POST', '/v1/exchanges', await request(gw.app).post('/v1/exchanges').set('content-type', 'application/json').send(JSON.stringify(envelope())));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('when the token claims another party than the key that signed it, then 401', async () => {
    const key = createPrivateKey({ key: JSON.parse(readFileSync(demoPrivateKeyFile(cfg.config.dataDir, 'jeugdhulp-de-brug'), 'utf8')), format: 'jwk' });
    const token = jwt.sign({}, key, { algorithm: 'ES256', issuer: 'zorgaanbieder-horizon', audience: cfg.config.gateway.audience, expiresIn: 60 });
    const res = await withToken(token);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid-token');
  });

  it('when the token is expired, then 401', async () => {
    const key = createPrivateKey({ key: JSON.parse(readFileSync(demoPrivateKeyFile(cfg.config.dataDir, 'jeugdhulp-de-brug'), 'utf8')), format: 'jwk' });
    const kid = (JSON.parse(readFileSync(demoPrivateKeyFile(cfg.config.dataDir, 'jeugdhulp-de-brug'), 'utf8')) as { kid: string }).kid;
    const now = Math.floor(Date.now() / 1000);
    const token = jwt.sign({ iat: now - 600, exp: now - 300 }, key, { algorithm: 'ES256', keyid: kid, issuer: 'jeugdhulp-de-brug', audience: cfg.config.gateway.audience });
    expect((await withToken(token)).status).toBe(401);
  });

  it('when the token says alg none, then 401', async () => {
    const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'jeugdhulp-de-brug', aud: cfg.config.gateway.audience, exp: now + 60, iat: now })}.`;
    expect((await withToken(token)).status).toBe(401);
  });

  it('when the token is signed with an unknown key, lives too long, or has the wrong audience, then 401', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect((await withToken(jwt.sign({}, privateKey, { algorithm: 'ES256', issuer: 'jeugdhulp-de-brug', audience: cfg.config.gateway.audience, expiresIn: 60 }))).status).toBe(401);
    const jwk = JSON.parse(readFileSync(demoPrivateKeyFile(cfg.config.dataDir, 'jeugdhulp-de-brug'), 'utf8')) as { kid: string };
    const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
    expect((await withToken(jwt.sign({}, key, { algorithm: 'ES256', keyid: jwk.kid, issuer: 'jeugdhulp-de-brug', audience: cfg.config.gateway.audience, expiresIn: 86400 }))).status).toBe(401);
    expect((await withToken(jwt.sign({}, key, { algorithm: 'ES256', keyid: jwk.kid, issuer: 'jeugdhulp-de-brug', audience: 'https://elsewhere', expiresIn: 60 }))).status).toBe(401);
  });
});

describe('regressions from review', () => {
  it('when a string holds a control character, then 400 pointing at it (it could never be delivered as iJw XML)', async () => {
    const bad = envelope();
    (bad.message as any).Client.Naam.Voornamen = 'To\u0001m';
    const res = await submit(bad);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer: '/message/Client/Naam/Voornamen' }));
  });

  it('when the JSON is broken next to a BSN, then the answer gives the position, not the text (no BSN echoed)', async () => {
    const res = await submit(`{"message":{"Client":{"Bsn":'${jw315.Client.Bsn}'}}}`);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(jw315.Client.Bsn);
    expect(res.body.detail).toMatch(/^the body is not valid JSON/);
  });

  it('when JSON declares another charset than UTF-8, then 415', async () => {
    const res = await submit(JSON.stringify(envelope()), 'jeugdhulp-de-brug', { 'content-type': 'application/json; charset=latin1' });
    expect(res.status).toBe(415);
  });

  it('when a compressed body is broken or a path cannot be decoded, then 400 or 404, not 500', async () => {
    const broken = check('POST', '/v1/exchanges', await request(gw.app).post('/v1/exchanges').set({ ...auth('jeugdhulp-de-brug'), 'content-type': 'application/json', 'content-encoding': 'deflate' }).send('not deflate at all'));
    expect(broken.status).toBe(400);
    const path = await request(gw.app).get('/v1/exchanges/%E0%A4%A').set(auth('jeugdhulp-de-brug'));
    expect(path.status).toBe(404);
    expect(path.headers['content-type']).toMatch(/problem\+json/);
  });

  it('when an exchange is refused, then its intended receiver cannot see it, and agencies never see the child pseudonym', async () => {
    const refused = await submit(envelope({ purpose: 'onderzoek' }));
    expect(refused.status).toBe(403);
    const id = refused.body.exchangeId as string;
    expect(check('GET', `/v1/exchanges/${id}`, await request(gw.app).get(`/v1/exchanges/${id}`).set(auth('gemeente-diemen'))).status).toBe(404);
    const list = check('GET', '/v1/exchanges', await request(gw.app).get('/v1/exchanges?limit=200').set(auth('gemeente-diemen')));
    expect(list.body.items.map((i: { exchangeId: string }) => i.exchangeId)).not.toContain(id);
    const audit = check('GET', '/v1/audit', await request(gw.app).get(`/v1/audit?exchangeId=${id}`).set(auth('gemeente-diemen')));
    expect(audit.body.items).toEqual([]);
    const own = check('GET', `/v1/exchanges/${id}`, await request(gw.app).get(`/v1/exchanges/${id}`).set(auth('jeugdhulp-de-brug')));
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body.history)).not.toContain('dataSubjectId');
  });

  it('when a party sends a JSON retour for a heen message it never received, then it is refused', async () => {
    const heen = await submit(envelope());
    expect(heen.status).toBe(202);
    const { message } = createIjwXmlParser().parse(readFileSync(resolve(repoRoot, '../shared/reference/ijw-3.2/samples/JW316.xml'), 'utf8'));
    const header = (message as any).Header;
    header.BerichtIdentificatie = { ...jw315.Header.BerichtIdentificatie };
    const forged = structuredClone(message) as any;
    forged.Header.Ontvanger = '0363';
    const res = await submit({ messageType: 'JW316', receiver: 'jeugdhulp-de-brug', purpose: 'technische-bevestiging', message: forged }, 'gemeente-amsterdam');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].pointer).toBe('/message/Header/BerichtIdentificatie');
  });
});

describe('reading', () => {
  it('when a party lists its exchanges, then it sees its own, newest first, with a cursor', async () => {
    const res = check('GET', '/v1/exchanges', await request(gw.app).get('/v1/exchanges?limit=2').set(auth('jeugdhulp-de-brug')));
    expect(res.body.items).toHaveLength(2);
    expect(res.body.next).toBe(res.body.items[1].exchangeId);
    const next = check('GET', '/v1/exchanges', await request(gw.app).get(`/v1/exchanges?limit=2&before=${res.body.next}`).set(auth('jeugdhulp-de-brug')));
    expect(next.body.items[0].exchangeId).not.toBe(res.body.items[0].exchangeId);
    const bad = check('GET', '/v1/exchanges', await request(gw.app).get('/v1/exchanges?limit=0').set(auth('jeugdhulp-de-brug')));
    expect(bad.status).toBe(400);
  });

  it('when a party reads its audit trail, then it gets its records (and the read is audited)', async () => {
    const res = check('GET', '/v1/audit', await request(gw.app).get('/v1/audit?limit=5').set(auth('jeugdhulp-de-brug')));
    expect(res.body.items.length).toBe(5);
    for (const item of res.body.items) expect([item.actor, item.counterparty]).toContain('jeugdhulp-de-brug');
    const chain = await gw.store.readAuditChain(1, 1_000_000);
    expect(chain.at(-1)).toMatchObject({ action: 'audit.read', actor: 'jeugdhulp-de-brug' });
  });

  it('when a message goes to an inbox party, then the receiver lists, fetches and acknowledges it, once', async () => {
    const message = structuredClone(jw315);
    message.Header.Ontvanger = '0363';
    const sent = await submit({ messageType: 'JW315', receiver: 'gemeente-amsterdam', purpose: 'verzoek-toewijzing', message });
    expect(sent.status).toBe(202);
    await gw.dispatcher.runOnce();
    const list = check('GET', '/v1/inbox', await request(gw.app).get('/v1/inbox').set(auth('gemeente-amsterdam')));
    expect(list.body.items.map((i: { exchangeId: string }) => i.exchangeId)).toContain(sent.body.exchangeId);
    const item = check('GET', `/v1/inbox/${sent.body.exchangeId}`, await request(gw.app).get(`/v1/inbox/${sent.body.exchangeId}`).set(auth('gemeente-amsterdam')));
    expect(item.body.message.Client.Bsn).toBe(jw315.Client.Bsn);
    expect(check('GET', `/v1/inbox/${sent.body.exchangeId}`, await request(gw.app).get(`/v1/inbox/${sent.body.exchangeId}`).set(auth('jeugdhulp-de-brug'))).status).toBe(404);
    const ack = check('POST', `/v1/inbox/${sent.body.exchangeId}/ack`, await request(gw.app).post(`/v1/inbox/${sent.body.exchangeId}/ack`).set(auth('gemeente-amsterdam')));
    expect(ack.status).toBe(204);
    expect(check('POST', `/v1/inbox/${sent.body.exchangeId}/ack`, await request(gw.app).post(`/v1/inbox/${sent.body.exchangeId}/ack`).set(auth('gemeente-amsterdam'))).status).toBe(404);
    expect(check('GET', `/v1/inbox/${sent.body.exchangeId}`, await request(gw.app).get(`/v1/inbox/${sent.body.exchangeId}`).set(auth('gemeente-amsterdam'))).status).toBe(404);
  });

  it('when a staff member (privacy officer, operator) calls an agency route, then 403 forbidden', async () => {
    const officer = check('GET', '/v1/exchanges', await request(gw.app).get('/v1/exchanges').set(auth('privacy-officer-demo')));
    expect(officer.status).toBe(403);
    expect(officer.body.code).toBe('forbidden');
    const operator = await submit(envelope(), 'operator-demo');
    expect(operator.status).toBe(403);
    expect(operator.body.code).toBe('forbidden');
    // Staff may verify the chain (it says nothing about any child).
    expect(check('GET', '/v1/audit/verification', await request(gw.app).get('/v1/audit/verification').set(auth('privacy-officer-demo'))).status).toBe(200);
  });

  it('when operations endpoints are called, then they answer without a token', async () => {
    check('GET', '/health/live', await request(gw.app).get('/health/live'));
    expect(check('GET', '/health/ready', await request(gw.app).get('/health/ready')).status).toBe(200);
    const metrics = check('GET', '/metrics', await request(gw.metricsApp).get('/metrics'));
    expect(metrics.text).toContain('ketenpoort_exchanges_total');
    // Group commit reports its batch sizes (regression: the histogram was declared but never fed).
    expect(metrics.text).toMatch(/^ketenpoort_group_commit_batch_size_count [1-9]\d*$/m);
    const doc = check('GET', '/v1/openapi.json', await request(gw.app).get('/v1/openapi.json'));
    expect(doc.body.openapi).toBe('3.1.0');
  });

  it('when a route or method does not exist, then 404 or 405 as problem+json', async () => {
    const missing = await request(gw.app).get('/nope');
    assertUndocumentedRouteConforms('GET', '/nope', { status: missing.status, headers: missing.headers, body: missing.body, text: missing.text });
    const wrong = await request(gw.app).delete('/health/live');
    assertUndocumentedRouteConforms('DELETE', '/health/live', { status: wrong.status, headers: wrong.headers, body: wrong.body, text: wrong.text });
  });

  it('when the consent and privacy-officer routes are called, then each answers as documented (their behaviour: consent-api.test.ts)', async () => {
    const bsn = jw315.Client.Bsn as string;
    const registration = {
      bsn,
      givers: [{ capacity: 'child', reference: 'kind' }],
      custodianCount: 1,
      scope: { purposes: ['overdracht-hulpverlening'], receivers: { roles: ['school'] } },
      givenOn: '2026-01-05',
      validFrom: '2026-01-05',
      evidence: { reference: 'dossier-1' },
    };
    const post = async (path: string, party: string, body: unknown): Promise<request.Response> =>
      check('POST', path, await request(gw.app).post(path).set({ ...auth(party), 'content-type': 'application/json' }).send(JSON.stringify(body)));
    const get = async (path: string, party: string): Promise<request.Response> => check('GET', path, await request(gw.app).get(path).set(auth(party)));
    const created = await post('/v1/consents', 'jeugdhulp-de-brug', registration);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/consents/${created.body.id}`);
    expect((await get('/v1/consents?limit=5', 'jeugdhulp-de-brug')).body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    expect((await get(`/v1/consents/${created.body.id}`, 'jeugdhulp-de-brug')).body.status).toBe('active');
    expect((await post(`/v1/consents/${created.body.id}/revocation`, 'jeugdhulp-de-brug', {})).body.consent.status).toBe('revoked');
    expect((await post('/v1/privacy/consent-log', 'privacy-officer-demo', { bsn })).body.consents).toHaveLength(1);
    expect((await post('/v1/privacy/audit-search', 'privacy-officer-demo', { bsn, limit: 5 })).status).toBe(200);
    expect((await get('/v1/privacy/reviews?status=pending', 'privacy-officer-demo')).body.items).toEqual([]);
    expect((await get('/v1/privacy/decision-statistics', 'privacy-officer-demo')).body.days).toHaveLength(30);
    expect((await get('/v1/privacy/consents?list=revoked', 'privacy-officer-demo')).body.items.map((i: { consent: { id: string } }) => i.consent.id)).toContain(created.body.id);
    expect((await post(`/v1/privacy/reviews/${created.body.id}`, 'privacy-officer-demo', { verdict: 'justified', note: 'n' })).status).toBe(404);
    expect((await get('/v1/privacy/audit-verification', 'privacy-officer-demo')).body.ok).toBe(true);
    expect((await post('/v1/privacy/subject-access-export', 'privacy-officer-demo', { bsn })).body.consents).toHaveLength(1);
    // Waiting-time statistics (their behaviour: statistics-api.test.ts).
    expect((await get('/v1/statistics/waiting-times', 'cbs')).body.scope).toEqual({ kind: 'national' });
    // Policy explain (its behaviour: policy-explain.test.ts).
    expect((await post('/v1/policy/explain', 'jeugdhulp-de-brug', envelope())).body.decision).toMatchObject({ outcome: 'allow', rule: { id: 'ijw-verzoek-toewijzing' } });
  });

  it('when the sender asks for the receipt of its exchange, then it verifies offline with the public key; the receiver and others get 404; a changed receipt fails', async () => {
    const sent = await submit(envelope());
    expect(sent.status).toBe(202);
    const id = sent.body.exchangeId as string;
    const path = `/v1/exchanges/${id}/receipt`;
    const receipt = check('GET', path, await request(gw.app).get(path).set(auth('jeugdhulp-de-brug')));
    expect(receipt.status).toBe(200);
    const key = check('GET', '/v1/audit/signing-key', await request(gw.app).get('/v1/audit/signing-key').set(auth('jeugdhulp-de-brug'))).body as JsonWebKey;
    const publicKey = publicKeyFromJwk(key);
    expect(receipt.body).toMatchObject({ exchangeId: id, record: { action: 'exchange.submit', actor: 'jeugdhulp-de-brug', exchangeId: id } });
    // The tree head covers the chain up to the audited read of the receipt itself.
    const chain = await gw.store.readAuditChain(1, 1_000_000);
    expect(chain.at(-1)).toMatchObject({ seq: receipt.body.treeHead.treeSize, action: 'audit.read', detail: 'receipt', exchangeId: id });
    expect(verifyReceipt(receipt.body, publicKey)).toMatchObject({ ok: true, exchangeId: id, problems: [] });
    const altered = structuredClone(receipt.body) as { record: { outcome: string } };
    altered.record.outcome = 'refused';
    expect(verifyReceipt(altered, publicKey).problems).toContain('the record does not match its hash (it was altered)');
    for (const other of ['gemeente-diemen', 'gemeente-amsterdam']) {
      expect(check('GET', path, await request(gw.app).get(path).set(auth(other))).status).toBe(404);
    }
    expect(check('GET', '/v1/exchanges/no-such-exchange/receipt', await request(gw.app).get('/v1/exchanges/no-such-exchange/receipt').set(auth('jeugdhulp-de-brug'))).status).toBe(404);
  });

  it('when a party asks for its care-path signals, then it gets a page (empty here: no watchdog ran); an unknown signal is 404', async () => {
    // The signals themselves are tested on a simulated clock in care-path-watchdog.test.ts.
    const list = check('GET', '/v1/signals', await request(gw.app).get('/v1/signals?status=open').set(auth('gemeente-diemen')));
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [], next: null });
    const path = '/v1/signals/2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10/acknowledgement';
    const ack = check('POST', path, await request(gw.app).post(path).set({ ...auth('gemeente-diemen'), 'content-type': 'application/json' }).send({ note: 'gezien' }));
    expect(ack.status).toBe(404);
  });

  it('then every documented operation has been exercised by this suite', () => {
    // The operator routes have their own suite, which checks them the same way (operator-api.test.ts).
    const missing = documentedOperations().filter((op) => !isOperatorPath(op.pathTemplate) && !isConsolePath(op.pathTemplate) && !isTrafficPath(op.pathTemplate) && !isRegiePath(op.pathTemplate) && !isSubscriptionPath(op.pathTemplate) && !isConfigPath(op.pathTemplate) && !exercised.has(`${op.method} ${op.pathTemplate}`));
    expect(missing).toEqual([]);
  });
});
