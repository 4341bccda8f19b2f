// Re-deciding an exchange (the step a replay of dead letters calls): against today's consents and
// policy, from the minimised payload and the kept subject facts, never the old decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';
import { createPolicyEngine, loadPolicyFile } from '../../consent/policy-engine.ts';
import { redecideExchange, type RedecideDeps } from '../../src/exchange/redecide-exchange.ts';
import type { ExchangeRow } from '../../src/store/store.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { CHILD, fullCasusinformatie } from '../support/keten-messages.ts';
import { readDemoMessage } from '../support/ijw-fixtures.ts';

let cfg: TestConfig;
let gw: GatewayParts;
let deps: RedecideDeps;
const now = new Date('2026-11-23T10:00:00Z');

async function post(path: string, party: string, body: unknown): Promise<request.Response> {
  return request(gw.app).post(path).set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' }).send(JSON.stringify(body));
}

async function redecide(id: string, payloadOverride?: unknown): ReturnType<typeof redecideExchange> {
  const exchange = (await gw.store.getExchange(id)) as ExchangeRow;
  const payload = payloadOverride === undefined ? (await gw.store.getOutbox(id))?.payload : payloadOverride;
  return gw.store.transaction((tx) => redecideExchange(deps, tx, { exchange, payload, now }));
}

beforeAll(async () => {
  // Every receiver is a closed port on 127.0.0.1 and one attempt is all there is: deliveries
  // dead-letter at once, as the ones a replay picks up.
  cfg = writeTestConfig({ receiverUrl: 'http://127.0.0.1:9', delivery: { maxAttempts: 1, timeoutMs: 500 } });
  gw = await buildGateway(cfg.config, { background: false, clock: { now: () => now }, logger: createLogger({ level: 'error', silent: true }) });
  deps = { policy: createPolicyEngine(loadPolicyFile(cfg.config.policyFile)), parties: createPartyRegistry(cfg.config.parties, cfg.config.staff) };
});

afterAll(async () => {
  await gw.close();
  cfg.cleanup();
});

describe('re-deciding an exchange', () => {
  it('when the consent it rested on is still there, then it is allowed again on it; after revocation it is refused', async () => {
    const consent = await post('/v1/consents', 'jeugdhulp-de-brug', {
      bsn: CHILD.bsn,
      givers: [{ capacity: 'child', reference: 'Lotte' }, { capacity: 'custodial-parent', reference: 'moeder' }],
      custodianCount: 1,
      scope: { purposes: ['overdracht-hulpverlening'], receivers: { parties: ['school-de-regenboog'] } },
      givenOn: '2026-11-20',
      validFrom: '2026-11-20',
      evidence: { reference: 'dossier-9' },
    });
    expect(consent.status).toBe(201);
    // The birth date comes only in the envelope: the re-decision must find it in the kept facts.
    const message = fullCasusinformatie();
    delete message.Kind.Geboortedatum;
    const sent = await post('/v1/exchanges', 'jeugdhulp-de-brug', { messageType: 'Casusinformatie', receiver: 'school-de-regenboog', purpose: 'overdracht-hulpverlening', subject: { birthDate: CHILD.birthDate }, message });
    expect(sent.status).toBe(202);
    const again = await redecide(sent.body.exchangeId);
    expect(again.kind).toBe('decided');
    if (again.kind !== 'decided') return;
    expect(again.outcome.decision).toMatchObject({ outcome: 'allow', reason: 'consent-given', consentIds: [consent.body.id], ageBand: '12-15' });
    expect(again.outcome.releasedPayload).toStrictEqual((await gw.store.getOutbox(sent.body.exchangeId))?.payload);

    // The delivery fails and is dead-lettered; the revocation does not touch it (it is not pending),
    // but a replay re-decides and finds the consent gone.
    await gw.dispatcher.runOnce();
    expect((await gw.store.getOutbox(sent.body.exchangeId))?.status).toBe('dead');
    const revoked = await post(`/v1/consents/${consent.body.id}/revocation`, 'jeugdhulp-de-brug', {});
    expect(revoked.body.cancelledExchanges).toEqual([]);
    const refused = await redecide(sent.body.exchangeId);
    expect(refused.kind === 'decided' && refused.outcome.decision).toMatchObject({ outcome: 'deny', reason: 'consent-revoked' });
    expect(refused.kind === 'decided' && refused.outcome.releasedPayload).toBe(undefined);
  });

  it('when the exchange was statutory, then it is allowed again without asking for consent', async () => {
    const sent = await post('/v1/exchanges', 'jeugdhulp-de-brug', { messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: readDemoMessage('jw315.json') });
    expect(sent.status).toBe(202);
    const again = await redecide(sent.body.exchangeId);
    expect(again.kind === 'decided' && again.outcome.decision).toMatchObject({ outcome: 'allow', reason: 'rule-allows', rule: { id: 'ijw-verzoek-toewijzing' } });
  });

  it('when the payload was purged, or the facts are gone, then it cannot be re-decided (and is never sent blindly)', async () => {
    const sent = await post('/v1/exchanges', 'jeugdhulp-de-brug', { messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: readDemoMessage('jw315.json') });
    expect(await redecide(sent.body.exchangeId, null)).toEqual({ kind: 'not-redecidable', reason: 'payload-purged' });
    const exchange = (await gw.store.getExchange(sent.body.exchangeId)) as ExchangeRow;
    const other = { ...exchange, id: '00000000-0000-4000-8000-000000000000' };
    expect(await gw.store.transaction((tx) => redecideExchange(deps, tx, { exchange: other, payload: {}, now }))).toEqual({ kind: 'not-redecidable', reason: 'facts-missing' });
    expect(await gw.store.transaction((tx) => redecideExchange(deps, tx, { exchange: { ...exchange, receiver: 'vertrokken' }, payload: {}, now }))).toEqual({ kind: 'not-redecidable', reason: 'party-unknown' });
  });
});
