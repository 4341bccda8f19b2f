// The canonical messages a provider receives, as FHIR R4 resources in one transaction Bundle
// (docs/fhir-mapping.md has the table):
// - JW301 toewijzing: Patient (BSN), Organization (municipality, by gemeentecode), Organization
//   (provider, AGB-Z), and one ServiceRequest per ToegewezenProduct (intent order).
// - JW319 antwoord: Organizations and a Task (status rejected or in-progress) that points at the
//   provider's request through its ReferentieAanbieder.
// - VT-OVERDRACHT: Patient, Organizations and a Task (status requested) for the receiving provider.
// - CONSENT-RECORD: Patient, Organizations and a Consent.
//
// Resending never duplicates. The Bundle carries the exchange id as its identifier, and every entry is
// conditional: Patient and Organization are created only if none with that BSN / AGB / gemeentecode /
// OIN exists (ifNoneExist); a ServiceRequest is written by its ToewijzingNummer and a Consent by its
// consent id (conditional update: a changed toewijzing or a revoked consent updates the one resource,
// as iJw OP087 means it: a JW301 states the current assignments); a Task is created only if none with
// its own identifier exists (the answer's BerichtIdentificatie, the overdracht id). Each written
// resource also carries the exchange id as an identifier.
import { randomUUID } from 'node:crypto';
import type {
  Address,
  Bundle,
  BundleEntry,
  CodeableConcept,
  Consent,
  ContactPoint,
  HumanName,
  Identifier,
  Organization,
  Patient,
  Reference,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import type { DeliveryMessage } from '../adapter.ts';
import {
  FHIR_MAPPED_TYPES,
  type ChildInfo,
  type ConsentRecordMessage,
  type IjwContact,
  type IjwNaam,
  type Jw301,
  type Jw319,
  type OrganisationInfo,
  type VeiligThuisOverdracht,
} from './fhir-message-types.ts';
import {
  AGB_SYSTEM,
  BSN_SYSTEM,
  CONSENT_ID_SYSTEM,
  EXCHANGE_ID_SYSTEM,
  GEMEENTECODE_SYSTEM,
  HL7,
  ijwCodeList,
  OIN_SYSTEM,
  overdrachtSystem,
  productCodeSystem,
  PURPOSE_SYSTEM,
  referentieAanbiederSystem,
  TASK_CODE_SYSTEM,
  toewijzingNummerSystem,
} from './fhir-systems.ts';

/** Names and identifiers of a party, by its iJw code (gemeentecode or AGB), from the party registry. */
export type OrganisationLookup = (ijwCode: string) => OrganisationInfo | undefined;

function unmappable(detail: string): never {
  throw new GatewayError('invalid-input', { detail: `cannot map to FHIR: ${detail}` });
}

// ---- code lists (labels for display) ---------------------------------------------------------------

const EENHEID: Readonly<Record<string, string>> = { '01': 'minuut', '04': 'uur', '14': 'etmaal', '16': 'dagdeel (4 uur)', '82': 'stuks (output)', '83': "euro's", '84': 'stuks (inspanning)' };
const FREQUENTIE: Readonly<Record<string, string>> = { '1': 'per dag', '2': 'per week', '4': 'per maand', '6': 'totaal binnen geldigheidsduur toewijzing' };
const VERZOEK_ANTWOORD: Readonly<Record<string, string>> = { '1': 'Verzoek afgewezen', '2': 'Verzoek in onderzoek' };
const REDEN_AFWIJZING: Readonly<Record<string, string>> = {
  '1': 'Geen wijziging, maar nieuwe aanvraag',
  '2': 'Past niet binnen budget',
  '3': 'Geen contract',
  '4': 'Past niet binnen contract',
  '5': 'Andere gemeente',
  '6': 'Stapeling',
  '7': 'Zorginhoudelijke afkeur',
  '8': 'Woonplaatsbeginsel',
  '9': 'Leeftijdsgrens is bereikt',
};
const GESLACHT: Readonly<Record<string, Patient['gender']>> = { '0': 'unknown', '1': 'male', '2': 'female' };
// JZ002 RedenWijziging 13: "verwijderd" (CS335): the assignment is withdrawn.
const REDEN_WIJZIGING_VERWIJDERD = '13';

// ---- helpers ---------------------------------------------------------------------------------------

const amsterdamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An iJw date and time (Dutch local time, no zone) as a FHIR dateTime, which needs the offset. */
export function dutchDateTime(date: string, time: string): string {
  const asUtc = new Date(`${date}T${time.slice(0, 8)}Z`);
  if (Number.isNaN(asUtc.getTime())) unmappable(`not a date and time: ${date} ${time}`);
  const p = Object.fromEntries(amsterdamParts.formatToParts(asUtc).map((x) => [x.type, x.value]));
  const local = Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second']));
  const offsetMinutes = Math.round((local - asUtc.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${date}T${time}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function coding(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [{ system, code, ...(display !== undefined ? { display } : {}) }], ...(display !== undefined ? { text: display } : {}) };
}

function identifierQuery(identifier: Identifier): string {
  return `identifier=${encodeURIComponent(identifier.system ?? '')}|${encodeURIComponent(identifier.value ?? '')}`;
}

function orgIdentifiers(info: OrganisationInfo): Identifier[] {
  const ids: Identifier[] = [];
  if (info.agb !== undefined) ids.push({ system: AGB_SYSTEM, value: info.agb });
  if (info.gemeentecode !== undefined) ids.push({ system: GEMEENTECODE_SYSTEM, value: info.gemeentecode });
  if (info.oin !== undefined) ids.push({ system: OIN_SYSTEM, value: info.oin });
  return ids;
}

/** The transaction under construction: entries with urn:uuid full URLs, organisations once each. */
class Transaction {
  readonly entries: BundleEntry[] = [];
  private readonly organisations = new Map<string, Reference<Organization>>();

  constructor(readonly exchangeId: string) {}

  private add(resource: Resource, request: BundleEntry['request']): Reference {
    const fullUrl = `urn:uuid:${randomUUID()}`;
    this.entries.push({ fullUrl, resource, request });
    return { reference: fullUrl };
  }

  /** Created only if no resource of the type has this identifier. */
  createIfNoneExist<T extends Resource>(resource: T, key: Identifier): Reference<T> {
    return this.add(resource, { method: 'POST', url: resource.resourceType, ifNoneExist: identifierQuery(key) }) as Reference<T>;
  }

  /** Written by identifier: updated if one exists, created otherwise. */
  updateByIdentifier<T extends Resource>(resource: T, key: Identifier): Reference<T> {
    return this.add(resource, { method: 'PUT', url: `${resource.resourceType}?${identifierQuery(key)}` }) as Reference<T>;
  }

  exchangeIdentifier(): Identifier {
    return { use: 'secondary', system: EXCHANGE_ID_SYSTEM, value: this.exchangeId };
  }

  organisation(info: OrganisationInfo): Reference<Organization> {
    const identifiers = orgIdentifiers(info);
    const key = identifiers[0];
    if (key === undefined) unmappable(`organisation ${info.name ?? '(no name)'} has no AGB code, gemeentecode or OIN`);
    const id = `${key.system ?? ''}|${key.value ?? ''}`;
    const known = this.organisations.get(id);
    if (known !== undefined) return known;
    const resource: Organization = { resourceType: 'Organization', active: true, identifier: identifiers, ...(info.name !== undefined ? { name: info.name } : {}) };
    const reference = this.createIfNoneExist(resource, key);
    this.organisations.set(id, reference);
    return reference;
  }

  patient(resource: Patient): Reference<Patient> {
    const bsn = resource.identifier?.find((i) => i.system === BSN_SYSTEM);
    if (bsn?.value === undefined) unmappable('the child has no BSN');
    return this.createIfNoneExist(resource, bsn);
  }

  bundle(): Bundle {
    return {
      resourceType: 'Bundle',
      type: 'transaction',
      identifier: { system: EXCHANGE_ID_SYSTEM, value: this.exchangeId },
      entry: this.entries,
    };
  }
}

// ---- patients ----------------------------------------------------------------------------------------

function ijwName(naam: IjwNaam): HumanName {
  const family = [naam.Geslachtsnaam.Voorvoegsel, naam.Geslachtsnaam.Achternaam].filter((s) => s !== undefined && s !== '').join(' ');
  const given = naam.Voornamen?.split(/\s+/).filter((s) => s !== '');
  return { use: 'official', family, ...(given !== undefined && given.length > 0 ? { given } : {}), ...(naam.Voorletters !== undefined && given === undefined ? { given: [naam.Voorletters] } : {}) };
}

/** COD170 DatumGebruik: 1 day unknown, 2 day and month unknown, 3 fully unknown. */
function ijwBirthDate(datum: string, gebruik: string | undefined): string | undefined {
  if (gebruik === '3') return undefined;
  if (gebruik === '2') return datum.slice(0, 4);
  if (gebruik === '1') return datum.slice(0, 7);
  return datum;
}

const ADDRESS_USE: Readonly<Record<string, Address['use']>> = { '01': 'home', '02': 'billing', '03': 'temp', '04': 'temp' };

function ijwContacts(contacts: readonly IjwContact[]): { address: Address[]; telecom: ContactPoint[] } {
  const address: Address[] = [];
  const telecom: ContactPoint[] = [];
  for (const contact of contacts) {
    const a = contact.Adres;
    if (a !== undefined) {
      const number = a.Huis?.Huisnummer !== undefined ? `${a.Huis.Huisnummer}${a.Huis.Huisletter ?? ''}${a.Huis.HuisnummerToevoeging !== undefined ? `-${a.Huis.HuisnummerToevoeging}` : ''}` : '';
      const line = [a.Straatnaam, number].filter((s) => s !== undefined && s !== '').join(' ');
      address.push({
        ...(ADDRESS_USE[contact.Soort] !== undefined ? { use: ADDRESS_USE[contact.Soort] } : {}),
        ...(line !== '' ? { line: [line] } : {}),
        ...(a.Postcode !== undefined ? { postalCode: a.Postcode } : {}),
        ...(a.Plaatsnaam !== undefined ? { city: a.Plaatsnaam } : {}),
        ...(a.LandCode !== undefined ? { country: a.LandCode } : {}),
      });
    }
    for (const phone of [contact.Telefoon?.Telefoon01, contact.Telefoon?.Telefoon02]) {
      if (phone !== undefined) telecom.push({ system: 'phone', value: phone.Telefoonnummer });
    }
    if (contact.Emailadres !== undefined) telecom.push({ system: 'email', value: contact.Emailadres });
  }
  return { address, telecom };
}

function childPatient(child: ChildInfo): Patient {
  const name = child.name;
  return {
    resourceType: 'Patient',
    identifier: [{ system: BSN_SYSTEM, value: child.bsn }],
    ...(name !== undefined
      ? { name: [{ use: 'official', family: [name.prefix, name.family].filter((s) => s !== undefined && s !== '').join(' '), ...(name.given !== undefined ? { given: name.given.split(/\s+/) } : {}) }] }
      : {}),
    ...(child.gender !== undefined ? { gender: child.gender } : {}),
    ...(child.birthDate !== undefined ? { birthDate: child.birthDate } : {}),
  };
}

// ---- the messages ------------------------------------------------------------------------------------

function ijwOrganisation(code: string, lookup: OrganisationLookup): OrganisationInfo {
  const known = lookup(code);
  const byCode: OrganisationInfo = code.length === 4 ? { gemeentecode: code } : { agb: code };
  return { ...byCode, ...known };
}

function mapJw301(tx: Transaction, m: Jw301, lookup: OrganisationLookup): void {
  const gemeentecode = m.Header.Afzender;
  const gemeente = tx.organisation(ijwOrganisation(gemeentecode, lookup));
  const aanbieder = tx.organisation(ijwOrganisation(m.Header.Ontvanger, lookup));
  const client = m.Client;
  const { address, telecom } = ijwContacts(client.Contactgegevens?.Contact ?? []);
  const birthDate = ijwBirthDate(client.Geboortedatum.Datum, client.Geboortedatum.DatumGebruik);
  const patient = tx.patient({
    resourceType: 'Patient',
    identifier: [{ system: BSN_SYSTEM, value: client.Bsn }],
    name: [ijwName(client.Naam)],
    gender: GESLACHT[client.Geslacht] ?? 'unknown',
    ...(birthDate !== undefined ? { birthDate } : {}),
    ...(address.length > 0 ? { address } : {}),
    ...(telecom.length > 0 ? { telecom } : {}),
  });
  for (const product of client.ToegewezenProducten.ToegewezenProduct) {
    const key: Identifier = { use: 'official', system: toewijzingNummerSystem(gemeentecode), value: String(product.ToewijzingNummer) };
    const codes = product.Product === undefined ? [] : [
      { system: ijwCodeList('JZ020'), code: product.Product.Categorie },
      ...(product.Product.Code !== undefined ? [{ system: productCodeSystem(gemeentecode), code: product.Product.Code }] : []),
    ];
    const omvang = product.Omvang;
    const quantity: Partial<ServiceRequest> =
      omvang === undefined
        ? {}
        : omvang.Frequentie === '6'
          ? { quantityQuantity: { value: omvang.Volume, unit: EENHEID[omvang.Eenheid] ?? omvang.Eenheid, system: ijwCodeList('WJ756'), code: omvang.Eenheid } }
          : {
              quantityRatio: {
                numerator: { value: omvang.Volume, unit: EENHEID[omvang.Eenheid] ?? omvang.Eenheid, system: ijwCodeList('WJ756'), code: omvang.Eenheid },
                denominator: { value: 1, unit: FREQUENTIE[omvang.Frequentie] ?? omvang.Frequentie, system: ijwCodeList('WMO757'), code: omvang.Frequentie },
              },
            };
    const notes = [
      product.Commentaar,
      // LDT_Budget is in euro cents (domain.md 1.4).
      product.Budget !== undefined ? `Budget: EUR ${(product.Budget / 100).toFixed(2)}` : undefined,
    ].filter((t): t is string => t !== undefined);
    const request: ServiceRequest = {
      resourceType: 'ServiceRequest',
      identifier: [key, tx.exchangeIdentifier()],
      status: product.RedenWijziging === REDEN_WIJZIGING_VERWIJDERD ? 'revoked' : 'active',
      intent: 'order',
      ...(codes.length > 0 ? { code: { coding: codes } } : {}),
      ...(product.RedenWijziging !== undefined ? { orderDetail: [coding(ijwCodeList('JZ002'), product.RedenWijziging)] } : {}),
      ...quantity,
      subject: patient,
      occurrencePeriod: { start: product.Ingangsdatum, ...(product.Einddatum !== undefined ? { end: product.Einddatum } : {}) },
      authoredOn: dutchDateTime(product.Toewijzingsdatum, product.Toewijzingstijd),
      requester: gemeente,
      performer: [aanbieder],
      ...(product.ReferentieAanbieder !== undefined ? { requisition: { system: referentieAanbiederSystem(m.Header.Ontvanger), value: product.ReferentieAanbieder } } : {}),
      ...(notes.length > 0 ? { note: notes.map((text) => ({ text })) } : {}),
    };
    tx.updateByIdentifier(request, key);
  }
}

function mapJw319(tx: Transaction, m: Jw319, lookup: OrganisationLookup): void {
  const gemeente = tx.organisation(ijwOrganisation(m.Header.Afzender, lookup));
  const aanbieder = tx.organisation(ijwOrganisation(m.Header.Ontvanger, lookup));
  const answer = m.Antwoord;
  const key: Identifier = {
    use: 'official',
    system: `https://ketenpoort.nl/fhir/NamingSystem/ijw-bericht/JW319/${m.Header.Afzender}`,
    value: m.Header.BerichtIdentificatie.Identificatie,
  };
  const task: Task = {
    resourceType: 'Task',
    identifier: [key, tx.exchangeIdentifier()],
    groupIdentifier: { system: referentieAanbiederSystem(m.Header.Ontvanger), value: answer.ReferentieAanbieder },
    // WJ760: 1 = afgewezen, 2 = in onderzoek.
    status: answer.VerzoekAntwoord === '1' ? 'rejected' : 'in-progress',
    businessStatus: coding(ijwCodeList('WJ760'), answer.VerzoekAntwoord, VERZOEK_ANTWOORD[answer.VerzoekAntwoord]),
    ...(answer.RedenAfwijzingVerzoek !== undefined
      ? { statusReason: coding(ijwCodeList('WJ759'), answer.RedenAfwijzingVerzoek, REDEN_AFWIJZING[answer.RedenAfwijzingVerzoek]) }
      : {}),
    intent: 'order',
    code: coding(TASK_CODE_SYSTEM, 'ijw-antwoord-verzoek', 'Antwoord op een verzoek om toewijzing of wijziging (iJw JW319)'),
    authoredOn: m.Header.BerichtIdentificatie.Dagtekening,
    requester: aanbieder,
    owner: gemeente,
    ...(answer.Woonplaatsbeginsel !== undefined
      ? { output: [{ type: { text: 'woonplaatsbeginsel: verantwoordelijke gemeente' }, valueIdentifier: { system: GEMEENTECODE_SYSTEM, value: answer.Woonplaatsbeginsel.Gemeente } }] }
      : {}),
  };
  tx.createIfNoneExist(task, key);
}

function mapOverdracht(tx: Transaction, m: VeiligThuisOverdracht): void {
  const from = tx.organisation(m.from);
  const to = tx.organisation(m.to);
  const patient = tx.patient(childPatient(m.child));
  const fromKey = m.from.oin ?? m.from.agb ?? m.from.gemeentecode ?? unmappable('the Veilig Thuis organisation has no identifier');
  const key: Identifier = { use: 'official', system: overdrachtSystem(fromKey), value: m.overdrachtId };
  const contact = m.contact;
  const task: Task = {
    resourceType: 'Task',
    identifier: [key, tx.exchangeIdentifier()],
    status: 'requested',
    intent: 'order',
    ...(m.priority !== undefined ? { priority: m.priority } : {}),
    code: coding(TASK_CODE_SYSTEM, 'veilig-thuis-overdracht', 'Overdracht door Veilig Thuis (hulp na melding)'),
    description: m.reason,
    for: patient,
    authoredOn: m.date,
    requester: from,
    owner: to,
    ...(m.summary !== undefined ? { note: [{ text: m.summary }] } : {}),
    ...(contact !== undefined
      ? { input: [{ type: { text: 'contactpersoon Veilig Thuis' }, valueString: [contact.name, contact.phone, contact.email].filter((s) => s !== undefined).join(', ') }] }
      : {}),
  };
  tx.createIfNoneExist(task, key);
}

const GRANTOR: Readonly<Record<ConsentRecordMessage['grantor']['role'], string>> = {
  child: 'de jeugdige zelf',
  parent: 'ouder met gezag',
  guardian: 'voogd',
  representative: 'wettelijk vertegenwoordiger',
};

function mapConsent(tx: Transaction, m: ConsentRecordMessage): void {
  const patient = tx.patient(childPatient(m.child));
  const recipients = m.recipients.map((r) => tx.organisation(r));
  if (recipients.length === 0) unmappable('a consent names no recipient');
  const custodian = m.custodian !== undefined ? tx.organisation(m.custodian) : undefined;
  const key: Identifier = { use: 'official', system: CONSENT_ID_SYSTEM, value: m.consentId };
  const grantorText = `${GRANTOR[m.grantor.role]}${m.grantor.name !== undefined ? `: ${m.grantor.name}` : ''}`;
  const consent: Consent = {
    resourceType: 'Consent',
    identifier: [key, tx.exchangeIdentifier()],
    status: m.status === 'active' ? 'active' : 'inactive',
    scope: coding(HL7.consentScope, 'patient-privacy', 'Privacy Consent'),
    category: [coding(HL7.loinc, '59284-0', 'Patient Consent')],
    patient,
    dateTime: m.recordedAt,
    performer: [m.grantor.role === 'child' ? { ...patient, display: grantorText } : { display: grantorText }],
    ...(custodian !== undefined ? { organization: [custodian] } : {}),
    // Jw 7.3.11 lid 1: disclosure with the consent of the betrokkene (opt-in).
    policyRule: { ...coding(HL7.actCode, 'OPTIN', 'opt-in'), ...(m.legalBasis !== undefined ? { text: m.legalBasis } : {}) },
    provision: {
      type: 'permit',
      ...(m.validFrom !== undefined || m.validUntil !== undefined
        ? { period: { ...(m.validFrom !== undefined ? { start: m.validFrom } : {}), ...(m.validUntil !== undefined ? { end: m.validUntil } : {}) } }
        : {}),
      actor: recipients.map((reference) => ({ role: coding(HL7.participationType, 'IRCP', 'information recipient'), reference })),
      purpose: [{ system: PURPOSE_SYSTEM, code: m.purpose }],
    },
  };
  tx.updateByIdentifier(consent, key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message as one FHIR transaction; GatewayError invalid-input when it has no mapping or lacks what one needs. */
export function mapToFhirTransaction(message: DeliveryMessage, lookup: OrganisationLookup): Bundle {
  const payload = message.payload;
  if (!isRecord(payload)) unmappable('no message (payload purged or empty)');
  const tx = new Transaction(message.exchangeId);
  try {
    switch (message.messageType) {
      case FHIR_MAPPED_TYPES.toewijzing:
        mapJw301(tx, payload as unknown as Jw301, lookup);
        break;
      case FHIR_MAPPED_TYPES.antwoord:
        mapJw319(tx, payload as unknown as Jw319, lookup);
        break;
      case FHIR_MAPPED_TYPES.veiligThuisOverdracht:
        mapOverdracht(tx, payload as unknown as VeiligThuisOverdracht);
        break;
      case FHIR_MAPPED_TYPES.consent:
        mapConsent(tx, payload as unknown as ConsentRecordMessage);
        break;
      default:
        unmappable(`there is no FHIR mapping for ${message.messageType} (mapped: ${Object.values(FHIR_MAPPED_TYPES).join(', ')})`);
    }
  } catch (error) {
    if (error instanceof TypeError) unmappable(`${message.messageType} lacks what the mapping needs (${error.message})`);
    throw error;
  }
  return tx.bundle();
}
