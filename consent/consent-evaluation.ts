// The consent half of a decision (policy-engine.ts): whether the child's registered consents and
// objections cover an exchange under a rule, decided by the age rules, and which of the rule's fields
// the covering consents release (a consent may be limited to data categories).
import type { AgeBand, DecisionInput, DecisionReason } from '../src/kernel/policy-decision.ts';
import { ageBand, ageOn, givesEnough, requirementFor, type ConsentSettings } from './age-rules.ts';
import { inForce, type ConsentRecord } from '../src/kernel/consent-record.ts';
import type { PolicyRule } from './policy-rule.ts';

/** Whether a consent record's scope covers this exchange (its status and period are checked apart). */
function scopeCovers(record: ConsentRecord, rule: PolicyRule, input: DecisionInput): boolean {
  const { scope } = record;
  if (!scope.purposes.includes(input.purpose)) return false;
  if (input.sender === undefined || !scope.senders.includes(input.sender.id)) return false;
  const toParty = input.receiverId !== undefined && (scope.receivers.parties ?? []).includes(input.receiverId);
  const toRole = (scope.receivers.roles ?? []).includes(input.receiverRole);
  if (!toParty && !toRole) return false;
  if (scope.messageTypes !== undefined && !scope.messageTypes.includes(input.messageType)) return false;
  if (scope.dataCategories !== undefined) {
    const known = Object.keys(rule.dataCategories ?? {});
    if (!scope.dataCategories.some((c) => known.includes(c))) return false;
  }
  return true;
}

interface ConsentVerdict {
  readonly ok: boolean;
  readonly reason: DecisionReason;
  readonly consentIds: readonly string[];
  readonly ageBand?: AgeBand;
  readonly explanation?: string;
  /** Data categories the covering consents release; undefined: all of the rule's. */
  readonly categories?: ReadonlySet<string>;
}

export function evaluateConsent(rule: PolicyRule, input: DecisionInput, settings: ConsentSettings): ConsentVerdict {
  const records = input.consents ?? [];
  const date = input.exchangeDate;
  const matching = records.filter((r) => scopeCovers(r, rule, input));
  // An objection covering the exchange beats a consent (Mitz: an objection wins at equal specificity;
  // Jw 7.3.12: research only when the data subject did not object).
  const objections = matching.filter((r) => r.kind === 'objection' && r.status === 'active' && inForce(r, date));
  if (objections.length > 0) {
    return { ok: false, reason: 'objection-registered', consentIds: objections.map((r) => r.id).sort(), explanation: 'an objection covering this exchange is registered' };
  }
  if (rule.consent === 'no-objection') return { ok: true, reason: 'rule-allows', consentIds: [] };

  const permits = matching.filter((r) => r.kind === 'permit');
  const covering = permits.filter((r) => r.status === 'active' && inForce(r, date));
  if (covering.length === 0) {
    const revoked = permits.some((r) => r.status === 'revoked' && inForce(r, date));
    return revoked
      ? { ok: false, reason: 'consent-revoked', consentIds: [], explanation: 'the consent this exchange would rest on was revoked' }
      : { ok: false, reason: 'consent-missing', consentIds: [], explanation: 'this exchange needs a registered consent covering its purpose, sender and receiver' };
  }
  const consentIds = covering.map((r) => r.id).sort();
  const birthDate = input.subject?.birthDate;
  const age = birthDate === undefined ? undefined : ageOn(birthDate, date);
  if (age === undefined) {
    return { ok: false, reason: 'age-rule', consentIds, explanation: "the child's birth date is needed to apply the age rules (subject.birthDate)" };
  }
  const requirement = requirementFor(
    {
      age,
      incompetent: covering.some((r) => r.capacityAssessment?.competent === false),
      custodianCount: Math.max(...covering.map((r) => r.custodianCount)),
      regime: input.sender?.regime ?? 'jeugdwet',
    },
    settings,
  );
  if (!givesEnough(covering.flatMap((r) => r.givers), requirement)) {
    return { ok: false, reason: 'age-rule', consentIds, ageBand: ageBand(age), explanation: requirement.explanation };
  }
  const unlimited = covering.some((r) => r.scope.dataCategories === undefined);
  return {
    ok: true,
    reason: 'consent-given',
    consentIds,
    ageBand: ageBand(age),
    explanation: requirement.explanation,
    ...(unlimited ? {} : { categories: new Set(covering.flatMap((r) => r.scope.dataCategories ?? [])) }),
  };
}

/** The rule's fields, less the data categories the consents did not release. */
export function releasableFields(rule: PolicyRule, categories: ReadonlySet<string> | undefined): readonly string[] {
  if (categories === undefined || rule.dataCategories === undefined) return rule.fields;
  const categorised = new Map<string, string[]>();
  for (const [name, pointers] of Object.entries(rule.dataCategories)) {
    for (const pointer of pointers) categorised.set(pointer, [...(categorised.get(pointer) ?? []), name]);
  }
  return rule.fields.filter((f) => {
    const names = categorised.get(f);
    return names === undefined || names.some((n) => categories.has(n));
  });
}
