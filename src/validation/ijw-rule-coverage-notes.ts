// Where the iJw 3.2 rules that neither rule registry holds are enforced, or why the gateway cannot
// decide them: the hand-written half of docs/ijw-rule-coverage.md (scripts/generate-rule-coverage.ts
// joins it with the registries, src/validation/ijw-rules.ts and src/care-path/process-rules.ts, and
// with the rule files in ../shared/reference/ijw-3.2/regels/). Each note is read from the rule's own
// text. A rule that is decidable from the message or from earlier messages and is not enforced is a
// gap, said as such.
//
// Data only: nothing at run time reads it.

/** How the gateway stands to a rule. */
export type CoverageKind =
  /** The XSD, and so the JSON Schema generated from it, enforces it (facet, required element, fixed value). */
  | 'schema'
  /** A cross-field rule of one message (src/validation/ijw-rules.ts). */
  | 'cross-field'
  /** A process rule of the care path that refuses a message (src/care-path/process-rules.ts). */
  | 'process-refusal'
  /** A process rule of the care path that the watchdog signals (a term without a retourcode). */
  | 'process-signal'
  /** A bedrijfsregel carried out by the rules it names (each with a row of its own). */
  | 'carried-out'
  /** Holds by the gateway's design or configuration, not by a rule-specific check. */
  | 'policy'
  /** Not decidable by the gateway: it needs data only the parties hold, or a judgement or agreement outside the messages. */
  | 'not-decidable'
  /** A duty on how a party processes or answers messages, not a property of a message the gateway could refuse. */
  | 'party-duty'
  /** Decidable from the message or from messages the gateway has seen, and not yet enforced. */
  | 'gap';

export interface CoverageNote {
  readonly kind: CoverageKind;
  /** Where it is enforced, or why not; the rule's own words where they decide it. */
  readonly where: string;
  /** The rules that carry it out or cover part of it (codes with rows of their own). */
  readonly via?: readonly string[];
  /** The test that proves it (repository path); the generator checks that the file names the code. */
  readonly test?: string;
}

const SCHEMA_RULES_TEST = 'tests/unit/ijw-schema-rules.test.ts';
const VALIDATOR_TEST = 'tests/unit/message-validator.test.ts';
/** The bedrijfsregels carried out by cross-field rules, each broken as it says. */
const CARRIED_TEST = 'tests/unit/ijw-rules-carried.test.ts';
/** The process-rule cases (in memory and through the HTTP API), also those of bedrijfsregels the care path carries out. */
const PROCESS_CASES = 'tests/support/process-rule-cases.ts';
/** The rules the gateway holds by design or configuration, through the HTTP API. */
const GATEWAY_RULES_TEST = 'tests/integration/ijw-gateway-rules-api.test.ts';

/** The restricties (RS): facets of the basisschema's simple types, one note per code. */
const restriction = (facet: string): CoverageNote => ({ kind: 'schema', where: `XSD facet, kept in the JSON Schema: ${facet}`, test: SCHEMA_RULES_TEST });

