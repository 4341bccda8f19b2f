import { describe, expect, it } from 'vitest';
import { checkIjwRules, ijwRules } from '../../src/validation/ijw-rules.ts';
import { ijwValidator, TODAY, validMessage } from '../support/ijw-fixtures.ts';

type Msg = Record<string, any>;

/**
 * One rule, shown both ways on a valid message of its type (tests/support/ijw-fixtures.ts validMessage):
 * `breaks` makes the message violate the rule (still schema-valid) and the validator must answer with
 * exactly `errors`; `keeps` takes the message right up to the rule's boundary and it must pass
 * (omitted: the unchanged valid message is the passing case).
 */
interface RuleCase {
  readonly rule: string;
  readonly type: string;
  readonly when: string;
  readonly breaks: (m: Msg) => void;
  readonly errors: readonly { pointer: string; rule?: string }[];
  readonly keeps?: (m: Msg) => void;
  readonly keepsWhen?: string;
  readonly retourcode?: string;
}

// Shortcuts into the sample messages.
const tp = (m: Msg, i: number): Msg => m['Client']['ToegewezenProducten']['ToegewezenProduct'][i];
const contact = (m: Msg, i: number): Msg => m['Client']['Contactgegevens']['Contact'][i];
const ap = (m: Msg, i: number): Msg => m['Client']['AangevraagdeProducten']['AangevraagdProduct'][i];
const nieuw = (m: Msg): Msg[] => m['Client']['Verzoek']['NieuweProducten']['NieuwProduct'];
const antwoord = (m: Msg): Msg => m['Antwoord'];
const prestaties = (m: Msg, client: number): Msg[] => (m['Declaratie'] ?? m['DeclaratieAntwoord'])['Clienten']['Client'][client]['Prestaties']['Prestatie'];
/** Drops the second requested product, so that changing the first's product does not make the two overlap (TR386). */
const onlyFirstRequest = (m: Msg): void => void m['Client']['AangevraagdeProducten']['AangevraagdProduct'].pop();
const TP = '/Client/ToegewezenProducten/ToegewezenProduct';
const AP = '/Client/AangevraagdeProducten/AangevraagdProduct';
const NP = '/Client/Verzoek/NieuweProducten/NieuwProduct';
const P323 = (client: number, i: number): string => `/Declaratie/Clienten/Client/${client}/Prestaties/Prestatie/${i}`;

