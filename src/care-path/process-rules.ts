// The process rules of the care path, in one declarative place: every iJw 3.2 rule that needs earlier
// messages (technische regels "berichtoverstijgend" and the bedrijfsregels that rest on them), each
// with its WJ001 retourcode, what the gateway checks, and whether the gateway enforces it (a refusal
// with that retourcode, or only a warning in "warn" mode), watches it (a signal from the watchdog, for
// terms without a retourcode), or cannot check it (and why). The rules themselves are in
// evaluate-message.ts and report by these codes; a conformance table can list this registry as it is.
//
// Sources: ../shared/reference/ijw-3.2/regels/technische-regels/TR*.md (Controleniveau
// "berichtoverstijgend"), regels/bedrijfsregels/OP*.md, codelijsten/WJ001_Retourcode.md, and the
// procesbeschrijving iJw 3.2. The condities and constraints (CD/CS) all concern one message; none
// needs an earlier one (they are in src/validation/ijw-rules.ts).

import { GatewayError } from '../kernel/gateway-error.ts';

export type Enforcement =
  /** Checked on every message; a violation refuses it (strict) or is reported (warn). */
  | 'refusal'
  /** A term without a retourcode: the watchdog raises a signal when it passes. */
  | 'signal'
  /** Not checked by the gateway (the reason says why). */
  | 'not-checked';

export interface ProcessRule {
  /** The iJw rule code (TR…, OP…), or KP… for a rule of the gateway's own with its source. */
  readonly code: string;
  /** The WJ001 retourcode the rule names; absent where the rule has none (n.v.t.). */
  readonly retourcode?: string;
  readonly messageTypes: readonly string[];
  /** The rule as the iJw publication words it. */
  readonly text: string;
  /** What exactly the gateway checks. */
  readonly check: string;
  readonly enforcement: Enforcement;
  /**
   * The earlier message the rule needs may predate the gateway (migration): when the gateway never saw
   * the path from its beginning, a violation is a warning, never a refusal (see design-care-paths.md).
   */
  readonly migration: boolean;
  /** For a bedrijfsregel: the rules that carry it out. */
  readonly via?: readonly string[];
  readonly reason?: string;
}

const REGIE = ['JW305', 'JW307'] as const;

