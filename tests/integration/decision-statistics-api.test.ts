// The privacy officer's refusals and overrides over time through HTTP (GET
// /v1/privacy/decision-statistics): real refusals and a real break-glass override submitted over the
// API on SQLite, counted per sending party, reason and Dutch day; the window, the party filter and
// bad input. Every answer is checked against openapi.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { fullCasusinformatie } from '../support/keten-messages.ts';
import { ManualClock } from '../support/manual-clock.ts';

const PROVIDER = 'jeugdhulp-de-brug';
const OFFICER = 'privacy-officer-demo';
// 22:30 UTC on 24 October is 00:30 on the 25th in Amsterdam (summer time).
const clock = new ManualClock(Date.parse('2026-10-24T22:30:00Z'));
const justification = 'Acuut gevaar: het kind vertelde vandaag over geweld thuis en de ouders zijn niet bereikbaar.';

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;

const auth = (party: string): Record<string, string> => ({ authorization: `Bearer ${cfg.token(party)}` });
const conform = (method: string, path: string, res: request.Response): request.Response => {
  assertConformsToOpenApi(method, path.split('?')[0]!, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  return res;
};
const submit = async (extra: Record<string, unknown> = {}): Promise<request.Response> =>
  conform(
    'POST',
    '/v1/exchanges',
    await request(gw.app)
      .post('/v1/exchanges')
      .set({ ...auth(PROVIDER), 'content-type': 'application/json' })
      .send(JSON.stringify({ messageType: 'Casusinformatie', receiver: 'school-de-regenboog', purpose: 'overdracht-hulpverlening', message: fullCasusinformatie(), ...extra })),
  );
const stats = async (query: string, who = OFFICER): Promise<request.Response> => {
  const path = `/v1/privacy/decision-statistics${query === '' ? '' : `?${query}`}`;
  return conform('GET', path, await request(gw.app).get(path).set(auth(who)));
};

beforeAll(async () => {
  receiver = await startFakeReceiver();
  cfg = writeTestConfig({ receiverUrl: receiver.url });
  gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
  // Two refusals (no consent) and an override on the 25th; one refusal on the 27th.
  expect((await submit()).status).toBe(403);
  expect((await submit()).status).toBe(403);
  expect((await submit({ override: { reasonCode: 'acuut-gevaar', justification } })).status).toBe(202);
  clock.advance(50 * 3_600_000); // 01:30 on the 27th (winter time since the 25th)
  expect((await submit()).status).toBe(403);
});

afterAll(async () => {
  await gw.close();
  await receiver.close();
  cfg.cleanup();
});

describe('refusals and overrides over time', () => {
  it('when the officer asks for a window, then each refusal and override is counted on its Dutch day, per party and reason', async () => {
    const res = await stats('from=2026-10-24&to=2026-10-27');
    expect(res.status).toBe(200);
    expect(res.body.days).toEqual(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
    expect(res.body.refusals).toEqual([{ party: PROVIDER, reason: 'consent-missing', total: 3, counts: [0, 2, 0, 1] }]);
    expect(res.body.overrides).toEqual([{ party: PROVIDER, reason: 'acuut-gevaar', total: 1, counts: [0, 1, 0, 0] }]);
  });

  it('when no window is given, then it is the last 30 days up to today; a party filter narrows it', async () => {
    const res = await stats('');
    expect(res.body).toMatchObject({ from: '2026-09-28', to: '2026-10-27' });
    expect(res.body.days).toHaveLength(30);
    expect(res.body.refusals[0].total).toBe(3);
    expect((await stats('party=gemeente-diemen')).body).toMatchObject({ refusals: [], overrides: [] });
  });

  it('when the officer reads it, then the read is audited', async () => {
    await stats('from=2026-10-24&to=2026-10-27&party=jeugdhulp-de-brug');
    const last = (await gw.store.readAuditChain(1, 1_000_000)).at(-1)!;
    expect(last).toMatchObject({ action: 'privacy.read', actor: OFFICER, detail: 'decision-statistics 2026-10-24..2026-10-27 for jeugdhulp-de-brug' });
  });

  it('when the window is wrong or a parameter unknown, then 400 naming it', async () => {
    for (const [query, pointer] of [
      ['from=2026-10-28&to=2026-10-27', '/query/to'],
      ['from=2026-01-01&to=2026-10-27', '/query/from'],
      ['from=2026-02-30', '/query/from'],
      ['from=0001-01-01', '/query/from'],
      ['to=27-10-2026', '/query/to'],
      ['party=Not A Party', '/query/party'],
      ['bucket=week', '/query/bucket'],
    ] as const) {
      const res = await stats(query);
      expect(res.status, query).toBe(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer), query).toContain(pointer);
    }
  });

  it('when an agency or an operator asks, then 403', async () => {
    expect((await stats('', PROVIDER)).status).toBe(403);
    expect((await stats('', 'operator-demo')).status).toBe(403);
  });
});
