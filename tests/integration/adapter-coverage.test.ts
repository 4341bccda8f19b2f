// A 202 promises delivery (issue 15): the gateway refuses to start while the policy lets a party
// receive a message type its adapter cannot carry, and the submit path refuses such a message before
// any 202. Regression: a VeiligThuisOverdracht to a FHIR provider was accepted and then dead-lettered
// ("no FHIR mapping for VeiligThuisOverdracht": the adapter called it VT-OVERDRACHT). Against a real
// FHIR R4 server on 127.0.0.1 (tests/support/fhir-test-server.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { resolve } from 'node:path';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import type { Patient, RelatedPerson, Task } from '@medplum/fhirtypes';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { adapterGaps } from '../../src/exchange/adapter-coverage.ts';
import { createFhirAdapter } from '../../adapters/fhir/fhir-adapter.ts';
import { loadPolicyFile } from '../../consent/policy-engine.ts';
import { createMessageValidator } from '../../src/validation/message-validator.ts';
import { FHIR_PROVIDER_TYPES, writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFhirTestServer, type FhirTestServer } from '../support/fhir-test-server.ts';
import { CHILD, minimalMessage } from '../support/keten-messages.ts';

const policy = loadPolicyFile(resolve(repoRoot, 'consent/policy.default.json'));
const validator = createMessageValidator();
/** The gateway's own notice types, from their schemas (x-gateway-originated), as the gateway asks. */
const gatewayOriginated = (type: string): boolean => validator.isGatewayOriginated(type);
const silent = createLogger({ level: 'error', silent: true });
let fhir: FhirTestServer;
let cfg: TestConfig;
let gw: GatewayParts;

beforeAll(async () => {
  fhir = await startFhirTestServer();
  // The first FHIR delivery loads the R4 definitions: a 2 s delivery timeout would make it a retry.
  cfg = writeTestConfig({ delivery: { timeoutMs: 20_000 }, adapters: { 'jeugdhulp-de-brug': { kind: 'fhir', endpoint: fhir.baseUrl, messageTypes: FHIR_PROVIDER_TYPES } } });
  gw = await buildGateway(cfg.config, { background: false, logger: silent });
}, 30_000);

afterAll(async () => {
  await gw.close();
  await fhir.close();
  cfg.cleanup();
});

const submit = (sender: string, body: Record<string, unknown>) =>
  request(gw.app).post('/v1/exchanges').set({ authorization: `Bearer ${cfg.token(sender)}`, 'content-type': 'application/json' }).send(JSON.stringify(body));