const cases: readonly RuleCase[] = [
  // Header
  {
    rule: 'TR135', type: 'JW315', retourcode: '8848',
    when: 'the Dagtekening lies after today', breaks: (m) => (m['Header']['BerichtIdentificatie']['Dagtekening'] = '2026-11-24'),
    errors: [{ pointer: '/Header/BerichtIdentificatie/Dagtekening' }],
    keepsWhen: 'the Dagtekening is today', keeps: (m) => (m['Header']['BerichtIdentificatie']['Dagtekening'] = TODAY),
  },
  {
    rule: 'TR378', type: 'JW315', retourcode: 'S300',
    when: 'the Ontvanger is no CBS municipality', breaks: (m) => (m['Header']['Ontvanger'] = '0000'),
    errors: [{ pointer: '/Header/Ontvanger' }],
    keepsWhen: 'the Ontvanger is Amsterdam (0363)', keeps: (m) => (m['Header']['Ontvanger'] = '0363'),
  },
  {
    rule: 'TR378', type: 'JW319', retourcode: 'S300',
    when: 'the Woonplaatsbeginsel names no CBS municipality', breaks: (m) => (antwoord(m)['Woonplaatsbeginsel']['Gemeente'] = '9999'),
    errors: [{ pointer: '/Antwoord/Woonplaatsbeginsel/Gemeente' }],
    keepsWhen: 'it names Diemen (0384)', keeps: (m) => (antwoord(m)['Woonplaatsbeginsel']['Gemeente'] = '0384'),
  },
  // Client and persons
  {
    rule: 'CS002', type: 'JW315', retourcode: '0001',
    when: 'the Bsn fails the 11-test', breaks: (m) => (m['Client']['Bsn'] = '123456789'),
    errors: [{ pointer: '/Client/Bsn' }],
    keepsWhen: 'it is 123456782', keeps: (m) => (m['Client']['Bsn'] = '123456782'),
  },
  {
    rule: 'CS002', type: 'JW323',
    when: "a declared client's Bsn fails the 11-test", breaks: (m) => (m['Declaratie']['Clienten']['Client'][1]['Bsn'] = '999900019'),
    errors: [{ pointer: '/Declaratie/Clienten/Client/1/Bsn' }],
  },
  {
    rule: 'CS139', type: 'JW315',
    when: 'DatumGebruik 1 (day unknown) comes with a day other than 01', breaks: (m) => (m['Client']['Geboortedatum'] = { Datum: '2010-02-14', DatumGebruik: '1' }),
    errors: [{ pointer: '/Client/Geboortedatum/Datum' }],
    keepsWhen: 'the day is 01', keeps: (m) => (m['Client']['Geboortedatum'] = { Datum: '2010-02-01', DatumGebruik: '1' }),
  },
  {
    rule: 'TR002', type: 'JW315',
    when: 'the birth date lies more than 120 years before the Dagtekening', breaks: (m) => (m['Client']['Geboortedatum'] = { Datum: '1900-01-02' }),
    errors: [{ pointer: '/Client/Geboortedatum/Datum' }],
    keepsWhen: 'the birth date is unknown (1900-01-01, DatumGebruik 3)', keeps: (m) => (m['Client']['Geboortedatum'] = { Datum: '1900-01-01', DatumGebruik: '3' }),
  },
  {
    rule: 'TR134', type: 'JW315',
    when: 'the client is born after the Dagtekening', breaks: (m) => (m['Client']['Geboortedatum']['Datum'] = '2026-04-02'),
    errors: [{ pointer: '/Client/Geboortedatum/Datum' }],
    keepsWhen: 'born on the Dagtekening', keeps: (m) => (m['Client']['Geboortedatum']['Datum'] = '2026-04-01'),
  },
  {
    rule: 'TR134', type: 'JW307',
    when: 'a StopProduct ends after the Dagtekening', breaks: (m) => (m['Client']['StopProducten']['StopProduct'][0]['Einddatum'] = '2026-07-21'),
    errors: [{ pointer: '/Client/StopProducten/StopProduct/0/Einddatum' }],
  },
  {
    rule: 'CS318', type: 'JW301',
    when: 'the client is named as a non-natural person (NaamGebruik 6)', breaks: (m) => (m['Client']['Naam']['NaamGebruik'] = '6'),
    errors: [{ pointer: '/Client/Naam/NaamGebruik' }],
  },
  {
    rule: 'CS050', type: 'JW301',
    when: 'a relation with a Partnernaam has NaamGebruik 5', breaks: (m) => (m['Client']['Relaties']['Relatie'][0]['Naam']['NaamGebruik'] = '5'),
    errors: [{ pointer: '/Client/Relaties/Relatie/0/Naam/NaamGebruik' }],
    keepsWhen: 'it has NaamGebruik 4', keeps: (m) => (m['Client']['Relaties']['Relatie'][0]['Naam']['NaamGebruik'] = '4'),
  },
  {
    rule: 'CD007', type: 'JW301',
    when: 'a Taal comes with Vorm 2 (doventolk)', breaks: (m) => (m['Client']['Communicatie'] = { Vorm: '2', Taal: 'Zweeds' }),
    errors: [{ pointer: '/Client/Communicatie/Taal' }],
    keepsWhen: 'Vorm 2 has no Taal', keeps: (m) => (m['Client']['Communicatie'] = { Vorm: '2' }),
  },
  // Contacts and addresses
  {
    rule: 'CD009', type: 'JW301',
    when: 'a verblijfadres (Soort 03) has a Periode', breaks: (m) => (contact(m, 0)['Periode'] = { Begindatum: '2018-02-03' }),
    errors: [{ pointer: '/Client/Contactgegevens/Contact/0/Periode' }],
  },
  {
    rule: 'CD005', type: 'JW301',
    when: 'a Postcode comes without LandCode', breaks: (m) => delete contact(m, 0)['Adres']['LandCode'],
    errors: [{ pointer: '/Client/Contactgegevens/Contact/0/Adres/LandCode' }],
    keepsWhen: 'a tijdelijk adres has neither', keeps: (m) => { delete contact(m, 1)['Adres']['LandCode']; delete contact(m, 1)['Adres']['Postcode']; },
  },
  {
    rule: 'CD025', type: 'JW301',
    when: 'a Dutch address has no Huis', breaks: (m) => delete contact(m, 0)['Adres']['Huis'],
    errors: [{ pointer: '/Client/Contactgegevens/Contact/0/Adres/Huis' }],
    keepsWhen: 'the address is Belgian', keeps: (m) => { delete contact(m, 0)['Adres']['Huis']; contact(m, 0)['Adres']['LandCode'] = 'BE'; },
  },
  {
    rule: 'CD034', type: 'JW301',
    when: 'a verblijfadres has no Postcode', breaks: (m) => { delete contact(m, 0)['Adres']['Postcode']; delete contact(m, 0)['Adres']['LandCode']; },
    errors: [{ pointer: '/Client/Contactgegevens/Contact/0/Adres/Postcode' }],
    keepsWhen: 'it is a correspondentieadres (Soort 02)', keeps: (m) => { delete contact(m, 0)['Adres']['Postcode']; delete contact(m, 0)['Adres']['LandCode']; contact(m, 0)['Soort'] = '02'; },
  },
  {
    rule: 'CS089', type: 'JW301',
    when: 'a Dutch Postcode has a space', breaks: (m) => (contact(m, 0)['Adres']['Postcode'] = '9999 XX'),
    errors: [{ pointer: '/Client/Contactgegevens/Contact/0/Adres/Postcode' }],
    keepsWhen: 'it is 1234ab', keeps: (m) => (contact(m, 0)['Adres']['Postcode'] = '1234ab'),
  },
  {
    rule: 'TR006', type: 'JW301',
    when: 'a Contact has neither Telefoon nor Huis', breaks: (m) => { delete contact(m, 0)['Telefoon']; delete contact(m, 0)['Adres']['Huis']; contact(m, 0)['Adres']['LandCode'] = 'BE'; },
    errors: [{ pointer: '/Client/Contactgegevens/Contact/0' }],
    keepsWhen: 'it has Huis and Postcode but no Telefoon', keeps: (m) => delete contact(m, 0)['Telefoon'],
  },
  {
    rule: 'TR061', type: 'JW301',
    when: 'the client only has a tijdelijk adres', breaks: (m) => { contact(m, 0)['Soort'] = '04'; m['Client']['Contactgegevens']['Contact'].pop(); },
    errors: [{ pointer: '/Client/Contactgegevens' }],
    keepsWhen: 'its only address is the BRP-adres', keeps: (m) => { contact(m, 0)['Soort'] = '01'; m['Client']['Contactgegevens']['Contact'].pop(); },
  },
  {
    rule: 'TR101', type: 'JW301',
    when: 'two Contacts have the same Soort', breaks: (m) => { contact(m, 1)['Soort'] = '03'; delete contact(m, 1)['Periode']; },
    errors: [{ pointer: '/Client/Contactgegevens/Contact/1' }],
    keepsWhen: 'their Soorten differ', keeps: (m) => { contact(m, 1)['Soort'] = '02'; delete contact(m, 1)['Periode']; },
  },
  {
    rule: 'TR101', type: 'JW305',
    when: 'a StartProduct occurs twice', breaks: (m) => (m['Client']['StartProducten']['StartProduct'][1] = structuredClone(m['Client']['StartProducten']['StartProduct'][0])),
    errors: [{ pointer: '/Client/StartProducten/StartProduct/1' }],
    keepsWhen: 'the copy starts on another day', keeps: (m) => { const s = m['Client']['StartProducten']['StartProduct']; s[1] = { ...structuredClone(s[0]), Begindatum: '2026-04-04' }; },
  },
  // Products
  {
    rule: 'CD041', type: 'JW315',
    when: 'a product with a Code has no Omvang', breaks: (m) => delete ap(m, 0)['Omvang'],
    errors: [{ pointer: `${AP}/0/Omvang` }],
    keepsWhen: 'the product has no Code either', keeps: (m) => { onlyFirstRequest(m); delete ap(m, 0)['Omvang']; delete ap(m, 0)['Product']['Code']; },
  },
  {
    rule: 'CD075', type: 'JW315',
    when: 'a Budget comes without ToewijzingEinddatum',
    breaks: (m) => { onlyFirstRequest(m); delete ap(m, 0)['Omvang']; delete ap(m, 0)['Product']['Code']; ap(m, 0)['Budget'] = 10000; delete ap(m, 0)['ToewijzingEinddatum']; },
    errors: [{ pointer: `${AP}/0/ToewijzingEinddatum` }],
    keepsWhen: 'the Budget has an end date', keeps: (m) => { onlyFirstRequest(m); delete ap(m, 0)['Omvang']; delete ap(m, 0)['Product']['Code']; ap(m, 0)['Budget'] = 10000; },
  },
  {
    rule: 'CD076', type: 'JW315',
    when: 'a weekly Omvang comes without ToewijzingEinddatum', breaks: (m) => { ap(m, 0)['Omvang']['Frequentie'] = '2'; delete ap(m, 0)['ToewijzingEinddatum']; },
    errors: [{ pointer: `${AP}/0/ToewijzingEinddatum` }],
    keepsWhen: 'it has an end date', keeps: (m) => (ap(m, 0)['Omvang']['Frequentie'] = '2'),
  },
  {
    rule: 'CD077', type: 'JW315',
    when: 'a product has both Budget and Omvang', breaks: (m) => (ap(m, 0)['Budget'] = 10000),
    errors: [{ pointer: `${AP}/0/Omvang`, rule: 'CD077' }, { pointer: `${AP}/0/Budget`, rule: 'CD078' }],
  },
  {
    rule: 'CD078', type: 'JW301',
    when: 'an assignment has both Omvang and Budget', breaks: (m) => (tp(m, 1)['Budget'] = 10000),
    errors: [{ pointer: `${TP}/1/Omvang`, rule: 'CD077' }, { pointer: `${TP}/1/Budget`, rule: 'CD078' }],
  },
  {
    rule: 'CD079', type: 'JW315',
    when: 'a product has neither Budget nor Product', breaks: (m) => { onlyFirstRequest(m); delete ap(m, 0)['Product']; delete ap(m, 0)['Omvang']; },
    errors: [{ pointer: `${AP}/0/Product` }],
    keepsWhen: 'it has a Budget', keeps: (m) => { onlyFirstRequest(m); delete ap(m, 0)['Product']; delete ap(m, 0)['Omvang']; ap(m, 0)['Budget'] = 5000; },
  },
  {
    rule: 'CD080', type: 'JW301',
    when: 'an assignment without product code ending after 2020 has an Omvang', breaks: (m) => { delete tp(m, 0)['Product']['Code']; m['Client']['ToegewezenProducten']['ToegewezenProduct'].pop(); },
    errors: [{ pointer: `${TP}/0/Omvang` }],
    keepsWhen: 'it ended in 2020', keeps: (m) => { delete tp(m, 0)['Product']['Code']; m['Client']['ToegewezenProducten']['ToegewezenProduct'].pop(); tp(m, 0)['Ingangsdatum'] = '2020-01-01'; tp(m, 0)['Einddatum'] = '2020-12-31'; },
  },
  {
    rule: 'CD095', type: 'JW315',
    when: 'a requested product without code has an Omvang', breaks: (m) => { onlyFirstRequest(m); delete ap(m, 0)['Product']['Code']; },
    errors: [{ pointer: `${AP}/0/Omvang` }],
    keepsWhen: 'it ends in 2020', keeps: (m) => { onlyFirstRequest(m); delete ap(m, 0)['Product']['Code']; ap(m, 0)['ToewijzingIngangsdatum'] = '2020-01-01'; ap(m, 0)['ToewijzingEinddatum'] = '2020-12-31'; },
  },
  {
    rule: 'CD096', type: 'JW317',
    when: 'a NieuwProduct without code has an Omvang', breaks: (m) => delete nieuw(m)[0]!['Product']['Code'],
    errors: [{ pointer: `${NP}/0/Omvang` }],
    keepsWhen: 'it ends in 2020',
    keeps: (m) => { delete nieuw(m)[0]!['Product']['Code']; m['Header']['BerichtIdentificatie']['Dagtekening'] = '2019-06-01'; nieuw(m)[0]!['GewensteIngangsdatum'] = '2020-01-01'; nieuw(m)[0]!['Einddatum'] = '2020-12-31'; },
  },
  {
    rule: 'CS338', type: 'JW301',
    when: 'an assignment per etmaal has Frequentie 1 (per dag)', breaks: (m) => (tp(m, 0)['Omvang'] = { Volume: 2, Eenheid: '14', Frequentie: '1' }),
    errors: [{ pointer: `${TP}/0/Omvang/Frequentie` }],
    keepsWhen: 'it is per maand', keeps: (m) => (tp(m, 0)['Omvang'] = { Volume: 2, Eenheid: '14', Frequentie: '4' }),
  },
  {
    rule: 'CS343', type: 'JW315',
    when: 'a request per dagdeel has Frequentie 1', breaks: (m) => (ap(m, 0)['Omvang']['Frequentie'] = '1'),
    errors: [{ pointer: `${AP}/0/Omvang/Frequentie` }],
    keepsWhen: 'it is totaal binnen geldigheidsduur (6)', keeps: (m) => (ap(m, 0)['Omvang']['Frequentie'] = '6'),
  },
  {
    rule: 'CS003', type: 'JW315',
    when: 'the ToewijzingEinddatum lies before the ToewijzingIngangsdatum', breaks: (m) => (ap(m, 0)['ToewijzingEinddatum'] = '2026-03-31'),
    errors: [{ pointer: `${AP}/0/ToewijzingEinddatum` }],
    keepsWhen: 'both are the same day', keeps: (m) => (ap(m, 0)['ToewijzingEinddatum'] = '2026-04-01'),
  },
  {
    rule: 'CS003', type: 'JW301',
    when: "a tijdelijk adres' Periode ends before it begins", breaks: (m) => (contact(m, 1)['Periode'] = { Begindatum: '2018-02-03', Einddatum: '2018-02-02' }),
    errors: [{ pointer: '/Client/Contactgegevens/Contact/1/Periode/Einddatum' }],
  },
  {
    rule: 'CS335', type: 'JW301',
    when: 'a removed assignment (RedenWijziging 13) does not end on its Ingangsdatum', breaks: (m) => (tp(m, 0)['RedenWijziging'] = '13'),
    errors: [{ pointer: `${TP}/0/RedenWijziging` }],
    keepsWhen: 'it ends on its Ingangsdatum', keeps: (m) => { tp(m, 0)['RedenWijziging'] = '13'; tp(m, 0)['Einddatum'] = '2026-04-01'; },
  },
  {
    rule: 'CS336', type: 'JW301',
    when: 'RedenWijziging 01 is used', breaks: (m) => (tp(m, 0)['RedenWijziging'] = '01'),
    errors: [{ pointer: `${TP}/0/RedenWijziging` }],
    keepsWhen: 'RedenWijziging is 04 (verlenging)', keeps: (m) => (tp(m, 0)['RedenWijziging'] = '04'),
  },
  {
    rule: 'TR302', type: 'JW301',
    when: 'the same product is assigned twice in overlapping periods', breaks: (m) => (tp(m, 1)['Product']['Code'] = '55A11'),
    errors: [{ pointer: `${TP}/1` }],
    keepsWhen: 'the second period starts after the first ends', keeps: (m) => { tp(m, 1)['Product']['Code'] = '55A11'; tp(m, 1)['Ingangsdatum'] = '2026-07-15'; },
  },
  {
    rule: 'TR386', type: 'JW315',
    when: 'the same product is requested twice in overlapping periods', breaks: (m) => (ap(m, 1)['Product']['Code'] = '55A11'),
    errors: [{ pointer: `${AP}/1` }],
    keepsWhen: 'the periods follow each other', keeps: (m) => { ap(m, 1)['Product']['Code'] = '55A11'; ap(m, 1)['ToewijzingIngangsdatum'] = '2027-07-01'; ap(m, 1)['ToewijzingEinddatum'] = '2027-12-31'; },
  },
  {
    rule: 'TR410', type: 'JW317',
    when: 'a NieuwProduct occurs twice in overlapping periods', breaks: (m) => nieuw(m).push(structuredClone(nieuw(m)[0]!)),
    errors: [{ pointer: `${NP}/1` }],
    keepsWhen: 'the second starts after the first ends', keeps: (m) => nieuw(m).push({ ...structuredClone(nieuw(m)[0]), GewensteIngangsdatum: '2027-03-01', Einddatum: '2027-06-30' }),
  },
  // JW315
  {
    rule: 'CD043', type: 'JW315',
    when: 'a BeschikkingNummer comes without BeschikkingIngangsdatum', breaks: (m) => delete ap(m, 0)['BeschikkingIngangsdatum'],
    errors: [{ pointer: `${AP}/0/BeschikkingIngangsdatum` }],
    keepsWhen: 'there is neither', keeps: (m) => { delete ap(m, 0)['BeschikkingIngangsdatum']; delete ap(m, 0)['BeschikkingNummer']; },
  },
  {
    rule: 'CD066', type: 'JW315',
    when: 'a huisarts is named by AGB code and name', breaks: (m) => (ap(m, 1)['Verwijzer'] = { Type: '02', Naam: 'dr. Jansen', ZorgverlenerCode: '12345678' }),
    errors: [{ pointer: `${AP}/1/Verwijzer/Naam` }],
  },
  {
    rule: 'CD067', type: 'JW315',
    when: 'a jeugdarts has neither AGB code nor name', breaks: (m) => (ap(m, 1)['Verwijzer'] = { Type: '03' }),
    errors: [{ pointer: `${AP}/1/Verwijzer/Naam` }],
    keepsWhen: 'the jeugdarts is named', keeps: (m) => (ap(m, 1)['Verwijzer'] = { Type: '03', Naam: 'jeugdarts GGD' }),
  },
  {
    rule: 'CD068', type: 'JW315',
    when: 'a gemeente as referrer carries an AGB code', breaks: (m) => (ap(m, 0)['Verwijzer'] = { Type: '01', ZorgverlenerCode: '12345678' }),
    errors: [{ pointer: `${AP}/0/Verwijzer/ZorgverlenerCode` }],
    keepsWhen: 'it carries a name', keeps: (m) => (ap(m, 0)['Verwijzer'] = { Type: '01', Naam: 'gemeente Diemen' }),
  },
  {
    rule: 'TR383', type: 'JW315',
    when: 'two requested products share a ReferentieAanbieder', breaks: (m) => (ap(m, 1)['ReferentieAanbieder'] = ap(m, 0)['ReferentieAanbieder']),
    errors: [{ pointer: `${AP}/1/ReferentieAanbieder` }],
  },
  // JW305 / JW307
  {
    rule: 'CS058', type: 'JW305',
    when: 'StatusAanlevering is 2 (gewijzigd)', breaks: (m) => (m['Client']['StartProducten']['StartProduct'][0]['StatusAanlevering'] = '2'),
    errors: [{ pointer: '/Client/StartProducten/StartProduct/0/StatusAanlevering' }],
    keepsWhen: 'it is 3 (verwijderen)', keeps: (m) => (m['Client']['StartProducten']['StartProduct'][0]['StatusAanlevering'] = '3'),
  },
  {
    rule: 'TR018', type: 'JW307',
    when: 'a StopProduct ends before it began', breaks: (m) => (m['Client']['StopProducten']['StopProduct'][0]['Einddatum'] = '2026-04-02'),
    errors: [{ pointer: '/Client/StopProducten/StopProduct/0/Einddatum' }],
    keepsWhen: 'it ends on the day it began', keeps: (m) => (m['Client']['StopProducten']['StopProduct'][0]['Einddatum'] = '2026-04-03'),
  },
  // JW317
  {
    rule: 'TR352', type: 'JW317',
    when: 'a Verzoek has no OngewijzigdProduct and no TeWijzigenProduct', breaks: (m) => delete m['Client']['Verzoek']['OngewijzigdeProducten'],
    errors: [{ pointer: '/Client/Verzoek' }],
    keepsWhen: 'it has a TeWijzigenProduct instead',
    keeps: (m) => { delete m['Client']['Verzoek']['OngewijzigdeProducten']; m['Client']['Verzoek']['TeWijzigenProducten'] = { TeWijzigenProduct: [{ ToewijzingNummer: 10071, GewensteIngangsdatum: '2026-02-01' }] }; },
  },
  {
    rule: 'TR353', type: 'JW317',
    when: 'a Verzoek has no TeWijzigenProduct and no NieuwProduct', breaks: (m) => delete m['Client']['Verzoek']['NieuweProducten'],
    errors: [{ pointer: '/Client/Verzoek' }],
    keepsWhen: 'it has a TeWijzigenProduct instead',
    keeps: (m) => { delete m['Client']['Verzoek']['NieuweProducten']; m['Client']['Verzoek']['TeWijzigenProducten'] = { TeWijzigenProduct: [{ ToewijzingNummer: 10072, GewensteIngangsdatum: '2026-02-01' }] }; },
  },
  {
    rule: 'TR380', type: 'JW317',
    when: 'a NieuwProduct is wanted from the Dagtekening itself', breaks: (m) => (nieuw(m)[0]!['GewensteIngangsdatum'] = '2026-01-02'),
    errors: [{ pointer: `${NP}/0/GewensteIngangsdatum` }],
    keepsWhen: 'it is wanted from the next day', keeps: (m) => (nieuw(m)[0]!['GewensteIngangsdatum'] = '2026-01-03'),
  },
  // JW319
  {
    rule: 'CD085', type: 'JW319',
    when: 'a refusal gives no reason', breaks: (m) => delete antwoord(m)['RedenAfwijzingVerzoek'],
    errors: [{ pointer: '/Antwoord/RedenAfwijzingVerzoek' }],
  },
  {
    rule: 'CD086', type: 'JW319',
    when: 'an answer "in onderzoek" gives a refusal reason', breaks: (m) => (antwoord(m)['VerzoekAntwoord'] = '2'),
    errors: [{ pointer: '/Antwoord/RedenAfwijzingVerzoek' }],
    keepsWhen: 'it gives none', keeps: (m) => { antwoord(m)['VerzoekAntwoord'] = '2'; delete antwoord(m)['RedenAfwijzingVerzoek']; delete antwoord(m)['Woonplaatsbeginsel']; },
  },
  {
    rule: 'TR377', type: 'JW319',
    when: 'a refusal on woonplaatsbeginsel names no municipality', breaks: (m) => delete antwoord(m)['Woonplaatsbeginsel'],
    errors: [{ pointer: '/Antwoord/Woonplaatsbeginsel' }],
    keepsWhen: 'another reason comes without one', keeps: (m) => { antwoord(m)['RedenAfwijzingVerzoek'] = '3'; delete antwoord(m)['Woonplaatsbeginsel']; },
  },
  {
    rule: 'TR409', type: 'JW319',
    when: 'another reason comes with a Woonplaatsbeginsel', breaks: (m) => (antwoord(m)['RedenAfwijzingVerzoek'] = '3'),
    errors: [{ pointer: '/Antwoord/Woonplaatsbeginsel' }],
  },
  // JW323 / JW325
  {
    rule: 'CS100', type: 'JW323',
    when: 'a ProductPeriode starts before 2021', breaks: (m) => { m['Declaratie']['DeclaratieDagtekening'] = '2025-06-01'; prestaties(m, 0)[0]!['ProductPeriode'] = { Begindatum: '2020-12-01', Einddatum: '2020-12-31' }; },
    errors: [{ pointer: `${P323(0, 0)}/ProductPeriode/Begindatum` }],
    keepsWhen: 'it starts on 2021-01-01', keeps: (m) => { m['Declaratie']['DeclaratieDagtekening'] = '2025-06-01'; prestaties(m, 0)[0]!['ProductPeriode'] = { Begindatum: '2021-01-01', Einddatum: '2021-01-31' }; },
  },
  {
    rule: 'CS340', type: 'JW323',
    when: 'the DeclaratiePeriode does not start on the first of the month', breaks: (m) => (m['Declaratie']['DeclaratiePeriode']['Begindatum'] = '2026-04-02'),
    errors: [{ pointer: '/Declaratie/DeclaratiePeriode/Begindatum' }],
  },
  {
    rule: 'CS337', type: 'JW323',
    when: 'a ProductPeriode runs into the next month', breaks: (m) => (prestaties(m, 1)[2]!['ProductPeriode']['Einddatum'] = '2026-04-01'),
    errors: [{ pointer: `${P323(1, 2)}/ProductPeriode/Einddatum` }],
    keepsWhen: 'it ends mid-month', keeps: (m) => (prestaties(m, 1)[2]!['ProductPeriode']['Einddatum'] = '2026-03-15'),
  },
  {
    rule: 'TR137', type: 'JW323',
    when: 'a ProductPeriode ends before it begins', breaks: (m) => (prestaties(m, 1)[2]!['ProductPeriode'] = { Begindatum: '2026-03-10', Einddatum: '2026-03-09' }),
    errors: [{ pointer: `${P323(1, 2)}/ProductPeriode/Einddatum` }],
    keepsWhen: 'it is a single day', keeps: (m) => (prestaties(m, 1)[2]!['ProductPeriode'] = { Begindatum: '2026-03-10', Einddatum: '2026-03-10' }),
  },
  {
    rule: 'TR319', type: 'JW323', retourcode: '9319',
    when: 'a ProductPeriode lies after the DeclaratiePeriode', breaks: (m) => (prestaties(m, 1)[2]!['ProductPeriode'] = { Begindatum: '2026-05-01', Einddatum: '2026-05-05' }),
    errors: [{ pointer: `${P323(1, 2)}/ProductPeriode/Begindatum` }, { pointer: `${P323(1, 2)}/ProductPeriode/Einddatum` }],
  },
  {
    rule: 'TR335', type: 'JW323',
    when: 'a ProductPeriode ends more than 5 years before the DeclaratieDagtekening', breaks: (m) => (m['Declaratie']['DeclaratieDagtekening'] = '2031-04-01'),
    errors: [{ pointer: `${P323(1, 2)}/ProductPeriode/Einddatum` }],
    keepsWhen: 'it ends exactly 5 years before', keeps: (m) => (m['Declaratie']['DeclaratieDagtekening'] = '2031-03-31'),
  },
  {
    rule: 'CS325', type: 'JW325',
    when: 'an amount of 0 is a credit',
    breaks: (m) => { prestaties(m, 0)[0]!['IngediendBedrag'] = { Bedrag: 0, DebetCredit: 'C' }; m['DeclaratieAntwoord']['TotaalToegekendBedrag']['TotaalBedrag'] = 39000; },
    errors: [{ pointer: '/DeclaratieAntwoord/Clienten/Client/0/Prestaties/Prestatie/0/IngediendBedrag/DebetCredit' }],
    keepsWhen: 'it is a debit',
    keeps: (m) => { prestaties(m, 0)[0]!['IngediendBedrag'] = { Bedrag: 0, DebetCredit: 'D' }; delete prestaties(m, 0)[0]!['ProductReferentie']['VorigReferentieNummer']; m['DeclaratieAntwoord']['TotaalToegekendBedrag']['TotaalBedrag'] = 39000; },
  },
  {
    rule: 'CD060', type: 'JW323',
    when: 'a credit has no VorigReferentieNummer', breaks: (m) => { prestaties(m, 0)[0]!['IngediendBedrag']['DebetCredit'] = 'C'; m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 69000; },
    errors: [{ pointer: `${P323(0, 0)}/ProductReferentie/VorigReferentieNummer` }],
    keepsWhen: 'it has one',
    keeps: (m) => { prestaties(m, 0)[0]!['IngediendBedrag']['DebetCredit'] = 'C'; prestaties(m, 0)[0]!['ProductReferentie']['VorigReferentieNummer'] = 'RT001'; m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 69000; },
  },
  {
    rule: 'CD087', type: 'JW323',
    when: 'a prestatie in hours has no ProductTarief', breaks: (m) => delete prestaties(m, 0)[0]!['ProductTarief'],
    errors: [{ pointer: `${P323(0, 0)}/ProductTarief` }],
    keepsWhen: "a prestatie in euro's has none", keeps: (m) => { const p = prestaties(m, 0)[0]!; delete p['ProductTarief']; p['Eenheid'] = '83'; p['GeleverdVolume'] = 5000; },
  },
  {
    rule: 'CS339', type: 'JW323',
    when: "a prestatie in euro's claims another amount than its volume", breaks: (m) => { const p = prestaties(m, 0)[0]!; delete p['ProductTarief']; p['Eenheid'] = '83'; },
    errors: [{ pointer: `${P323(0, 0)}/IngediendBedrag/Bedrag` }],
  },
  {
    rule: 'TR346', type: 'JW323', retourcode: '9346',
    when: 'a prestatie in hours claims other than GeleverdVolume × ProductTarief (4 × 1250)',
    breaks: (m) => { prestaties(m, 0)[0]!['IngediendBedrag']['Bedrag'] = 5001; m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 79001; },
    errors: [{ pointer: `${P323(0, 0)}/IngediendBedrag/Bedrag` }],
    keepsWhen: 'it claims 5000 as a credit (the amount is unsigned)',
    keeps: (m) => { const p = prestaties(m, 0)[0]!; p['IngediendBedrag']['DebetCredit'] = 'C'; p['ProductReferentie']['VorigReferentieNummer'] = 'RT001'; m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 69000; },
  },
  {
    rule: 'TR346', type: 'JW323', retourcode: '9346',
    when: 'a prestatie in minutes (250 × 21) is off by more than a cent a minute',
    breaks: (m) => { const p = prestaties(m, 0)[0]!; p['Eenheid'] = '01'; p['GeleverdVolume'] = 250; p['ProductTarief'] = 21; p['IngediendBedrag']['Bedrag'] = 5501; m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 79501; },
    errors: [{ pointer: `${P323(0, 0)}/IngediendBedrag/Bedrag` }],
    keepsWhen: 'it is the hourly tariff 1250 per 60 minutes (250 × 1250 / 60 = 5208), ProductTarief showing 21 cents rounded',
    keeps: (m) => { const p = prestaties(m, 0)[0]!; p['Eenheid'] = '01'; p['GeleverdVolume'] = 250; p['ProductTarief'] = 21; p['IngediendBedrag']['Bedrag'] = 5208; m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 79208; },
  },
  {
    rule: 'TR358', type: 'JW323',
    when: 'the total is not the sum of the prestaties', breaks: (m) => (m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 79001),
    errors: [{ pointer: '/Declaratie/TotaalIngediendBedrag/TotaalBedrag' }],
  },
  {
    rule: 'TR315', type: 'JW323',
    when: 'two credits name the same VorigReferentieNummer',
    breaks: (m) => { for (const p of prestaties(m, 0)) { p['IngediendBedrag']['DebetCredit'] = 'C'; p['ProductReferentie']['VorigReferentieNummer'] = 'RT001'; } m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 21000; },
    errors: [{ pointer: `${P323(0, 1)}/ProductReferentie/VorigReferentieNummer` }],
    keepsWhen: 'they name different ones',
    keeps: (m) => { prestaties(m, 0).forEach((p, i) => { p['IngediendBedrag']['DebetCredit'] = 'C'; p['ProductReferentie']['VorigReferentieNummer'] = `RT00${i + 1}`; }); m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 21000; },
  },
  {
    rule: 'TR316', type: 'JW323',
    when: 'a credit cancels a debit of the same message',
    breaks: (m) => { const p = prestaties(m, 0)[1]!; p['IngediendBedrag']['DebetCredit'] = 'C'; p['ProductReferentie']['VorigReferentieNummer'] = 'RN001'; m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 31000; },
    errors: [{ pointer: `${P323(0, 1)}/ProductReferentie/VorigReferentieNummer` }],
  },
  {
    rule: 'TR416', type: 'JW323',
    when: 'the same period, product and assignment is debited twice',
    breaks: (m) => { prestaties(m, 0)[1] = structuredClone(prestaties(m, 0)[0]!); prestaties(m, 0)[1]!['ProductReferentie']['ReferentieNummer'] = 'RN009'; m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 60000; },
    errors: [{ pointer: P323(0, 1) }],
    keepsWhen: 'the second debit is for another month',
    keeps: (m) => {
      prestaties(m, 0)[1] = structuredClone(prestaties(m, 0)[0]!);
      prestaties(m, 0)[1]!['ProductReferentie']['ReferentieNummer'] = 'RN009';
      prestaties(m, 0)[1]!['ProductPeriode'] = { Begindatum: '2026-03-01', Einddatum: '2026-03-31' };
      m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 60000;
    },
  },
  {
    rule: 'TR342', type: 'JW325',
    when: 'the answered totals do not explain the rejected prestaties', breaks: (m) => (m['DeclaratieAntwoord']['TotaalToegekendBedrag']['TotaalBedrag'] = 35000),
    errors: [{ pointer: '/DeclaratieAntwoord/TotaalToegekendBedrag' }],
  },
  {
    rule: 'TR342', type: 'JW325',
    when: 'a prestatie is answered without a rejection (only 0200), which OP303 and OP304 leave out',
    breaks: (m) => (prestaties(m, 0)[0]!['RetourCodes']['RetourCode'] = ['0200']),
    errors: [{ pointer: '/DeclaratieAntwoord/Clienten/Client/0/Prestaties/Prestatie/0/RetourCodes' }],
    keepsWhen: 'it carries a rejecting code next to 0200', keeps: (m) => (prestaties(m, 0)[0]!['RetourCodes']['RetourCode'] = ['0200', '9339']),
  },
  {
    rule: 'TR342', type: 'JW325',
    when: 'a declaration rejected as a whole still grants an amount', breaks: (m) => (m['DeclaratieAntwoord']['RetourCodes']['RetourCode'] = ['0001']),
    errors: [{ pointer: '/DeclaratieAntwoord/TotaalToegekendBedrag' }],
    keepsWhen: 'it grants 0', keeps: (m) => { m['DeclaratieAntwoord']['RetourCodes']['RetourCode'] = ['0001']; m['DeclaratieAntwoord']['TotaalToegekendBedrag'] = { TotaalBedrag: 0, DebetCredit: 'D' }; },
  },
  {
    rule: 'TR101', type: 'JW323',
    when: 'a client is declared twice', breaks: (m) => (m['Declaratie']['Clienten']['Client'][1]['Bsn'] = '999900006'),
    errors: [{ pointer: '/Declaratie/Clienten/Client/1' }],
  },
];

