// The process rules of every heen message and retour, the verzoeken (JW315, JW317), the antwoord
// (JW319) and the toewijzing (JW301).

import type { ProcessRule } from './process-rule.ts';

export const REQUEST_RULES: readonly ProcessRule[] = [
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
    check: 'Only the party the heen message was delivered to may send its retour. Through the API the retour pairing refuses it first (400 invalid-input, the error naming KP002; src/exchange/ijw-xml-submission.ts), also with care paths off; the care path checks it again.',
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
    check: 'No product of an OngewijzigdProduct or TeWijzigenProduct (its toewijzing\'s Product, from its Ingangsdatum to its Einddatum, for a TeWijzigenProduct the Einddatum asked for, none: open) overlaps another product the VOW lists or asks for that is the same: the same Code, without a Code the same Categorie, without a Categorie any product (src/care-path/stapeling.ts). NieuwProducten among themselves are TR410\'s.',
    enforcement: 'refusal', migration: false,
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
];
