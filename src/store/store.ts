// The Store port (architecture.md, Contracts). Async throughout so that the SQLite and PostgreSQL
// implementations share one shape; one contract suite (tests/contract/store-contract.ts) runs against
// every implementation. Times are epoch milliseconds; JSON columns are plain values here.

import type { AuditRecord } from '../kernel/audit-record.ts';
import type { PolicyDecision, SubjectFacts } from '../kernel/policy-decision.ts';
import type { ConsentRecord, ConsentRevocation } from '../kernel/consent-record.ts';
import type { OperatorReads, ReceiverPauseWrites } from './operator-store.ts';
import type { CarePathApplied, CarePathChange, CarePathRowSource, DeliveryFact, RequestFact, ToewijzingFact } from '../kernel/care-path-record.ts';
import type { SignalReads, SignalWrites } from './signal-store.ts';
import type { ConsentLists } from './consent-lists.ts';
import type { DecisionCounts } from './decision-counts.ts';
import type { RegieReads, RegieWrites } from './regie-store.ts';
import type { SubscriptionReads, SubscriptionWrites } from './subscription-store.ts';

export type ExchangeStatus = 'refused' | 'queued' | 'delivered' | 'dead-letter' | 'cancelled';

export interface ExchangeRow {
  readonly id: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly sender: string;
  /** Absent when the named receiver is not a known party (refused before routing). */
  readonly receiver: string | null;
  readonly messageType: string;
  readonly purpose: string | null;
  readonly status: ExchangeStatus;
  readonly subjectPseudonym: string | null;
  readonly traceId: string;
  readonly decision: PolicyDecision | null;
  /** Error code or policy reason of a refusal. */
  readonly reason: string | null;
  readonly receiverReference: string | null;
  readonly deliveredAt: number | null;
}

export type ExchangePatch = Partial<Pick<ExchangeRow, 'status' | 'receiverReference' | 'deliveredAt' | 'reason'>> & {
  readonly updatedAt: number;
};

export type OutboxStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

export interface OutboxRow {
  readonly exchangeId: string;
  readonly receiver: string;
  readonly adapterKind: string;
  readonly endpoint: string | null;
  readonly messageType: string;
  readonly sender: string;
  readonly purpose: string;
  /** The minimised message; null once purged. */
  readonly payload: unknown;
  readonly traceparent: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly leaseOwner: string | null;
  readonly leaseUntil: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: number | null;
  /** When the payload may be purged (delivered or dead + retention). */
  readonly purgeAfter: number | null;
  readonly createdAt: number;
}

/**
 * A row as a claim hands it out. A claim that finds an expired lease (the process delivering the row
 * stopped, or could not record the outcome) counts that lost attempt in `attempts` and in
 * `unrecordedAttempts`: the attempts no audit record tells of yet. The settle of this claim records
 * them (and the store sets the count back to 0); until then they add up over further lost leases.
 */
export interface ClaimedDelivery extends OutboxRow {
  readonly unrecordedAttempts: number;
}

export type OutboxPatch = Partial<
  Pick<OutboxRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'deliveredAt' | 'purgeAfter'>
>;

/** A dead letter's replay or discard: a status change guarded by the status it must have now. */
export type OutboxTransition = OutboxPatch &
  Partial<Pick<OutboxRow, 'adapterKind' | 'endpoint'>> & {
    /** A new (re-minimised) payload, or null to drop it at once. */
    readonly payload?: unknown;
  };

/** An outbox row as operators list it: everything but the payload and the decision context. */
export type OutboxEntry = Omit<OutboxRow, 'payload'> & { readonly payloadPurged: boolean };

// ---- operators: schedules, their runs, audit checkpoints -------------------------------------------

export interface ScheduleRow {
  readonly id: string;
  /** Unique among schedules. */
  readonly name: string;
  readonly cron: string;
  readonly timeZone: string;
  readonly jobKind: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly paused: boolean;
  /** Where the job continues (a pull-sync's source cursor); null before the first committed page. */
  readonly cursor: string | null;
  /** 1 on insert, +1 on every update: lets every gateway process see that a schedule changed. */
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly createdBy: string;
}

export type SchedulePatch = Partial<Pick<ScheduleRow, 'name' | 'cron' | 'timeZone' | 'params' | 'paused' | 'cursor'>> & {
  readonly updatedAt: number;
};

export type ScheduleRunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

export interface ScheduleRunCounts {
  readonly read: number;
  readonly accepted: number;
  readonly refused: number;
  readonly failed: number;
}

