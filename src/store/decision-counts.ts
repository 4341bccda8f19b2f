// The privacy officer's refusals and overrides over time (issue 11, "Refusals and overrides per party
// and reason over time"): counts per party, reason and Dutch calendar day, from the exchanges the
// policy refused and the break-glass overrides. Counts only: no exchange, child or payload. `Store`
// (store.ts) extends this interface; the SQL is in sql/decision-count-reads.ts.
import type { OffsetStretch } from '../kernel/amsterdam-time.ts';

export interface DecisionCountQuery {
  /** Instants (epoch ms) bounding the window: from inclusive, to exclusive. */
  readonly from: number;
  readonly to: number;
  /**
   * The window cut where Amsterdam's offset changes (kernel/amsterdam-time.ts amsterdamOffsetStretches),
   * at most four stretches: each instant is counted on the day its local time falls on.
   */
  readonly stretches: readonly OffsetStretch[];
  /** Only this sending party. */
  readonly party?: string;
}

export interface DecisionCount {
  /** The sending party. */
  readonly party: string;
  /** Refusals: the decision's reason code; overrides: the override's reason code. */
  readonly reason: string;
  /** The Dutch calendar day as a day number (days since 1970-01-01; kernel/dutch-working-days.ts dayOfNumber). */
  readonly day: number;
  readonly count: number;
}

export interface DecisionCounts {
  /** Exchanges the gateway refused (status refused), by sender, reason and day. */
  countRefusals(query: DecisionCountQuery): Promise<DecisionCount[]>;
  /** Exchanges let through on a break-glass override, by sender, reason code and day. */
  countOverrides(query: DecisionCountQuery): Promise<DecisionCount[]>;
}
