// The watchdog's second regie part (issue 12): "never silently none". A child with active care the
// gateway has seen (an active toewijzing, or a Veilig Thuis overdracht in the last
// regie.overdrachtOpenDays days: the local VT schema has no message that closes one) and no active
// regievoerder for more than regie.withoutRegieSignalDays days becomes a signal to the child's gemeente.
//
// "Without a regievoerder since" is the latest of the day the care began, the day the child's last
// regie ended (a regie ended without successor restarts the count) and the first day the watchdog
// looked (`watchedSince`: before the register was in use nobody could register a regie in it, so a
// gateway taking up the register does not flood its gemeenten with signals for every child in care
// on its first day). The gemeente owed is the one of the latest active toewijzing; for an overdracht,
// the receiving gemeente (wijkteam), else a gemeente the care path knows for the child, else Veilig
// Thuis itself, which handed over a case the gateway can tie to no gemeente. One live signal per child
// (key `without:<pseudonym>`); registering a regie closes it (src/regie/regie-register.ts); care that
// ends before that closes it as cancelled at the watchdog's next complete look (watchdog.ts).
import { amsterdamDayOf } from '../../kernel/amsterdam-time.ts';
import { addCalendarDays } from '../../kernel/dutch-working-days.ts';
import { REGIE_SIGNAL_SOURCE, withoutRegieKey } from '../../kernel/regie-record.ts';
import type { SignalDraft } from '../../kernel/signal-record.ts';
import type { CareWithoutRegie } from '../../store/regie-store.ts';
import type { PartyRegistry } from '../../config/party-registry.ts';

export interface WithoutRegieSettings {
  readonly withoutRegieSignalDays: number;
  /** The first day the watchdog looked for children without regievoerder (YYYY-MM-DD). */
  readonly watchedSince: string;
}

export interface PartyLookup {
  /** The party id of a gemeente by its gemeentecode, if registered. */
  gemeenteByCode(code: string): string | undefined;
  /** Whether the party is a gemeente. */
  isGemeente(party: string): boolean;
}

export function partyLookupOf(registry: PartyRegistry): PartyLookup {
  return {
    gemeenteByCode: (code) => {
      const party = registry.findByIjwCode(code);
      return party?.role === 'gemeente' ? party.id : undefined;
    },
    isGemeente: (id) => registry.get(id)?.role === 'gemeente',
  };
}

/**
 * The signal for a child, or undefined while it is within the term. `knownGemeenten` are the
 * gemeentecodes the care path knows for the child (used only for an overdracht to an aanbieder).
 */
export function signalForCareWithoutRegie(
  care: CareWithoutRegie,
  today: string,
  settings: WithoutRegieSettings,
  parties: PartyLookup,
  knownGemeenten: readonly string[],
): SignalDraft | undefined {
  const starts: string[] = [
    ...care.toewijzingen.map((t) => t.firstDay),
    ...care.overdrachten.map((o) => amsterdamDayOf(o.firstAt)),
  ];
  if (starts.length === 0) return undefined;
  let since = starts.reduce((a, b) => (a < b ? a : b));
  if (settings.watchedSince > since) since = settings.watchedSince;
  if (care.lastRegieEndedAt !== null) {
    const ended = amsterdamDayOf(care.lastRegieEndedAt);
    if (ended > since) since = ended;
  }
  const dueDay = addCalendarDays(since, settings.withoutRegieSignalDays);
  if (!(today > dueDay)) return undefined;

  const owed = owingParty(care, parties, knownGemeenten);
  if (owed === undefined) return undefined;
  const hasToewijzing = care.toewijzingen.length > 0;
  return {
    source: REGIE_SIGNAL_SOURCE,
    key: withoutRegieKey(care.subjectPseudonym),
    kind: 'regie-missing',
    rule: 'regie-required',
    title: hasToewijzing
      ? 'Kind met een lopende toewijzing heeft geen regievoerder: registreer de regie'
      : 'Kind na een overdracht door Veilig Thuis heeft geen regievoerder: registreer de regie',
    owedBy: owed.party,
    ...(owed.concerned !== undefined ? { concerned: owed.concerned } : {}),
    subject: care.subjectPseudonym,
    refs: hasToewijzing ? { messageType: 'JW301' } : { messageType: 'VeiligThuisOverdracht' },
    dueDay,
  };
}

function owingParty(care: CareWithoutRegie, parties: PartyLookup, knownGemeenten: readonly string[]): { party: string; concerned?: string } | undefined {
  // The gemeente of the latest toewijzing first (a child that moved has a new gemeente).
  const byLatest = [...care.toewijzingen].sort((a, b) => (a.latestDay !== b.latestDay ? (a.latestDay < b.latestDay ? 1 : -1) : a.gemeentecode < b.gemeentecode ? -1 : 1));
  for (const t of byLatest) {
    const party = parties.gemeenteByCode(t.gemeentecode);
    if (party !== undefined) return { party };
  }
  for (const o of care.overdrachten) {
    if (parties.isGemeente(o.receiver)) return { party: o.receiver, concerned: o.sender };
  }
  for (const code of knownGemeenten) {
    const party = parties.gemeenteByCode(code);
    if (party !== undefined) return { party, ...(care.overdrachten[0] !== undefined ? { concerned: care.overdrachten[0].receiver } : {}) };
  }
  const first = care.overdrachten[0];
  return first === undefined ? undefined : { party: first.sender, concerned: first.receiver };
}
