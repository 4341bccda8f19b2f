// Issue 15, "a consent registered for a FHIR provider never reaches it as a FHIR Consent": a consent
// registered through POST /v1/consents that names a party on FHIR reaches that party's FHIR server as
// a Consent, through the outbox like any exchange (retried, dead-lettered); its revocation turns the
// same Consent inactive; a consent naming only parties without a FHIR adapter sends nothing FHIR.
// Against a real FHIR R4 server on 127.0.0.1 (tests/support/fhir-test-server.ts), on SQLite and, when
// KETENPOORT_TEST_PG_URL is set, on PostgreSQL. Every API answer is checked against openapi.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Binary, Bundle, Consent, Patient } from '@medplum/fhirtypes';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { FHIR_PROVIDER_TYPES, writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFhirTestServer, type FhirTestServer } from '../support/fhir-test-server.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';
import { CHILD } from '../support/keten-messages.ts';

const REGISTRAR = 'jeugdhulp-de-brug'; // AGB 42420001
const FHIR_PARTY = 'jeugdzorg-kompas'; // AGB 75750001
const SCHOOL = 'school-de-regenboog';
const OFFICER = 'privacy-officer-demo';
const CONSENT_ID_SYSTEM = 'https://ketenpoort.nl/fhir/NamingSystem/consent-id';
const EXCHANGE_ID_SYSTEM = 'https://ketenpoort.nl/fhir/NamingSystem/exchange-id';
const BSN_SYSTEM = 'http://fhir.nl/fhir/NamingSystem/bsn';
const AGB_SYSTEM = 'http://fhir.nl/fhir/NamingSystem/agb-z';

const registration = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  bsn: CHILD.bsn,
  givers: [{ capacity: 'child', reference: 'Lotte' }, { capacity: 'custodial-parent', reference: 'moeder' }],
  custodianCount: 1,
  scope: { purposes: ['overdracht-hulpverlening'], receivers: { parties: [FHIR_PARTY], roles: ['school'] }, dataCategories: ['basisgegevens', 'hulpverlening'] },
  givenOn: '2026-11-20',
  validFrom: '2026-11-20',
  validUntil: '2027-11-19',
  evidence: { reference: 'dossier 2026-0412, toestemmingsformulier', form: 'written' },
  ...extra,
});

const stores: { readonly name: string; readonly pg: boolean }[] = [{ name: 'SQLite', pg: false }, { name: pgSuiteName('PostgreSQL'), pg: true }];

