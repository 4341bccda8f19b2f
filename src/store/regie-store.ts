// The regie register's part of the Store port (issue 12): at most one active regie per child and at
// most one open handover proposal per child, each held by a partial unique index (migration 12), so
// two registrations at the same moment cannot both win, on SQLite or on PostgreSQL with several
// processes. `Store` and `StoreTx` (store.ts) extend these interfaces; the SQL is in sql/regie-sql.ts.
import type { Regie, RegieHandover } from '../kernel/regie-record.ts';
import type { ChildMeasure } from '../kernel/child-measure.ts';

/**
 * A child with care the gateway has seen and no active regievoerder: its active toewijzingen per
 * gemeente (by gemeentecode), or the Veilig Thuis overdrachten about it (sender, receiver), with when
 * the care began and when its last regie ended (if it ever had one).
 */
export interface CareWithoutRegie {
  readonly subjectPseudonym: string;
  readonly lastRegieEndedAt: number | null;
  /** Active toewijzingen: one entry per gemeente, the first and the latest Ingangsdatum. */
  readonly toewijzingen: readonly { readonly gemeentecode: string; readonly firstDay: string; readonly latestDay: string }[];
  /** Veilig Thuis overdrachten not refused since the query's moment: one entry per sender and receiver, the first one's time. */
  readonly overdrachten: readonly { readonly sender: string; readonly receiver: string; readonly firstAt: number }[];
}

export interface RegieReads {
  getActiveRegie(subjectPseudonym: string): Promise<Regie | undefined>;
  /** Every regie the child has had, oldest first (at most `limit`). */
  listRegieHistory(subjectPseudonym: string, limit: number): Promise<Regie[]>;
  getRegieHandover(id: string): Promise<RegieHandover | undefined>;
  /** Handover proposals still waiting for an answer, proposed before a moment, in id order after `after`. */
  listOpenRegieHandovers(query: { readonly proposedBefore: number; readonly limit: number; readonly after?: string }): Promise<RegieHandover[]>;
  /**
   * Children without an active regie that have an active toewijzing on `today` (pass 'toewijzingen')
   * or a Veilig Thuis overdracht created at or after `overdrachtSince` (pass 'overdrachten'), in
   * pseudonym order after `after`, at most `limit` children.
   */
  listCareWithoutRegie(query: { readonly pass: 'toewijzingen' | 'overdrachten'; readonly today: string; readonly overdrachtSince: number; readonly limit: number; readonly after?: string }): Promise<CareWithoutRegie[]>;
  /** The child-protection measures of the child (that this GI carries out, when given; src/kernel/child-measure.ts), oldest first. */
  listChildMeasures(subjectPseudonym: string, giParty?: string): Promise<ChildMeasure[]>;
  /** The gemeentecodes the care path knows for the child (its relations with aanbieders). */
  carePathGemeenten(subjectPseudonym: string): Promise<string[]>;
  /** Whether the party sent or received an exchange about the child that the gateway did not refuse. */
  hasExchangedAbout(subjectPseudonym: string, party: string): Promise<boolean>;
}

export interface RegieWrites {
  /** The child's active regie as this transaction sees it. */
  activeRegieForUpdate(subjectPseudonym: string): Promise<Regie | undefined>;
  /**
   * The child's active regie, read without taking the audit-chain lock first: for the regie notice on
   * the submit path, which must not hold that lock longer (a handover committing meanwhile sends this
   * one notice to the regievoerder it replaces).
   */
  activeRegieForNotice(subjectPseudonym: string): Promise<Regie | undefined>;
  /** Records a measure from a court decision the gateway carried (once per exchange). */
  insertChildMeasure(measure: ChildMeasure): Promise<void>;
  /** Records a new active regie; false (nothing written) when the child already has an active one. */
  insertRegie(regie: Regie): Promise<boolean>;
  /** Ends an active regie; false when it was not active any more. */
  endRegie(id: string, end: { readonly endedAt: number; readonly endedBy: string; readonly endReason: NonNullable<Regie['endReason']>; readonly successorId: string | null }): Promise<boolean>;
  /** The child's open handover proposal as this transaction sees it. */
  openRegieHandover(subjectPseudonym: string): Promise<RegieHandover | undefined>;
  /** Records a proposal; false (nothing written) when the child already has an open one. */
  insertRegieHandover(handover: RegieHandover): Promise<boolean>;
  /**
   * The first day the watchdog looked for children without regievoerder: recorded as `today` on the
   * first call (care_path_meta 'regie-since'), returned as it is ever after.
   */
  regieWatchedSince(today: string): Promise<string>;
  /** Accepts or declines an open proposal; false when it was no longer open. */
  decideRegieHandover(id: string, decision: { readonly status: 'accepted' | 'declined'; readonly decidedAt: number; readonly decidedBy: string; readonly note: string | null }): Promise<boolean>;
}
