// Signals: something a party owes is overdue, or needs attention, and the gateway says so. A signal is
// stored, audited, shown to the parties it concerns, counted, optionally delivered as a webhook, and it
// closes itself when the awaited message arrives. It carries references only: no payload, no BSN (the
// child is the keyed pseudonym the audit log uses). Any module can raise them (the care-path watchdog
// now; regie later); the source and kind say who and what.

import type { SignalDraft } from '../kernel/signal-record.ts';

export type * from '../kernel/signal-record.ts';

/** The parties that may see a signal: the one that owes, and the one concerned. */
export function signalParties(s: Pick<SignalDraft, 'owedBy' | 'concerned'>): string[] {
  return s.concerned === undefined || s.concerned === s.owedBy ? [s.owedBy] : [s.owedBy, s.concerned];
}