export const PROCESS_RULES: readonly ProcessRule[] = [
  // Every heen message
  {
    code: 'TR056', retourcode: '9056', messageTypes: ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319', 'JW323', 'JW325'],
    text: 'Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.',
    check: 'No earlier message of the same type from the same Afzender carried this BerichtIdentificatie/Identificatie.',
    enforcement: 'refusal', migration: false,
  },
  // Retours (rules of the gateway's own, from the process description)
  {
    code: 'KP001', messageTypes: ['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320'],
    text: 'Na ontvangst van een heenbericht stuurt de ontvanger altijd binnen drie werkdagen een retourbericht (procesbeschrijving iJw 3.2 §2.5.3, §3.3.3, §3.4.1, §4.3.2, §4.4.1).',
    check: 'A heen message gets one retour: a second retour for the same heen message is refused.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'KP002', messageTypes: ['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320'],
    text: 'Het retourbericht wordt gestuurd door de ontvanger van het heenbericht, aan de verzender ervan (procesbeschrijving iJw 3.2; domain.md §1.3).',
    check: 'Only the party the heen message was delivered to may send its retour (also enforced by the retour pairing).',
    enforcement: 'refusal', migration: false,
  },
  // Verzoek om toewijzing / wijziging
  {
    code: 'TR347', retourcode: '9347', messageTypes: ['JW315', 'JW317'],
    text: 'ReferentieAanbieder is uniek voor de aanbieder binnen het wettelijk domein.',
    check: 'The aanbieder never used this ReferentieAanbieder in an earlier JW315 or JW317.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR374', retourcode: '9374', messageTypes: ['JW315', 'JW317'],
    text: 'Een verzoek mag alleen worden verstuurd als er geen onderhanden verzoek is voor de betreffende client van dezelfde aanbieder.',
    check: 'The aanbieder has no request for this child at this gemeente that is still open or in onderzoek (not yet answered with a JW301 or a JW319 VerzoekAntwoord 1).',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR349', retourcode: '9349', messageTypes: ['JW317'],
    text: 'Het verzoek om wijziging bericht bevat alle actuele ToegewezenProducten van de client.',
    check: 'Every toewijzing of the child for this aanbieder that is current on the Dagtekening (not removed, Einddatum empty or not before it) is listed as OngewijzigdProduct or TeWijzigenProduct. Checked once the path\'s toewijzingen are known (a JW301 or JW317 went through).',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR350', retourcode: '9350', messageTypes: ['JW317'],
    text: 'Ieder OngewijzigdProduct in een verzoek om wijziging bericht is gerelateerd aan een actueel toegewezen product op basis van het ToewijzingNummer.',
    check: 'Each OngewijzigdProduct/ToewijzingNummer is a current toewijzing of this child from this gemeente to this aanbieder.',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR351', retourcode: '9351', messageTypes: ['JW317'],
    text: 'Ieder TeWijzigenProduct in een verzoek om wijziging is gerelateerd aan een actueel ToegewezenProduct op basis van ToewijzingNummer.',
    check: 'Each TeWijzigenProduct/ToewijzingNummer is a current toewijzing of this child from this gemeente to this aanbieder.',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR357', retourcode: '9357', messageTypes: ['JW317'],
    text: 'Als GewensteIngangsdatum kleiner dan of gelijk is aan de dagtekening, dan is GewensteIngangsdatum gelijk aan ingangsdatum van het originele ToegewezenProduct.',
    check: 'A TeWijzigenProduct whose GewensteIngangsdatum is on or before the Dagtekening has the Ingangsdatum of its toewijzing.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR373', retourcode: '9373', messageTypes: ['JW317'],
    text: 'Indien in een TeWijzigenProduct het Budget of het totaal over toewijzingsperiode wordt gewijzigd, dient GewensteIngangsdatum gelijk te zijn aan de actuele toewijzing.',
    check: 'A TeWijzigenProduct that changes the Budget, or the Volume of an Omvang with Frequentie 6 (totaal binnen geldigheidsduur), has the Ingangsdatum of its toewijzing as GewensteIngangsdatum.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR375', retourcode: '9375', messageTypes: ['JW317'],
    text: 'Indien Product in de toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of leeg is, dan leeg laten.',
    check: 'A TeWijzigenProduct has no Omvang when its toewijzing has no Product and an Einddatum after 2020-12-31 or none.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR411', retourcode: '9411', messageTypes: ['JW317'],
    text: 'Indien Code in Product bij de toewijzing met ToewijzingNummer gevuld is, dan Omvang verplicht vullen.',
    check: 'A TeWijzigenProduct has an Omvang when its toewijzing has a Product/Code.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR412', retourcode: '9412', messageTypes: ['JW317'],
    text: 'Indien Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan 31-12-2020 of leeg is, dan leeg laten.',
    check: 'A TeWijzigenProduct has no Omvang when its toewijzing has no Product/Code and an Einddatum after 2020-12-31 or none.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR361', retourcode: '9361', messageTypes: ['JW317'],
    text: 'Een Product mag alleen vaker in verzoek om wijziging voorkomen als de zorgperiodes elkaar niet overlappen.',
    check: 'Not checked yet across messages: needs the products and periods of the listed toewijzingen merged with the new ones (the part inside one message, NieuwProduct against NieuwProduct, is TR410).',
    enforcement: 'not-checked', migration: false, reason: 'left for a later step; TR410 covers the new products among themselves',
  },
  // Antwoordbericht
  {
    code: 'TR355', retourcode: '9355', messageTypes: ['JW319'],
    text: 'ReferentieAanbieder in het antwoordbericht komt voor in een eerder verzoek om toewijzing of verzoek om wijziging.',
    check: 'A JW315 or JW317 from the Ontvanger (aanbieder) to the Afzender (gemeente) carried this ReferentieAanbieder.',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR359', retourcode: '9359', messageTypes: ['JW319'],
    text: 'Als een antwoordbericht wordt verstuurd, mag er niet al eerder een toewijzingsbericht gestuurd zijn met dezelfde ReferentieAanbieder.',
    check: 'The request was not honoured already by a JW301 carrying its ReferentieAanbieder.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR360', retourcode: '9360', messageTypes: ['JW319'],
    text: 'Een antwoordbericht met in VerzoekAntwoord de waarde 2 (Aanvraag in onderzoek), mag alleen gestuurd worden indien er nog geen antwoordbericht is met deze ReferentieAanbieder.',
    check: 'A JW319 with VerzoekAntwoord 2 is the first JW319 for its ReferentieAanbieder.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR365', retourcode: '9365', messageTypes: ['JW319'],
    text: 'Als er al een antwoordbericht is met dezelfde ReferentieAanbieder dan moet VerzoekAntwoord daar de waarde 2 (Aanvraag in onderzoek) hebben.',
    check: 'No earlier JW319 for the ReferentieAanbieder refused the request (VerzoekAntwoord 1).',
    enforcement: 'refusal', migration: false,
  },
  // Toewijzing
  {
    code: 'TR332', retourcode: '9332', messageTypes: ['JW301'],
    text: 'Ieder ToegewezenProduct binnen één gemeente heeft een uniek nummer per wettelijk domein.',
    check: 'A ToewijzingNummer the gemeente used before names the same toegewezen product: the same child, aanbieder and Product (a resend or change of it is fine).',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR379', retourcode: '9379', messageTypes: ['JW301'],
    text: 'Indien ToegewezenProduct wordt verstuurd ter honorering van een VOT of VOW, dient ReferentieAanbieder te worden gevuld met ReferentieAanbieder uit die VOT of VOW, anders leeglaten.',
    check: 'A new ToegewezenProduct (first time its ToewijzingNummer is sent) with a ReferentieAanbieder honours a JW315 or JW317 of this aanbieder for this child at this gemeente.',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR385', retourcode: '9385', messageTypes: ['JW301'],
    text: 'Indien de toewijzing goedgekeurde (niet gecrediteerde) prestatiesregels met gelijk ToewijzingNummer heeft, is het niet toegestaan deze toewijzing te verwijderen met RedenWijziging waarde 13 (verwijderd).',
    check: 'A toewijzing removed with RedenWijziging 13 has no debit prestatie that a JW325 answered without rejecting it and that no credit undid.',
    enforcement: 'refusal', migration: false,
  },
  // Start en stop (regieberichten)
  {
    code: 'TR019', retourcode: '9019', messageTypes: REGIE,
    text: 'Bij een output- of inspanningsgerichte werkwijze moet de melding van de start of de stop van de ondersteuning gerelateerd zijn aan een toewijzing op basis van het ToewijzingNummer.',
    check: 'A StartProduct or StopProduct with a ToewijzingNummer (StatusAanlevering 1) names a toewijzing of this gemeente for this child and this aanbieder that was not removed (RedenWijziging 13).',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR063', retourcode: '9063', messageTypes: REGIE,
    text: 'Indien StatusAanlevering de waarde 3 (aanlevering verwijderen) bevat, dan moet voor de betreffende Client een eerdere aanlevering met dezelfde logische sleutel verstuurd zijn.',
    check: 'A removal (StatusAanlevering 3) matches a current start (ToewijzingNummer, Product, Begindatum) or stop (also Einddatum and RedenBeeindiging) sent earlier for this child.',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR071', retourcode: '9071', messageTypes: ['JW305'],
    text: "StatusAanlevering mag niet de waarde '3' bevatten als er voor de betreffende melding start zorg al een stop zorg is verstuurd.",
    check: 'A start is not removed while a current stop refers to it.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR074', retourcode: '9074', messageTypes: REGIE,
    text: "Indien StatusAanlevering de waarde '1' bevat, dan moet de sleutel van de betreffende aanlevering niet alleen uniek zijn binnen het bericht zelf, maar ook in combinatie met alle reeds ontvangen berichten.",
    check: 'No current start (or stop) with the same logical key was received before.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR326', retourcode: '9326', messageTypes: ['JW305'],
    text: 'Een Startbericht mag pas verstuurd worden als er géén actueel Startbericht bij een ToegewezenProduct is.',
    check: 'The toewijzing has no current start without a stop (a stop, also a tijdelijke, ends it; OP379).',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR382', retourcode: '9069', messageTypes: ['JW307'],
    text: 'De sleutelelementen uit het startbericht moeten in het stopbericht, waarin wordt aangegeven dat de betreffende levering (tijdelijk) beeindigd wordt, ongewijzigd worden overgenomen.',
    check: 'A stop (StatusAanlevering 1) names a current start with the same ToewijzingNummer, Product and Begindatum (WJ001 9069: geen actueel startbericht met dezelfde sleutel).',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR413', retourcode: '9413', messageTypes: ['JW307'],
    text: 'Als er al een StopProduct voor hetzelfde Bsn, ToewijzingNummer, Begindatum en met RedenBeeindiging waarde 20 is, dan moet RedenBeeindiging <> aan waarde 20 zijn, indien StatusAanlevering waarde 1 of 2 heeft.',
    check: 'A second tijdelijke stop (RedenBeeindiging 20) for the same start is refused: after a tijdelijke stop only a definitieve stop may follow without a new start (OP377, OP378).',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR414', retourcode: '9414', messageTypes: ['JW307'],
    text: 'Als er al een StopProduct voor hetzelfde Bsn, ToewijzingNummer en Begindatum is, dan moet Einddatum >= zijn aan Einddatum uit actuele StopProduct.',
    check: 'A stop for a start that already has a current stop ends on or after that stop\'s Einddatum: a definitieve stop does not end before the tijdelijke one.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR415', retourcode: '9415', messageTypes: ['JW307'],
    text: 'Er mag geen StopProduct zijn met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20, indien StatusAanlevering waarde 1 of 2 heeft.',
    check: 'No stop follows a definitieve stop (RedenBeeindiging other than 20) of the same start.',
    enforcement: 'refusal', migration: false,
  },
  // Declaratie
  {
    code: 'TR333', retourcode: '9333', messageTypes: ['JW323'],
    text: 'DeclaratieNummer van de Declaratie moet uniek zijn voor de aanbieder binnen het wettelijk domein waarop de Declaratie betrekking heeft.',
    check: 'The aanbieder never used this DeclaratieNummer before.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR314', retourcode: '8021', messageTypes: ['JW323'],
    text: 'ReferentieNummer van de Prestatie moet uniek zijn voor de aanbieder binnen het wettelijk domein waarop de Prestatie betrekking heeft, zowel binnen één bericht als berichtoverstijgend.',
    check: 'The aanbieder never used this ProductReferentie/ReferentieNummer before, in an earlier JW323 or earlier in this one.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR338', retourcode: '9338', messageTypes: ['JW323'],
    text: 'De Prestatie is gerelateerd aan een ToegewezenProduct op basis van het Toewijzingnummer.',
    check: 'The prestatie\'s ToewijzingNummer names a toewijzing of this gemeente to this aanbieder.',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR304', retourcode: '8187', messageTypes: ['JW323', 'JW325'],
    text: 'Bsn moet overeenkomen met Bsn van een Client.',
    check: 'JW323: the prestatie\'s toewijzing is one of this Client (same child). JW325: the prestatie was declared for this Client in the JW323.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR384', retourcode: '9384', messageTypes: ['JW323'],
    text: 'Het is niet toegestaan te declareren op een toewijzing met RedenWijziging waarde "13" (Verwijderd).',
    check: 'The prestatie\'s toewijzing was not removed with RedenWijziging 13.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR307', retourcode: '9307', messageTypes: ['JW323'],
    text: 'Begindatum in ProductPeriode in Prestatie moet groter dan of gelijk zijn aan Ingangsdatum in ToegewezenProduct.',
    check: 'ProductPeriode/Begindatum is on or after the toewijzing\'s Ingangsdatum (OP279, OP368).',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR308', retourcode: '9308', messageTypes: ['JW323'],
    text: 'Einddatum in ProductPeriode in Prestatie moet kleiner dan of gelijk zijn aan Einddatum in ToegewezenProduct, indien die gevuld is.',
    check: 'ProductPeriode/Einddatum is on or before the toewijzing\'s Einddatum, if it has one.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR339', retourcode: '9339', messageTypes: ['JW323'],
    text: 'ProductCategorie in Prestatie moet gelijk zijn aan ProductCategorie in het ToegewezenProduct indien deze opgenomen is.',
    check: 'When the toewijzing has a Product/Categorie, the prestatie\'s ProductCategorie equals it.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR340', retourcode: '9340', messageTypes: ['JW323'],
    text: 'ProductCode in Prestatie moet gelijk zijn aan ProductCode in het ToegewezenProduct, indien deze opgenomen is.',
    check: 'When the toewijzing has a Product/Code, the prestatie\'s ProductCode equals it.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR341', retourcode: '9341', messageTypes: ['JW323'],
    text: 'Eenheid in Prestatie moet passen bij Eenheid in het ToegewezenProduct.',
    check: 'For a specific toewijzing (with an Omvang), the prestatie\'s Eenheid equals the toewijzing\'s, or is 01 (minuut) where the toewijzing has 04 (uur). Aspecific and generic toewijzingen follow the contract, which the gateway does not know.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR387', retourcode: '9387', messageTypes: ['JW323'],
    text: 'De Begindatum van een ProductPeriode is altijd de eerste dag van de kalendermaand waarop de ProductPeriode betrekking heeft tenzij de Ingangsdatum van de toewijzing later in de betreffende maand ligt.',
    check: 'ProductPeriode/Begindatum is the first day of its month, or the toewijzing\'s Ingangsdatum when that lies later in the same month.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR388', retourcode: '9388', messageTypes: ['JW323'],
    text: 'De Einddatum van een ProductPeriode is altijd de laatste dag van de kalendermaand waarop de ProductPeriode betrekking heeft tenzij de Einddatum van de toewijzing eerder in de betreffende maand ligt.',
    check: 'ProductPeriode/Einddatum is the last day of its month, or the toewijzing\'s Einddatum when that lies earlier in the same month.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR323', retourcode: '8017', messageTypes: ['JW323'],
    text: 'Een credit Prestatie moet gerelateerd zijn aan een eerder verzonden (goedgekeurde) debet Prestatie op basis van sleutelvelden.',
    check: 'A credit prestatie\'s VorigReferentieNummer is the ReferentieNummer of an earlier debit prestatie of this aanbieder that no JW325 rejected.',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR389', retourcode: '9389', messageTypes: ['JW323'],
    text: 'Prestatie met DebetCredit in IngediendBedrag waarde Debet mag alleen ingezonden worden voor dezelfde ProductPeriode, ProductCategorie en ProductCode met gelijk ToewijzingNummer als er niet al eerder een debetprestatie is verzonden.',
    check: 'No earlier debit prestatie (not rejected) for the same ProductPeriode, ProductCategorie, ProductCode and ToewijzingNummer exists without a credit undoing it (OP366).',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR390', retourcode: '9390', messageTypes: ['JW323'],
    text: 'DebetCredit mag alleen waarde Credit hebben indien voor Prestatie met gelijk ProductReferentie niet een Prestatie met Credit bestaat.',
    check: 'The debit a credit prestatie undoes was not credited before (OP360).',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR318', retourcode: '8214', messageTypes: ['JW323'],
    text: 'Indien iedere DeclaratiePeriode zorg is geleverd, moet DeclaratiePeriode de kalendermaand volgend op voorgaande DeclaratiePeriode zijn.',
    check: 'Not checked: whether care was delivered in every period is not in the messages.',
    enforcement: 'not-checked', migration: false, reason: 'depends on whether care was delivered in each period, which no message states',
  },
  {
    code: 'TR321', retourcode: '9321', messageTypes: ['JW323'],
    text: 'Indien in het ToegewezenProduct een Omvang is meegegeven, moet GeleverdVolume in de Prestatie passen binnen Volume in het ToegewezenProduct.',
    check: 'Not checked yet: the conversion of Eenheid and Frequentie onto a ProductPeriode is partly contractual (uur/minuut, dagdeel, per week in a month).',
    enforcement: 'not-checked', migration: false, reason: 'left for a later step (unit and frequency conversion)',
  },
  {
    code: 'TR322', retourcode: '9322', messageTypes: ['JW323'],
    text: 'Indien in het ToegewezenProduct een Omvang is meegegeven, moet de som van GeleverdVolume in alle ingediende Prestaties die betrekking hebben op dat ToegewezenProduct passen binnen de toegewezen Omvang.',
    check: 'Not checked yet (as TR321, summed over the toewijzing\'s whole period).',
    enforcement: 'not-checked', migration: false, reason: 'left for a later step (unit and frequency conversion)',
  },
  {
    code: 'TR369', retourcode: '9369', messageTypes: ['JW323'],
    text: 'Indien in het ToegewezenProduct een Budget is meegegeven, moet de som van GeleverdVolume in alle ingediende Prestaties die betrekking hebben op dat ToegewezenProduct passen binnen het toegewezen Budget.',
    check: 'Not checked yet: the sum over every prestatie of the toewijzing, credits subtracted.',
    enforcement: 'not-checked', migration: false, reason: 'left for a later step',
  },
  {
    code: 'TR418', retourcode: '0611', messageTypes: ['JW323'],
    text: 'ProductTarief in Prestatie dient overeen te komen met het contractuele tarief van ProductCode.',
    check: 'Not checked: the contract prices are not known to the gateway.',
    enforcement: 'not-checked', migration: false, reason: 'needs the contract prices (an external register)',
  },
  // Declaratie-antwoord
  {
    code: 'TR337', messageTypes: ['JW325'],
    text: 'De DeclaratieIdentificatie dient overeen te komen met de BerichtIdentificatie van een eerder ontvangen Declaratiebericht.',
    check: 'Header/DeclaratieIdentificatie (Identificatie and Dagtekening) is that of a JW323 from the Ontvanger (aanbieder) to the Afzender (gemeente). The rule has no retourcode (n.v.t.): a refusal is reported in the problem document only.',
    enforcement: 'refusal', migration: true,
  },
  {
    code: 'TR376', messageTypes: ['JW325'],
    text: 'Het DeclaratieNummer dient overeen te komen met het DeclaratieNummer van een eerder ontvangen Declaratie.',
    check: 'DeclaratieAntwoord/DeclaratieNummer is the DeclaratieNummer of the JW323 it answers.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR371', messageTypes: ['JW325'],
    text: 'Waarde moet overeenkomen met waarde van XsdVersie uit het declaratiebericht dat gerelateerd is op basis van DeclaratieIdentificatie.',
    check: 'Header/XsdVersieDeclaratie equals the XsdVersie of the JW323 it answers.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR366', retourcode: '9366', messageTypes: ['JW325'],
    text: 'Iedere Prestatie in een declaratieantwoord is gerelateerd aan een declaratiebericht op basis van ProductReferentie.',
    check: 'Each prestatie in the answer has the ReferentieNummer of a prestatie in the JW323 it answers.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR367', retourcode: '9367', messageTypes: ['JW325'],
    text: 'Waarde moet overeenkomen met waarde uit het declaratiebericht dat gerelateerd is op basis van ProductReferentie.',
    check: 'ToewijzingNummer, ProductCategorie, ProductCode, ProductPeriode, GeleverdVolume, Eenheid, ProductTarief and IngediendBedrag of each prestatie in the answer equal those declared.',
    enforcement: 'refusal', migration: false,
  },
  // Timing rules without a retourcode: the watchdog's terms (care-path-deadlines.ts)
  {
    code: 'OP090', messageTypes: ['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320'],
    text: 'Retourberichten moet binnen drie werkdagen worden verzonden.',
    check: 'Signal when a heen message has no retour 3 werkdagen after the gateway accepted it.',
    enforcement: 'signal', migration: false,
  },
  {
    code: 'OP274', messageTypes: ['JW301', 'JW319'],
    text: 'Na ontvangst van een verzoek om toewijzing stuurt de gemeente per aangevraagd product binnen 5 werkdagen ofwel een toewijzingbericht ofwel een antwoordbericht aan de aanbieder.',
    check: 'Signal when a requested product has neither a JW301 nor a JW319 5 werkdagen after the JW315.',
    enforcement: 'signal', migration: false,
  },
  {
    code: 'OP346', messageTypes: ['JW301', 'JW319'],
    text: 'Na ontvangst van een verzoek om wijziging bericht stuurt de gemeente binnen 5 werkdagen ofwel een toewijzingbericht ofwel een antwoordbericht aan de aanbieder.',
    check: 'Signal when a JW317 has neither a JW301 nor a JW319 5 werkdagen after it.',
    enforcement: 'signal', migration: false,
  },
  {
    code: 'OP359', messageTypes: ['JW319'],
    text: 'Indien een verzoek om toewijzing wordt afgewezen op basis van het woonplaatsbeginsel, dient de gemeente dit binnen de wettelijke termijn van 2 weken af te wijzen en de financieel verantwoordelijke gemeente terug te geven aan de aanbieder.',
    check: 'Signal when a request put "in onderzoek" (JW319 VerzoekAntwoord 2) has no final answer (JW301, or JW319 VerzoekAntwoord 1) 2 weeks after the request.',
    enforcement: 'signal', migration: false,
  },
  {
    code: 'OP090x4', messageTypes: ['JW325'],
    text: 'Voor ieder ontvangen declaratiebericht wordt binnen 10 werkdagen na ontvangst een declaratie-antwoordbericht verzonden.',
    check: 'Signal when a JW323 has no JW325 10 werkdagen after it.',
    enforcement: 'signal', migration: false,
  },
  {
    code: 'OP272', messageTypes: ['JW307'],
    text: 'De aanbieder verzendt een stopbericht binnen vijf werkdagen na de daadwerkelijke datum waarop de ondersteuning beëindigd is.',
    check: 'Signal when a toewijzing with a current start has passed its Einddatum (also after an intrekking) by 5 werkdagen without a definitieve stop.',
    enforcement: 'signal', migration: false,
  },
  {
    code: 'OP271', messageTypes: ['JW305'],
    text: 'De aanbieder verzendt een startbericht binnen vijf werkdagen na de daadwerkelijke datum waarop de ondersteuning gestart is.',
    check: 'The actual start date is known only from the JW305 itself; the gateway watches the configurable "no start after a toewijzing" term instead.',
    enforcement: 'not-checked', migration: false, reason: 'the actual start is not known before the start message; see the start signal',
  },
  // Care-path signals beyond the law (configurable in care-path-terms.ts)
  {
    code: 'KP010', messageTypes: ['JW305'],
    text: 'Na een toewijzing start de levering: de aanbieder meldt de start met een Startbericht (procesbeschrijving iJw 3.2 §4.3; OP271, OP295).',
    check: 'Signal when a toewijzing that stands has no start (and no stop) N werkdagen (default 10) after its Ingangsdatum, or after its arrival when that is later.',
    enforcement: 'signal', migration: false,
  },
  {
    code: 'KP011', messageTypes: ['JW317'],
    text: 'Als tijdens de levering blijkt dat een ander pakket van toegewezen producten nodig is, of de zorg langer nodig is, stuurt de aanbieder een verzoek om wijziging (OP306, OP343).',
    check: 'Signal when a toewijzing with ongoing care ends within N days (default 30) and no JW317 listed it since its Einddatum was set.',
    enforcement: 'signal', migration: false,
  },
  {
    code: 'KP012', messageTypes: ['JW301'],
    text: 'Een voortijdig beëindigde verblijfsvoorziening (uitstroom) vraagt om vervolgzorg: de gemeente wijst de vervolghulp toe.',
    check: 'Signal when care of a watched category (default 24-hour care: 43, 44 and the 2015 codes 35, 37, 38) stopped definitively with a watched reason (default JZ588 32-35) and no new toewijzing for the child came within N werkdagen (default 10), at any gemeente.',
    enforcement: 'signal', migration: false,
  },
  // Bedrijfsregels carried out by the technical rules above
  { code: 'OP072', messageTypes: ['JW307'], text: 'Pas na een melding start ondersteuning mag een aanbieder melden dat de levering beëindigd is. In het bericht moet gerefereerd worden aan de start van de levering.', check: 'See TR382 and TR019.', enforcement: 'refusal', migration: true, via: ['TR382', 'TR019'] },
  { code: 'OP155', messageTypes: ['JW307'], text: 'Een (tijdelijke) beeindiging van levering, bevat een verwijzing naar de laatste melding van de start van de levering.', check: 'See TR382.', enforcement: 'refusal', migration: true, via: ['TR382'] },
  { code: 'OP289', messageTypes: REGIE, text: 'Bij een toegewezen product kan slechts één Startbericht actueel zijn.', check: 'See TR326.', enforcement: 'refusal', migration: false, via: ['TR326'] },
  { code: 'OP363', messageTypes: REGIE, text: 'Bij een output- of inspanningsgerichte werkwijze meldt de aanbieder een start en stop van de ondersteuning van producten waarvoor een toewijzing is ontvangen.', check: 'See TR019.', enforcement: 'refusal', migration: true, via: ['TR019'] },
  { code: 'OP377', messageTypes: ['JW307'], text: 'Alleen een tijdelijke stop mag zonder tussenkomst van een startbericht gevolgd worden door een definitieve stop.', check: 'See TR413, TR414 and TR415.', enforcement: 'refusal', migration: false, via: ['TR413', 'TR414', 'TR415'] },
  { code: 'OP378', messageTypes: ['JW307'], text: 'Zonder tussenkomst van een startbericht is na een tijdelijke stop alleen een definitieve stop toegestaan.', check: 'See TR413.', enforcement: 'refusal', migration: false, via: ['TR413'] },
  { code: 'OP350', messageTypes: ['JW315', 'JW317'], text: 'Het is niet toegestaan een verzoek om wijziging of verzoek om toewijzing te sturen als een eerder verzoek nog niet is afgehandeld.', check: 'See TR374.', enforcement: 'refusal', migration: false, via: ['TR374'] },
  { code: 'OP361', messageTypes: ['JW315', 'JW317'], text: 'Iedere aanvraag krijgt een uniek referentienummer per aanbieder per wettelijk domein.', check: 'See TR347.', enforcement: 'refusal', migration: false, via: ['TR347'] },
  { code: 'OP275', messageTypes: ['JW301'], text: 'Iedere toewijzing binnen één gemeente heeft een uniek nummer per wettelijk domein.', check: 'See TR332.', enforcement: 'refusal', migration: false, via: ['TR332'] },
  { code: 'OP362', messageTypes: ['JW301'], text: 'Het verwijderen van een toewijzing mag alleen indien dit niet leidt tot verlies van rechtmatigheid van geleverde en/of gedeclareerde zorg.', check: 'See TR385.', enforcement: 'refusal', migration: false, via: ['TR385'] },
  { code: 'OP276', messageTypes: ['JW323'], text: 'De aanbieder declareert voor een client waarvoor de aanbieder een toewijzing ontvangen heeft.', check: 'See TR338 and TR304.', enforcement: 'refusal', migration: true, via: ['TR338', 'TR304'] },
  { code: 'OP279', messageTypes: ['JW323'], text: 'De aanbieder declareert een product binnen de toegewezen periode.', check: 'See TR307 and TR308.', enforcement: 'refusal', migration: false, via: ['TR307', 'TR308'] },
  { code: 'OP368', messageTypes: ['JW323'], text: 'Een productperiode valt altijd binnen de geldigheidsperiode van een toewijzing.', check: 'See TR307 and TR308.', enforcement: 'refusal', migration: false, via: ['TR307', 'TR308'] },
  { code: 'OP302', messageTypes: ['JW323'], text: 'De aanbieder declareert een zorg- of ondersteuningsproduct dat aansluit bij de toewijzing.', check: 'See TR339, TR340 and TR341.', enforcement: 'refusal', migration: false, via: ['TR339', 'TR340', 'TR341'] },
  { code: 'OP283', messageTypes: ['JW323'], text: 'Iedere prestatie krijgt een uniek nummer per aanbieder per wettelijk domein.', check: 'See TR314.', enforcement: 'refusal', migration: false, via: ['TR314'] },
  { code: 'OP349', messageTypes: ['JW323'], text: 'Iedere declaratie krijgt een uniek nummer per aanbieder per wettelijk domein.', check: 'See TR333.', enforcement: 'refusal', migration: false, via: ['TR333'] },
  { code: 'OP360', messageTypes: ['JW323'], text: 'Een prestatie mag alleen worden gecrediteerd indien deze niet eerder is gecrediteerd.', check: 'See TR390.', enforcement: 'refusal', migration: false, via: ['TR390'] },
  { code: 'OP366', messageTypes: ['JW323'], text: 'Een prestatieregel moet eerst volledig worden gecrediteerd voordat er een correctie op deze prestatieregel kan worden ingediend.', check: 'See TR389.', enforcement: 'refusal', migration: false, via: ['TR389'] },
  { code: 'OP355', messageTypes: ['JW325'], text: 'Ieder ontvangen declaratie-antwoordbericht is gerelateerd aan een eerder ontvangen declaratiebericht.', check: 'See TR337.', enforcement: 'refusal', migration: true, via: ['TR337'] },
  { code: 'OP344', messageTypes: ['JW301', 'JW319'], text: 'Een verzoek (VOT of VOW) wordt door de gemeente uiteindelijk beantwoord met een toewijzing of een afwijzing.', check: 'See the OP274, OP346 and OP359 signals.', enforcement: 'signal', migration: false, via: ['OP274', 'OP346', 'OP359'] },
  { code: 'OP288', messageTypes: REGIE, text: 'Indien de start van de levering gemeld is met een Startbericht, wordt de beëindiging van die levering altijd doorgegeven met een Stopbericht.', check: 'See the OP272 signal.', enforcement: 'signal', migration: false, via: ['OP272'] },
  {
    code: 'OP087', messageTypes: ['JW301'],
    text: 'Een toewijzingsbericht bevat voor één cliënt altijd alle toewijzingen voor één aanbieder die op of na de aanmaakdatum van het bericht geldig zijn plus alle toewijzingen die gewijzigd zijn ten opzichte van het voorgaande toewijzingsbericht.',
    check: 'Not refused (no retourcode); the gateway relies on it: after a JW301 the path\'s toewijzingen count as known.',
    enforcement: 'not-checked', migration: false, reason: 'no retourcode; used as the completeness assumption of TR019 and TR349',
  },
  {
    code: 'OP259', messageTypes: ['JW301'],
    text: 'Het is niet toegestaan om een zorg- of ondersteuningsproduct gestapeld toe te wijzen.',
    check: 'Not refused (no retourcode); a stacked request is answered with JW319 reden 6 (stapeling) by the gemeente.',
    enforcement: 'not-checked', migration: false, reason: 'no retourcode',
  },
];

const byCode = new Map(PROCESS_RULES.map((r) => [r.code, r]));

/** The rule with this code (a programming error when unknown: rules report only registered codes). */
export function processRule(code: string): ProcessRule {
  const rule = byCode.get(code);
  if (rule === undefined) throw new GatewayError('internal', { detail: `no process rule ${code}` });
  return rule;
}
