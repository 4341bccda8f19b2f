// The privacy officer's refusals and overrides over time (issue 11, "Refusals and overrides per party
// and reason over time"): counts per party, reason and Dutch calendar day, from the exchanges the
// policy refused and the break-glass overrides, kept per day as they happen (migration 15). Counts
// only: no exchange, child or payload. `Store` (store.ts) extends this interface; the SQL is in
// sql/decision-day-counts.ts.

export interface DecisionCountQuery {
  /** First and last Dutch calendar day (YYYY-MM-DD, inclusive). */
  readonly from: string;
  readonly to: string;
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
