// The watchdog's regie part (issue 12): a proposed handover of a child's regie that the receiving
// party has not accepted or declined within the term (regie.handoverTermWorkingDays werkdagen after the
// day it was proposed; default 5) becomes a signal, owed by the receiving party, with the proposing
// regievoerder concerned. Until an answer the old regievoerder stays responsible; the signal closes
// when the proposal is decided (src/regie/regie-register.ts). Raised once per proposal.
import { amsterdamDayOf } from '../../kernel/amsterdam-time.ts';
import type { DutchCalendar } from '../../kernel/dutch-working-days.ts';
import { REGIE_SIGNAL_SOURCE, type RegieHandover } from '../../kernel/regie-record.ts';
import type { SignalDraft } from '../../kernel/signal-record.ts';

/** The last day of a proposal's term: that many werkdagen after the Dutch day it was proposed. */
export function handoverDueDay(handover: RegieHandover, termWorkingDays: number, calendar: DutchCalendar): string {
  return calendar.addWerkdagen(amsterdamDayOf(handover.proposedAt), termWorkingDays);
}

export function signalForUnansweredHandover(handover: RegieHandover, dueDay: string): SignalDraft {
  return {
    source: REGIE_SIGNAL_SOURCE,
    key: handover.id,
    kind: 'regie-handover-unanswered',
    rule: 'regie-handover-term',
    title: 'Overdracht van de regie is niet beantwoord: de voorgestelde regievoerder accepteert of weigert',
    owedBy: handover.toParty,
    concerned: handover.fromParty,
    subject: handover.subjectPseudonym,
    refs: { regieHandoverId: handover.id },
    dueDay,
  };
}
