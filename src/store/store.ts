// The Store port (architecture.md, Contracts). Async throughout so that the SQLite and PostgreSQL
// implementations share one shape; one contract suite (tests/contract/store-contract.ts) runs against
// every implementation. Times are epoch milliseconds; JSON columns are plain values here.

import type { AuditRecord } from '../audit/audit-record.ts';
import type { PolicyDecision } from '../../consent/policy-decision.ts';

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

export type OutboxPatch = Partial<
  Pick<OutboxRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'deliveredAt' | 'purgeAfter'>
>;

export interface IdempotencyRecord {
  readonly party: string;
  readonly key: string;
  readonly requestHash: string;
  readonly statusCode: number;
  readonly response: unknown;
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
}

export interface AuditQuery {
  readonly exchangeId?: string;
  /** Records whose actor or counterparty is this party. */
  readonly party?: string;
  readonly afterSeq?: number;
  readonly limit: number;
}

/** What tryWithClusterLock did: ran fn (with its value), or found the lock held and did not run it. */
export type ClusterLockResult<T> = { readonly ran: true; readonly value: T } | { readonly ran: false };

export interface StoreTx {
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
  putIdempotency(record: IdempotencyRecord): Promise<void>;
  /** Idempotent on exchangeId: a second insert of the same item is ignored. */
  insertInboxItem(item: InboxItem): Promise<void>;
  /**
   * Marks an unacknowledged item acknowledged and drops its payload (the receiver has it now).
   * False when this receiver has no such unacknowledged item.
   */
  ackInboxItem(receiver: string, exchangeId: string, now: number): Promise<boolean>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  /** True when the store answers and every migration is applied. */
  ready(): Promise<boolean>;
  /** Runs fn in one ACID transaction, durable on return; rolls back if fn throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;

  getExchange(id: string): Promise<ExchangeRow | undefined>;
  /** Exchanges the party sent or received, newest first; `before` is an exchange id cursor. */
  listExchanges(query: { readonly party: string; readonly limit: number; readonly before?: string }): Promise<ExchangeRow[]>;

  listAudit(query: AuditQuery): Promise<AuditRecord[]>;
  /** Every record from seq `fromSeq` on, in order, for chain verification and export. */
  readAuditChain(fromSeq: number, limit: number): Promise<AuditRecord[]>;

  getIdempotency(party: string, key: string): Promise<IdempotencyRecord | undefined>;

  /**
   * Claims up to `limit` pending rows that are due (nextAttemptAt <= now) and not leased (or whose
   * lease expired), leasing them to `owner` until now + leaseMs. A row is held by one owner at a time.
   */
  claimDueDeliveries(query: { readonly now: number; readonly limit: number; readonly leaseMs: number; readonly owner: string }): Promise<OutboxRow[]>;
  getOutbox(exchangeId: string): Promise<OutboxRow | undefined>;
  /** Sets payload to null where purgeAfter <= now; returns how many were purged. */
  purgePayloads(now: number): Promise<number>;
  /** Counts by outbox status, for readiness and metrics. */
  countOutbox(): Promise<Readonly<Record<OutboxStatus, number>>>;

  listInbox(receiver: string, query: { readonly limit: number; readonly includeAcknowledged: boolean }): Promise<InboxItem[]>;
  getInboxItem(receiver: string, exchangeId: string): Promise<InboxItem | undefined>;

  /**
   * Runs fn while holding the lock `name` for every process that shares this store, if nobody holds
   * it; otherwise does not run fn and resolves { ran: false } at once (it never waits for the lock).
   * The lock is released when fn settles; fn's rejection is passed on. PostgreSQL: a session advisory
   * lock on a connection of its own, so a process that dies or loses that connection loses the lock.
   * SQLite (one process): a lock within this process. For scheduled jobs (issue 4 item 4): combine
   * it with the run history (inside fn, skip a run already recorded for the same due time).
   */
  tryWithClusterLock<T>(name: string, fn: () => Promise<T>): Promise<ClusterLockResult<T>>;
  close(): Promise<void>;
}