export interface ScheduleRunRow {
  readonly id: string;
  readonly scheduleId: string;
  readonly jobKind: string;
  readonly trigger: 'scheduled' | 'manual';
  readonly status: ScheduleRunStatus;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly counts: ScheduleRunCounts;
  readonly cursorFrom: string | null;
  readonly cursorReached: string | null;
  /** Why the run failed or was interrupted; never personal data. */
  readonly error: string | null;
  /** Which process ran it: hostname, pid and that process's id. */
  readonly runner: string;
  /** Job-specific results (JSON), e.g. the source ids and reasons of refused records. */
  readonly details: unknown;
}

export type ScheduleRunPatch = Partial<Pick<ScheduleRunRow, 'status' | 'endedAt' | 'counts' | 'cursorReached' | 'error' | 'details'>>;

/** An audit record as stored, with the columns beside it that disagree with it (by column name). */
export interface AuditChainRow {
  readonly record: AuditRecord;
  readonly mismatchedColumns: readonly string[];
}

/** A signed statement of the audit chain head (architecture.md, Audit log). */
export interface AuditCheckpoint {
  readonly seq: number;
  readonly hash: string;
  readonly signedAt: string; // ISO 8601, UTC
  readonly keyId: string;
  /** Ed25519 signature, base64url, over the canonical JSON of {seq, hash, signedAt, keyId}. */
  readonly signature: string;
}

export interface IdempotencyRecord {
  readonly party: string;
  readonly key: string;
  readonly requestHash: string;
  readonly statusCode: number;
  /** The answer's body as sent, replayed for a repeat of the request. */
  readonly response: unknown;
  /**
   * The exchange whose row holds the answer's `decision` (the same value: an accepted exchange's 202
   * carries the decision the exchange row records), or null. The store then keeps the decision once,
   * in the exchange row, and reads the response back with it in its place (migration 21; the
   * decision is ~2 KB, about a page of each accepted exchange's writes).
   */
  readonly decisionOf: string | null;
  readonly createdAt: number;
}

export interface InboxItem {
  readonly exchangeId: string;
  readonly receiver: string;
  readonly sender: string;
  readonly messageType: string;
  readonly purpose: string;
  readonly payload: unknown;
  readonly createdAt: number;
  readonly ackedAt: number | null;
  /**
   * When the payload is purged even if the receiver never acknowledged it (delivery + retention, as
   * for the outbox): a pull receiver that never comes leaves no child's data behind. Null: never.
   */
  readonly purgeAfter: number | null;
}

/**
 * An iJw heen message that went through the gateway, kept so that its retour can be routed back by
 * pairing (a retour copies the heen header, so its Afzender is the party it goes back to: domain.md
 * 1.3). Keyed by the heen message's type, Afzender and BerichtIdentificatie; holds no payload.
 */
export interface IjwPairing {
  readonly exchangeId: string;
  /** The heen message type, e.g. JW315. */
  readonly messageType: string;
  /** Header/Afzender: the sender's gemeentecode or AGB code. */
  readonly afzender: string;
  /** Header/BerichtIdentificatie/Identificatie. */
  readonly identificatie: string;
  /** Header/BerichtIdentificatie/Dagtekening (YYYY-MM-DD). */
  readonly dagtekening: string;
  /** The party that sent the heen message, and the party it went to. */
  readonly sender: string;
  readonly receiver: string;
  readonly createdAt: number;
}

export type IjwPairingKey = Pick<IjwPairing, 'messageType' | 'afzender' | 'identificatie' | 'dagtekening'>;

export interface AuditQuery {
  readonly exchangeId?: string;
  /**
   * Records whose actor or counterparty is this party — except the refused submissions it was only
   * the intended receiver of (see listExchanges).
   */
  readonly party?: string;
  readonly afterSeq?: number;
  readonly limit: number;
}

// ---- consent registry, override reviews, decision inputs -------------------------------------------

export interface ConsentQuery {
  readonly subjectPseudonym?: string;
  readonly registeredBy?: string;
  readonly limit: number;
  /** Cursor: only records registered after the record with this id (order: registeredAt, id). */
  readonly after?: string;
}

/** A pending delivery cancelled because the consent it rested on was revoked. */
export interface CancelledDelivery {
  readonly exchangeId: string;
  readonly receiver: string;
  readonly messageType: string;
  readonly purpose: string;
  /** A dispatcher held the row's lease: an attempt may have been in flight when it was cancelled. */
  readonly wasLeased: boolean;
}

