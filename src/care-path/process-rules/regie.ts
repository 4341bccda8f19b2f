// The process rules of start and stop of care (the regieberichten JW305 and JW307).

import { REGIE, type ProcessRule } from './process-rule.ts';

export const REGIE_RULES: readonly ProcessRule[] = [
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
];
