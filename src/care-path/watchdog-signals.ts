// What the watchdog says when a care-path deadline has passed: the signal for an overdue deadline.
// The selection itself (open, overdue on or before today, no signal yet) is a store query over an
// index on (status, overdue_on); this module decides what is overdue and how it reads.
import type { SignalDraft } from '../signals/signal.ts';
import type { DeadlineFact, DeadlineKind } from './care-path-facts.ts';
import { isOverdue } from './care-path-terms.ts';

/** Dutch titles per deadline kind (the people who act on them work in Dutch). */
const TITLES: Readonly<Record<DeadlineKind, string>> = {
  retour: 'Geen retourbericht ontvangen binnen de termijn',
  answer: 'Verzoek niet beantwoord binnen de termijn (toewijzing of antwoordbericht)',
  'final-answer': 'Geen definitief antwoord op het verzoek binnen twee weken (woonplaatsbeginsel)',
  'declaratie-answer': 'Geen declaratie-antwoord binnen de termijn',
  start: 'Geen start van de zorg na de toewijzing',
  stop: 'Geen stopbericht na de einddatum van de toewijzing',
  extension: 'Toewijzing loopt af zonder verzoek om wijziging',
  'follow-up': 'Zorg voortijdig beëindigd, nog geen vervolgtoewijzing',
};

export const CARE_PATH_SIGNAL_SOURCE = 'care-path';

/** Whether a deadline is overdue on `today` (a Dutch day). */
export function isDeadlineOverdue(deadline: Pick<DeadlineFact, 'overdueOn'>, today: string): boolean {
  return isOverdue(deadline.overdueOn, today);
}

/** The signal for an overdue deadline. */
export function signalForDeadline(deadline: DeadlineFact): SignalDraft {
  return {
    source: CARE_PATH_SIGNAL_SOURCE,
    key: deadline.id,
    kind: deadline.kind,
    rule: deadline.rule,
    title: TITLES[deadline.kind],
    owedBy: deadline.owedBy,
    ...(deadline.gemeenteParty !== undefined ? { concerned: deadline.gemeenteParty } : {}),
    ...(deadline.pseudonym !== undefined ? { subject: deadline.pseudonym } : {}),
    refs: deadline.refs,
    dueDay: deadline.dueDay,
  };
}
