// The bedrijfsregels, each carried out by technical rules or signals of the other groups.

import { REGIE, type ProcessRule } from './process-rule.ts';

export const BEDRIJFSREGELS: readonly ProcessRule[] = [
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
  // Bedrijfsregels without a retourcode that a message shows broken: accepted, with a signal to its sender
  {
    code: 'OP002', messageTypes: ['JW301'],
    text: 'De gemeente stuurt in de toewijzing gegevens van de gezagsdrager van de cliënt mee. De gezagsdrager wordt opgenomen als relatie van de cliënt.',
    check: 'Signal when a JW301 has no Relatie at all for a client certainly under 16 on its Dagtekening (an unknown day or month of the Geboortedatum read as the earliest it may be), unless a VOT of this aanbieder for the child said GezagsdragerBekend 1 (OP002x1). Whether a Relatie that is there holds gezag is in no field, and from 16 the client may hold gezag itself (meerderjarigverklaring, BW 1:253ha; OP002x2).',
    enforcement: 'signal', onMessage: true, migration: false,
  },
  {
    code: 'OP065', messageTypes: ['JW302', 'JW306', 'JW308', 'JW316', 'JW318'],
    text: 'Een retourbericht bevat alleen informatie over cliënten waarvan berichtklassen zijn afgekeurd. Cliënten waarvan alle berichtklassen volledig zijn goedgekeurd worden niet mee teruggestuurd in het retourbericht.',
    check: 'Signal when a receiver\'s retour of a heen message the gateway carried (paired by KP001 and KP002) holds a Client none of whose classes carries a rejecting RetourCode (anything but 0200 and 0233), while its header is not refused. The JW320 has no Client. The gateway\'s own retours (ijwRetour gateway) leave such a Client out (adapters/ijw-xml/ijw-retour.ts).',
    enforcement: 'signal', onMessage: true, migration: false,
  },
  {
    code: 'OP087', messageTypes: ['JW301'],
    text: 'Een toewijzingsbericht bevat voor één cliënt altijd alle toewijzingen voor één aanbieder die op of na de aanmaakdatum van het bericht geldig zijn plus alle toewijzingen die gewijzigd zijn ten opzichte van het voorgaande toewijzingsbericht.',
    check: 'Signal when a JW301 leaves out a toewijzing of the child for this aanbieder that the gateway knows and that is valid on or after its Dagtekening (not removed with RedenWijziging 13 or 01 and Einddatum = Ingangsdatum, no Einddatum before the Dagtekening). The gateway also relies on it: after a JW301 the path\'s toewijzingen count as known (TR019, TR349).',
    enforcement: 'signal', onMessage: true, migration: false,
  },
  {
    code: 'OP259', messageTypes: ['JW301'],
    text: 'Het is niet toegestaan om een zorg- of ondersteuningsproduct gestapeld toe te wijzen.',
    check: 'Signal when a ToegewezenProduct overlaps in period a toewijzing of the same product to the same aanbieder for the child that the JW301 does not list (the same Code; without a Code the same Categorie; without a Categorie any product; removed ones do not count). Two products of one JW301 are refused by TR302, a rule of the message alone.',
    enforcement: 'signal', onMessage: true, migration: false,
  },
  {
    code: 'OP380', messageTypes: ['JW301'],
    text: 'Het oprekken van de einddatum van de bestaande toewijzing voor een verlenging van de zorg of ondersteuning is verplicht.',
    check: 'Signal when a new ToegewezenProduct starts the day after a toewijzing of the same Product ends, with the same Omvang (Volume, Eenheid, Frequentie, or none) and no Budget, Frequentie not 6, while that toewijzing had not ended on the Dagtekening: its Einddatum should have been moved.',
    enforcement: 'signal', onMessage: true, migration: false,
  },
  {
    code: 'OP345', messageTypes: ['JW317'],
    text: 'Als de gewenste ingangsdatum van een te wijzigen product uit een verzoek om wijziging in het verleden ligt, dan mag de nieuwe omvang of het nieuwe budget niet leiden tot onrechtmatigheid voor al gedeclareerde en of geleverde zorg.',
    check: 'Signal when a TeWijzigenProduct with a GewensteIngangsdatum on or before the Dagtekening asks for an Omvang or Budget that the prestaties already declared on the toewijzing (not rejected, not credited) exceed, counted as TR321, TR322 and TR369 count a declaration: each prestatie ending on or after the wished day within the new Omvang of its ProductPeriode, all within a new total (Frequentie 6) or Budget. Care delivered but not yet declared is not known to the gateway.',
    enforcement: 'signal', onMessage: true, migration: false,
  },
  {
    code: 'OP348', messageTypes: ['JW301'],
    text: 'Bij honoreren van een Verzoek om Wijziging (VOW) dient het aangevraagde overgenomen te worden in het toewijzingsbericht.',
    check: 'Signal when a ToegewezenProduct carrying the ReferentieAanbieder of a VOW matches no product the VOW listed (by ToewijzingNummer, else by Product: the same Categorie and Code) with the Omvang or Budget it asked for. Ingangs- and Einddatum may differ (terugwerkende kracht) and so may the ToewijzingNummer where a new toewijzing was needed; a listed product that asked for no Omvang or Budget fits any.',
    enforcement: 'signal', onMessage: true, migration: false,
  },
  {
    code: 'OP307', messageTypes: ['JW315'],
    text: 'Een verzoek om toewijzing bericht wordt alleen gebruikt indien een cliënt zich met een (wettelijke) verwijzing of een open beschikking meldt bij de zorgaanbieder.',
    check: 'Signal when an AangevraagdProduct (ToewijzingIngangsdatum to ToewijzingEinddatum) stacks on a toewijzing of the child from this gemeente to this aanbieder that is current on the Dagtekening: a current toewijzing is changed with a verzoek om wijziging. The verwijzing itself is in the message (Verwijzer and its CD rules).',
    enforcement: 'signal', onMessage: true, migration: false,
  },
];
