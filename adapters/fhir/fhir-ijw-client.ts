// The iJw client beyond name and birth date, as FHIR R4 can hold it (issue 15: lose nothing a receiver
// needs): contact details with the organisation the client stays at and the period of a temporary
// address, phone numbers with their country code, the communication language and the need for an
// interpreter (COD747), and the client's relations (COD472) as RelatedPersons.
import type { Address, ContactPoint, Extension, HumanName, Identifier, Patient, PatientCommunication, Reference, RelatedPerson } from '@medplum/fhirtypes';
import type { IjwContact, IjwNaam, IjwRelatie, IjwTelefoon } from './fhir-message-types.ts';
import { ijwCodeList, ijwRelatieSystem } from './fhir-systems.ts';
import { coding } from './fhir-datatypes.ts';
import type { Transaction } from './fhir-transaction.ts';

const ADDRESS_USE: Readonly<Record<string, Address['use']>> = { '01': 'home', '02': 'billing', '03': 'temp', '04': 'temp' };
const COMMUNICATIEVORM: Readonly<Record<string, string>> = { '1': 'Tolk taal', '2': 'Doventolk', '3': 'Doofblindentolk' };
const SOORT_RELATIE: Readonly<Record<string, string>> = {
  '03': 'Curator (juridisch)', '04': 'Financieel (gemachtigd)', '05': 'Financieel (toetsing)', '06': 'Leefeenheid', '07': 'Hulpverlener',
  '08': 'Specialist', '09': 'Anders', '10': 'Ouder', '11': 'Voogd', '12': 'Partner/echtgeno(o)t(e)', '13': 'Pleegouder', '14': 'Bewindvoerder',
  '15': 'Mentor', '16': 'Zoon/dochter', '17': 'Familielid', '18': 'Gezinslid', '19': 'Buur', '20': 'Vriend(in)/kennis', '21': 'Cliëntondersteuner',
  '22': 'Huisarts', '23': 'Erven van', '24': 'Werkgever', '25': 'Wijkcoach',
};
const GESLACHT: Readonly<Record<string, Patient['gender']>> = { '0': 'unknown', '1': 'male', '2': 'female' };
const INTERPRETER_REQUIRED = 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired';

export function ijwName(naam: IjwNaam): HumanName {
  const family = [naam.Geslachtsnaam.Voorvoegsel, naam.Geslachtsnaam.Achternaam].filter((s) => s !== undefined && s !== '').join(' ');
  const given = naam.Voornamen?.split(/\s+/).filter((s) => s !== '');
  return { use: 'official', family, ...(given !== undefined && given.length > 0 ? { given } : {}), ...(naam.Voorletters !== undefined && given === undefined ? { given: [naam.Voorletters] } : {}) };
}

/**
 * A phone number with its country code (LDT_Landnummer, "as dialled from the Netherlands": 0031 or
 * 31) in international form: +31 and the number without its trunk 0. Without a country code, as sent.
 */
export function ijwPhone(phone: IjwTelefoon): string {
  const country = (phone.Landnummer ?? '').replace(/\D/g, '').replace(/^00/, '');
  if (country === '') return phone.Telefoonnummer;
  return `+${country}${phone.Telefoonnummer.replace(/\D/g, '').replace(/^0/, '')}`;
}