export type ReviewStatus = 'pending' | 'justified' | 'not-justified';

/** A break-glass override waiting for (or given) a privacy officer's review. */
export interface OverrideReview {
  readonly exchangeId: string;
  readonly createdAt: number;
  readonly sender: string;
  readonly receiver: string;
  readonly messageType: string;
  readonly purpose: string;
  /** `id@version` of the rule whose override was used. */
  readonly rule: string;
  readonly reasonCode: string;
  readonly justification: string;
  readonly subjectPseudonym: string | null;
  readonly status: ReviewStatus;
  readonly reviewedBy: string | null;
  readonly reviewedAt: number | null;
  readonly note: string | null;
}

/**
 * What a later re-decision needs beyond the exchange row and the outbox payload: the subject facts
 * the sender gave (birth date and flags; never the BSN). Removed with the payload.
 */
export interface DecisionInputRow {
  readonly exchangeId: string;
  readonly subject: Omit<SubjectFacts, 'bsn'> & { readonly hasBsn: boolean };
}

export interface AuditSearch {
  readonly dataSubjectId?: string;
  /** Records whose actor or counterparty is this party. */
  readonly party?: string;
  readonly purpose?: string;
  readonly outcome?: string;
  readonly action?: string;
  /** Inclusive lower and exclusive upper bound on `time` (ISO 8601, UTC). */
  readonly from?: string;
  readonly to?: string;
  readonly afterSeq?: number;
  readonly limit: number;
}

/** What tryWithClusterLock did: ran fn (with its value), or found the lock held and did not run it. */
export type ClusterLockResult<T> = { readonly ran: true; readonly value: T } | { readonly ran: false };

/**
 * Care paths (migration 7): the bulk reads of one message's working set (carePathTrackingSince,
 * carePathRows; src/kernel/care-path-record.ts makes a CarePathReader of them) and applying the changes
 * an accepted message makes, in the transaction that records the exchange. Implementations that allow
 * concurrent writers take the audit chain head first, so messages on one path are judged in turn.
 */
export interface CarePathTx extends CarePathRowSource {
  /** Upserts the facts and opens or closes deadlines, in order; says which deadlines closed or (re)opened. */
  applyCarePathChanges(changes: readonly CarePathChange[]): Promise<CarePathApplied>;
}

export interface StoreTx extends CarePathTx, ReceiverPauseWrites, SignalWrites, RegieWrites, SubscriptionWrites {
  /** The chain head. Implementations that allow concurrent writers lock it until commit. */
  auditHead(): Promise<{ readonly seq: number; readonly hash: string } | undefined>;
  insertAudit(record: AuditRecord): Promise<void>;
  insertExchange(row: ExchangeRow): Promise<void>;
  updateExchange(id: string, patch: ExchangePatch): Promise<void>;
  insertOutbox(row: OutboxRow): Promise<void>;
  /**
   * Applies the patch and clears the lease, only while `owner` still holds it.
   * Returns false when the lease was lost (another dispatcher took the row over).
   */
  settleOutbox(exchangeId: string, owner: string, patch: OutboxPatch): Promise<boolean>;
  /**
   * Store.claimDueDeliveries inside this transaction (after the audit chain head, the lock order of
   * store-tx.ts): the dispatcher claims in a group-commit batch, so the lease is written with the
   * batch's one commit; the rows are the caller's once the transaction has committed.
   */
  claimDueDeliveries(query: { readonly now: number; readonly limit: number; readonly leaseMs: number; readonly owner: string }): Promise<ClaimedDelivery[]>;
  putIdempotency(record: IdempotencyRecord): Promise<void>;
  /** Idempotent on exchangeId: a second insert of the same item is ignored. */
  insertInboxItem(item: InboxItem): Promise<void>;
  /**
   * Marks an unacknowledged item acknowledged and drops its payload (the receiver has it now).
   * False when this receiver has no such unacknowledged item.
   */
  ackInboxItem(receiver: string, exchangeId: string, now: number): Promise<boolean>;
  /** Records an iJw heen message's pairing key; idempotent on exchangeId. */
  insertIjwPairing(pairing: IjwPairing): Promise<void>;