describe('at start-up', () => {
  it('when a FHIR provider takes every type the policy lets reach a provider, then the gateway refuses to start, naming each gap', async () => {
    const wide = writeTestConfig({ adapters: { 'jeugdhulp-de-brug': { kind: 'fhir', endpoint: fhir.baseUrl } } });
    try {
      const error = await buildGateway(wide.config, { background: false, logger: silent }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isGatewayError(error) && error.code).toBe('config-invalid');
      const detail = isGatewayError(error) ? (error.detail ?? '') : '';
      expect(detail).toMatch(/rule "veilig-thuis-terugkoppeling" lets VeiligThuisTerugkoppeling go to aanbieder "jeugdhulp-de-brug", whose adapter "fhir" cannot carry VeiligThuisTerugkoppeling/);
      expect(detail).toMatch(/rule "ijw-retour-aan-aanbieder" lets JW306 go to aanbieder "jeugdhulp-de-brug"/);
      // The types the FHIR adapter maps are no gap.
      expect(detail).not.toMatch(/lets (JW301|JW319|VeiligThuisOverdracht) go to aanbieder "jeugdhulp-de-brug"/);
    } finally {
      wide.cleanup();
    }
  });

  it('when an adapter does not carry a type its party lists (the old VT-OVERDRACHT and CONSENT-RECORD names), then that is a gap too', () => {
    const party = cfg.config.parties.find((p) => p.id === 'jeugdhulp-de-brug')!;
    const oldFhir = (_: unknown, type: string): boolean => ['JW301', 'JW319', 'VT-OVERDRACHT', 'CONSENT-RECORD'].includes(type);
    const gaps = adapterGaps(policy.rules, [party], oldFhir, gatewayOriginated);
    expect(gaps.map((g) => g.detail)).toEqual([
      'party "jeugdhulp-de-brug" says it takes VeiligThuisOverdracht, which its adapter "fhir" cannot carry',
      // The consent notice had the same fault: the adapter's CONSENT-RECORD was no type the gateway sends.
      'party "jeugdhulp-de-brug" says it takes ConsentNotice, which its adapter "fhir" cannot carry',
      'rule "veilig-thuis-overdracht" lets VeiligThuisOverdracht go to aanbieder "jeugdhulp-de-brug", whose adapter "fhir" cannot carry VeiligThuisOverdracht',
    ]);
    expect(adapterGaps(policy.rules, [party], () => true, gatewayOriginated)).toEqual([]);
  });

  it('when a provider speaks only iJw XML, then the consent notice (and every gateway-originated notice) is no gap: the gateway sends it only to a party whose adapter maps it', () => {
    const party = cfg.config.parties.find((p) => p.id === 'zorgaanbieder-horizon')!;
    const xmlProvider = { ...party, adapter: { kind: 'ijw-xml', endpoint: 'http://127.0.0.1:1/ijw' } };
    const onlyIjw = (_: unknown, type: string): boolean => /^JW3[0-9]{2}$/.test(type);
    const gaps = adapterGaps(policy.rules, [xmlProvider], onlyIjw, gatewayOriginated).map((g) => g.detail);
    expect(gaps.some((g) => g.includes('VeiligThuisOverdracht'))).toBe(true);
    expect(gaps.filter((g) => g.includes('ConsentNotice'))).toEqual([]);
    // Every gateway-originated type alike (the schemas say which): the regie notice to a GI that speaks
    // only iJw XML is no gap either; it is never sent one (and that refusal is audited).
    expect(gatewayOriginated('RegieNotificatie') && gatewayOriginated('ConsentNotice') && !gatewayOriginated('JW315')).toBe(true);
    const gi = { ...cfg.config.parties.find((p) => p.role === 'gi')!, adapter: { kind: 'ijw-xml', endpoint: 'http://127.0.0.1:1/ijw' } };
    expect(adapterGaps(policy.rules, [gi], onlyIjw, gatewayOriginated).filter((g) => g.detail.includes('RegieNotificatie'))).toEqual([]);
    expect(adapterGaps(policy.rules, [gi], onlyIjw, () => false).filter((g) => g.detail.includes('RegieNotificatie'))).not.toEqual([]);
    // The FHIR adapter maps it: a FHIR provider that takes every type has no ConsentNotice gap either.
    expect(adapterGaps(policy.rules, [{ ...party, adapter: { kind: 'fhir' } }], (_, type) => createFhirAdapter().carries?.(type) ?? true, gatewayOriginated).filter((g) => g.detail.includes('ConsentNotice'))).toEqual([]);
  });
});