describe.each(stores)('consent notices to a FHIR provider ($name)', ({ pg }) => {
  let fhir: FhirTestServer;
  let receiver: FakeReceiver;
  let cfg: TestConfig;
  let gw: GatewayParts;
  let schema: string | undefined;
  const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));
  const skip = pg && pgTestUrl === undefined;

  const conform = (method: string, path: string, res: request.Response): request.Response => {
    assertConformsToOpenApi(method, path, { status: res.status, headers: res.headers, body: res.body, text: res.text });
    return res;
  };
  const post = async (path: string, party: string, body: unknown): Promise<request.Response> =>
    conform('POST', path, await request(gw.app).post(path).set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' }).send(JSON.stringify(body)));
  const consentsOnServer = async (consentId: string): Promise<Consent[]> =>
    (await fhir.all<Consent>('Consent')).filter((c) => c.identifier?.some((i) => i.system === CONSENT_ID_SYSTEM && i.value === consentId));
  const history = async (exchangeId: string): Promise<string[]> =>
    (await gw.store.readAuditChain(1, 1_000_000)).filter((r) => r.exchangeId === exchangeId).map((r) => `${r.action}:${r.outcome}`);

  beforeAll(async () => {
    if (skip) return;
    fhir = await startFhirTestServer();
    receiver = await startFakeReceiver();
    schema = pg ? freshSchema('kp_notice') : undefined;
    cfg = writeTestConfig({
      receiverUrl: receiver.url,
      // The first FHIR delivery loads the R4 definitions: a 2 s delivery timeout would make it a retry.
      delivery: { timeoutMs: 20_000, baseDelayMs: 1000, maxDelayMs: 4000, maxAttempts: 3 },
      adapters: { [FHIR_PARTY]: { kind: 'fhir', endpoint: fhir.baseUrl, messageTypes: FHIR_PROVIDER_TYPES } },
      ...(schema !== undefined ? { extra: { store: { url: pgStoreUrl(schema) } } } : {}),
    });
    gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
  }, 60_000);

  afterAll(async () => {
    if (skip) return;
    await gw.close();
    await fhir.close();
    await receiver.close();
    cfg.cleanup();
    if (schema !== undefined) await dropSchema(schema);
  });

  let consentId: string;
  let noticeId: string;
  let deadConsentId: string;
  let deadNoticeId: string;

  it.skipIf(skip)('when a consent names a FHIR provider, then the registration queues one notice, for that provider only, audited under its own rule and legal basis', async () => {
    const res = await post('/v1/consents', REGISTRAR, registration());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    consentId = res.body.id as string;
    // The school (roles: school) has a rest-json adapter here: it keeps no consents and is sent none.
    expect(res.body.notices).toEqual([{ exchangeId: expect.any(String), receiver: FHIR_PARTY, status: 'queued' }]);
    noticeId = res.body.notices[0].exchangeId as string;

    expect(await gw.store.getExchange(noticeId)).toMatchObject({ sender: REGISTRAR, receiver: FHIR_PARTY, messageType: 'ConsentNotice', purpose: 'kennisgeving-toestemming', status: 'queued' });
    const submitted = (await gw.store.readAuditChain(1, 1_000_000)).find((r) => r.exchangeId === noticeId && r.action === 'exchange.submit');
    expect(submitted).toMatchObject({
      outcome: 'allowed',
      actor: REGISTRAR,
      counterparty: FHIR_PARTY,
      purpose: 'kennisgeving-toestemming',
      legalBasis: 'avg-7-19-kennisgeving-toestemming',
      processingActivityId: 'pa.toestemming.kennisgeving',
      rule: 'kennisgeving-toestemming@1',
      consentIds: [consentId],
      dataSubjectIdType: 'bsn-pseudonym',
    });
    // The payload holds what the purpose needs: the BSN (the receiver must know the child), not the
    // registering party's references for the givers, nor the form of the evidence.
    const payload = JSON.stringify((await gw.store.getOutbox(noticeId))?.payload);
    expect(payload).toContain(CHILD.bsn);
    expect(payload).not.toMatch(/moeder|Lotte|written/);
    expect(JSON.stringify(await gw.store.readAuditChain(1, 1_000_000))).not.toContain(CHILD.bsn);
  });

  it.skipIf(skip)('when the notice is delivered, then the FHIR server holds the Consent, field by field', async () => {
    expect(await gw.dispatcher.runOnce()).toBe(1);
    expect((await gw.store.getExchange(noticeId))?.status).toBe('delivered');
    expect(receiver.received).toHaveLength(0);

    const [consent, ...others] = await consentsOnServer(consentId);
    expect(others).toHaveLength(0);
    const registered = (await gw.store.getConsent(consentId))!;
    expect(consent!.identifier).toEqual([
      { use: 'official', system: CONSENT_ID_SYSTEM, value: consentId },
      { use: 'secondary', system: EXCHANGE_ID_SYSTEM, value: noticeId },
    ]);
    expect(consent!.status).toBe('active');
    expect(consent!.scope).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }], text: 'Privacy Consent' });
    expect(consent!.category).toEqual([{ coding: [{ system: 'http://loinc.org', code: '64292-6', display: 'Release of information consent' }], text: 'Release of information consent' }]);
    expect(consent!.dateTime).toBe(registered.registeredAt);

    const patient = (await fhir.all<Patient>('Patient')).find((p) => `Patient/${p.id}` === consent!.patient?.reference);
    expect(patient?.identifier).toContainEqual({ system: BSN_SYSTEM, value: CHILD.bsn });
    expect(consent!.performer).toEqual([{ reference: consent!.patient?.reference, display: 'de jeugdige zelf' }, { display: 'ouder met gezag' }]);
    expect(consent!.organization).toEqual([{ reference: expect.stringMatching(/^Organization\//), identifier: { system: AGB_SYSTEM, value: '42420001' }, display: 'Jeugdhulp De Brug (demo)' }]);
    expect(consent!.sourceReference).toEqual({
      identifier: { system: `https://ketenpoort.nl/fhir/NamingSystem/consent-evidence/${REGISTRAR}`, value: 'dossier 2026-0412, toestemmingsformulier' },
      display: 'bewijs bij Jeugdhulp De Brug (demo)',
    });
    expect(consent!.policyRule).toEqual({
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN', display: 'opt-in' }],
      text: 'Jw 7.3.11 lid 1; BW 7:457 lid 1; BW 7:465',
    });
    const ircp = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }], text: 'information recipient' };
    expect(consent!.provision).toEqual({
      type: 'permit',
      period: { start: '2026-11-20', end: '2027-11-19' },
      actor: [
        { role: ircp, reference: { reference: expect.stringMatching(/^Organization\//), identifier: { system: AGB_SYSTEM, value: '75750001' }, display: 'Jeugdzorg Kompas (demo, FHIR)' } },
        { role: ircp, reference: { display: 'iedere partij met de rol school' } },
      ],
      purpose: [{ system: 'https://ketenpoort.nl/fhir/CodeSystem/purpose', code: 'overdracht-hulpverlening' }],
      class: [
        { system: 'https://ketenpoort.nl/fhir/CodeSystem/data-category', code: 'basisgegevens' },
        { system: 'https://ketenpoort.nl/fhir/CodeSystem/data-category', code: 'hulpverlening' },
      ],
    });
  });

  it.skipIf(skip)('when the consent is revoked, then the same Consent turns inactive, matched by the consent id, and the revocation notice carries no BSN', async () => {
    const res = await post(`/v1/consents/${consentId}/revocation`, OFFICER, { reason: 'ingetrokken door de moeder' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.cancelledExchanges).toEqual([]);
    expect(res.body.notices).toEqual([{ exchangeId: expect.any(String), receiver: FHIR_PARTY, status: 'queued' }]);
    const revocationId = res.body.notices[0].exchangeId as string;
    const payload = (await gw.store.getOutbox(revocationId))?.payload;
    expect(payload).toEqual({ consentId, status: 'revoked', revokedAt: (await gw.store.getConsent(consentId))?.revocation?.revokedAt });

    expect(await gw.dispatcher.runOnce()).toBe(1);
    expect((await gw.store.getExchange(revocationId))?.status).toBe('delivered');
    // One entry: a JSON Patch (the server resolved its conditional URL, Consent?identifier=…consent-id|…, to the Consent it found).
    const [entry, ...more] = (fhir.requests.at(-1)!.body as Bundle).entry ?? [];
    expect(more).toEqual([]);
    expect(entry?.request?.method).toBe('PATCH');
    const binary = entry?.resource as Binary;
    expect(binary.contentType).toBe('application/json-patch+json');
    expect(JSON.parse(Buffer.from(binary.data ?? '', 'base64').toString('utf8'))).toEqual([
      { op: 'replace', path: '/status', value: 'inactive' },
      { op: 'add', path: '/identifier/-', value: { use: 'secondary', system: EXCHANGE_ID_SYSTEM, value: revocationId } },
    ]);

    const [consent, ...others] = await consentsOnServer(consentId);
    expect(others).toHaveLength(0);
    expect(consent!.status).toBe('inactive');
    expect(consent!.identifier).toEqual([
      { use: 'official', system: CONSENT_ID_SYSTEM, value: consentId },
      { use: 'secondary', system: EXCHANGE_ID_SYSTEM, value: noticeId },
      { use: 'secondary', system: EXCHANGE_ID_SYSTEM, value: revocationId },
    ]);
    // Everything else is as the registration wrote it.
    expect(consent!.provision?.type).toBe('permit');
    expect(consent!.patient?.reference).toMatch(/^Patient\//);
  });

  it.skipIf(skip)('when a consent names only parties without a FHIR adapter, then no notice is queued and nothing reaches the FHIR server', async () => {
    const before = fhir.requests.length;
    const res = await post('/v1/consents', REGISTRAR, registration({ scope: { purposes: ['overdracht-hulpverlening'], receivers: { parties: [SCHOOL, 'huisarts-de-linde'] } } }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.notices).toEqual([]);
    expect(await gw.dispatcher.runOnce()).toBe(0);
    const revoked = await post(`/v1/consents/${res.body.id as string}/revocation`, REGISTRAR, {});
    expect(revoked.body.notices).toEqual([]);
    expect(await gw.dispatcher.runOnce()).toBe(0);
    expect(fhir.requests.length).toBe(before);
    expect(receiver.received).toHaveLength(0);
  });

  it.skipIf(skip)('when the FHIR server is down, then the notice is retried with backoff and dead-lettered like any exchange', async () => {
    const res = await post('/v1/consents', REGISTRAR, registration({ scope: { purposes: ['overdracht-hulpverlening'], receivers: { parties: [FHIR_PARTY] } } }));
    const id = res.body.notices[0].exchangeId as string;
    fhir.failNext(503, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'down for maintenance' }] }, 3);
    expect(await gw.dispatcher.runOnce()).toBe(1);
    expect(await gw.dispatcher.runOnce()).toBe(0); // not due before the backoff
    clock.advance(5_000);
    expect(await gw.dispatcher.runOnce()).toBe(1);
    clock.advance(5_000);
    expect(await gw.dispatcher.runOnce()).toBe(1);
    expect(await history(id)).toEqual(['exchange.submit:allowed', 'delivery.attempt:retry', 'delivery.attempt:retry', 'delivery.attempt:dead-letter']);
    expect((await gw.store.getExchange(id))?.status).toBe('dead-letter');
    expect(await gw.store.getOutbox(id)).toMatchObject({ status: 'dead', attempts: 3, lastError: expect.stringMatching(/503/) });
    expect(await consentsOnServer(res.body.id as string)).toEqual([]);
    deadConsentId = res.body.id as string;
    deadNoticeId = id;
  });

  it.skipIf(skip)('when the consent of a dead-lettered notice is revoked, then the revocation cannot find a Consent (dead-lettered too), and a replay of the old notice is refused: it would make the consent active again', async () => {
    const revoked = await post(`/v1/consents/${deadConsentId}/revocation`, REGISTRAR, {});
    expect(revoked.body.cancelledExchanges).toEqual([]);
    const [notice] = revoked.body.notices as { exchangeId: string }[];
    expect(await gw.dispatcher.runOnce()).toBe(1);
    // The server holds no Consent with that id: a conditional patch needs a match, so this is permanent.
    expect(await gw.store.getOutbox(notice!.exchangeId)).toMatchObject({ status: 'dead', attempts: 1 });

    const replay = await post('/v1/dead-letters/replay', 'operator-demo', { exchangeIds: [deadNoticeId] });
    expect(replay.status, JSON.stringify(replay.body)).toBe(200);
    expect(replay.body.results).toEqual([expect.objectContaining({ exchangeId: deadNoticeId, outcome: 'refused', reason: 'consent-revoked' })]);
    expect(await gw.dispatcher.runOnce()).toBe(0);
    expect((await gw.store.getExchange(deadNoticeId))?.status).toBe('cancelled');
    expect(await consentsOnServer(deadConsentId)).toEqual([]);
  });

  it.skipIf(skip)('when a consent is revoked while its notice still waits in the outbox, then the notice is cancelled and no revocation is sent to a party that never had it', async () => {
    const res = await post('/v1/consents', REGISTRAR, registration({ scope: { purposes: ['overdracht-hulpverlening'], receivers: { parties: [FHIR_PARTY] } } }));
    const id = res.body.notices[0].exchangeId as string;
    const revoked = await post(`/v1/consents/${res.body.id as string}/revocation`, REGISTRAR, {});
    expect(revoked.body.cancelledExchanges).toEqual([id]);
    expect(revoked.body.notices).toEqual([]);
    expect((await gw.store.getExchange(id))?.status).toBe('cancelled');
    expect(await history(id)).toEqual(['exchange.submit:allowed', 'delivery.cancel:cancelled']);
    expect(await gw.dispatcher.runOnce()).toBe(0);
    expect(await consentsOnServer(res.body.id as string)).toEqual([]);
  });

  it.skipIf(skip)('when a party submits a ConsentNotice itself, then 400: only the gateway writes one', async () => {
    const res = await post('/v1/exchanges', REGISTRAR, {
      messageType: 'ConsentNotice',
      receiver: FHIR_PARTY,
      purpose: 'kennisgeving-toestemming',
      message: { consentId: 'made-up', status: 'revoked', revokedAt: '2026-11-23T10:00:00Z' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid-input', errors: [{ pointer: '/messageType', detail: 'is a notice only the gateway sends' }] });
  });
});
