// The canonical messages the FHIR adapter maps (adapters/fhir/fhir-mapping.ts), as the adapter reads
// them from an outbox payload.
//
// - JW301 (toewijzing) and JW319 (antwoord) are iJw 3.2 messages in the gateway's JSON form
//   (docs/ijw-json-form.md; schemas/ijw/JW301.schema.json and JW319.schema.json). The types below name
//   only the members the mapping reads.
// - The Veilig Thuis overdracht has no national schema (domain.md 2.3, 8.1); the gateway's local schema
//   (schemas/veilig-thuis/VeiligThuisOverdracht.schema.json) is the one shape, and the type below names
//   the members the mapping reads.
// - The consent notice (ConsentNotice) is the gateway's own message, built by the gateway when a
//   consent is registered or revoked (src/exchange/consent-notices.ts); its schema is
//   schemas/lokaal/ConsentNotice.schema.json, and the types below mirror it.

/** Message type names the FHIR adapter maps. */
export const FHIR_MAPPED_TYPES = {
  toewijzing: 'JW301',
  antwoord: 'JW319',
  // The pipeline's own name (schemas/veilig-thuis/): a different name here made every overdracht to a
  // FHIR party dead-letter after its 202.
  veiligThuisOverdracht: 'VeiligThuisOverdracht',
  // The gateway's own notice of a registered or revoked consent (until 2026-12 a CONSENT-RECORD shape
  // that no rule ever sent: a registered consent never reached a FHIR party).
  consentNotice: 'ConsentNotice',
} as const;

// ---- iJw (JSON form), the members the mapping reads ------------------------------------------------

export interface IjwHeader {
  readonly BerichtCode: string;
  readonly Afzender: string;
  readonly Ontvanger: string;
  readonly BerichtIdentificatie: { readonly Identificatie: string; readonly Dagtekening: string };
}

export interface IjwGeboortedatum {
  readonly Datum: string;
  /** COD170: 1 = day unknown, 2 = day and month unknown, 3 = fully unknown. */
  readonly DatumGebruik?: string;
}

export interface IjwNaam {
  readonly Geslachtsnaam: { readonly Achternaam: string; readonly Voorvoegsel?: string };
  readonly Voornamen?: string;
  readonly Voorletters?: string;
}

export interface IjwTelefoon {
  readonly Telefoonnummer: string;
  /** LDT_Landnummer: the country's code as dialled from the Netherlands (0031). */
  readonly Landnummer?: string;
}

export interface IjwContact {
  /** COD757: 01 BRP, 02 correspondentie, 03 verblijf, 04 tijdelijk verblijf. */
  readonly Soort: string;
  readonly Adres?: {
    readonly Huis?: { readonly Huisnummer?: number; readonly Huisletter?: string; readonly HuisnummerToevoeging?: string };
    readonly Postcode?: string;
    readonly Straatnaam?: string;
    readonly Plaatsnaam?: string;
    readonly LandCode?: string;
  };
  /** The organisation the client or relation stays at. */
  readonly Organisatie?: string;
  readonly Telefoon?: { readonly Telefoon01?: IjwTelefoon; readonly Telefoon02?: IjwTelefoon };
  readonly Emailadres?: string;
  /** The period of a stay at a temporary address. */
  readonly Periode?: { readonly Begindatum?: string; readonly Einddatum?: string };
}

export interface IjwRelatie {
  readonly Nummer: string | number;
  readonly Volgorde?: string | number;
  /** COD472. */
  readonly Soort: string;
  readonly Geboortedatum?: IjwGeboortedatum;
  readonly Geslacht?: string;
  readonly Naam: IjwNaam;
  readonly Contact: IjwContact;
}

export interface IjwToegewezenProduct {
  readonly ToewijzingNummer: number;
  readonly ReferentieAanbieder?: string;
  readonly Product?: { readonly Categorie: string; readonly Code?: string };
  readonly Toewijzingsdatum: string;
  readonly Toewijzingstijd: string;
  readonly Ingangsdatum: string;
  readonly Einddatum?: string;
  /** JZ002; 13 = verwijderd. */
  readonly RedenWijziging?: string;
  readonly Omvang?: { readonly Volume: number; readonly Eenheid: string; readonly Frequentie: string };
  readonly Budget?: number;
  readonly Commentaar?: string;
}

export interface Jw301 {
  readonly Header: IjwHeader;
  readonly Client: {
    readonly Bsn: string;
    readonly Geboortedatum: IjwGeboortedatum;
    /** COD046: 0 onbekend, 1 man, 2 vrouw. */
    readonly Geslacht: string;
    readonly Naam: IjwNaam;
    /** COD747 Vorm (1 tolk taal, 2 doventolk, 3 doofblindentolk) and the language. */
    readonly Communicatie?: { readonly Vorm: string; readonly Taal?: string };
    readonly Commentaar?: string;
    readonly Relaties?: { readonly Relatie: readonly IjwRelatie[] };
    readonly Contactgegevens?: { readonly Contact: readonly IjwContact[] };
    readonly ToegewezenProducten: { readonly ToegewezenProduct: readonly IjwToegewezenProduct[] };
  };
}