describe('on submit', () => {
  it('when Veilig Thuis hands a case to a FHIR provider, then it is accepted and arrives as a Task for the child, field by field', async () => {
    const message = {
      ...minimalMessage('VeiligThuisOverdracht'),
      VeiligThuisReferentie: 'VT-2026-0042',
      Kind: { Bsn: CHILD.bsn, Geslacht: '2', Geboortedatum: CHILD.birthDate, Naam: { Voorvoegsel: 'van', Achternaam: 'Dijk', Voornamen: 'Sanne Marie' } },
      Betrokkenen: [{ Rol: 'ouder', Naam: { Achternaam: 'Dijk', Voorvoegsel: 'van', Voorletters: 'M.' }, Contact: { Telefoon: '+31 6 12345678' } }],
      Veiligheid: { Beoordeling: 'structureel-onveilig', Afspraken: 'Geen contact met de vader zonder begeleiding.' },
      Hulpvraag: 'Gezinsbegeleiding gevraagd.',
      Bevindingen: 'Melding huiselijk geweld bevestigd.',
      BetrokkeneGeinformeerd: true,
    };
    const res = await submit('veilig-thuis-amsterdam', { messageType: 'VeiligThuisOverdracht', receiver: 'jeugdhulp-de-brug', purpose: 'hulp-na-melding', message });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const exchangeId = res.body.exchangeId as string;
    expect(await gw.dispatcher.runOnce()).toBe(1);
    expect((await gw.store.getExchange(exchangeId))?.status).toBe('delivered');

    const task = (await fhir.all<Task>('Task')).find((t) => t.identifier?.some((i) => i.value === 'VT-2026-0042'));
    expect(task).toMatchObject({
      status: 'requested',
      intent: 'order',
      authoredOn: '2026-11-22',
      description: 'Gezinsbegeleiding gevraagd.',
      note: [{ text: 'Melding huiselijk geweld bevestigd.' }, { text: 'Veiligheidsafspraken: Geen contact met de vader zonder begeleiding.' }],
    });
    expect(task!.identifier).toContainEqual({ use: 'secondary', system: 'https://ketenpoort.nl/fhir/NamingSystem/exchange-id', value: exchangeId });
    expect(task!.input?.map((i) => [i.type.text, i.valueString ?? i.valueBoolean ?? i.valueReference?.reference?.split('/')[0]])).toEqual([
      ['veiligheidsbeoordeling', 'structureel-onveilig'],
      ['contactpersoon Veilig Thuis', 'J. de Vries, 020-1234567, j.devries@example.nl'],
      ['betrokkene geinformeerd', true],
      ['betrokkene', 'RelatedPerson'],
    ]);
    const patient = (await fhir.all<Patient>('Patient')).find((p) => `Patient/${p.id}` === task!.for?.reference);
    expect(patient).toMatchObject({
      identifier: expect.arrayContaining([{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: CHILD.bsn }]),
      name: [{ use: 'official', family: 'van Dijk', given: ['Sanne', 'Marie'] }],
      gender: 'female',
      birthDate: CHILD.birthDate,
    });
    const related = (await fhir.all<RelatedPerson>('RelatedPerson')).find((r) => r.patient.reference === `Patient/${patient!.id}`);
    expect(related).toMatchObject({ relationship: [{ text: 'ouder' }], name: [{ family: 'van Dijk', given: ['M.'] }], telecom: [{ system: 'phone', value: '+31 6 12345678' }] });
  });

  it('when a type the FHIR provider does not take is sent to it, then 422 receiver-cannot-carry before any 202, and nothing is queued', async () => {
    const res = await submit('veilig-thuis-amsterdam', {
      messageType: 'VeiligThuisTerugkoppeling',
      receiver: 'jeugdhulp-de-brug',
      purpose: 'terugkoppeling-melder',
      message: minimalMessage('VeiligThuisTerugkoppeling'),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'receiver-cannot-carry', type: 'https://ketenpoort.nl/problems/receiver-cannot-carry' });
    expect(res.body.detail).toMatch(/jeugdhulp-de-brug/);
    expect(await gw.dispatcher.runOnce()).toBe(0);
    const audit = await gw.store.listAudit({ limit: 100 });
    expect(audit.filter((r) => r.reason === 'receiver-cannot-carry')).toMatchObject([{ action: 'exchange.submit', outcome: 'refused', actor: 'veilig-thuis-amsterdam', counterparty: 'jeugdhulp-de-brug' }]);
  });

  it("when a side effect would notify a municipality that takes only iJw XML, then the whole exchange is refused (receiver-cannot-carry), nothing queued", async () => {
    const res = await submit('gi-jeugdbescherming-west', {
      messageType: 'VerzoekTotOnderzoek',
      receiver: 'raad-kinderbescherming',
      purpose: 'verzoek-tot-onderzoek',
      subject: { bsn: CHILD.bsn, birthDate: CHILD.birthDate },
      // 0344 is gemeente-utrecht, on ijw-xml taking only the iJw messages (config/demo.json).
      message: { ...minimalMessage('VerzoekTotOnderzoek'), BetrokkenGemeente: { Gemeentecode: '0344' } },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'receiver-cannot-carry', detail: expect.stringMatching(/gemeente-utrecht.*takes only/) });
    expect(await gw.dispatcher.runOnce()).toBe(0);
  });
});
