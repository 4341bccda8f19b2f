// Generated from schemas/privacy-requests.schema.json by scripts/generate-schema-types.ts; do not edit by hand.

/**
 * This interface was referenced by `PrivacyRequest`'s JSON-Schema
 * via the `definition` "bsnLookup".
 */
export interface PrivacyRequestBsnLookup {
  bsn: string;
}
/**
 * This interface was referenced by `PrivacyRequest`'s JSON-Schema
 * via the `definition` "subjectAccessReport".
 */
export interface PrivacyRequestSubjectAccessReport {
  bsn: string;
  /**
   * Who the report is written for: a parent or guardian (default), or a child of 12 or older.
   */
  reader?: 'parent' | 'child';
  /**
   * Default nl.
   */
  language?: 'nl' | 'en';
}
/**
 * This interface was referenced by `PrivacyRequest`'s JSON-Schema
 * via the `definition` "auditSearch".
 */
export interface PrivacyRequestAuditSearch {
  /**
   * The child: looked up through the keyed pseudonym.
   */
  bsn?: string;
  /**
   * Records whose actor or counterparty is this party.
   */
  party?: string;
  purpose?: string;
  outcome?:
    | 'allowed'
    | 'refused'
    | 'delivered'
    | 'retry'
    | 'dead-letter'
    | 'lease-expired'
    | 'cancelled'
    | 'acknowledged'
    | 'read'
    | 'granted'
    | 'revoked'
    | 'justified'
    | 'not-justified'
    | 'requeued'
    | 'discarded'
    | 'changed'
    | 'succeeded'
    | 'failed'
    | 'interrupted'
    | 'purged'
    | 'signed'
    | 'signed-in'
    | 'signed-out'
    | 'paused'
    | 'resumed'
    | 'raised'
    | 'closed'
    | 'registered'
    | 'proposed'
    | 'accepted'
    | 'declined'
    | 'ended'
    | 'created'
    | 'deleted'
    | 'reloaded';
  action?:
    | 'exchange.submit'
    | 'delivery.attempt'
    | 'delivery.cancel'
    | 'inbox.ack'
    | 'audit.read'
    | 'consent.grant'
    | 'consent.revoke'
    | 'consent.read'
    | 'override.review'
    | 'privacy.read'
    | 'policy.explain'
    | 'delivery.replay'
    | 'delivery.discard'
    | 'schedule.change'
    | 'schedule.run'
    | 'retention.purge'
    | 'audit.checkpoint'
    | 'audit.export'
    | 'staff.sign-in'
    | 'staff.sign-out'
    | 'receiver.pause'
    | 'receiver.resume'
    | 'signal.raise'
    | 'signal.acknowledge'
    | 'signal.close'
    | 'regie.register'
    | 'regie.lookup'
    | 'regie.handover'
    | 'regie.end'
    | 'subscription.create'
    | 'subscription.delete'
    | 'config.reload';
  /**
   * Inclusive.
   */
  from?: string;
  /**
   * Exclusive.
   */
  to?: string;
  afterSeq?: number;
  limit?: number;
}
/**
 * This interface was referenced by `PrivacyRequest`'s JSON-Schema
 * via the `definition` "reviewVerdict".
 */
export interface PrivacyRequestReviewVerdict {
  verdict: 'justified' | 'not-justified';
  note: string;
}
