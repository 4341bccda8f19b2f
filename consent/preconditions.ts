// Preconditions a rule may name (schemas/policy.schema.json `preconditions`): facts the engine checks
// in the message or about the sender before it allows an exchange. Each cites its source. A failed
// precondition refuses the exchange with reason `precondition-not-met` and the precondition's name.

import { addYears } from '../src/kernel/dates.ts';
import type { DecisionInput } from '../src/kernel/policy-decision.ts';

export type PreconditionName =
  | 'gezaghebbende-geinformeerd-vastgelegd'
  | 'betrokken-gemeente-genoemd'
  | 'aangewezen-door-college'
  | 'ots-actief'
  | 'vir-verwijdertermijn'
  | 'jw-7.3.12-voorwaarden'
  | 'verzoeker-van-dit-kind'
  | 'melder-van-dit-kind';

export interface Precondition {
  readonly holds: (input: DecisionInput) => boolean;
  /** The request type whose senders for this child the check needs (DecisionInput.requestSenders). */
  readonly needsSendersOf?: string;
  /** What the rule requires, in one sentence (the refusal's explanation). */
  readonly explanation: string;
}

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const member = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);
const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v.trim().length > 0;

export const preconditions: Readonly<Record<PreconditionName, Precondition>> = {
  // Reg. justitiële keteninformatisering Jeugdwet, Bijlage 1 #1 (minimum set): per gezaghebbende
  // whether they were informed of the VTO and, if not, why.
  'gezaghebbende-geinformeerd-vastgelegd': {
    explanation: 'a verzoek tot onderzoek records for each gezaghebbende whether they were informed and, if not, why (Reg. justitiële keteninformatisering Jeugdwet, Bijlage 1)',
    holds: ({ message }) => {
      const list = message.Gezaghebbenden;
      if (!Array.isArray(list) || list.length === 0) return false;
      return list.every((g) => member(g, 'Geinformeerd') === true || (member(g, 'Geinformeerd') === false && nonEmpty(member(g, 'RedenNietGeinformeerd'))));
    },
  },
  // Jw 3.1 lid 4; Wmo 2015 4.1.1 lid 2 f: the college must be told, so the message must name it.
  'betrokken-gemeente-genoemd': {
    explanation: 'a verzoek tot onderzoek from a GI, Veilig Thuis or provider names the college to be informed (Jw 3.1 lid 4)',
    holds: ({ message }) => nonEmpty(member(message.BetrokkenGemeente, 'Gemeentecode')),
  },
  // Jw 3.1 lid 1: only a provider the college designated may ask the Raad to investigate.
  'aangewezen-door-college': {
    explanation: 'only a provider designated by the college may file a verzoek tot onderzoek (Jw 3.1 lid 1)',
    holds: ({ sender }) => (sender?.designations ?? []).includes('verzoek-tot-onderzoek'),
  },
  // Jw 7.3.11 lid 4: the duty and right exist towards a GI carrying out an OTS (BW 1:255, 1:257).
  'ots-actief': {
    explanation: 'information without consent goes only to a GI carrying out an ondertoezichtstelling in force on the exchange date (Jw 7.3.11 lid 4)',
    holds: ({ message, exchangeDate }) => {
      const m = message.Maatregel;
      const soort = member(m, 'Soort');
      const start = member(m, 'Ingangsdatum');
      const end = member(m, 'Einddatum');
      return (soort === 'ots' || soort === 'voorlopige-ots') && typeof start === 'string' && start <= exchangeDate && (end === undefined || (typeof end === 'string' && exchangeDate <= end));
    },
  },
  // Jw 7.1.4.5: a registration is removed at most two years after it was made.
  'vir-verwijdertermijn': {
    explanation: 'a verwijsindex registration is removed at most two years after it was made (Jw 7.1.4.5)',
    holds: ({ message, messageType }) => {
      if (messageType !== 'VerwijsindexMelding') return true;
      const at = member(message, 'Tijdstip');
      const removal = member(message, 'Verwijderdatum');
      if (typeof at !== 'string' || typeof removal !== 'string') return false;
      const made = at.slice(0, 10);
      return made < removal && removal <= addYears(made, 2);
    },
  },
  // domain.md 8.3 row 11 (corrected): the Raad tells the party that asked it to investigate this child
  // (Jw 3.1 lid 3, 2.4 lid 2), not any party of that role; the college always hears (Jw 2.4 lid 2).
  'verzoeker-van-dit-kind': {
    explanation: "the Raad's notification goes to the college or to the party that sent this child's verzoek tot onderzoek through the gateway (Jw 3.1 lid 3, 2.4 lid 2), not to another party of that role",
    needsSendersOf: 'VerzoekTotOnderzoek',
    holds: ({ receiverRole, receiverId, requestSenders }) => receiverRole === 'gemeente' || (receiverId !== undefined && (requestSenders ?? []).includes(receiverId)),
  },
  // domain.md 8.3 row 18; Wmo 2015 4.1.1 lid 2 g: Veilig Thuis tells the melder, the party that reported
  // this child, not any party of that role.
  'melder-van-dit-kind': {
    explanation: "a terugkoppeling goes to the party that reported this child to Veilig Thuis through the gateway (Wmo 2015 4.1.1 lid 2 g), not to another party of that role",
    needsSendersOf: 'VeiligThuisMelding',
    holds: ({ receiverId, requestSenders }) => receiverId !== undefined && (requestSenders ?? []).includes(receiverId),
  },
  // Jw 7.3.12 lid 1: consent impossible or unreasonable, safeguards for privacy, a public interest.
  'jw-7.3.12-voorwaarden': {
    explanation: 'research without consent needs the conditions of Jw 7.3.12 declared: consent impossible or unreasonable, safeguards, a public interest',
    holds: ({ message }) => {
      const v = message.Verantwoording;
      return member(v, 'ToestemmingNietMogelijkOfOnredelijk') === true && member(v, 'WaarborgenPersoonlijkeLevenssfeer') === true && member(v, 'AlgemeenBelang') === true;
    },
  },
};
