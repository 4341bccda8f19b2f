// Identifier and code systems the FHIR mapping uses (docs/fhir-mapping.md).
//
// Dutch national identifier systems as in the Nictiz nl-core profiles (domain.md 7): BSN and AGB-Z.
// For the CBS gemeentecode and the OIN no public FHIR NamingSystem was found; Ketenpoort names them
// under its own base URI, as it does for its own identifiers (exchange ids, consent ids). iJw code
// lists are identified by their iStandaarden informatiemodel URL (the "Bron" of each code list).

export const BSN_SYSTEM = 'http://fhir.nl/fhir/NamingSystem/bsn';
export const AGB_SYSTEM = 'http://fhir.nl/fhir/NamingSystem/agb-z';

const KETENPOORT = 'https://ketenpoort.nl/fhir';
export const GEMEENTECODE_SYSTEM = `${KETENPOORT}/NamingSystem/cbs-gemeentecode`;
export const OIN_SYSTEM = `${KETENPOORT}/NamingSystem/oin`;
/** The gateway's exchange id: the transaction Bundle's identifier, and an identifier on what it writes. */
export const EXCHANGE_ID_SYSTEM = `${KETENPOORT}/NamingSystem/exchange-id`;
export const CONSENT_ID_SYSTEM = `${KETENPOORT}/NamingSystem/consent-id`;
export const TASK_CODE_SYSTEM = `${KETENPOORT}/CodeSystem/task-code`;
export const PURPOSE_SYSTEM = `${KETENPOORT}/CodeSystem/purpose`;
/** The gateway's message types (a consent limited to some: Consent.provision.class). */
export const MESSAGE_TYPE_SYSTEM = `${KETENPOORT}/CodeSystem/message-type`;
/** The data categories a policy rule defines (a consent limited to some: Consent.provision.class). */
export const DATA_CATEGORY_SYSTEM = `${KETENPOORT}/CodeSystem/data-category`;

/** A consent's evidence is a reference in the registering party's own files: one system per party. */
export function consentEvidenceSystem(partyId: string): string {
  return `${KETENPOORT}/NamingSystem/consent-evidence/${partyId}`;
}

/** A ToewijzingNummer is unique per municipality (TR071): one system per gemeentecode. */
export function toewijzingNummerSystem(gemeentecode: string): string {
  return `${KETENPOORT}/NamingSystem/ijw-toewijzingnummer/${gemeentecode}`;
}

/** A ReferentieAanbieder is the provider's own reference (TR347): one system per AGB code. */
export function referentieAanbiederSystem(agb: string): string {
  return `${KETENPOORT}/NamingSystem/ijw-referentie-aanbieder/${agb}`;
}

/** Product codes are regional or contractual (JZ020 note): one system per municipality. */
export function productCodeSystem(gemeentecode: string): string {
  return `${KETENPOORT}/CodeSystem/ijw-productcode/${gemeentecode}`;
}

/** A Veilig Thuis overdracht id is unique per Veilig Thuis organisation. */
export function overdrachtSystem(organisation: string): string {
  return `${KETENPOORT}/NamingSystem/veilig-thuis-overdracht/${organisation}`;
}

/** A child without a BSN (Jw 7.2.4 personalia), by the Veilig Thuis case it belongs to. */
export function veiligThuisKindSystem(organisation: string): string {
  return `${KETENPOORT}/NamingSystem/veilig-thuis-kind/${organisation}`;
}

/** A person around the child in a Veilig Thuis case: the case reference and the person's place in it. */
export function veiligThuisBetrokkeneSystem(organisation: string): string {
  return `${KETENPOORT}/NamingSystem/veilig-thuis-betrokkene/${organisation}`;
}

/** An iJw Relatie's number (LDT_Persoonsid) is given per client by the sending municipality. */
export function ijwRelatieSystem(gemeentecode: string): string {
  return `${KETENPOORT}/NamingSystem/ijw-relatie/${gemeentecode}`;
}

/** An iJw code list, e.g. ijwCodeList('JZ020'). */
export function ijwCodeList(id: string): string {
  return `https://informatiemodel.istandaarden.nl/informatiemodel/ijw/3.2/codelijsten/${id.toLowerCase()}/`;
}

export const HL7 = {
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  loinc: 'http://loinc.org',
} as const;
