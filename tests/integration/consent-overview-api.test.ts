// The privacy officer's consent overview through HTTP (GET /v1/privacy/consents): consents ending in
// the coming days, consents revoked in the past days, and what each revocation cancelled. The real
// app on SQLite, a real receiver on 127.0.0.1 that is never reached (the dispatcher does not run, so
// deliveries stay pending until the revocation cancels them), a fixed day. Every answer is checked
// against openapi.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { GatewayParts } from '../../src/gateway.ts';
import type { TestConfig } from '../support/test-gateway.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { CHILD, fullCasusinformatie } from '../support/keten-messages.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { startGatewayWithReceiver, type GatewayWithReceiver } from '../support/gateway-with-receiver.ts';

const PROVIDER = 'jeugdhulp-de-brug';
const OFFICER = 'privacy-officer-demo';
const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));

let cfg: TestConfig;
let gw: GatewayParts;
let setup: GatewayWithReceiver;

const auth = (party: string): Record<string, string> => ({ authorization: `Bearer ${cfg.token(party)}` });
const conform = (method: string, path: string, res: request.Response): request.Response => {
  assertConformsToOpenApi(method, path.split('?')[0]!, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  return res;
};
const post = async (path: string, party: string, body: unknown): Promise<request.Response> =>
  conform('POST', path, await request(gw.app).post(path).set({ ...auth(party), 'content-type': 'application/json' }).send(JSON.stringify(body)));
const get = async (path: string, party: string): Promise<request.Response> => conform('GET', path, await request(gw.app).get(path).set(auth(party)));

const register = async (validUntil: string, purposes = ['overdracht-hulpverlening']): Promise<string> => {
  const res = await post('/v1/consents', PROVIDER, {
    bsn: CHILD.bsn,
    givers: [{ capacity: 'child', reference: 'Lotte' }, { capacity: 'custodial-parent', reference: 'moeder' }],
    custodianCount: 1,
    scope: { purposes, receivers: { roles: ['school'] }, dataCategories: ['basisgegevens', 'hulpverlening'] },
    givenOn: '2026-11-20',
    validFrom: '2026-11-20',
    validUntil,
    evidence: { reference: 'dossier 2026-0412, toestemmingsformulier', form: 'written' },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

beforeAll(async () => {
  setup = await startGatewayWithReceiver({ clock });
  ({ cfg, gw } = setup);
});

afterAll(() => setup.close());

describe('the privacy officer\'s consent overview', () => {
  const ids: Record<string, string> = {};

  it('when consents end in ten days, in a month and in a year, then the expiring list for 30 days holds the first two, soonest first, and pages by cursor', async () => {
    ids.year = await register('2027-11-19');
    ids.month = await register('2026-12-23');
    ids.tenDays = await register('2026-12-03');
    const res = await get('/v1/privacy/consents?list=expiring', OFFICER);
    expect(res.status).toBe(200);
    expect(res.body.window).toEqual({ from: '2026-11-23', to: '2026-12-23' });
    expect(res.body.items.map((i: { consent: { id: string } }) => i.consent.id)).toEqual([ids.tenDays, ids.month]);
    expect(res.body.items[0].consent).toMatchObject({ validUntil: '2026-12-03', registeredBy: PROVIDER, status: 'active' });
    expect(JSON.stringify(res.body)).not.toContain(CHILD.bsn);
    expect(res.body.next).toBeNull();
    const first = await get('/v1/privacy/consents?list=expiring&limit=1', OFFICER);
    expect(first.body.items).toHaveLength(1);
    const second = await get(`/v1/privacy/consents?list=expiring&limit=1&next=${first.body.next}`, OFFICER);
    expect([first.body.items[0].consent.id, second.body.items[0].consent.id]).toEqual([ids.tenDays, ids.month]);
    expect((await get('/v1/privacy/consents?list=expiring&days=366', OFFICER)).body.items).toHaveLength(3);
  });

  it('when a consent with a pending delivery on it is revoked, then the revoked list shows it with that delivery as cancelled, and the expiring list no longer holds it', async () => {
    const pending = await post('/v1/exchanges', PROVIDER, { messageType: 'Casusinformatie', receiver: 'school-de-regenboog', purpose: 'overdracht-hulpverlening', message: fullCasusinformatie() });
    expect(pending.status).toBe(202);
    clock.advance(60_000);
    const revoked = await post(`/v1/consents/${ids.tenDays}/revocation`, PROVIDER, { revokedBy: { capacity: 'child', reference: 'Lotte' }, reason: 'Wil het niet meer.' });
    expect(revoked.status).toBe(200);
    const cancelled = revoked.body.cancelledExchanges as string[];
    expect(cancelled).toContain(pending.body.exchangeId);
    const res = await get('/v1/privacy/consents?list=revoked', OFFICER);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [item] = res.body.items;
    expect(item.consent).toMatchObject({ id: ids.tenDays, status: 'revoked', revocation: { recordedBy: PROVIDER, reason: 'Wil het niet meer.' } });
    expect(item.cancelledDeliveries.map((d: { exchangeId: string }) => d.exchangeId).sort()).toEqual([...cancelled].sort());
    expect(item.cancelledDeliveries.find((d: { exchangeId: string }) => d.exchangeId === pending.body.exchangeId)).toMatchObject({
      sender: PROVIDER,
      receiver: 'school-de-regenboog',
      messageType: 'Casusinformatie',
      purpose: 'overdracht-hulpverlening',
    });
    expect(item.moreCancelled).toBe(false);
    expect((await get('/v1/privacy/consents?list=expiring', OFFICER)).body.items.map((i: { consent: { id: string } }) => i.consent.id)).toEqual([ids.month]);
  });

  it('when a revocation is older than the window, then the revoked list leaves it out', async () => {
    clock.advance(8 * 24 * 60 * 60 * 1000);
    expect((await get('/v1/privacy/consents?list=revoked&days=7', OFFICER)).body.items).toEqual([]);
    expect((await get('/v1/privacy/consents?list=revoked&days=30', OFFICER)).body.items).toHaveLength(1);
  });

  it('when the officer reads a list, then the read is audited with the consent ids it showed', async () => {
    await get('/v1/privacy/consents?list=expiring&days=366', OFFICER);
    const last = (await gw.store.readAuditChain(1, 1_000_000)).at(-1)!;
    expect(last).toMatchObject({ action: 'consent.read', outcome: 'read', actor: OFFICER, detail: 'consent overview: expiring, 366 days, 2 shown' });
    expect([...(last.consentIds ?? [])].sort()).toEqual([ids.month, ids.year].sort());
  });

  it('when the query is wrong (no list, an unknown list, an unknown parameter, days out of range, a cursor that is no id), then 400 naming each parameter', async () => {
    for (const [query, pointer] of [
      ['', '/query/list'],
      ['list=all', '/query/list'],
      ['list=expiring&bsn=123456782', '/query/bsn'],
      ['list=expiring&days=0', '/query/days'],
      ['list=revoked&days=999', '/query/days'],
      ['list=revoked&next=abc', '/query/next'],
    ] as const) {
      const res = await get(`/v1/privacy/consents?${query}`, OFFICER);
      expect(res.status, query).toBe(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer), query).toContain(pointer);
      expect(res.text).not.toContain('123456782');
    }
  });

  it('when an agency or an operator asks, then 403', async () => {
    expect((await get('/v1/privacy/consents?list=expiring', PROVIDER)).status).toBe(403);
    expect((await get('/v1/privacy/consents?list=expiring', 'operator-demo')).status).toBe(403);
  });
});
