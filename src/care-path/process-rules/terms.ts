// The terms the watchdog watches: timing rules without a retourcode, and the care-path signals beyond
// the law.

import type { ProcessRule } from './process-rule.ts';

export const TERM_RULES: readonly ProcessRule[] = [
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
];
