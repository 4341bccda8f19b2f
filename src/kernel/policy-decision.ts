// The contract between the policy engine and the rest of the gateway (architecture.md, Contracts).
// A decision always names what it rested on (rule, legal basis and catalogue version, processing
// activity, consents, age band, override), so that an audit record or a refusal can explain itself
// without a second lookup.

import type { ConsentRecord } from './consent-record.ts';
import type { PartyRole, Regime } from './party-role.ts';

/** Machine-readable reasons. They describe the rule, never the child's other relations or consents. */
export type DecisionReason =
  | 'rule-allows'
  | 'consent-given'
  | 'override-used'
  | 'no-legal-basis'
  | 'consent-missing'
  | 'consent-revoked'
  | 'objection-registered'
  | 'age-rule'
  | 'precondition-not-met'
  | 'blocked-secret-address'
  | 'blocked-no-bsn'
  | 'field-not-allowed'
  | 'override-not-allowed'
  /** A gateway notice (the regie notice) whose receiver's adapter cannot carry it. */
  | 'receiver-cannot-carry';

export type AgeBand = 'under-12' | '12-15' | '16-plus';

export interface OverrideUse {
  readonly reasonCode: string;
  readonly justification: string;
}

/** A side effect the rule asks for, carried out by the gateway in the same transaction. */
export interface SideEffectOutcome {
  readonly kind: 'notify';
  /** The exchange the gateway created for it. */
  readonly exchangeId: string;
  readonly receiver: string;
  readonly messageType: string;
  readonly purpose: string;
}

export interface PolicyDecision {
  readonly outcome: 'allow' | 'deny';
  readonly reason: DecisionReason;
  /** `id@version` of the rule that applied; absent only when no rule matched (default deny). */
  readonly rule?: { readonly id: string; readonly version: number };
  readonly purpose: string;
  /** Id of the legal basis in the catalogue (consent/legal-bases.json). */
  readonly legalBasis?: string;
  readonly processingActivityId?: string;
  /** Version of the policy set the decision used. */
  readonly policyVersion: string;
  /** Version of the legal-basis catalogue the decision used. */
  readonly catalogueVersion?: string;
  readonly consentIds: readonly string[];
  readonly ageBand?: AgeBand;
  readonly override?: OverrideUse;
  /** The precondition that was not met (reason `precondition-not-met`). */
  readonly precondition?: string;
  /** JSON pointers of fields the rule does not release (reason `field-not-allowed`; names only, no values). */
  readonly disallowedFields?: readonly string[];
  /** One sentence about the rule's requirement; never about the child's other relations or consents. */
  readonly explanation?: string;
  /** Default deny (no rule matched): the combination the policy was asked about. */
  readonly lookedFor?: {
    readonly senderRole: PartyRole;
    readonly receiverRole: PartyRole;
    readonly messageType: string;
    readonly purpose: string;
    readonly senderRegime?: Regime;
  };
  /** Default deny: the rules for this message type from this sender role (other purposes or receivers). */
  readonly alternatives?: readonly PolicyAlternative[];
  /** JSON pointers of the message fields released to the receiver (after minimisation). */
  readonly releasedFields: readonly string[];
  readonly sideEffects?: readonly SideEffectOutcome[];
}

/** A rule that exists for a message and sender, named in a default-deny refusal. */
export interface PolicyAlternative {
  readonly rule: string;
  readonly receiverRoles: readonly PartyRole[];
  readonly purpose: string;
  readonly senderRegime?: Regime;
}

/** The sending party as the policy needs it. */
export interface DecisionParty {
  readonly id: string;
  readonly role: PartyRole;
  readonly regime?: Regime;
  /** Designations by a college, e.g. `verzoek-tot-onderzoek` (Jw 3.1 lid 1: a designated provider). */
  readonly designations?: readonly string[];
}

/** What the engine is asked: who sends what to whom, for which purpose, about which child. */
export interface DecisionInput {
  readonly senderRole: PartyRole;
  readonly receiverRole: PartyRole;
  readonly messageType: string;
  readonly purpose: string;
  readonly exchangeDate: string; // YYYY-MM-DD
  readonly subject?: SubjectFacts;
  readonly message: Readonly<Record<string, unknown>>;
  readonly override?: OverrideUse;
  /** Party ids and the sender's regime and designations (consent scope, preconditions, regime rules). */
  readonly sender?: DecisionParty;
  readonly receiverId?: string;
  /**
   * The consent records registered for this child (active and revoked), fetched by the caller only
   * when `consentFactsNeeded(input)` says so: statutory exchanges never wait on the registry.
   */
  readonly consents?: readonly ConsentRecord[];
  /**
   * The parties that sent this child the request the message answers (e.g. its VerzoekTotOnderzoek),
   * fetched by the caller only when `requestFactsNeeded(input)` names the request's type.
   */
  readonly requestSenders?: readonly string[];
}

export interface SubjectFacts {
  readonly bsn?: string;
  /**
   * The child has a BSN that is not repeated here: a re-decision works from the pseudonym only
   * (src/exchange/redecide-exchange.ts). Senders cannot set it (the envelope schema has no such member).
   */
  readonly identified?: boolean;
  readonly birthDate?: string;
  readonly secretAddress?: boolean;
  readonly safetyRisk?: boolean;
}
