// Valid messages of every non-iJw type (the justice chain, Veilig Thuis, the verwijsindex and the
// local forms), each with only its minimum set, and a fuller one where the tests need it. Fresh
// mutable copies on every call. BSNs pass the 11-test; dates are chosen around TODAY (2026-11-23).

export const TODAY = '2026-11-23';
/** Children in these fixtures (valid BSNs). */
export const CHILD = { bsn: '999900018', birthDate: '2013-05-10' } as const; // 13 on TODAY
export const OTHER_CHILD = { bsn: '999900031', birthDate: '2018-01-02' } as const;

const medewerker = { Naam: 'J. de Vries', Telefoon: '020-1234567', Email: 'j.devries@example.nl' };
const organisatie = { Naam: 'Jeugdbescherming West', Oin: '00000099000000430000' };
const kind = (bsn: string = CHILD.bsn): Record<string, unknown> => ({ Bsn: bsn, Geslacht: '2' });
const jeugdige = { Skn: '12345678', Naam: { Achternaam: 'Jansen', Voornamen: 'Piet' } };
const vir = { Naam: 'A. Bakker', Organisatie: 'Jeugdhulp De Brug', Telefoon: '020-7654321' };

const minimal: Record<string, () => Record<string, unknown>> = {
  VerzoekTotOnderzoek: () => ({
    Casus: { Zaaknummer: 'VTO-2026-001' },
    Verzoeker: { Organisatie: organisatie, Medewerker: medewerker },
    Kinderen: [kind()],
    Gezaghebbenden: [{ Naam: { Achternaam: 'Jansen' }, Geinformeerd: true }],
    Formulier: { Aanleiding: 'Zorgen over de veiligheid thuis.' },
  }),
  KennisgevingVerzoekTotOnderzoek: () => ({
    Casus: { Zaaknummer: 'VTO-2026-001' },
    Verzoeker: { Organisatie: organisatie, Medewerker: medewerker },
    Kinderen: [kind()],
    BetrokkenGemeente: { Gemeentecode: '0384' },
  }),
  NotificatieIntake: () => ({ RvdkZaaknummer: 'RVDK-1', ZaaknummerVerzoeker: 'VTO-2026-001', Status: { Code: 'intake', Begindatum: '2026-11-20' }, OnderzoekWordtGestart: true, Sysda: 'RVDK01', Kind: kind() }),
  NotificatieStartAmbtshalveOnderzoek: () => ({ RvdkZaaknummer: 'RVDK-2', Status: { Code: 'onderzoek', Begindatum: '2026-11-20' }, Sysda: 'RVDK01', Kind: kind() }),
  NotificatieUitkomstOnderzoek: () => ({ RvdkZaaknummer: 'RVDK-1', Ambtshalve: false, RekestWordtIngediend: true, Maatregelen: ['ots'], Sysda: 'RVDK01', Kind: kind() }),
  NotificatieBeslissingRechtspraak: () => ({ RvdkZaaknummer: 'RVDK-1', DatumUitspraak: '2026-11-01', MaatregelOpgelegd: true, SoortMaatregel: 'ots', BeslissendeInstantie: 'Rechtbank Amsterdam', Kind: kind() }),
  OpdrachtVrijwilligToezichtBegeleiding: () => ({ Opdrachtnummer: 'JR-1', InstantiecodeRvdk: 'RVDK01', InstantiecodeGi: 'GI01', VerantwoordelijkeGemeente: '0384', SoortToezicht: 'toezicht-en-begeleiding', Periode: { Ingangsdatum: '2026-11-01' }, Parketnummer: '13-123456-26', Jeugdige: jeugdige }),
  MeldingStartOpdracht: () => ({ Opdrachtnummer: 'JR-1', DatumToewijzing: '2026-11-02', Medewerker: medewerker, Jeugdige: jeugdige }),
  MeldingAfloopOpdracht: () => ({ Opdrachtnummer: 'JR-1', Reden: 'Afgerond', Einddatum: '2026-11-20', Medewerker: medewerker, Jeugdige: jeugdige }),
  VerzoekWijzigingOpdracht: () => ({ Opdrachtnummer: 'JR-1', GevraagdeWijziging: 'Verlenging met drie maanden.', Medewerker: medewerker, Jeugdige: jeugdige }),
  WijzigingOpdracht: () => ({ Opdrachtnummer: 'JR-1', InstantiecodeGi: 'GI01', SoortToezicht: 'begeleiding', Periode: { Ingangsdatum: '2026-11-01', Einddatum: '2027-02-01' }, Parketnummer: '13-123456-26', Jeugdige: jeugdige }),
  OverdrachtOpdracht: () => ({ Opdrachtnummer: 'JR-1', Datum: '2026-11-20', Reden: 'Verhuizing', Medewerker: medewerker, Jeugdige: jeugdige }),
  OverdrachtDocument: () => ({ Opdrachtnummer: 'JR-1', Jeugdige: jeugdige }),
  MededelingNietVerlenging: () => ({ Zaaknummer: 'OTS-7', Maatregel: { Soort: 'ots', Einddatum: '2027-01-31' }, Besluit: 'niet-verlengen', Reden: 'Doelen bereikt.', Verslag: { Samenvatting: 'De veiligheid is hersteld.' }, Kind: kind(), Medewerker: medewerker }),
  VeiligThuisMelding: () => ({
    Melder: { Organisatie: { Naam: 'Jeugdhulp De Brug', Agb: '42420001' }, Medewerker: { Naam: 'A. Bakker', Telefoon: '020-7654321' } },
    Melding: { Datum: '2026-11-22', Soort: 'kindermishandeling', Spoed: false, Signalen: 'Blauwe plekken, angstig gedrag.' },
    Kind: kind(),
  }),
  VeiligThuisOverdracht: () => ({ VeiligThuisReferentie: 'VT-88', Datum: '2026-11-22', Kind: kind(), Veiligheid: { Beoordeling: 'structureel-onveilig' }, Contactpersoon: medewerker }),
  VeiligThuisInkennisstelling: () => ({ VeiligThuisReferentie: 'VT-88', Datum: '2026-11-22', Aanleiding: 'Acute onveiligheid.', Veiligheidsbeoordeling: 'acuut-onveilig', Kind: kind(), Contactpersoon: medewerker }),
  VeiligThuisTerugkoppeling: () => ({ MeldingReferentie: 'M-12', VeiligThuisReferentie: 'VT-88', Datum: '2026-11-22', GenomenStappen: ['onderzoek-gestart'] }),
  VerwijsindexMelding: () => ({ Bsn: CHILD.bsn, Melder: vir, Tijdstip: '2026-11-22T10:00:00+01:00', Verwijderdatum: '2028-11-21' }),
  VerwijsindexSignaal: () => ({ Bsn: CHILD.bsn, Signaal: { Tijdstip: '2026-11-22T10:05:00+01:00', Soort: 'zelfde-jeugdige' }, Melders: [vir] }),
  VerwijsindexVerwijdering: () => ({ Bsn: CHILD.bsn, Melder: vir, Tijdstip: '2026-11-22T10:00:00+01:00' }),
  Casusinformatie: () => ({ Kind: { Bsn: CHILD.bsn, Geboortedatum: CHILD.birthDate }, Contactpersoon: medewerker }),
  InformatieverstrekkingOts: () => ({
    Maatregel: { Soort: 'ots', Ingangsdatum: '2026-06-01', ZaaknummerGi: 'OTS-7' },
    Kind: kind(),
    Verstrekker: { Organisatie: { Naam: 'Basisschool De Regenboog' }, Medewerker: { Naam: 'Meester K.' } },
    Informatie: { Onderwerp: 'Verzuim', Inhoud: 'Veel afwezig sinds oktober.', OpVerzoek: true },
  }),
  Beleidsinformatie: () => ({
    Verslagperiode: { Begindatum: '2026-01-01', Einddatum: '2026-06-30' },
    Aanbieder: { Agb: '42420001' },
    Client: { Bsn: CHILD.bsn, Geboortedatum: CHILD.birthDate, Geslacht: '2', Gemeentecode: '0384' },
    Trajecten: [{ Soort: 'jeugdhulp', Begindatum: '2026-02-01' }],
  }),
  // The gateway's own (src/exchange/consent-notices.ts): the smallest is a revocation notice.
  RegieNotificatie: () => ({
    Kind: { Bsn: CHILD.bsn },
    Uitwisseling: { Afzender: { Id: 'jeugdhulp-de-brug', Naam: 'Jeugdhulp De Brug', Rol: 'aanbieder' }, Ontvanger: { Id: 'gemeente-diemen', Naam: 'Gemeente Diemen', Rol: 'gemeente' }, Berichttype: 'JW315', Tijdstip: '2026-11-22T10:00:00Z' },
  }),
  ConsentNotice: () => ({ consentId: 'consent-0001', status: 'revoked', revokedAt: '2026-11-23T10:00:00Z' }),
  Onderzoeksdataset: () => ({ Studie: { Naam: 'Effect van ambulante hulp', Referentie: 'STUDIE-3', Instelling: { Naam: 'UMC' } }, Record: { Geboortejaar: 2013 } }),
};

