// The chain's own messages as FHIR: a Veilig Thuis overdracht becomes a Task (status requested) for
// the receiving provider, with the child as Patient and the people around it as RelatedPersons; a consent record becomes a Consent written by its consent id, so that a
// revocation updates the one resource.
import type { Consent, ContactPoint, HumanName, Identifier, Patient, Reference, RelatedPerson, Task } from '@medplum/fhirtypes';
import type { ChildInfo, ConsentRecordMessage, KetenKind, KetenNaam, OrganisationInfo, VeiligThuisOverdracht } from './fhir-message-types.ts';
import { BSN_SYSTEM, CONSENT_ID_SYSTEM, HL7, overdrachtSystem, PURPOSE_SYSTEM, TASK_CODE_SYSTEM, veiligThuisBetrokkeneSystem, veiligThuisKindSystem } from './fhir-systems.ts';
import { coding, unmappable } from './fhir-datatypes.ts';
import type { Transaction } from './fhir-transaction.ts';

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

const GESLACHT: Readonly<Record<string, Patient['gender']>> = { '0': 'unknown', '1': 'male', '2': 'female' };

function ketenName(naam: KetenNaam): HumanName {
  const family = [naam.Voorvoegsel, naam.Achternaam].filter((s) => s !== undefined && s !== '').join(' ');
  const given = naam.Voornamen?.split(/\s+/).filter((s) => s !== '') ?? (naam.Voorletters !== undefined ? [naam.Voorletters] : []);
  return { use: 'official', family, ...(given.length > 0 ? { given } : {}) };
}

function ketenTelecom(contact: { readonly Telefoon?: string; readonly Email?: string } | undefined): ContactPoint[] {
  return [
    ...(contact?.Telefoon !== undefined ? [{ system: 'phone' as const, value: contact.Telefoon }] : []),
    ...(contact?.Email !== undefined ? [{ system: 'email' as const, value: contact.Email }] : []),
  ];
}

/**
 * The child of a chain message as a Patient: by BSN when it has one; otherwise (Jw 7.2.4 personalia)
 * by the case it belongs to, so that a resend still writes no second Patient.
 */
function kindPatient(tx: Transaction, kind: KetenKind, caseKey: Identifier): Reference<Patient> {
  const personalia = kind.Personalia;
  const name = kind.Naam !== undefined ? ketenName(kind.Naam) : personalia !== undefined ? ketenName({ Achternaam: personalia.Achternaam, Voornamen: personalia.Voornamen }) : undefined;
  const birthDate = kind.Geboortedatum ?? personalia?.Geboortedatum;
  const telecom = ketenTelecom(kind.Contact);
  const patient: Patient = {
    resourceType: 'Patient',
    identifier: kind.Bsn !== undefined ? [{ system: BSN_SYSTEM, value: kind.Bsn }] : [caseKey],
    ...(name !== undefined ? { name: [name] } : {}),
    ...(kind.Geslacht !== undefined && GESLACHT[kind.Geslacht] !== undefined ? { gender: GESLACHT[kind.Geslacht] } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(personalia !== undefined ? { address: [{ use: 'home', postalCode: personalia.Postcode, line: [String(personalia.Huisnummer)] }] } : {}),
  };
  return kind.Bsn !== undefined ? tx.patient(patient) : tx.createIfNoneExist(patient, caseKey);
}

/** The parties of an exchange (sender and receiver), as the party registry names them. */
export type PartyLookup = (partyId: string) => OrganisationInfo | undefined;

export function mapOverdracht(tx: Transaction, m: VeiligThuisOverdracht, parties: { readonly from: OrganisationInfo; readonly to: OrganisationInfo }): void {
  const from = tx.organisation(parties.from);
  const to = tx.organisation(parties.to);
  const fromKey = parties.from.oin ?? parties.from.agb ?? parties.from.gemeentecode ?? unmappable('the Veilig Thuis organisation has no identifier');
  const key: Identifier = { use: 'official', system: overdrachtSystem(fromKey), value: m.VeiligThuisReferentie };
  const patient = kindPatient(tx, m.Kind, { system: veiligThuisKindSystem(fromKey), value: m.VeiligThuisReferentie });
  // The people around the child (Betrokkenen) as RelatedPersons; they have no identifier of their
  // own, so each is keyed by the case and its place in the list (a resend writes none twice).
  const related = (m.Betrokkenen ?? []).map((b, i) => {
    const telecom = ketenTelecom(b.Contact);
    const personKey: Identifier = { system: veiligThuisBetrokkeneSystem(fromKey), value: `${m.VeiligThuisReferentie}/${i + 1}` };
    const person: RelatedPerson = {
      resourceType: 'RelatedPerson',
      identifier: [personKey],
      patient,
      relationship: [{ text: b.Rol }],
      ...(b.Naam !== undefined ? { name: [ketenName(b.Naam)] } : {}),
      ...(telecom.length > 0 ? { telecom } : {}),
    };
    return tx.createIfNoneExist(person, personKey);
  });
  const c = m.Contactpersoon;
  const notes = [m.Bevindingen, m.Veiligheid.Afspraken !== undefined ? `Veiligheidsafspraken: ${m.Veiligheid.Afspraken}` : undefined].filter((t): t is string => t !== undefined);
  const task: Task = {
    resourceType: 'Task',
    identifier: [key],
    status: 'requested',
    intent: 'order',
    code: coding(TASK_CODE_SYSTEM, 'veilig-thuis-overdracht', 'Overdracht door Veilig Thuis (hulp na melding)'),
    description: m.Hulpvraag ?? 'Overdracht door Veilig Thuis (hulp na melding)',
    for: patient,
    authoredOn: m.Datum,
    requester: from,
    owner: to,
    ...(notes.length > 0 ? { note: notes.map((text) => ({ text })) } : {}),
    input: [
      { type: { text: 'veiligheidsbeoordeling' }, valueString: m.Veiligheid.Beoordeling },
      { type: { text: 'contactpersoon Veilig Thuis' }, valueString: [c.Naam, c.Functie, c.Telefoon, c.Email].filter((s) => s !== undefined).join(', ') },
      ...(m.BetrokkeneGeinformeerd !== undefined ? [{ type: { text: 'betrokkene geinformeerd' }, valueBoolean: m.BetrokkeneGeinformeerd }] : []),
      ...related.map((reference) => ({ type: { text: 'betrokkene' }, valueReference: reference })),
    ],
  };
  tx.createIfNoneExist(task, key);
}

const GRANTOR: Readonly<Record<ConsentRecordMessage['grantor']['role'], string>> = {
  child: 'de jeugdige zelf',
  parent: 'ouder met gezag',
  guardian: 'voogd',
  representative: 'wettelijk vertegenwoordiger',
};

export function mapConsent(tx: Transaction, m: ConsentRecordMessage): void {
  const patient = tx.patient(childPatient(m.child));
  const recipients = m.recipients.map((r) => tx.organisation(r));
  if (recipients.length === 0) unmappable('a consent names no recipient');
  const custodian = m.custodian !== undefined ? tx.organisation(m.custodian) : undefined;
  const key: Identifier = { use: 'official', system: CONSENT_ID_SYSTEM, value: m.consentId };
  const grantorText = `${GRANTOR[m.grantor.role]}${m.grantor.name !== undefined ? `: ${m.grantor.name}` : ''}`;
  const consent: Consent = {
    resourceType: 'Consent',
    identifier: [key],
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