export interface Jw319 {
  readonly Header: IjwHeader;
  readonly Antwoord: {
    readonly ReferentieAanbieder: string;
    /** WJ760: 1 afgewezen, 2 in onderzoek. */
    readonly VerzoekAntwoord: string;
    /** WJ759. */
    readonly RedenAfwijzingVerzoek?: string;
    readonly Woonplaatsbeginsel?: { readonly Gemeente: string };
  };
}

// ---- gateway-internal shapes ---------------------------------------------------------------------

/** An organisation, by at least one of its Dutch identifiers. */
export interface OrganisationInfo {
  readonly name?: string;
  readonly agb?: string;
  readonly gemeentecode?: string;
  readonly oin?: string;
}

/** A person's name in the chain's own messages (schemas/keten/defs.schema.json#/$defs/Naam). */
export interface KetenNaam {
  readonly Achternaam: string;
  readonly Voorvoegsel?: string;
  readonly Voornamen?: string;
  readonly Voorletters?: string;
}

/** A child in the chain's own messages (defs Kind): the BSN, or the personalia of Jw 7.2.4. */
export interface KetenKind {
  readonly Bsn?: string;
  readonly Personalia?: { readonly Achternaam: string; readonly Voornamen: string; readonly Geboortedatum: string; readonly Postcode: string; readonly Huisnummer: number };
  /** 0 onbekend, 1 man, 2 vrouw (COD046). */
  readonly Geslacht?: string;
  readonly Naam?: KetenNaam;
  readonly Geboortedatum?: string;
  readonly Contact?: { readonly Telefoon?: string; readonly Email?: string };
}

/**
 * VeiligThuisOverdracht: Veilig Thuis hands a case over to a provider or local team for help after a
 * melding ("warme overdracht"; Wmo 2015 art. 4.1.1 lid 2 d; domain.md 8.3 row 16). The members the
 * mapping reads of schemas/veilig-thuis/VeiligThuisOverdracht.schema.json, the schema the pipeline
 * validates it with (the one shape: the adapter reads what the pipeline accepted). Who hands over and
 * who takes over are the exchange's sender and receiver, from the party registry.
 */
export interface VeiligThuisOverdracht {
  /** Veilig Thuis's own case reference (unique per Veilig Thuis organisation). */
  readonly VeiligThuisReferentie: string;
  /** The day of the overdracht (YYYY-MM-DD). */
  readonly Datum: string;
  readonly Kind: KetenKind;
  readonly Betrokkenen?: readonly { readonly Rol: string; readonly Naam?: KetenNaam; readonly Contact?: { readonly Telefoon?: string; readonly Email?: string } }[];
  readonly Veiligheid: { readonly Beoordeling: string; readonly Afspraken?: string };
  /** What is asked of the receiver. */
  readonly Hulpvraag?: string;
  /** What Veilig Thuis found, as far as the receiver needs it. */
  readonly Bevindingen?: string;
  /** Whom at Veilig Thuis to contact. */
  readonly Contactpersoon: { readonly Naam: string; readonly Functie?: string; readonly Telefoon?: string; readonly Email?: string };
  readonly BetrokkeneGeinformeerd?: boolean;
}

/** Who gave a consent, in which capacity (the registering party's reference for the person stays with it). */
export type ConsentGiverCapacity = 'child' | 'custodial-parent' | 'guardian' | 'representative';

/**
 * ConsentNotice, status active: a consent (or an objection) registered through POST /v1/consents, as
 * the receiving party needs it (schemas/lokaal/ConsentNotice.schema.json). Parties are named by their
 * id in the party registry; the adapter looks up their names and identifiers.
 */
export interface ConsentNoticeActive {
  readonly consentId: string;
  readonly status: 'active';
  readonly kind: 'permit' | 'objection';
  readonly child: { readonly bsn: string };
  readonly givers: readonly { readonly capacity: ConsentGiverCapacity }[];
  readonly givenOn: string;
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly purposes: readonly string[];
  readonly receivers: { readonly parties?: readonly string[]; readonly roles?: readonly string[] };
  readonly messageTypes?: readonly string[];
  readonly dataCategories?: readonly string[];
  readonly evidence: { readonly reference: string };
  /** The registering party's id (the custodian of the consent and of its evidence). */
  readonly registeredBy: string;
  /** When it was registered (ISO 8601). */
  readonly recordedAt: string;
  /** The sector articles of the rules that ask this consent or objection, e.g. "Jw 7.3.11 lid 1". */
  readonly legalBases: readonly string[];
}

/** ConsentNotice, status revoked: the consent id and the moment only (the receiver has the rest). */
export interface ConsentNoticeRevoked {
  readonly consentId: string;
  readonly status: 'revoked';
  readonly revokedAt: string;
}

export type ConsentNotice = ConsentNoticeActive | ConsentNoticeRevoked;