export const ketenTypes = Object.keys(minimal).sort();

/** A valid message of the type with only its required members (a fresh copy). */
export function minimalMessage(type: string): Record<string, any> {
  const make = minimal[type];
  if (make === undefined) throw new Error(`no fixture for ${type}`);
  return make() as Record<string, any>;
}

/** Case information with every section filled in (data categories and the internal note). */
export function fullCasusinformatie(bsn: string = CHILD.bsn, birthDate: string = CHILD.birthDate): Record<string, any> {
  return {
    Kind: { Bsn: bsn, Geboortedatum: birthDate, Naam: { Achternaam: 'Jansen', Voornamen: 'Lotte' } },
    Basisgegevens: { Gezinssituatie: 'Woont bij moeder.', School: 'De Regenboog' },
    Hulpverlening: { Hulpvorm: 'Ambulante gezinsbegeleiding', Startdatum: '2026-03-01', Doelen: 'Rust in huis.', Voortgang: 'Goed.' },
    Diagnostiek: { Diagnose: 'ADHD', Verslag: 'Psychodiagnostisch onderzoek 2025.' },
    Veiligheid: { Risicotaxatie: 'Laag.', Afspraken: 'Geen.' },
    Contactpersoon: medewerker,
    Toelichting: 'Interne notitie: niet voor derden.',
  };
}
