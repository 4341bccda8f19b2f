// The chain's own messages as FHIR: a Veilig Thuis overdracht becomes a Task (status requested) for
// the receiving provider; a consent record becomes a Consent written by its consent id, so that a
// revocation updates the one resource.
import type { Consent, Identifier, Patient, Task } from '@medplum/fhirtypes';
import type { ChildInfo, ConsentRecordMessage, VeiligThuisOverdracht } from './fhir-message-types.ts';
import { BSN_SYSTEM, CONSENT_ID_SYSTEM, HL7, overdrachtSystem, PURPOSE_SYSTEM, TASK_CODE_SYSTEM } from './fhir-systems.ts';
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

export function mapOverdracht(tx: Transaction, m: VeiligThuisOverdracht): void {
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

export function mapConsent(tx: Transaction, m: ConsentRecordMessage): void {
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
