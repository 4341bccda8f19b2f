// Policy explain (issue 15): for privacy officers and integrators testing a flow, what the policy
// would decide for a sample exchange and why, step by step: which rules were looked at and which of
// their conditions matched, the rule that applies, its legal basis and processing activity, its blocks
// and preconditions (held or not), whether it rests on consent, its override permission, and the
// fields it would release. Nothing is delivered or stored.
//
// The consent registry is never read here: explain is about the policy, not about a child. When the
// rule rests on consent, the decision is worked out as if no consent were registered, and the answer
// says so (`consent.registryConsulted: false`).
import type { DecisionInput, PolicyDecision } from '../src/kernel/policy-decision.ts';
import type { PartyRole } from '../src/kernel/party-role.ts';
import { blockConditionHolds, ruleApplies, ruleMatch, type PolicyEngine, type PolicyRule, type RuleMatch } from './policy-engine.ts';
import { preconditions } from './preconditions.ts';

export interface CandidateRule {
  readonly rule: string;
  readonly description?: string;
  readonly matrixRows: readonly number[];
  readonly senderRoles: readonly PartyRole[];
  readonly receiverRoles: readonly PartyRole[];
  readonly messageTypes: readonly string[];
  readonly purpose: string;
  readonly matches: RuleMatch;
  /** True when every condition matches: the rule that applies (the first such rule wins). */
  readonly applies: boolean;
}

export interface AppliedRuleExplanation {
  readonly rule: string;
  readonly source: string;
  readonly legalBasis: { readonly id: string; readonly citation?: string; readonly inForce: boolean };
  readonly processingActivityId: string;
  readonly blocks: readonly { readonly condition: string; readonly applies: boolean }[];
  readonly preconditions: readonly { readonly name: string; readonly holds: boolean; readonly requirement: string }[];
  readonly consent: { readonly mode: string; readonly registryConsulted: false; readonly note?: string };
  readonly override?: { readonly roles: readonly PartyRole[]; readonly reasonCodes: readonly string[]; readonly legalBasis: string };
  readonly extraFields: 'strip' | 'refuse';
  readonly fields: readonly string[];
}

export interface PolicyExplanation {
  readonly policyVersion: string;
  readonly catalogueVersion: string;
  readonly asked: { readonly senderRole: PartyRole; readonly receiverRole: PartyRole; readonly messageType: string; readonly purpose: string; readonly senderRegime: string };
  /** The rules that share the message type, or the sender and receiver roles, with what matched. */
  readonly candidates: readonly CandidateRule[];
  readonly appliedRule: AppliedRuleExplanation | null;
  /** What the engine decides for this input (consents: none registered, see the module comment). */
  readonly decision: PolicyDecision;
}

function appliedRule(engine: PolicyEngine, rule: PolicyRule, input: DecisionInput): AppliedRuleExplanation {
  const citation = engine.catalogue.citation(rule.legalBasis);
  return {
    rule: `${rule.id}@${rule.version}`,
    source: rule.source,
    legalBasis: { id: rule.legalBasis, ...(citation !== undefined ? { citation } : {}), inForce: engine.catalogue.inForce(rule.legalBasis, input.exchangeDate) },
    processingActivityId: rule.processingActivityId,
    blocks: (rule.blockWhen ?? []).map((condition) => ({ condition, applies: blockConditionHolds(condition, input) })),
    preconditions: (rule.preconditions ?? []).map((name) => ({ name, holds: preconditions[name].holds(input), requirement: preconditions[name].explanation })),
    consent: {
      mode: rule.consent,
      registryConsulted: false,
      ...(rule.consent === 'not-required' ? {} : { note: 'a submission would read the consents and objections registered for this child; explain assumes none are registered' }),
    },
    ...(rule.override !== undefined ? { override: { roles: rule.override.roles, reasonCodes: rule.override.reasonCodes, legalBasis: rule.override.legalBasis } } : {}),
    extraFields: rule.extraFields ?? 'strip',
    fields: rule.fields,
  };
}

/** What the policy decides for this input and why; pure. */
export function explainPolicy(engine: PolicyEngine, input: DecisionInput): PolicyExplanation {
  const rules = engine.rules();
  let applied: PolicyRule | undefined;
  const candidates: CandidateRule[] = [];
  for (const rule of rules) {
    const matches = ruleMatch(rule, input);
    const applies = applied === undefined && ruleApplies(matches);
    if (applies) applied = rule;
    // Only the rules that say something about this input: same message, or same pair of roles.
    if (!matches.messageType && !(matches.senderRole && matches.receiverRole)) continue;
    candidates.push({
      rule: `${rule.id}@${rule.version}`,
      ...(rule.description !== undefined ? { description: rule.description } : {}),
      matrixRows: rule.matrixRows ?? [],
      senderRoles: rule.senderRoles,
      receiverRoles: rule.receiverRoles,
      messageTypes: rule.messageTypes,
      purpose: rule.purpose,
      matches,
      applies,
    });
  }
  const consentsNeeded = engine.consentFactsNeeded(input);
  const { decision } = engine.decide(consentsNeeded ? { ...input, consents: [] } : input);
  return {
    policyVersion: engine.version,
    catalogueVersion: engine.catalogue.version,
    asked: { senderRole: input.senderRole, receiverRole: input.receiverRole, messageType: input.messageType, purpose: input.purpose, senderRegime: input.sender?.regime ?? 'jeugdwet' },
    candidates,
    appliedRule: applied === undefined ? null : appliedRule(engine, applied, input),
    decision,
  };
}