export const COVERAGE_NOTES: Readonly<Record<string, CoverageNote>> = {
  // Constraints the XSDs enforce (the validator names the rule on the schema error).
  CS015: { kind: 'schema', where: 'JSON Schema: Header/BerichtSubversie const 2 (XSD fixed value); the schema error is reported as CS015', test: VALIDATOR_TEST },
  CS025: { kind: 'schema', where: 'JSON Schema: Header/BerichtVersie const 3 (XSD fixed value); the schema error is reported as CS025', test: VALIDATOR_TEST },
  CS319: { kind: 'schema', where: 'JSON Schema: pattern of JW323 Declaratie/DeclaratieNummer (letters and digits); the schema error is reported as CS319', test: VALIDATOR_TEST },

  // Restricties
  RS001: restriction('minimum 0 on every integer type (LDT_Nummer, LDT_Volume, LDT_Bedrag, LDT_Huisnummer, …)'),
  RS002: restriction('maximum 99 (LDT_BerichtVersie, LDT_BerichtSubversie, LDT_RelatieVolgorde)'),
  RS004: restriction('maximum 99999 (LDT_Huisnummer)'),
  RS005: restriction('maximum 99999999 (LDT_Volume, LDT_Budget, LDT_Bedrag)'),
  RS006: restriction('maximum 999999999 (LDT_Nummer)'),
  RS008: restriction('maxLength 1 (LDT_Geslacht, LDT_DatumGebruik, LDT_Communicatievorm, …)'),
  RS009: restriction('maxLength 2 (LDT_JuridischeStatus, LDT_AdresSoort, LDT_SoortRelatie, …)'),
  RS010: restriction('maxLength 3 (LDT_BerichtCode)'),
  RS011: restriction('maxLength 4 (LDT_RetourCode, LDT_HuisnummerToevoeging, LDT_Landnummer, LDT_Gemeente)'),
  RS012: restriction('maxLength 5 (LDT_ProductCode)'),
  RS013: restriction('maxLength 6 (LDT_Voorletters)'),
  RS014: restriction('maxLength 8 (LDT_AgbCode, LDT_Postcode)'),
  RS015: restriction('maxLength 9 (LDT_BurgerServicenummer)'),
  RS016: restriction('maxLength 10 (LDT_Voorvoegsel)'),
  RS017: restriction('maxLength 12 (LDT_IdentificatieBericht, LDT_IdentificatieDeclaratie)'),
  RS018: restriction('maxLength 15 (LDT_Telefoonnummer)'),
  RS019: restriction('maxLength 20 (LDT_Persoonsid, LDT_ReferentieNummer)'),
  RS020: restriction('maxLength 24 (LDT_Straatnaam)'),
  RS021: restriction('maxLength 25 (LDT_Taal)'),
  RS023: restriction('maxLength 35 (LDT_Organisatienaam)'),
  RS024: restriction('maxLength 36 (LDT_Referentie)'),
  RS025: restriction('maxLength 64 (LDT_NaamVerwijzer)'),
  RS026: restriction('maxLength 80 (LDT_Plaatsnaam, LDT_Emailadres)'),
  RS028: restriction('maxLength 200 (LDT_Naam)'),
  RS031: restriction('LDT_Commentaar: minLength 1 and a pattern that needs a non-blank character'),
  RS032: restriction('LDT_Datum: pattern YYYY-MM-DD without a time zone (plus the ijw-date format)'),
  RS033: restriction('every string type refuses the empty string (minLength 1, a non-blank pattern, or a code list)'),
  RS034: restriction('LDT_Tijd: pattern hh:mm:ss without a time zone (plus the ijw-time format)'),
  RS035: restriction('LDT_Gemeente: pattern of 4 digits'),
  RS036: restriction('LDT_AgbCode: pattern of 8 digits'),
  RS037: restriction('LDT_BurgerServicenummer: pattern of 9 digits'),
  RS040: restriction('maximum 999999999999 (LDT_TotaalBedrag)'),
  RS045: restriction('LDT_Voorletters: letters only, no dots or spaces'),
  RS046: restriction('LDT_Telefoonnummer: digits only'),
  RS047: restriction("each message's Header/BerichtCode has its one code as pattern (436 for JW301, …)"),
  RS048: restriction('LDT_Versie: three whole numbers separated by dots'),

  // Technische regels in neither registry
  TR381: {
    kind: 'not-decidable',
    where: 'Needs "de gehanteerde productcodelijst": the product code list the gemeente and aanbieder use (national or regional, agreed in their contract); the gateway holds none.',
  },

  // Bedrijfsregels
  OP001: { kind: 'not-decidable', where: "A registration duty in the gemeente's client administration (who holds gezag); no message field says whether a person holds gezag." },
  OP002x1: { kind: 'carried-out', where: 'The exception to OP002: a JW301 without a Relatie is not signalled when a VOT of the aanbieder for the child said GezagsdragerBekend 1.', via: ['OP002'], test: 'tests/support/process-rule-cases.ts' },
  OP002x2: { kind: 'not-decidable', where: 'A Relatie has no BSN or other identifier, so the gateway cannot tell that a Relatie is the client.' },
  OP003: { kind: 'not-decidable', where: "A (zorg)professional's judgement of the client's safety, outside the messages." },
  OP011: { kind: 'carried-out', where: 'A JW305 StartProduct Begindatum may not lie after the Dagtekening (TR134); the actual start itself is known only to the aanbieder.', via: ['TR134'], test: CARRIED_TEST },
  OP033: { kind: 'carried-out', where: 'StatusAanlevering 1 or 3 only (CS058), a deletion (3) needs the earlier delivery (TR063), a first delivery (1) a new key (TR074).', via: ['CS058', 'TR063', 'TR074'], test: PROCESS_CASES },
  OP033x1: { kind: 'party-duty', where: 'A change of a toewijzing is a new JW301; the receiver takes the most recent Toewijzingsdatum/Toewijzingstijd as leading. Nothing in one message to refuse.' },
  OP033x2: { kind: 'carried-out', where: 'StatusAanlevering 2 is refused by CS058 (JW305, JW307; no other message has StatusAanlevering).', via: ['CS058'], test: CARRIED_TEST },
  OP039: { kind: 'party-duty', where: 'A permission to send client data as the sender administers them (outside the logical keys); nothing to refuse.' },
  OP043: { kind: 'not-decidable', where: "Needs the gemeente's PGB administration; a PGB is not in any iJw message." },
  OP047: { kind: 'policy', where: 'A permission the gateway uses: a message that fails its XSD-derived schema or a rule in this table is refused as a whole.', test: GATEWAY_RULES_TEST },
  OP071: { kind: 'carried-out', where: 'Within one JW301, Relatie Nummer is unique (TR101). That the number never changes across messages is not decidable: a Relatie has no other identifier.', via: ['TR101'], test: CARRIED_TEST },
  OP076: { kind: 'schema', where: 'JSON Schema: Relatie requires Soort (JW301). Whether a contact person is necessary for communication is not decidable.', test: SCHEMA_RULES_TEST },
  OP079: { kind: 'schema', where: 'JSON Schema: the Client class of every message that has one requires Bsn (LDT_BurgerServicenummer; JW319 carries no client, it refers to the request), and CS002 checks the 11-proef.', via: ['CS002'], test: SCHEMA_RULES_TEST },
  OP080: { kind: 'party-duty', where: 'A duty on the receiving parties (no meaning to arrival time or order); not a property of a message.' },
  OP086: { kind: 'carried-out', where: 'A start or stop needs a toewijzing (TR019) and a declaration a toewijzing (TR338).', via: ['TR019', 'TR338'], test: PROCESS_CASES },
  OP090x2: {
    kind: 'policy',
    where: 'The gateway answers every submission synchronously: a message that cannot be parsed far enough for a retour gets a problem+json answer, which is the report outside the berichtenverkeer.',
    test: GATEWAY_RULES_TEST,
  },
  OP091: { kind: 'schema', where: 'JSON Schema: every Contact requires Soort (LDT_AdresSoort).', test: SCHEMA_RULES_TEST },
  OP095: { kind: 'party-duty', where: 'A duty on whoever refuses a message; not a property of a message.' },
  OP130: { kind: 'carried-out', where: 'JSON Schema: Relatie requires Naam and Contact; TR006: a Contact has Telefoon, or Huis and Postcode.', via: ['TR006'], test: SCHEMA_RULES_TEST },
  OP179: {
    kind: 'policy',
    where: 'gateway.bodyLimitBytes (default 1 MiB, so stricter than 25 MB) refuses a larger body with 413 payload-too-large. A JW323 between 1 MiB and 25 MB needs a higher limit in the configuration.',
    test: GATEWAY_RULES_TEST,
  },
  OP186: { kind: 'not-decidable', where: 'Needs the agreement (overeenstemming) between gemeente and aanbieder, made outside the messages.' },
  OP191: { kind: 'not-decidable', where: 'Advice to keep free text to a minimum; a judgement, not a limit (the schema bounds Commentaar at 4000 characters).' },
  OP192: { kind: 'schema', where: 'The XML codec validates against the official XSDs and the JSON form against the schemas generated from them.', test: GATEWAY_RULES_TEST },
  OP252: { kind: 'carried-out', where: 'Geboortedatum carries DatumGebruik, and CS139 checks that it agrees with Datum.', via: ['CS139'], test: CARRIED_TEST },
  OP254: { kind: 'schema', where: "JSON Schema: an aanbieder's Afzender/Ontvanger is LDT_AgbCode (8 digits); routing uses the party register. Whether the AGB-code exists needs Vektis' AGB register (not decidable).", test: GATEWAY_RULES_TEST },
  OP257: { kind: 'not-decidable', where: "A change of the care need is known to the gemeente (and aanbieder), not to the gateway." },
  OP258: { kind: 'not-decidable', where: 'The ending of a toewijzing is known to the gateway only through the JW301 this rule asks for.' },
  OP261: { kind: 'not-decidable', where: "The uitvoeringsvariant of a product is recorded in the parties' product administration; the message shows it only indirectly (Omvang, Budget)." },
  OP262: { kind: 'not-decidable', where: 'Needs the contract: the tariff agreed per time unit or per piece.' },
  OP263: { kind: 'not-decidable', where: 'Needs the contract: the agreed output tariff or amount and the definition of output.' },
  OP264: { kind: 'not-decidable', where: 'Needs the agreement on when output is declared.' },
  OP267: { kind: 'carried-out', where: "The unit fits the toewijzing (TR341); the amount is volume × tariff (TR346) or, in euro's, the volume (CS339).", via: ['TR341', 'TR346', 'CS339'], test: CARRIED_TEST },
  OP270: { kind: 'not-decidable', where: 'Needs the agreements between gemeente and aanbieder on the dates in start and stop messages.' },
  OP280: { kind: 'carried-out', where: 'JSON Schema: one DeclaratiePeriode per JW323; it is one calendar month (CS340) and no prestatie lies after it (TR319).', via: ['CS340', 'TR319'], test: SCHEMA_RULES_TEST },
  OP281: { kind: 'schema', where: 'JSON Schema: Declaratie/Clienten/Client is an array of at least one client.', test: SCHEMA_RULES_TEST },
  OP284: { kind: 'not-decidable', where: 'As TR318: whether care was delivered in every declaratieperiode is in no message.', via: ['TR318'] },
  OP286: { kind: 'policy', where: 'The gateway refuses a message with a technical fault as a whole (no part is forwarded) and tells the sender in its synchronous answer (retour or problem+json).', test: GATEWAY_RULES_TEST },
  OP295: { kind: 'carried-out', where: 'A stop needs an earlier start (TR382); a missing start after a toewijzing is signalled (KP010, the gateway\'s own).', via: ['TR382', 'KP010'], test: PROCESS_CASES },
  OP296: { kind: 'not-decidable', where: 'Needs the contract between gemeente and aanbieder.' },
  OP297: { kind: 'not-decidable', where: "Whether the verwijzer's AGB-code is known to the aanbieder is not in the message." },
  OP298: { kind: 'not-decidable', where: 'Needs the consultation with and consent of the aanbieder, outside the messages.' },
  OP299: { kind: 'not-decidable', where: 'Needs the consultation with and consent of the aanbieder, outside the messages (the exception, a change asked for by a VOW, is visible, the consent is not).' },
  OP303: { kind: 'carried-out', where: 'The JW325 totals explain the rejected prestaties (TR342); each prestatie answered relates to and repeats a declared one (TR366, TR367).', via: ['TR342', 'TR366', 'TR367'], test: PROCESS_CASES },
  OP304: {
    kind: 'carried-out',
    where: 'TR342: a JW325 lists only rejected prestaties (one whose RetourCodes hold only 0200 is refused) and its totals explain them; a client is listed only with its prestaties.',
    via: ['TR342'],
    test: CARRIED_TEST,
  },
  OP305: { kind: 'not-decidable', where: 'Needs the contract: whether the product is contracted in pieces on an inspanning basis.' },
  OP306: { kind: 'carried-out', where: 'A VOW lists every current toewijzing (TR349) and relates to current ones (TR350, TR351).', via: ['TR349', 'TR350', 'TR351'], test: PROCESS_CASES },
  OP308: { kind: 'carried-out', where: 'A VOW holds the complete desired situation: every current toewijzing is listed (TR349).', via: ['TR349'], test: PROCESS_CASES },
  OP343: { kind: 'not-decidable', where: '"Tijdig": the time the gemeente reasonably needs is a judgement, not a term.' },
  OP347: {
    kind: 'carried-out',
    where: 'Stapeling of requests: a new request while one is pending is refused (TR374); within one request the same product twice in overlapping periods is refused (TR386 for a VOT, TR410 and TR361 for a VOW, TR361 also against the toewijzingen it lists); a VOT for a product and period with a current toewijzing is signalled (OP307). A gemeente that receives a stacked request answers it with JW319 RedenAfwijzingVerzoek 6 (stapeling), its own judgement.',
    via: ['TR374', 'TR386', 'TR410', 'TR361', 'OP307'],
    test: PROCESS_CASES,
  },
  OP354: { kind: 'carried-out', where: 'A prestatie lies in the current or an earlier declaratieperiode (TR319).', via: ['TR319'], test: CARRIED_TEST },
  OP364: { kind: 'policy', where: 'The JW323 process rules read the toewijzingen only, never start or stop messages, so a declaration is not refused for a missing or different start or stop.', test: PROCESS_CASES },
  OP365: {
    kind: 'carried-out',
    where: "Fit with the toewijzing: each prestatie within the Omvang of its period (TR321), all of them within the Omvang over the toewijzing's duration (TR322) or within its Budget (TR369), in the Eenheid the toewijzing names (TR341). Fit with the contract (gecontracteerde afspraken) is not decidable: the gateway holds no contracts.",
    via: ['TR321', 'TR322', 'TR369', 'TR341'],
    test: PROCESS_CASES,
  },
  OP367: { kind: 'carried-out', where: 'CS337: a ProductPeriode ends in the calendar month it begins in.', via: ['CS337'], test: CARRIED_TEST },
  OP379: { kind: 'carried-out', where: 'A permission: TR326 refuses a start only while an earlier start is current, so a start after a stop passes.', via: ['TR326'], test: PROCESS_CASES },
};

/**
 * Rules the care path's registry marks not-checked that are decidable from messages the gateway has
 * seen: the table counts them as gaps (the registry's own reason is shown too). The generator refuses
 * a code here that the registry does not mark not-checked.
 */
export const PROCESS_RULE_GAPS: Readonly<Record<string, string>> = {
};

/**
 * Rules the care path's registry marks not-checked that the gateway cannot decide (the registry's
 * reason says why); every not-checked process rule is in this list or in PROCESS_RULE_GAPS.
 */
export const PROCESS_RULE_UNDECIDABLE: readonly string[] = ['TR318', 'TR418', 'OP271'];
