// AuditRecord (architecture.md, Contracts; field names follow the Logboek Dataverwerkingen where one
// exists: trace id, span id, processing activity id, data subject id and its type). No payloads and
// no raw BSN: the data subject is the keyed pseudonym.

export type AuditAction =
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
  // A privacy officer or integrator asked what the policy would decide for a sample (nothing sent).
  | 'policy.explain'
  // What operators do: replays and discards of dead letters, schedules and their runs, purges,
  // checkpoints and exports of the chain itself.
  | 'delivery.replay'
  | 'delivery.discard'
  | 'schedule.change'
  | 'schedule.run'
  | 'retention.purge'
  | 'audit.checkpoint'
  | 'audit.export'
  // Staff at the console: signing in and out (under their own identity), pausing and resuming the
  // deliveries to one receiver.
  | 'staff.sign-in'
  | 'staff.sign-out'
  | 'receiver.pause'
  | 'receiver.resume'
  // The care-path watchdog's signals: raised by the watchdog job, acknowledged by a party, closed when
  // the awaited message came (or its term no longer applies).
  | 'signal.raise'
  | 'signal.acknowledge'
  | 'signal.close'
  // The regie register: a regievoerder registered, looked up, handed over (proposed, accepted,
  // declined) or ended; refusals too, with their reason.
  | 'regie.register'
  | 'regie.lookup'
  | 'regie.handover'
  | 'regie.end'
  // Status callbacks: a party subscribes to events about its own exchanges, or ends a subscription.
  | 'subscription.create'
  | 'subscription.delete'
  // An operator (or the process's SIGHUP) reloaded the configuration file; refused reloads too.
  | 'config.reload';

export type AuditOutcome =
  | 'allowed'
  | 'refused'
  | 'delivered'
  | 'retry'
  | 'dead-letter'
  // A delivery attempt whose lease expired before its outcome was recorded (dispatcher.ts).
  | 'lease-expired'
  | 'cancelled'
  | 'acknowledged'
  | 'read'
  | 'granted'
  | 'revoked'
  | 'justified'
  | 'not-justified'
  // The outcomes of those operator actions.
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

/** The part of a record its writer supplies; seq, time and the hashes are added by the chain. */
export interface AuditDraft {
  readonly traceId: string;
  readonly spanId: string;
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  /** Machine-readable reason (policy reason, error code or delivery failure class). */
  readonly reason?: string;
  readonly exchangeId?: string;
  readonly actor: string;
  readonly counterparty?: string;
  readonly messageType?: string;
  readonly purpose?: string;
  readonly processingActivityId?: string;
  readonly legalBasis?: string;
  /** `id@version` of the rule that applied. */
  readonly rule?: string;
  readonly policyVersion?: string;
  /** Version of the legal-basis catalogue the decision used. */
  readonly catalogueVersion?: string;
  readonly consentIds?: readonly string[];
  readonly dataSubjectId?: string;
  readonly dataSubjectIdType?: 'bsn-pseudonym';
  readonly releasedFields?: readonly string[];
  /** Short human detail without personal data (e.g. the HTTP status a receiver gave). */
  readonly detail?: string;
}

export interface AuditRecord extends AuditDraft {
  readonly seq: number;
  readonly time: string; // ISO 8601, UTC
  readonly prevHash: string;
  readonly hash: string;
}
