// The chain's own messages as FHIR: a Veilig Thuis overdracht becomes a Task (status requested) for
// the receiving provider, with the child as Patient and the people around it as RelatedPersons; a consent notice becomes a Consent written by its consent id, and
// its revocation patches that one resource to inactive.
import type { Consent, ContactPoint, HumanName, Identifier, Organization, Patient, Reference, RelatedPerson, Task } from '@medplum/fhirtypes';
import type { ConsentGiverCapacity, ConsentNotice, KetenKind, KetenNaam, OrganisationInfo, VeiligThuisOverdracht } from './fhir-message-types.ts';
import {
  BSN_SYSTEM,
  CONSENT_ID_SYSTEM,
  consentEvidenceSystem,
  DATA_CATEGORY_SYSTEM,
  HL7,
  MESSAGE_TYPE_SYSTEM,
  overdrachtSystem,
  PURPOSE_SYSTEM,
  TASK_CODE_SYSTEM,
  veiligThuisBetrokkeneSystem,
  veiligThuisKindSystem,
} from './fhir-systems.ts';
import { coding, unmappable } from './fhir-datatypes.ts';
import { orgIdentifiers, type Transaction } from './fhir-transaction.ts';

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

const GIVER: Readonly<Record<ConsentGiverCapacity, string>> = {
  child: 'de jeugdige zelf',
  'custodial-parent': 'ouder met gezag',
  guardian: 'voogd',
  representative: 'wettelijk vertegenwoordiger',
};

/**
 * An organisation as a reference to its Organization, with its identifier and name, so a receiver can
 * match it either way; one without AGB, gemeentecode or OIN (a school) by its name only.
 */
function organisationReference(tx: Transaction, info: OrganisationInfo, partyId: string): Reference<Organization> {
  const [identifier] = orgIdentifiers(info);
  if (identifier === undefined) return { display: info.name ?? partyId };
  return { ...tx.organisation(info), identifier, ...(info.name !== undefined ? { display: info.name } : {}) };
}

/**
 * A consent notice (schemas/lokaal/ConsentNotice.schema.json) as a Consent written by its consent id.
 * Active: the whole Consent by conditional update, so a resend writes the same one. Revoked: a
 * conditional patch of that Consent to inactive, which needs nothing but the consent id (the record
 * keeps no BSN, and the revocation notice carries none).
 */
export function mapConsentNotice(tx: Transaction, m: ConsentNotice, party: PartyLookup): void {
  const key: Identifier = { use: 'official', system: CONSENT_ID_SYSTEM, value: m.consentId };
  if (m.status === 'revoked') {
    tx.patchByIdentifier('Consent', key, [{ op: 'replace', path: '/status', value: 'inactive' }]);
    return;
  }
  const known = (id: string): OrganisationInfo => party(id) ?? unmappable(`the party ${id} is not a known party`);
  const patient = tx.patient({ resourceType: 'Patient', identifier: [{ system: BSN_SYSTEM, value: m.child.bsn }] });
  const registrar = known(m.registeredBy);
  const custodian = organisationReference(tx, registrar, m.registeredBy);
  const actorRole = coding(HL7.participationType, 'IRCP', 'information recipient');
  const actors = [
    ...(m.receivers.parties ?? []).map((id) => ({ role: actorRole, reference: organisationReference(tx, known(id), id) })),
    // A whole role has no resource of its own: named in the reference's display.
    ...(m.receivers.roles ?? []).map((role) => ({ role: actorRole, reference: { display: `iedere partij met de rol ${role}` } })),
  ];
  const classes = [
    ...(m.messageTypes ?? []).map((code) => ({ system: MESSAGE_TYPE_SYSTEM, code })),
    ...(m.dataCategories ?? []).map((code) => ({ system: DATA_CATEGORY_SYSTEM, code })),
  ];
  const permit = m.kind === 'permit';
  const consent: Consent = {
    resourceType: 'Consent',
    identifier: [key],
    status: 'active',
    scope: coding(HL7.consentScope, 'patient-privacy', 'Privacy Consent'),
    // Nuts' minimal rules for a disclosure consent (domain.md 4.2): LOINC 64292-6.
    category: [coding(HL7.loinc, '64292-6', 'Release of information consent')],
    patient,
    dateTime: m.recordedAt,
    performer: m.givers.map((g) => (g.capacity === 'child' ? { ...patient, display: GIVER.child } : { display: GIVER[g.capacity] })),
    organization: [custodian],
    sourceReference: { identifier: { system: consentEvidenceSystem(m.registeredBy), value: m.evidence.reference }, display: `bewijs bij ${registrar.name ?? m.registeredBy}` },
    // Opt-in (Jw 7.3.11 lid 1, BW 7:457: disclosure with consent) or opt-out (an objection, Jw 7.3.12).
    policyRule: { ...coding(HL7.actCode, permit ? 'OPTIN' : 'OPTOUT', permit ? 'opt-in' : 'opt-out'), text: m.legalBases.join('; ') },
    provision: {
      type: permit ? 'permit' : 'deny',
      period: { start: m.validFrom, ...(m.validUntil !== undefined ? { end: m.validUntil } : {}) },
      ...(actors.length > 0 ? { actor: actors } : {}),
      purpose: m.purposes.map((code) => ({ system: PURPOSE_SYSTEM, code })),
      ...(classes.length > 0 ? { class: classes } : {}),
    },
  };
  tx.updateByIdentifier(consent, key);
}