  /** Records a consent (status active, no revocation). Ids are unique. */
  insertConsent(record: ConsentRecord): Promise<void>;
  /**
   * Adds the revocation to an active consent (status revoked); the grant itself is never changed or
   * deleted. False when there is no such active consent.
   */
  revokeConsent(id: string, revocation: ConsentRevocation): Promise<boolean>;
  /**
   * Every consent record of the child (active and revoked), for a decision inside this transaction,
   * so that a revocation committed before it is seen and one committed after it finds its outbox row.
   * Implementations that allow concurrent writers lock the child's rows until commit.
   */
  listSubjectConsents(subjectPseudonym: string): Promise<ConsentRecord[]>;
  /**
   * The parties that sent this child a request of this type that the policy allowed (any status but
   * refused), distinct: whom an answer to that request may go to (domain.md 8.3 row 11).
   */
  listSubjectRequestSenders(subjectPseudonym: string, messageType: string): Promise<string[]>;
  /**
   * Cancels the child's pending deliveries whose exchange decision names the consent: outbox status
   * cancelled, lease cleared, payload removed (and its decision input). The exchanges themselves are
   * the caller's to update. Returns what was cancelled.
   */
  cancelPendingDeliveries(query: { readonly subjectPseudonym: string; readonly consentId: string; readonly now: number }): Promise<CancelledDelivery[]>;
  insertDecisionInput(row: DecisionInputRow): Promise<void>;
  getDecisionInput(exchangeId: string): Promise<DecisionInputRow | undefined>;
  insertOverrideReview(review: OverrideReview): Promise<void>;
  /** Records a privacy officer's verdict on a pending review; false when it is not pending. */
  reviewOverride(
    exchangeId: string,
    verdict: { readonly status: Exclude<ReviewStatus, 'pending'>; readonly reviewedBy: string; readonly reviewedAt: number; readonly note: string },
  ): Promise<boolean>;

  /**
   * Applies the patch only while the row has status `from` and is not leased; false otherwise (the
   * row is unknown, or another operator or the dispatcher got there first).
   */
  transitionOutbox(exchangeId: string, from: OutboxStatus, patch: OutboxTransition): Promise<boolean>;
  /** Rejects with schedule-name-taken when the name is in use. */
  insertSchedule(row: ScheduleRow): Promise<void>;
  /** Applies the patch and increments version; the updated row, or undefined when there is no such schedule. */
  updateSchedule(id: string, patch: SchedulePatch): Promise<ScheduleRow | undefined>;
  /** Deletes the schedule and its run history; false when there was none. */
  deleteSchedule(id: string): Promise<boolean>;
  insertScheduleRun(row: ScheduleRunRow): Promise<void>;
  updateScheduleRun(id: string, patch: ScheduleRunPatch): Promise<void>;
  /** Marks the schedule's runs still `running` as `interrupted` (their process died); returns how many. */
  interruptScheduleRuns(scheduleId: string, now: number, error: string): Promise<number>;
  insertAuditCheckpoint(checkpoint: AuditCheckpoint): Promise<void>;
  /** The checkpoint with the highest seq, or undefined when none was signed (read under the chain's lock when auditHead took it). */
  newestAuditCheckpoint(): Promise<AuditCheckpoint | undefined>;
}

export interface Store extends OperatorReads, SignalReads, ConsentLists, DecisionCounts, RegieReads, SubscriptionReads {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Every verzoek, toewijzing and start or stop kept for the care paths, for the waiting-time
   * statistics (read in pages; facts only, never a message or a BSN).
   */
  carePathHistory(): Promise<{ readonly requests: RequestFact[]; readonly toewijzingen: ToewijzingFact[]; readonly deliveries: DeliveryFact[] }>;
  migrate(): Promise<void>;
  /** True when the store answers and every migration is applied. */
  ready(): Promise<boolean>;
  /** Runs fn in one ACID transaction, durable on return; rolls back if fn throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;

  getExchange(id: string): Promise<ExchangeRow | undefined>;
  /**
   * Exchanges the party sent or received, newest first; `before` is an exchange id cursor. A refused
   * exchange was never received: it is listed for its sender only (the policy decided the receiver
   * must not learn of it).
   */
  listExchanges(query: { readonly party: string; readonly limit: number; readonly before?: string }): Promise<ExchangeRow[]>;

  listAudit(query: AuditQuery): Promise<AuditRecord[]>;
  /**
   * Every record from seq `fromSeq` on, in order, for chain verification and export: each as written
   * (the hashed record), whatever the columns beside it say.
   */
  readAuditChain(fromSeq: number, limit: number): Promise<AuditRecord[]>;
  /**
   * As readAuditChain, with the names of the stored columns that differ from the record's own field
   * (an index column changed behind the store's back): what chain verification reports.
   */
  readAuditChainRows(fromSeq: number, limit: number): Promise<AuditChainRow[]>;

