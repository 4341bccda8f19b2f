// The contract between the policy engine and the rest of the gateway (architecture.md, Contracts).
// Designed now for the legal-basis catalogue and consent checks that follow: a decision always names
// what it rested on, so that an audit record or a refusal can explain itself without a second lookup.

export type PartyRole = 'gemeente' | 'aanbieder' | 'gi' | 'veilig-thuis' | 'raad';
export const partyRoles: readonly PartyRole[] = ['gemeente', 'aanbieder', 'gi', 'veilig-thuis', 'raad'];

/** Machine-readable reasons. They describe the rule, never the child's other relations or consents. */
export type DecisionReason =
  | 'rule-allows'
  | 'no-legal-basis'
  | 'consent-missing'
  | 'consent-revoked'
  | 'age-rule'
  | 'blocked-secret-address'
  | 'blocked-no-bsn'
  | 'field-not-allowed'
  | 'override-not-allowed';

export type AgeBand = 'under-12' | '12-15' | '16-plus';

export interface OverrideUse {
  readonly reasonCode: string;
  readonly justification: string;
}

export interface PolicyDecision {
  readonly outcome: 'allow' | 'deny';
  readonly reason: DecisionReason;
  /** `id@version` of the rule that applied; absent only when no rule matched (default deny). */
  readonly rule?: { readonly id: string; readonly version: number };
  readonly purpose: string;
  readonly legalBasis?: string;
  readonly processingActivityId?: string;
  /** Version of the policy set (and later the legal-basis catalogue) the decision used. */
  readonly policyVersion: string;
  readonly consentIds: readonly string[];
  readonly ageBand?: AgeBand;
  readonly override?: OverrideUse;
  /** JSON pointers of the message fields released to the receiver (after minimisation). */
  readonly releasedFields: readonly string[];
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
}

export interface SubjectFacts {
  readonly bsn?: string;
  readonly birthDate?: string;
  readonly secretAddress?: boolean;
  readonly safetyRisk?: boolean;
}
