// The privacy officer's consent lists (issue 11, "Consents"): consents whose period ends soon, consents
// revoked recently, and what each revocation cancelled. Across all children, by pseudonym only: the
// lists never need a BSN. `Store` (store.ts) extends this interface; the SQL is in
// sql/consent-reads.ts, the indexes in migration 10.
import type { ConsentRecord } from '../kernel/consent-record.ts';

export interface ExpiringConsentQuery {
  /** First and last day (YYYY-MM-DD, inclusive) on which the period may end. */
  readonly from: string;
  readonly to: string;
  /** Only consents after the one with this id, in the order (validUntil, id); an unknown id gives an empty page. */
  readonly after?: string;
  readonly limit: number;
}

export interface RevokedConsentQuery {
  /** Revoked at or after this moment (epoch ms). */
  readonly since: number;
  /** Only consents after the one with this id, in the order (revokedAt desc, id desc); an unknown id gives an empty page. */
  readonly after?: string;
  readonly limit: number;
}

/** A pending delivery that a revocation cancelled, as the privacy officer sees it: metadata only. */
export interface CancelledByRevocation {
  /** The consent whose revocation cancelled it. */
  readonly consentId: string;
  readonly exchangeId: string;
  readonly createdAt: number;
  readonly sender: string;
  readonly receiver: string;
  readonly messageType: string;
  readonly purpose: string;
}

export interface ConsentLists {
  /** Active consents (permits and objections) whose period ends between from and to, soonest first. */
  listExpiringConsents(query: ExpiringConsentQuery): Promise<ConsentRecord[]>;
  /** Revoked consents, most recent revocation first. */
  listRevokedConsents(query: RevokedConsentQuery): Promise<ConsentRecord[]>;
  /**
   * The deliveries each consent's revocation cancelled (consent-registry.ts revoke: in one transaction
   * it marks each exchange cancelled with reason consent-revoked at the revocation's own moment), for a
   * page of consents in one read. An exchange that rested on two consents is counted for the
   * revocation that cancelled it, not for a later one; a consent that is not revoked has none. At most
   * `limitPerConsent` per consent, ordered by consent id, then oldest exchange first. At most 500 ids.
   */
  listCancelledByRevocations(consentIds: readonly string[], limitPerConsent: number): Promise<CancelledByRevocation[]>;
}
