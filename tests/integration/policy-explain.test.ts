// Policy explain through HTTP (issue 15): what the policy would decide for a sample exchange and why,
// with nothing sent or stored but the audit record of the question. Every response is checked
// against openapi.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { GatewayParts } from '../../src/gateway.ts';
import type { TestConfig } from '../support/test-gateway.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { CHILD, fullCasusinformatie, minimalMessage } from '../support/keten-messages.ts';
import { readDemoMessage } from '../support/ijw-fixtures.ts';
import { startGatewayWithReceiver, type GatewayWithReceiver } from '../support/gateway-with-receiver.ts';

const PROVIDER = 'jeugdhulp-de-brug';
const OFFICER = 'privacy-officer-demo';
const OPERATOR = 'operator-demo';
const PATH = '/v1/policy/explain';

let cfg: TestConfig;
let gw: GatewayParts;
let setup: GatewayWithReceiver;

const explain = async (party: string, body: unknown): Promise<request.Response> => {
  const res = await request(gw.app).post(PATH).set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' }).send(JSON.stringify(body));
  assertConformsToOpenApi('POST', PATH, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  return res;
};
const casus = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ messageType: 'Casusinformatie', receiver: 'school-de-regenboog', purpose: 'overdracht-hulpverlening', message: fullCasusinformatie(), ...extra });
const counts = async (): Promise<{ exchanges: number; outbox: number }> => ({
  exchanges: (await gw.store.listExchanges({ party: PROVIDER, limit: 10_000 })).length,
  outbox: Object.values(await gw.store.countOutbox()).reduce((a, b) => a + b, 0),
});

beforeAll(async () => {
  setup = await startGatewayWithReceiver();
  ({ cfg, gw } = setup);
});

afterAll(() => setup.close());

describe('policy explain', () => {
  it('when a provider asks about a consent-based handover, then it sees the rule, its legal basis, that consent is needed, and that nothing was stored but the audit record', async () => {
    const before = await counts();
    const res = await explain(PROVIDER, casus());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sender: PROVIDER,
      receiver: 'school-de-regenboog',
      validation: { valid: true, errors: [] },
      asked: { senderRole: 'aanbieder', receiverRole: 'school', messageType: 'Casusinformatie', purpose: 'overdracht-hulpverlening' },
      appliedRule: { rule: 'overdracht-hulpverlening@1', legalBasis: { inForce: true }, consent: { registryConsulted: false } },
      decision: { outcome: 'deny', reason: 'consent-missing' },
    });
    expect(res.body.appliedRule.consent.mode).not.toBe('not-required');
    expect(res.body.appliedRule.override.reasonCodes).toContain('acuut-gevaar');
    expect(res.body.candidates.filter((c: { applies: boolean }) => c.applies).map((c: { rule: string }) => c.rule)).toEqual(['overdracht-hulpverlening@1']);
    expect(await counts()).toEqual(before);
    const last = (await gw.store.readAuditChain(1, 1_000_000)).at(-1);
    expect(last).toMatchObject({ action: 'policy.explain', outcome: 'read', actor: PROVIDER, counterparty: 'school-de-regenboog', reason: 'consent-missing', dataSubjectIdType: 'bsn-pseudonym' });
    expect(JSON.stringify(last)).not.toContain(CHILD.bsn);
  });

  it('when the purpose is wrong, then no rule applies, and the candidates show which condition failed', async () => {
    const res = await explain(PROVIDER, casus({ purpose: 'onderzoek' }));
    expect(res.status).toBe(200);
    expect(res.body.appliedRule).toBeNull();
    expect(res.body.decision).toMatchObject({ reason: 'no-legal-basis', lookedFor: { purpose: 'onderzoek' } });
    const handover = res.body.candidates.find((c: { rule: string }) => c.rule === 'overdracht-hulpverlening@1');
    expect(handover).toMatchObject({ applies: false, matches: { senderRole: true, receiverRole: true, messageType: true, purpose: false } });
  });

  it('when a precondition fails, then the explanation names it as not holding, with its requirement', async () => {
    const body = { messageType: 'Onderzoeksdataset', receiver: 'onderzoek-jeugd', purpose: 'onderzoek', message: minimalMessage('Onderzoeksdataset') };
    const res = await explain(PROVIDER, body);
    expect(res.status).toBe(200);
    expect(res.body.appliedRule.preconditions).toEqual([{ name: 'jw-7.3.12-voorwaarden', holds: false, requirement: expect.stringContaining('Jw 7.3.12') }]);
    expect(res.body.decision).toMatchObject({ outcome: 'deny', reason: 'precondition-not-met', precondition: 'jw-7.3.12-voorwaarden' });
  });

  it('when a statutory exchange is asked, then it is allowed with the fields it would release', async () => {
    const res = await explain('gemeente-diemen', { messageType: 'JW301', receiver: PROVIDER, purpose: 'toewijzing', message: readDemoMessage('jw301.json') });
    expect(res.status).toBe(200);
    expect(res.body.appliedRule).toMatchObject({ rule: 'ijw-toewijzing@2', consent: { mode: 'not-required' } });
    expect(res.body.decision).toMatchObject({ outcome: 'allow', reason: 'rule-allows' });
    expect(res.body.decision.releasedFields).toContain('/Client/Bsn');
  });

  it('when the message itself has errors, then they are listed with pointers and the policy is still explained', async () => {
    const message = fullCasusinformatie();
    (message.Kind as Record<string, unknown>).Bsn = '123456789';
    const res = await explain(PROVIDER, casus({ message }));
    expect(res.status).toBe(200);
    expect(res.body.validation.valid).toBe(false);
    expect(res.body.validation.errors.map((e: { pointer: string }) => e.pointer)).toContain('/message/Kind/Bsn');
    expect(res.body.appliedRule.rule).toBe('overdracht-hulpverlening@1');
  });

  it('when a privacy officer asks, then the sender must be named, and the explanation is for that party', async () => {
    const missing = await explain(OFFICER, casus());
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/sender']);
    const unknown = await explain(OFFICER, casus({ sender: 'niemand' }));
    expect(unknown.status).toBe(400);
    const res = await explain(OFFICER, casus({ sender: PROVIDER }));
    expect(res.status).toBe(200);
    expect(res.body.sender).toBe(PROVIDER);
  });

  it('when an agency names another sender, or an operator asks, then it is refused', async () => {
    expect((await explain(PROVIDER, casus({ sender: 'gemeente-diemen' }))).status).toBe(403);
    expect((await explain(OPERATOR, casus({ sender: PROVIDER }))).status).toBe(403);
  });

  it('when the body is not an envelope, then 400 listing every error with its pointer', async () => {
    const res = await explain(PROVIDER, { messageType: 'Casusinformatie', purpose: 7 });
    expect(res.status).toBe(400);
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/receiver', '/purpose', '/message']));
  });
});
