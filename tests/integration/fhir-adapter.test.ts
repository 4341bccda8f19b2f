// The fhir adapter against a real FHIR R4 server on 127.0.0.1 (tests/support/fhir-test-server.ts):
// what arrives, read back through the server's REST API; replays that create no duplicates; invalid
// resources refused before sending; server errors classified as retryable or permanent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { Consent, OperationOutcome, OperationOutcomeIssue, Organization, Patient, RelatedPerson, ServiceRequest, Task } from '@medplum/fhirtypes';
import { createFhirAdapter } from '../../adapters/fhir/fhir-adapter.ts';
import { dutchDateTime, mapToFhirTransaction } from '../../adapters/fhir/fhir-mapping.ts';
import type { ConsentNotice, VeiligThuisOverdracht } from '../../adapters/fhir/fhir-message-types.ts';
import type { DeliveryMessage, DeliveryTarget } from '../../adapters/adapter.ts';
import { startFhirTestServer, type FhirTestServer } from '../support/fhir-test-server.ts';
import { validMessage } from '../support/ijw-fixtures.ts';

let fhir: FhirTestServer;
let target: DeliveryTarget;
const adapter = createFhirAdapter({
  lookupOrganisation: (code) => ({ '0384': { name: 'Gemeente Diemen', gemeentecode: '0384' }, '42420001': { name: 'Jeugdhulp De Brug', agb: '42420001' } })[code],
  lookupParty: (id) =>
    ({
      'veilig-thuis-amsterdam': { name: 'Veilig Thuis Amsterdam-Amstelland', oin: '00000099000000510000' },
      'jeugdhulp-de-brug': { name: 'Jeugdhulp De Brug', agb: '42420001' },
      'jeugdzorg-kompas': { name: 'Jeugdzorg Kompas', agb: '75750001' },
      'gemeente-diemen': { name: 'Gemeente Diemen', gemeentecode: '0384' },
    })[id],
});
const ctx = () => ({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', attempt: 1, signal: AbortSignal.timeout(10_000) });
let counter = 0;
const exchangeId = (): string => `7f1c7c1e-8a4e-4f7b-9a51-${String(++counter).padStart(12, '0')}`;
const message = (messageType: string, payload: unknown, id = exchangeId()): DeliveryMessage => ({
  exchangeId: id,
  messageType,
  sender: 'gemeente-diemen',
  receiver: 'jeugdhulp-de-brug',
  purpose: 'toewijzing',
  payload,
});
const bsnOf = (p: Patient): string | undefined => p.identifier?.find((i) => i.system === 'http://fhir.nl/fhir/NamingSystem/bsn')?.value;

const overdracht = (overrides: Partial<VeiligThuisOverdracht> = {}): VeiligThuisOverdracht => ({
  VeiligThuisReferentie: 'VT-2026-0042',
  Datum: '2026-11-20',
  Kind: { Bsn: '999900006', Geboortedatum: '2014-05-01', Geslacht: '2', Naam: { Voornamen: 'Sanne', Voorvoegsel: 'van', Achternaam: 'Dijk' } },
  Veiligheid: { Beoordeling: 'structureel-onveilig' },
  Hulpvraag: 'Hulp na melding: gezinsbegeleiding gevraagd',
  Bevindingen: 'Melding huiselijk geweld; veiligheidsafspraken gemaakt.',
  Contactpersoon: { Naam: 'J. Jansen', Telefoon: '0201234567' },
  ...overrides,
});
const fromVeiligThuis = (m: DeliveryMessage): DeliveryMessage => ({ ...m, sender: 'veilig-thuis-amsterdam', purpose: 'hulp-na-melding' });

const consent = (status: ConsentNotice['status']): ConsentNotice =>
  status === 'revoked'
    ? { consentId: 'consent-0001', status, revokedAt: '2026-11-20T10:00:00.000Z' }
    : {
        consentId: 'consent-0001',
        status,
        kind: 'permit',
        child: { bsn: '999900006' },
        givers: [{ capacity: 'custodial-parent' }],
        givenOn: '2026-11-01',
        validFrom: '2026-11-01',
        validUntil: '2027-11-01',
        purposes: ['overdracht-hulpverlening'],
        receivers: { parties: ['jeugdzorg-kompas'] },
        evidence: { reference: 'dossier-123/toestemming' },
        registeredBy: 'gemeente-diemen',
        recordedAt: '2026-11-01T09:00:00.000Z',
        legalBases: ['Jw 7.3.11 lid 1'],
      };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeAll(async () => {
  fhir = await startFhirTestServer();
  target = { partyId: 'jeugdhulp-de-brug', kind: 'fhir', endpoint: fhir.baseUrl };
});
afterAll(async () => {
  await fhir.close();
});

describe('mapping the canonical messages to FHIR R4', () => {
  it('when a JW301 is delivered, then the server holds the child (BSN), both organisations (AGB-Z, gemeentecode) and one ServiceRequest per assigned product', async () => {
    const jw301 = validMessage('JW301');
    const products = jw301.Client.ToegewezenProducten.ToegewezenProduct as any[];
    const m = message('JW301', jw301);
    const result = await adapter.deliver(m, target, ctx());
    expect(result).toMatchObject({ status: 'delivered', reference: expect.stringMatching(/^ServiceRequest\//) });

    const arrived = fhir.requests.at(-1)!;
    expect(arrived.headers['idempotency-key']).toBe(m.exchangeId);
    expect(arrived.headers.traceparent).toBe(ctx().traceparent);
    expect(arrived.body).toMatchObject({ resourceType: 'Bundle', type: 'transaction', identifier: { value: m.exchangeId } });

    const patients = await fhir.all<Patient>('Patient');
    expect(patients.map(bsnOf)).toEqual([jw301.Client.Bsn]);
    expect(patients[0]!.name?.[0]?.family).toContain(jw301.Client.Naam.Geslachtsnaam.Achternaam);
    const organisations = await fhir.all<Organization>('Organization');
    // docs/fhir-mapping.md: every resource written carries the exchange id as a secondary identifier.
    const written = [...patients, ...organisations, ...(await fhir.all<ServiceRequest>('ServiceRequest'))];
    for (const resource of written) {
      expect(resource.identifier, resource.resourceType).toContainEqual({ use: 'secondary', system: 'https://ketenpoort.nl/fhir/NamingSystem/exchange-id', value: m.exchangeId });
    }
    expect(organisations.flatMap((o) => o.identifier ?? []).filter((i) => i.use !== 'secondary').map((i) => `${i.system}|${i.value}`).sort()).toEqual([
      'http://fhir.nl/fhir/NamingSystem/agb-z|42420001',
      'https://ketenpoort.nl/fhir/NamingSystem/cbs-gemeentecode|0384',
    ]);
    expect(organisations.map((o) => o.name).sort()).toEqual(['Gemeente Diemen', 'Jeugdhulp De Brug']);
    const requests = await fhir.all<ServiceRequest>('ServiceRequest');
    expect(requests).toHaveLength(products.length);
    const first = requests.find((r) => r.identifier?.some((i) => i.value === String(products[0].ToewijzingNummer)))!;
    expect(first).toMatchObject({
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${patients[0]!.id}` },
      occurrencePeriod: { start: products[0].Ingangsdatum },
      authoredOn: dutchDateTime(products[0].Toewijzingsdatum, products[0].Toewijzingstijd),
    });
    expect(first.identifier).toEqual(expect.arrayContaining([expect.objectContaining({ system: 'https://ketenpoort.nl/fhir/NamingSystem/exchange-id', value: m.exchangeId })]));
  });

  it("when a JW301 carries the client's comment, communication, a stay at an organisation for a period, phone numbers with a country code and relations, then each arrives, field by field", async () => {
    const jw301 = validMessage('JW301');
    const client = jw301.Client;
    client.Bsn = '999900043';
    client.Commentaar = 'Client woont tijdelijk bij de grootouders.';
    client.Communicatie = { Vorm: '1', Taal: 'Arabisch' };
    client.Contactgegevens = {
      Contact: [
        { Soort: '04', Organisatie: 'Crisisopvang De Haven', Adres: { Straatnaam: 'Havenstraat', Huis: { Huisnummer: 12, Huisletter: 'A' }, Postcode: '1111AA', Plaatsnaam: 'Diemen', LandCode: 'NL' }, Periode: { Begindatum: '2026-11-01', Einddatum: '2027-01-31' }, Telefoon: { Telefoon01: { Telefoonnummer: '0201234567', Landnummer: '0031' }, Telefoon02: { Telefoonnummer: '3212345678', Landnummer: '0032' } }, Emailadres: 'client@example.nl' },
      ],
    };
    client.Relaties = {
      Relatie: [
        { Nummer: 'R1', Volgorde: 1, Soort: '10', Geslacht: '2', Geboortedatum: { Datum: '1985-03-04' }, Naam: { Geslachtsnaam: { Achternaam: 'Jansen' }, Voorletters: 'M.' }, Contact: { Soort: '01', Telefoon: { Telefoon01: { Telefoonnummer: '0612345678', Landnummer: '0031' } } } },
        { Nummer: 'R2', Soort: '11', Naam: { Geslachtsnaam: { Voorvoegsel: 'de', Achternaam: 'Boer' }, Voornamen: 'Karel' }, Contact: { Soort: '02', Emailadres: 'voogd@example.nl' } },
      ],
    };
    const m = message('JW301', jw301);
    expect((await adapter.deliver(m, target, ctx())).status).toBe('delivered');

    const patient = (await fhir.all<Patient>('Patient')).find((p) => bsnOf(p) === '999900043')!;
    expect(patient.communication).toEqual([{ language: { coding: [{ system: 'https://informatiemodel.istandaarden.nl/informatiemodel/ijw/3.2/codelijsten/cod747/', code: '1', display: 'Tolk taal' }], text: 'Arabisch' }, preferred: true }]);
    expect(patient.extension).toEqual([{ url: 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired', valueBoolean: true }]);
    expect(patient.address).toEqual([{ use: 'temp', line: ['Crisisopvang De Haven', 'Havenstraat 12A'], postalCode: '1111AA', city: 'Diemen', country: 'NL', period: { start: '2026-11-01', end: '2027-01-31' } }]);
    expect(patient.telecom).toEqual([
      { system: 'phone', value: '+31201234567' },
      { system: 'phone', value: '+323212345678' },
      { system: 'email', value: 'client@example.nl' },
    ]);
    const requests = (await fhir.all<ServiceRequest>('ServiceRequest')).filter((r) => r.subject.reference === `Patient/${patient.id}`);
    expect(requests.length).toBe(client.ToegewezenProducten.ToegewezenProduct.length);
    for (const r of requests) expect(r.note?.[0]?.text).toBe('Toelichting bij de cliënt: Client woont tijdelijk bij de grootouders.');

    const related = (await fhir.all<RelatedPerson>('RelatedPerson')).filter((r) => r.patient.reference === `Patient/${patient.id}`);
    const byNumber = (n: string): RelatedPerson | undefined => related.find((r) => r.identifier?.some((i) => i.value === `999900043-${n}`));
    expect(related).toHaveLength(2);
    expect(byNumber('R1')).toMatchObject({
      relationship: [{ coding: [{ system: 'https://informatiemodel.istandaarden.nl/informatiemodel/ijw/3.2/codelijsten/cod472/', code: '10', display: 'Ouder' }] }],
      name: [{ use: 'official', family: 'Jansen', given: ['M.'] }],
      gender: 'female',
      birthDate: '1985-03-04',
      telecom: [{ system: 'phone', value: '+31612345678' }],
      extension: [{ url: 'https://ketenpoort.nl/fhir/StructureDefinition/ijw-relatie-volgorde', valueInteger: 1 }],
    });
    expect(byNumber('R2')).toMatchObject({ relationship: [{ coding: [{ code: '11', display: 'Voogd' }] }], name: [{ family: 'de Boer', given: ['Karel'] }], telecom: [{ system: 'email', value: 'voogd@example.nl' }] });
    for (const r of related) expect(r.identifier).toContainEqual({ use: 'secondary', system: 'https://ketenpoort.nl/fhir/NamingSystem/exchange-id', value: m.exchangeId });
  });

  it('when the same JW301 exchange is delivered again, then nothing is duplicated', async () => {
    const before = { p: (await fhir.all('Patient')).length, o: (await fhir.all('Organization')).length, s: (await fhir.all('ServiceRequest')).length };
    const m = message('JW301', validMessage('JW301'), '7f1c7c1e-8a4e-4f7b-9a51-000000000001');
    expect((await adapter.deliver(m, target, ctx())).status).toBe('delivered');
    expect((await adapter.deliver(m, target, ctx())).status).toBe('delivered');
    expect({ p: (await fhir.all('Patient')).length, o: (await fhir.all('Organization')).length, s: (await fhir.all('ServiceRequest')).length }).toEqual(before);
  });

  it('when a JW319 rejects a request, then a rejected Task with the reason points at the provider\'s reference, once', async () => {
    const jw319 = validMessage('JW319');
    jw319.Antwoord = { ReferentieAanbieder: 'REF-123', VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '3' };
    const m = message('JW319', jw319);
    expect((await adapter.deliver(m, target, ctx())).status).toBe('delivered');
    expect((await adapter.deliver(m, target, ctx())).status).toBe('delivered');
    const tasks = (await fhir.all<Task>('Task')).filter((t) => t.code?.coding?.[0]?.code === 'ijw-antwoord-verzoek');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'rejected', groupIdentifier: { value: 'REF-123' }, statusReason: { coding: [{ code: '3', display: 'Geen contract' }] } });
  });

  it('when Veilig Thuis hands a case over, then the provider gets a requested Task for the child, once', async () => {
    const m = fromVeiligThuis(message('VeiligThuisOverdracht', overdracht()));
    expect((await adapter.deliver(m, target, ctx())).status).toBe('delivered');
    expect((await adapter.deliver({ ...m, exchangeId: exchangeId() }, target, ctx())).status).toBe('delivered');
    const tasks = (await fhir.all<Task>('Task')).filter((t) => t.code?.coding?.[0]?.code === 'veilig-thuis-overdracht');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'requested', description: 'Hulp na melding: gezinsbegeleiding gevraagd' });
    const patient = (await fhir.all<Patient>('Patient')).find((p) => `Patient/${p.id}` === tasks[0]!.for?.reference);
    expect(patient && bsnOf(patient)).toBe('999900006');
  });

  it('when a consent is given and later revoked, then the server holds one Consent, first active, then inactive', async () => {
    expect((await adapter.deliver({ ...message('ConsentNotice', consent('active')), sender: 'gemeente-diemen' }, target, ctx())).status).toBe('delivered');
    let consents = await fhir.all<Consent>('Consent');
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ status: 'active', policyRule: { coding: [{ code: 'OPTIN' }] }, provision: { type: 'permit', purpose: [{ code: 'overdracht-hulpverlening' }] } });
    const activeVersion = consents[0]!.meta?.versionId;
    expect((await adapter.deliver({ ...message('ConsentNotice', consent('revoked')), sender: 'gemeente-diemen' }, target, ctx())).status).toBe('delivered');
    consents = await fhir.all<Consent>('Consent');
    expect(consents).toHaveLength(1);
    expect(consents[0]!.status).toBe('inactive');
    expect(consents[0]!.meta?.versionId).not.toBe(activeVersion);
    // The patch touched the status (and added the revocation's exchange id) only.
    expect(consents[0]).toMatchObject({ policyRule: { coding: [{ code: 'OPTIN' }] }, provision: { type: 'permit' } });
  });

  it('when an objection is delivered, then its Consent denies (OPTOUT) for the purposes, roles and classes it names', async () => {
    const objection: ConsentNotice = {
      ...(consent('active') as Extract<ConsentNotice, { status: 'active' }>),
      consentId: 'objection-0001',
      kind: 'objection',
      purposes: ['onderzoek'],
      receivers: { roles: ['onderzoeker'] },
      messageTypes: ['Onderzoeksdataset'],
      legalBases: ['Jw 7.3.12'],
    };
    expect((await adapter.deliver({ ...message('ConsentNotice', objection), sender: 'gemeente-diemen' }, target, ctx())).status).toBe('delivered');
    const found = (await fhir.all<Consent>('Consent')).find((c) => c.identifier?.some((i) => i.value === 'objection-0001'));
    expect(found).toMatchObject({
      status: 'active',
      policyRule: { coding: [{ code: 'OPTOUT', display: 'opt-out' }], text: 'Jw 7.3.12' },
      provision: {
        type: 'deny',
        actor: [{ reference: { display: 'iedere partij met de rol onderzoeker' } }],
        purpose: [{ code: 'onderzoek' }],
        class: [{ system: 'https://ketenpoort.nl/fhir/CodeSystem/message-type', code: 'Onderzoeksdataset' }],
      },
    });
  });

  it('when a revocation is mapped, then it is one conditional PATCH on the consent id, with nothing about the child', () => {
    const bundle = mapToFhirTransaction({ ...message('ConsentNotice', consent('revoked')), sender: 'gemeente-diemen' }, () => undefined);
    expect(bundle.entry?.map((e) => `${e.request?.method} ${e.request?.url} ${e.resource?.resourceType}`)).toEqual([
      'PATCH Consent?identifier=https%3A%2F%2Fketenpoort.nl%2Ffhir%2FNamingSystem%2Fconsent-id|consent-0001 Binary',
    ]);
    expect(JSON.stringify(bundle)).not.toContain('999900006');
  });

  it('when a revocation names a consent the server does not hold, then permanent (a conditional patch needs a match)', async () => {
    const revoked: ConsentNotice = { consentId: 'consent-never-sent', status: 'revoked', revokedAt: '2026-11-20T10:00:00.000Z' };
    expect(await adapter.deliver({ ...message('ConsentNotice', revoked), sender: 'gemeente-diemen' }, target, ctx())).toMatchObject({ status: 'permanent' });
  });

  it('when iJw times are mapped, then they carry the Dutch offset (winter +01:00, summer +02:00)', () => {
    expect(dutchDateTime('2026-01-15', '09:30:00')).toBe('2026-01-15T09:30:00+01:00');
    expect(dutchDateTime('2026-07-01', '09:30:00')).toBe('2026-07-01T09:30:00+02:00');
  });
});

describe('what is not sent, and how failures are classified', () => {
  it('when a resource would not be valid R4, then the delivery fails permanently with the reason and nothing is sent', async () => {
    const before = fhir.requests.length;
    const result = await adapter.deliver(fromVeiligThuis(message('VeiligThuisOverdracht', overdracht({ VeiligThuisReferentie: 'VT-bad', Datum: '2026-13-45' }))), target, ctx());
    expect(result).toMatchObject({ status: 'permanent', reason: expect.stringMatching(/invalid FHIR R4 resource.*Task.*authoredOn/) });
    expect(fhir.requests.length).toBe(before);
  });

  it('when a message type has no FHIR mapping or lacks what the mapping needs, then permanent', async () => {
    expect(await adapter.deliver(message('JW315', validMessage('JW315')), target, ctx())).toMatchObject({ status: 'permanent', reason: expect.stringMatching(/no FHIR mapping for JW315/) });
    expect(await adapter.deliver(message('JW301', { Header: {} }), target, ctx())).toMatchObject({ status: 'permanent', reason: expect.stringMatching(/cannot map to FHIR/) });
  });

  it('when the server answers 503, 429 or a 409 lock-error, then retryable; a 400 or 422 OperationOutcome, then permanent with its text (no BSN)', async () => {
    const outcome = (code: OperationOutcomeIssue['code'], text: string): OperationOutcome => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] });
    const cases: [number, OperationOutcome, string][] = [
      [503, outcome('exception', 'down for maintenance'), 'retryable'],
      [429, outcome('throttled', 'slow down'), 'retryable'],
      [409, outcome('lock-error', 'resource locked'), 'retryable'],
      [400, outcome('invalid', 'identifier 999900006 not allowed'), 'permanent'],
      [422, outcome('business-rule', 'unprocessable'), 'permanent'],
    ];
    for (const [status, body, expected] of cases) {
      fhir.failNext(status, body);
      const result = await adapter.deliver(message('JW301', validMessage('JW301')), target, ctx());
      expect(result.status, `${status}`).toBe(expected);
      if (result.status !== 'delivered') {
        expect(result.reason).toContain(`HTTP ${status}`);
        expect(result.reason).not.toContain('999900006');
      }
    }
  });

  it('when nothing listens at the FHIR endpoint, then retryable', async () => {
    const result = await adapter.deliver(message('JW301', validMessage('JW301')), { ...target, endpoint: `http://127.0.0.1:${await closedPort()}/fhir` }, ctx());
    expect(result).toMatchObject({ status: 'retryable', reason: expect.stringMatching(/^network: /) });
  });
});
