// Signals (src/signals/signal.ts): something a party owes is overdue, or needs attention. The records
// live in the kernel because the signals service raises them and the store keeps them.
export type SignalStatus = 'open' | 'acknowledged' | 'closed';

/** References to what the signal is about; every value is an identifier, never content. */
export interface SignalRefs {
  readonly messageType?: string;
  readonly exchangeId?: string;
  readonly identificatie?: string;
  readonly referentieAanbieder?: string;
  readonly toewijzingNummer?: number;
  readonly declaratieNummer?: string;
  /** A regie handover waiting for an answer (the regie register). */
  readonly regieHandoverId?: string;
}

/** What a raiser hands over; the signals module adds id, status and times. */
export interface SignalDraft {
  /** The module that raises it, e.g. 'care-path'. */
  readonly source: string;
  /** The raiser's own key for what is watched: one open signal per (source, key). */
  readonly key: string;
  readonly kind: string;
  /** The rule or term it rests on (OP274, KP010, ...). */
  readonly rule: string;
  /** A short Dutch title for people (operators and case workers read it). */
  readonly title: string;
  /** The party that owes the awaited message, and the other party concerned (the child's gemeente). */
  readonly owedBy: string;
  readonly concerned?: string;
  readonly subject?: string;
  readonly refs: SignalRefs;
  /** The last day of the term that passed. */
  readonly dueDay: string;
}

export interface Signal extends SignalDraft {
  readonly id: string;
  readonly status: SignalStatus;
  readonly raisedAt: number;
  readonly acknowledgedAt?: number;
  readonly acknowledgedBy?: string;
  readonly note?: string;
  readonly closedAt?: number;
  /** Why it closed: the awaited message came ('met'), or the term no longer applies ('cancelled'). */
  readonly closedReason?: 'met' | 'cancelled';
  readonly closedByExchange?: string;
}

