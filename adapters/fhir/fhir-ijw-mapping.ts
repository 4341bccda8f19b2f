// iJw messages as FHIR: a JW301 toewijzing becomes the child's Patient, the municipality and the
// provider as Organizations and one ServiceRequest per ToegewezenProduct (written by its
// ToewijzingNummer); a JW319 antwoord becomes a Task that points at the provider's request.
import type { Identifier, Patient, ServiceRequest, Task } from '@medplum/fhirtypes';
import { ijwCommunication, ijwContacts, ijwName, mapRelaties } from './fhir-ijw-client.ts';
import type { Jw301, Jw319, OrganisationInfo } from './fhir-message-types.ts';
import { BSN_SYSTEM, GEMEENTECODE_SYSTEM, ijwCodeList, productCodeSystem, referentieAanbiederSystem, TASK_CODE_SYSTEM, toewijzingNummerSystem } from './fhir-systems.ts';
import { coding, dutchDateTime } from './fhir-datatypes.ts';
import type { Transaction } from './fhir-transaction.ts';

/** Names and identifiers of a party, by its iJw code (gemeentecode or AGB), from the party registry. */
export type OrganisationLookup = (ijwCode: string) => OrganisationInfo | undefined;

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

// ---- patients ----------------------------------------------------------------------------------------

/** COD170 DatumGebruik: 1 day unknown, 2 day and month unknown, 3 fully unknown. */
function ijwBirthDate(datum: string, gebruik: string | undefined): string | undefined {
  if (gebruik === '3') return undefined;
  if (gebruik === '2') return datum.slice(0, 4);
  if (gebruik === '1') return datum.slice(0, 7);
  return datum;
}

// ---- the messages ------------------------------------------------------------------------------------

function ijwOrganisation(code: string, lookup: OrganisationLookup): OrganisationInfo {
  const known = lookup(code);
  const byCode: OrganisationInfo = code.length === 4 ? { gemeentecode: code } : { agb: code };
  return { ...byCode, ...known };
}

export function mapJw301(tx: Transaction, m: Jw301, lookup: OrganisationLookup): void {
  const gemeentecode = m.Header.Afzender;
  const gemeente = tx.organisation(ijwOrganisation(gemeentecode, lookup));
  const aanbieder = tx.organisation(ijwOrganisation(m.Header.Ontvanger, lookup));
  const client = m.Client;
  const { address, telecom } = ijwContacts(client.Contactgegevens?.Contact ?? []);
  const { communication, extension } = ijwCommunication(client.Communicatie);
  const birthDate = ijwBirthDate(client.Geboortedatum.Datum, client.Geboortedatum.DatumGebruik);
  const patient = tx.patient({
    resourceType: 'Patient',
    identifier: [{ system: BSN_SYSTEM, value: client.Bsn }],
    name: [ijwName(client.Naam)],
    gender: GESLACHT[client.Geslacht] ?? 'unknown',
    ...(birthDate !== undefined ? { birthDate } : {}),
    ...(address.length > 0 ? { address } : {}),
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(communication !== undefined ? { communication } : {}),
    ...(extension !== undefined ? { extension } : {}),
  });
  mapRelaties(tx, patient, client.Relaties?.Relatie ?? [], gemeentecode, client.Bsn);
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
      // The client's own Commentaar (Patient has no note): with each assignment, marked as the client's.
      client.Commentaar !== undefined ? `Toelichting bij de cliënt: ${client.Commentaar}` : undefined,
      product.Commentaar,
      // LDT_Budget is in euro cents (domain.md 1.4).
      product.Budget !== undefined ? `Budget: EUR ${(product.Budget / 100).toFixed(2)}` : undefined,
    ].filter((t): t is string => t !== undefined);
    const request: ServiceRequest = {
      resourceType: 'ServiceRequest',
      identifier: [key],
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

export function mapJw319(tx: Transaction, m: Jw319, lookup: OrganisationLookup): void {
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
    identifier: [key],
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
