// Step 5, decide, as one reusable step for every use case that decides an exchange: submit, the
// side effects of a rule, and a later re-decision (replay). It runs inside the transaction that will
// record the outcome: the child's consents are read there (only when the rule rests on consent, so
// statutory exchanges never wait on the registry), so a revocation committed before is seen, and one
// committed after finds the outbox row this transaction writes and cancels it.

import type { Party } from '../config/config-types.ts';
import type { DecisionInput, OverrideUse, SubjectFacts } from '../kernel/policy-decision.ts';
import type { PolicyEngine, PolicyOutcome } from '../../consent/policy-engine.ts';
import type { StoreTx } from '../store/store.ts';

/** Everything a decision is about, in plain values. */
export interface ExchangeFacts {
  readonly sender: Party;
  readonly receiver: Party;
  readonly messageType: string;
  readonly purpose: string;
  readonly message: Readonly<Record<string, unknown>>;
  readonly subject?: SubjectFacts;
  /** The keyed pseudonym of the child's BSN; null when the exchange names no BSN. */
  readonly subjectPseudonym: string | null;
  readonly override?: OverrideUse;
  readonly exchangeDate: string; // YYYY-MM-DD, Dutch calendar date
}

export function decisionInput(facts: ExchangeFacts): DecisionInput {
  return {
    senderRole: facts.sender.role,
    receiverRole: facts.receiver.role,
    messageType: facts.messageType,
    purpose: facts.purpose,
    exchangeDate: facts.exchangeDate,
    message: facts.message,
    sender: { id: facts.sender.id, role: facts.sender.role, regime: facts.sender.regime, designations: facts.sender.designations },
    receiverId: facts.receiver.id,
    ...(facts.subject !== undefined ? { subject: facts.subject } : {}),
    ...(facts.override !== undefined ? { override: facts.override } : {}),
  };
}

export async function decideExchange(tx: StoreTx, engine: PolicyEngine, facts: ExchangeFacts): Promise<PolicyOutcome> {
  // One rule set for the whole decision, even when a configuration reload lands during its awaits.
  const policy = engine.snapshot?.() ?? engine;
  const input = decisionInput(facts);
  const subject = facts.subjectPseudonym;
  if (subject === null) return policy.decide(input);
  // Facts from earlier exchanges are read only when the matching rule needs them: the child's consents,
  // and whom this child's request was sent by (an answer goes back to its sender, row 11).
  const consents = policy.consentFactsNeeded(input) ? { consents: await tx.listSubjectConsents(subject) } : {};
  const requestType = policy.requestFactsNeeded(input);
  const senders = requestType !== undefined ? { requestSenders: await tx.listSubjectRequestSenders(subject, requestType) } : {};
  return policy.decide({ ...input, ...consents, ...senders });
}