  getIdempotency(party: string, key: string): Promise<IdempotencyRecord | undefined>;

  /**
   * Claims up to `limit` pending rows that are due (nextAttemptAt <= now) and not leased (or whose
   * lease expired), leasing them to `owner` until now + leaseMs. A row is held by one owner at a time.
   */
  claimDueDeliveries(query: { readonly now: number; readonly limit: number; readonly leaseMs: number; readonly owner: string }): Promise<ClaimedDelivery[]>;
  getOutbox(exchangeId: string): Promise<OutboxRow | undefined>;
  /** Sets payload to null where purgeAfter <= now, in the outbox and the inbox; returns how many were purged. */
  purgePayloads(now: number): Promise<number>;
  /**
   * After a purge: makes the purged bytes leave the database's files as far as the store can. SQLite
   * (secure_delete on, so freed content is overwritten with zeros): checkpoints the WAL into the
   * database file and truncates it. PostgreSQL: VACUUMs the purged tables (space reusable, no
   * guarantee the bytes are overwritten: README, Retention). Resolves what was done.
   */
  reclaimPurgedSpace(): Promise<string>;
  /** Counts by outbox status, for readiness and metrics. */
  countOutbox(): Promise<Readonly<Record<OutboxStatus, number>>>;

  getConsent(id: string): Promise<ConsentRecord | undefined>;
  /** Consent records in registration order, filtered by child and/or registering party. */
  listConsents(query: ConsentQuery): Promise<ConsentRecord[]>;
  /** The exchanges about a child, oldest first; `after` is an exchange id cursor. */
  listExchangesBySubject(subjectPseudonym: string, query: { readonly limit: number; readonly after?: string }): Promise<ExchangeRow[]>;
  /** Audit records matching every given filter, in chain order. */
  searchAudit(query: AuditSearch): Promise<AuditRecord[]>;
  getOverrideReview(exchangeId: string): Promise<OverrideReview | undefined>;
  /** Reviews oldest first, optionally by status; `after` is an exchange id cursor. */
  listOverrideReviews(query: { readonly status?: ReviewStatus; readonly limit: number; readonly after?: string }): Promise<OverrideReview[]>;

  listInbox(receiver: string, query: { readonly limit: number; readonly includeAcknowledged: boolean }): Promise<InboxItem[]>;
  getInboxItem(receiver: string, exchangeId: string): Promise<InboxItem | undefined>;
  /**
   * The heen message a retour answers: the most recent pairing with this key (TR056 makes the key
   * unique per sender; the gateway does not enforce that, so the latest wins).
   */
  findIjwPairing(key: IjwPairingKey): Promise<IjwPairing | undefined>;

  /** Outbox rows of one status, oldest first (createdAt, then exchange id), after the row `after`. */
  listOutbox(query: { readonly status: OutboxStatus; readonly limit: number; readonly receiver?: string; readonly after?: string }): Promise<OutboxEntry[]>;
  /** createdAt of the oldest row with this status, or null when there is none (metrics). */
  oldestOutboxCreatedAt(status: OutboxStatus): Promise<number | null>;
  getSchedule(id: string): Promise<ScheduleRow | undefined>;
  /** Every schedule, by name. */
  listSchedules(): Promise<ScheduleRow[]>;
  getScheduleRun(id: string): Promise<ScheduleRunRow | undefined>;
  /** A schedule's runs, newest first; `before` is a run id cursor. */
  listScheduleRuns(scheduleId: string, query: { readonly limit: number; readonly before?: string }): Promise<ScheduleRunRow[]>;
  /** Checkpoints in seq order, from seq `fromSeq` on. */
  listAuditCheckpoints(query: { readonly fromSeq?: number; readonly limit: number }): Promise<AuditCheckpoint[]>;

  /**
   * Runs fn while holding the lock `name` for every process that shares this store, if nobody holds
   * it; otherwise does not run fn and resolves { ran: false } at once (it never waits for the lock).
   * The lock is released when fn settles; fn's rejection is passed on. PostgreSQL: a session advisory
   * lock on a connection of its own, so a process that dies or loses that connection loses the lock.
   * SQLite (one process): a lock within this process. For scheduled jobs: combine
   * it with the run history (inside fn, skip a run already recorded for the same due time).
   */
  tryWithClusterLock<T>(name: string, fn: () => Promise<T>): Promise<ClusterLockResult<T>>;
  close(): Promise<void>;
}