describe('iJw rules: each rule refused where it is broken, accepted at its boundary', () => {
  const validator = ijwValidator();

  for (const c of cases) {
    it(`when ${c.type} ${c.when}, then ${c.rule} refuses it with its pointer`, () => {
      const m = validMessage(c.type);
      c.breaks(m);
      const errors = validator.validateMessage(c.type, m, TODAY);
      expect(errors).toEqual(c.errors.map((e) => expect.objectContaining({ pointer: e.pointer, rule: e.rule ?? c.rule })));
      if (c.retourcode !== undefined) expect(errors[0]?.retourcode).toBe(c.retourcode);
    });

    it(`when ${c.type} ${c.keepsWhen ?? 'is left as it is'}, then ${c.rule} accepts it`, () => {
      const m = validMessage(c.type);
      c.keeps?.(m);
      expect(validator.validateMessage(c.type, m, TODAY)).toEqual([]);
    });
  }

  it('when the rules are listed, then every one has a code, a rule text, message types and only known retourcodes', () => {
    for (const rule of ijwRules) {
      expect(rule.code).toMatch(/^(CD|CS|TR)[0-9]{3}$/);
      expect(rule.text.length).toBeGreaterThan(10);
      expect(rule.messageTypes.length).toBeGreaterThan(0);
      expect(['0001', '8848', '9319', '9346', 'S300', undefined]).toContain(rule.retourcode);
    }
    const tested = new Set(cases.map((c) => c.rule));
    expect(ijwRules.map((r) => r.code).filter((code) => !tested.has(code))).toEqual([]);
  });

  it('when a retour message repeats a fault of its heen message, then the rules leave it to the retourcodes', () => {
    const m = validMessage('JW316');
    m['Client']['Bsn'] = '123456789';
    expect(checkIjwRules('JW316', m, TODAY)).toEqual([]);
  });

  it('when the rules are asked for another day, then they judge the Dagtekening against that day and not the clock', () => {
    const m = validMessage('JW315');
    expect(checkIjwRules('JW315', m, '2026-03-31').map((e) => e.rule)).toEqual(['TR135']);
    expect(checkIjwRules('JW315', m, '2026-04-01')).toEqual([]);
  });
});
