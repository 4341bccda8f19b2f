// The canonical messages a provider receives, as FHIR R4 resources in one transaction Bundle
// (docs/fhir-mapping.md has the table):
// - JW301 toewijzing: Patient (BSN), Organization (municipality, by gemeentecode), Organization
//   (provider, AGB-Z), and one ServiceRequest per ToegewezenProduct (intent order).
// - JW319 antwoord: Organizations and a Task (status rejected or in-progress) that points at the
//   provider's request through its ReferentieAanbieder.
// - VeiligThuisOverdracht: Patient, RelatedPersons, Organizations (sender and receiver) and a Task
//   (status requested) for the receiving provider.
// - ConsentNotice (the gateway's own): Patient, Organizations (registering party, recipients) and a
//   Consent; its revocation a conditional patch of that Consent to inactive.
//
// Resending never duplicates. The Bundle carries the exchange id as its identifier, and every entry is
// conditional: Patient and Organization are created only if none with that BSN / AGB / gemeentecode /
// OIN exists (ifNoneExist); a ServiceRequest is written by its ToewijzingNummer and a Consent by its
// consent id (conditional update: a changed toewijzing or a revoked consent updates the one resource,
// as iJw OP087 means it: a JW301 states the current assignments; a revocation patches the Consent); a Task is created only if none with
// its own identifier exists (the answer's BerichtIdentificatie, the overdracht id). Each written
// resource also carries the exchange id as an identifier (fhir-transaction.ts adds it to each).
import type { Bundle } from '@medplum/fhirtypes';
import type { DeliveryMessage } from '../adapter.ts';
import { FHIR_MAPPED_TYPES, type ConsentNotice, type Jw301, type Jw319, type VeiligThuisOverdracht } from './fhir-message-types.ts';
import { unmappable } from './fhir-datatypes.ts';
import { Transaction } from './fhir-transaction.ts';
import { mapJw301, mapJw319, type OrganisationLookup } from './fhir-ijw-mapping.ts';
import { mapConsentNotice, mapOverdracht, type PartyLookup } from './fhir-keten-mapping.ts';

export { dutchDateTime } from './fhir-datatypes.ts';
export type { OrganisationLookup } from './fhir-ijw-mapping.ts';
export type { PartyLookup } from './fhir-keten-mapping.ts';

/** The message types the FHIR adapter can carry (Adapter.carries). */
export const fhirMappedTypes: ReadonlySet<string> = new Set(Object.values(FHIR_MAPPED_TYPES));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message as one FHIR transaction; GatewayError invalid-input when it has no mapping or lacks what one needs. */
export function mapToFhirTransaction(message: DeliveryMessage, lookup: OrganisationLookup, party: PartyLookup = () => undefined): Bundle {
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
        mapOverdracht(tx, payload as unknown as VeiligThuisOverdracht, {
          from: party(message.sender) ?? unmappable(`the sender ${message.sender} is not a known party`),
          to: party(message.receiver) ?? unmappable(`the receiver ${message.receiver} is not a known party`),
        });
        break;
      case FHIR_MAPPED_TYPES.consentNotice:
        mapConsentNotice(tx, payload as unknown as ConsentNotice, party);
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
