// The signals' part of the Store port (issue 10): the watchdog's overdue items and the signals it
// raises from them (migration 7). References only: a signal names the parties, the child's pseudonym
// and the messages concerned, never a payload or a BSN. `Store` and `StoreTx` (store.ts) extend these
// interfaces; the SQL is in sql/signal-sql.ts.
import type { DeadlineFact } from '../kernel/care-path-record.ts';
import type { Signal, SignalStatus } from '../kernel/signal-record.ts';

export interface SignalQuery {
  /** Signals this party owes or is concerned in (the child's gemeente). */
  readonly party?: string;
  readonly status?: SignalStatus;
  readonly kind?: string;
  readonly rule?: string;
  /** The child's pseudonym. */
  readonly subject?: string;
  /** Only signals after the one with this id, in the order (raisedAt, id). */
  readonly after?: string;
  readonly limit: number;
}

export interface SignalReads {
  /**
   * Open deadlines overdue on `today` (overdueOn <= today, Dutch days) that have no signal of `source`
   * that is not closed, in id order after `after`.
   */
  listOverdueDeadlines(query: { readonly today: string; readonly source: string; readonly limit: number; readonly after?: string }): Promise<DeadlineFact[]>;
  getSignal(id: string): Promise<Signal | undefined>;
  /** Oldest first; an unknown `after` gives an empty page. */
  listSignals(query: SignalQuery): Promise<Signal[]>;
  countSignals(): Promise<Readonly<Record<SignalStatus, number>>>;
}

export interface SignalWrites {
  /** Records a raised signal; false (nothing written) when one of its source and key is not closed yet. */
  insertSignal(signal: Signal): Promise<boolean>;
  /** Marks an open signal acknowledged with the note; the signal as it is now, or undefined when it was not open. */
  acknowledgeSignal(id: string, ack: { readonly by: string; readonly note: string; readonly at: number }): Promise<Signal | undefined>;
  /** Closes the signals of `source` with these keys that are not closed yet; returns them as closed. */
  closeSignals(query: { readonly source: string; readonly keys: readonly string[]; readonly reason: 'met' | 'cancelled'; readonly byExchange?: string; readonly now: number }): Promise<Signal[]>;
}
