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
