// The process rules of the declaratie (JW323) and the declaratie-antwoord (JW325).

import type { ProcessRule } from './process-rule.ts';

export const DECLARATIE_RULES: readonly ProcessRule[] = [
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
    check: 'A debit prestatie on a toewijzing with an Omvang declares no more than the Omvang allows in its ProductPeriode: Volume × the days (per dag), the calendar weeks touched (per week) or the months touched (per maand), or the Volume itself (totaal binnen geldigheidsduur). Minuut, uur and dagdeel (4 uur) compare in minutes; other units only with the same unit, else the gateway judges nothing (src/care-path/omvang.ts).',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR322', retourcode: '9322', messageTypes: ['JW323'],
    text: 'Indien in het ToegewezenProduct een Omvang is meegegeven, moet de som van GeleverdVolume in alle ingediende Prestaties die betrekking hebben op dat ToegewezenProduct passen binnen de toegewezen Omvang.',
    check: 'The debit prestaties on a toewijzing with an Omvang (earlier ones no JW325 rejected and no credit undid, this message\'s, this one) declare together no more than the Omvang allows over the toewijzing\'s Ingangsdatum to Einddatum, counted as for TR321. Without an Einddatum only a total (Frequentie 6) bounds it. Prestaties sent before the gateway kept care paths are not known, so the sum is a lower bound.',
    enforcement: 'refusal', migration: false,
  },
  {
    code: 'TR369', retourcode: '9369', messageTypes: ['JW323'],
    text: 'Indien in het ToegewezenProduct een Budget is meegegeven, moet de som van GeleverdVolume in alle ingediende Prestaties die betrekking hebben op dat ToegewezenProduct passen binnen het toegewezen Budget.',
    check: 'The debit prestaties on a toewijzing with a Budget (counted as for TR322) declare together no more GeleverdVolume than the Budget, both in eurocent: Eenheid 83 (euro\'s, where GeleverdVolume is the amount, CS339). With a prestatie in another unit the sum is not in money and the gateway judges nothing.',
    enforcement: 'refusal', migration: false,
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
];