export function ijwContacts(contacts: readonly IjwContact[]): { address: Address[]; telecom: ContactPoint[] } {
  const address: Address[] = [];
  const telecom: ContactPoint[] = [];
  for (const contact of contacts) {
    const a = contact.Adres;
    const period = contact.Periode === undefined ? undefined : { ...(contact.Periode.Begindatum !== undefined ? { start: contact.Periode.Begindatum } : {}), ...(contact.Periode.Einddatum !== undefined ? { end: contact.Periode.Einddatum } : {}) };
    if (a !== undefined || contact.Organisatie !== undefined) {
      const number = a?.Huis?.Huisnummer !== undefined ? `${a.Huis.Huisnummer}${a.Huis.Huisletter ?? ''}${a.Huis.HuisnummerToevoeging !== undefined ? `-${a.Huis.HuisnummerToevoeging}` : ''}` : '';
      const street = [a?.Straatnaam, number].filter((s) => s !== undefined && s !== '').join(' ');
      // The organisation the client stays at (an institution, a shelter) is the first address line, as
      // a Dutch address is written ("p/a"); FHIR's Address has no member of its own for it.
      const lines = [...(contact.Organisatie !== undefined ? [contact.Organisatie] : []), ...(street !== '' ? [street] : [])];
      address.push({
        ...(ADDRESS_USE[contact.Soort] !== undefined ? { use: ADDRESS_USE[contact.Soort] } : {}),
        ...(lines.length > 0 ? { line: lines } : {}),
        ...(a?.Postcode !== undefined ? { postalCode: a.Postcode } : {}),
        ...(a?.Plaatsnaam !== undefined ? { city: a.Plaatsnaam } : {}),
        ...(a?.LandCode !== undefined ? { country: a.LandCode } : {}),
        ...(period !== undefined && Object.keys(period).length > 0 ? { period } : {}),
      });
    }
    for (const phone of [contact.Telefoon?.Telefoon01, contact.Telefoon?.Telefoon02]) {
      if (phone !== undefined) telecom.push({ system: 'phone', value: ijwPhone(phone) });
    }
    if (contact.Emailadres !== undefined) telecom.push({ system: 'email', value: contact.Emailadres });
  }
  return { address, telecom };
}

/** Communicatie: the language (Taal, free text in iJw) and, for any COD747 form, an interpreter. */
export function ijwCommunication(communicatie: { readonly Vorm: string; readonly Taal?: string } | undefined): { communication?: PatientCommunication[]; extension?: Extension[] } {
  if (communicatie === undefined) return {};
  const vorm = COMMUNICATIEVORM[communicatie.Vorm] ?? communicatie.Vorm;
  return {
    extension: [{ url: INTERPRETER_REQUIRED, valueBoolean: true }],
    communication: [
      {
        language: { ...coding(ijwCodeList('COD747'), communicatie.Vorm, vorm), text: communicatie.Taal ?? vorm },
        preferred: true,
      },
    ],
  };
}

/**
 * Each Relatie as a RelatedPerson of the child, written by its number (LDT_Persoonsid, numbered per
 * client by the municipality that sends it), so a later JW301 updates the one resource.
 */
export function mapRelaties(tx: Transaction, patient: Reference<Patient>, relaties: readonly IjwRelatie[], gemeentecode: string, bsn: string): void {
  for (const relatie of relaties) {
    const key: Identifier = { use: 'official', system: ijwRelatieSystem(gemeentecode), value: `${bsn}-${relatie.Nummer}` };
    const { address, telecom } = ijwContacts([relatie.Contact]);
    const person: RelatedPerson = {
      resourceType: 'RelatedPerson',
      identifier: [key],
      active: true,
      patient,
      relationship: [coding(ijwCodeList('COD472'), relatie.Soort, SOORT_RELATIE[relatie.Soort])],
      name: [ijwName(relatie.Naam)],
      ...(relatie.Geslacht !== undefined ? { gender: GESLACHT[relatie.Geslacht] ?? 'unknown' } : {}),
      ...(relatie.Geboortedatum !== undefined && relatie.Geboortedatum.DatumGebruik !== '3' ? { birthDate: relatie.Geboortedatum.DatumGebruik === '2' ? relatie.Geboortedatum.Datum.slice(0, 4) : relatie.Geboortedatum.DatumGebruik === '1' ? relatie.Geboortedatum.Datum.slice(0, 7) : relatie.Geboortedatum.Datum } : {}),
      ...(address.length > 0 ? { address } : {}),
      ...(telecom.length > 0 ? { telecom } : {}),
      // LDT_RelatieVolgorde: the contact person's priority (1 first).
      ...(relatie.Volgorde !== undefined ? { extension: [{ url: 'https://ketenpoort.nl/fhir/StructureDefinition/ijw-relatie-volgorde', valueInteger: Number(relatie.Volgorde) }] } : {}),
    };
    tx.updateByIdentifier(person, key);
  }
}
