// The policy engine (architecture.md step 5): default deny. An exchange is allowed only by a rule
// matching (sender role and regime, receiver role, message type, purpose); the rule names its legal
// basis (from the catalogue, in force on the exchange date) and processing activity, may block a
// channel for some subjects, names preconditions, asks for consent or not, may allow a reviewed
// break-glass override, and gives the field allow-list that minimises the payload.
//
// `decide` is pure and synchronous: the caller passes the child's consent records when
// `consentFactsNeeded(input)` says the matching rule rests on consent, so statutory exchanges never
// wait on the registry, and a decision can be unit-tested without a store.

import { readFileSync } from 'node:fs';
import { GatewayError, type FieldError } from '../src/kernel/gateway-error.ts';
import { schemaValidator } from '../src/validation/schema-registry.ts';
import { applyAllowList, compileAllowList, leafFields } from './field-allow-list.ts';
import type { DecisionInput, DecisionReason, PolicyDecision } from '../src/kernel/policy-decision.ts';
import { defaultCatalogueFile, loadLegalBasisCatalogue, type LegalBasisCatalogue } from './legal-basis-catalogue.ts';
import { preconditions } from './preconditions.ts';
import { defaultConsentSettings, type ConsentSettings } from './age-rules.ts';
import { evaluateConsent, releasableFields } from './consent-evaluation.ts';

// The rule types live in policy-rule.ts (consent-evaluation.ts needs them without the engine).
export type { BlockCondition, OverridePermission, PolicyRule, PolicySet, SideEffectRule } from './policy-rule.ts';
import type { BlockCondition, PolicyRule, PolicySet, SideEffectRule } from './policy-rule.ts';

export interface PolicyOutcome {
  readonly decision: PolicyDecision;
  /** The minimised message to release; present only when the decision allows. */
  readonly releasedPayload?: Record<string, unknown>;
  /** The side effects the matching rule asks for; present only when the decision allows. */
  readonly sideEffects?: readonly SideEffectRule[];
}

export interface PolicyEngine {
  readonly version: string;
  readonly catalogue: LegalBasisCatalogue;
  decide(input: DecisionInput): PolicyOutcome;
  /** True when the rule that would apply rests on consent or objections: fetch the child's consents. */
  consentFactsNeeded(input: DecisionInput): boolean;
  /** The request type whose senders for this child the matching rule's preconditions need; undefined: none. */
  requestFactsNeeded(input: DecisionInput): string | undefined;
  /** The rules, for the consent registry's checks and the privacy officer's export. */
  rules(): readonly PolicyRule[];
  /**
   * The engine in force now, for a decision whose facts are gathered across awaits (decide-exchange.ts):
   * a configuration reload in between must not mix the facts of one rule set with another's decision.
   * Absent: this engine never changes.
   */
  snapshot?(): PolicyEngine;
}

function fail(file: string, errors: readonly FieldError[]): GatewayError {
  return new GatewayError('policy-file-invalid', { detail: `${file}: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`, errors });
}

/** Checks every rule against the catalogue and the other rules; every problem at once. */
function crossCheck(policy: PolicySet, catalogue: LegalBasisCatalogue): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  policy.rules.forEach((rule, i) => {
    const at = `/rules/${i}`;
    if (seen.has(rule.id)) errors.push({ pointer: `${at}/id`, detail: `duplicate rule id ${rule.id}` });
    seen.add(rule.id);
    const basis = catalogue.legalBasis(rule.legalBasis);
    if (basis === undefined) {
      errors.push({ pointer: `${at}/legalBasis`, detail: `rule "${rule.id}" names unknown legal basis "${rule.legalBasis}" (not in catalogue ${catalogue.version})` });
    } else if (basis.consent !== rule.consent) {
      errors.push({ pointer: `${at}/consent`, detail: `rule "${rule.id}" says consent "${rule.consent}" but its legal basis "${basis.id}" says "${basis.consent}"` });
    }
    const activity = catalogue.processingActivity(rule.processingActivityId);
    if (activity === undefined) {
      errors.push({ pointer: `${at}/processingActivityId`, detail: `rule "${rule.id}" names unknown processing activity "${rule.processingActivityId}"` });
    } else if (activity.purpose !== rule.purpose || activity.legalBasis !== rule.legalBasis) {
      errors.push({ pointer: `${at}/processingActivityId`, detail: `processing activity "${activity.id}" is for (${activity.purpose}, ${activity.legalBasis}), rule "${rule.id}" is (${rule.purpose}, ${rule.legalBasis})` });
    }
    if (rule.override !== undefined) {
      if (rule.consent === 'not-required') errors.push({ pointer: `${at}/override`, detail: `rule "${rule.id}" needs no consent, so there is nothing to override` });
      if (catalogue.legalBasis(rule.override.legalBasis) === undefined) {
        errors.push({ pointer: `${at}/override/legalBasis`, detail: `rule "${rule.id}" names unknown legal basis "${rule.override.legalBasis}" for its override` });
      }
      const overrideActivity = catalogue.processingActivity(rule.override.processingActivityId);
      if (overrideActivity === undefined || overrideActivity.purpose !== rule.purpose || overrideActivity.legalBasis !== rule.override.legalBasis) {
        errors.push({ pointer: `${at}/override/processingActivityId`, detail: `rule "${rule.id}": the override's processing activity must exist and be for (${rule.purpose}, ${rule.override.legalBasis})` });
      }
    }
    for (const [name, pointers] of Object.entries(rule.dataCategories ?? {})) {
      for (const pointer of pointers) {
        if (!rule.fields.includes(pointer)) errors.push({ pointer: `${at}/dataCategories/${name}`, detail: `"${pointer}" is not one of the rule's fields` });
      }
    }
    (rule.sideEffects ?? []).forEach((effect, k) => {
      if (effect.kind === 'notify-regievoerder') {
        // The notice is the regievoerder's own record (sender and receiver; src/exchange/side-effects.ts),
        // whatever its role: a statutory rule for the type and purpose must exist.
        if (!policy.rules.some((r) => r.messageTypes.includes(effect.messageType) && r.purpose === effect.purpose && r.consent === 'not-required')) {
          errors.push({ pointer: `${at}/sideEffects/${k}`, detail: `no statutory rule lets the gateway send ${effect.messageType} for ${effect.purpose} to a regievoerder` });
        }
        return;
      }
      for (const senderRole of rule.senderRoles) {
        const covered = policy.rules.some(
          (r) => r.senderRoles.includes(senderRole) && r.receiverRoles.includes(effect.receiverRole) && r.messageTypes.includes(effect.messageType) && r.purpose === effect.purpose && r.consent === 'not-required',
        );
        if (!covered) {
          errors.push({ pointer: `${at}/sideEffects/${k}`, detail: `no statutory rule lets a ${senderRole} send ${effect.messageType} for ${effect.purpose} to a ${effect.receiverRole}` });
        }
      }
    });
  });
  return errors;
}

let defaultCatalogue: LegalBasisCatalogue | undefined;
function theDefaultCatalogue(): LegalBasisCatalogue {
  defaultCatalogue ??= loadLegalBasisCatalogue(defaultCatalogueFile);
  return defaultCatalogue;
}

/**
 * Reads and validates a policy file against its schema and the legal-basis catalogue; the gateway
 * refuses to start on any problem, naming each rule and what is wrong with it.
 */
export function loadPolicyFile(file: string, catalogue: LegalBasisCatalogue = theDefaultCatalogue()): PolicySet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GatewayError('policy-file-invalid', { detail: `cannot read policy file ${file}: ${(cause as Error).message}` });
  }
  const schema = schemaValidator<PolicySet>('policy.schema.json');
  if (!schema.is(raw)) throw fail(file, schema.check(raw));
  const errors = crossCheck(raw, catalogue);
  if (errors.length > 0) throw fail(file, errors);
  return raw;
}

/** Why this override may not be used under this rule; undefined when it may. */
function refuseOverride(rule: PolicyRule, input: DecisionInput): string | undefined {
  const permission = rule.override;
  if (permission === undefined) return `rule ${rule.id} allows no override`;
  if (!permission.roles.includes(input.senderRole) || !permission.reasonCodes.includes(input.override?.reasonCode ?? '')) {
    return `an override under rule ${rule.id} needs the role ${permission.roles.join(' or ')} and a reason code ${permission.reasonCodes.join(' or ')}`;
  }
  return undefined;
}

/** What a default-deny refusal says: what was looked for, and the rules for this message from this sender. */
function defaultDenial(rules: readonly PolicyRule[], input: DecisionInput): Pick<PolicyDecision, 'explanation' | 'lookedFor' | 'alternatives'> {
  const alternatives = rules
    .filter((r) => r.messageTypes.includes(input.messageType) && r.senderRoles.includes(input.senderRole))
    .map((r) => ({ rule: `${r.id}@${r.version}`, receiverRoles: r.receiverRoles, purpose: r.purpose, ...(r.senderRegime !== undefined ? { senderRegime: r.senderRegime } : {}) }));
  const sought = `${input.messageType} from a ${input.senderRole} to a ${input.receiverRole} for purpose ${input.purpose}`;
  const explanation =
    alternatives.length === 0
      ? `no rule allows ${sought}; no rule allows ${input.messageType} from a ${input.senderRole} at all`
      : `no rule allows ${sought}; rules for ${input.messageType} from a ${input.senderRole}: ${alternatives.map((a) => `${a.rule} (to ${a.receiverRoles.join('/')}, purpose ${a.purpose}${a.senderRegime !== undefined ? `, regime ${a.senderRegime}` : ''})`).join('; ')}`;
  return {
    explanation,
    lookedFor: { senderRole: input.senderRole, receiverRole: input.receiverRole, messageType: input.messageType, purpose: input.purpose, ...(input.sender?.regime !== undefined ? { senderRegime: input.sender.regime } : {}) },
    alternatives,
  };
}

/** Which of a rule's match conditions hold for the input (policy explain shows each). */
export interface RuleMatch {
  readonly senderRole: boolean;
  readonly senderRegime: boolean;
  readonly receiverRole: boolean;
  readonly messageType: boolean;
  readonly purpose: boolean;
}

export function ruleMatch(rule: PolicyRule, input: DecisionInput): RuleMatch {
  return {
    senderRole: rule.senderRoles.includes(input.senderRole),
    senderRegime: rule.senderRegime === undefined || rule.senderRegime === (input.sender?.regime ?? 'jeugdwet'),
    receiverRole: rule.receiverRoles.includes(input.receiverRole),
    messageType: rule.messageTypes.includes(input.messageType),
    purpose: rule.purpose === input.purpose,
  };
}

/** A rule applies when all its match conditions hold; the first such rule in the file wins. */
export const ruleApplies = (m: RuleMatch): boolean => m.senderRole && m.senderRegime && m.receiverRole && m.messageType && m.purpose;

/** Whether one of a rule's block conditions holds for the exchange's subject. */
export function blockConditionHolds(condition: BlockCondition, input: DecisionInput): boolean {
  const subject = input.subject;
  switch (condition) {
    case 'secret-address':
      return subject?.secretAddress === true;
    case 'safety-risk':
      return subject?.safetyRisk === true;
    case 'no-bsn':
      return subject?.bsn === undefined && subject?.identified !== true;
  }
}

function blockedBy(rule: PolicyRule, input: DecisionInput): BlockCondition | undefined {
  return (rule.blockWhen ?? []).find((condition) => blockConditionHolds(condition, input));
}

export interface EngineOptions {
  readonly catalogue?: LegalBasisCatalogue;
  readonly consent?: ConsentSettings;
}

export function createPolicyEngine(policy: PolicySet, options: EngineOptions = {}): PolicyEngine {
  const catalogue = options.catalogue ?? theDefaultCatalogue();
  const settings = options.consent ?? defaultConsentSettings;
  const compiledFields = new Map(policy.rules.map((rule) => [rule, compileAllowList(rule.fields)]));
  // The part of a rule's fields that the consents' data categories release, compiled once per distinct
  // part (a subset of the rule's fields: at most one per combination of its categories), so the
  // allow-list's trie is built once for it, not per decision.
  const compiledParts = new Map<PolicyRule, Map<string, ReturnType<typeof compileAllowList>>>();
  const compiledPart = (rule: PolicyRule, fields: readonly string[]): ReturnType<typeof compileAllowList> => {
    let parts = compiledParts.get(rule);
    if (parts === undefined) compiledParts.set(rule, (parts = new Map<string, ReturnType<typeof compileAllowList>>()));
    const key = fields.join('\n');
    let compiled = parts.get(key);
    if (compiled === undefined) parts.set(key, (compiled = compileAllowList(fields)));
    return compiled;
  };

  const match = (input: DecisionInput): PolicyRule | undefined => policy.rules.find((rule) => ruleApplies(ruleMatch(rule, input)));

  return {
    version: policy.version,
    catalogue,
    rules: () => policy.rules,
    consentFactsNeeded(input) {
      const rule = match(input);
      return rule !== undefined && rule.consent !== 'not-required';
    },
    requestFactsNeeded(input) {
      return (match(input)?.preconditions ?? []).map((name) => preconditions[name].needsSendersOf).find((t) => t !== undefined);
    },
    decide(input) {
      const base = { purpose: input.purpose, policyVersion: policy.version, catalogueVersion: catalogue.version, consentIds: [], releasedFields: [] };
      const rule = match(input);
      // Default deny: no rule, no legal basis. The refusal names what was looked for and the rules
      // that exist for this message from this sender (other purposes or receivers), so an integrator
      // can see what is missing; it says nothing about the child.
      if (rule === undefined) return { decision: { outcome: 'deny', reason: 'no-legal-basis', ...base, ...defaultDenial(policy.rules, input) } };
      const named = {
        ...base,
        rule: { id: rule.id, version: rule.version },
        legalBasis: rule.legalBasis,
        processingActivityId: rule.processingActivityId,
      };
      const deny = (reason: DecisionReason, extra: Partial<PolicyDecision> = {}): PolicyOutcome => ({ decision: { outcome: 'deny', reason, ...named, ...extra } });
      if (!catalogue.inForce(rule.legalBasis, input.exchangeDate)) {
        return deny('no-legal-basis', { explanation: `legal basis ${rule.legalBasis} is not in force on ${input.exchangeDate}` });
      }
      const block = blockedBy(rule, input);
      // iJw OP003 / Reg. Jw 6a.6: a client with a secret address or a safety risk, or without a BSN,
      // is never routed through this channel; it goes by a manual secure channel instead.
      if (block !== undefined) return deny(block === 'no-bsn' ? 'blocked-no-bsn' : 'blocked-secret-address');
      // An override is only ever used where the rule allows one, by the roles and with the reason
      // codes it names; anywhere else it is refused rather than silently ignored.
      const overrideRefusal = input.override === undefined ? undefined : refuseOverride(rule, input);
      if (overrideRefusal !== undefined) return deny('override-not-allowed', { explanation: overrideRefusal });
      for (const name of rule.preconditions ?? []) {
        const precondition = preconditions[name];
        if (!precondition.holds(input)) return deny('precondition-not-met', { precondition: name, explanation: precondition.explanation });
      }
      if (rule.extraFields === 'refuse') {
        // Data minimisation by refusal: the sender learns which fields this purpose may not carry.
        const released = new Set(applyAllowList(input.message, compiledFields.get(rule) ?? []).releasedFields);
        const disallowed = leafFields(input.message).filter((f) => !released.has(f));
        if (disallowed.length > 0) return deny('field-not-allowed', { disallowedFields: disallowed, explanation: 'the message carries fields this purpose may not release' });
      }

      let reason: DecisionReason = 'rule-allows';
      let provenance: Partial<PolicyDecision> = {};
      let categories: ReadonlySet<string> | undefined;
      if (rule.consent !== 'not-required') {
        const verdict = evaluateConsent(rule, input, settings);
        const ageBandOf = verdict.ageBand === undefined ? {} : { ageBand: verdict.ageBand };
        if (!verdict.ok) {
          const override = input.override;
          if (override === undefined || verdict.reason === 'objection-registered') {
            return deny(verdict.reason, { consentIds: verdict.consentIds, ...ageBandOf, ...(verdict.explanation ? { explanation: verdict.explanation } : {}) });
          }
          // Break-glass: only where the rule allows it, for the roles it names, with a reason code
          // it names; the justification is required by the envelope schema. The exchange then
          // rests on the override's own legal basis and lands in the review queue.
          // (refuseOverride above has checked that the rule allows this override.)
          const permission = rule.override;
          if (permission === undefined) return deny('override-not-allowed', { ...ageBandOf, explanation: 'this rule allows no override' });
          reason = 'override-used';
          provenance = { ...ageBandOf, override, legalBasis: permission.legalBasis, processingActivityId: permission.processingActivityId };
        } else {
          reason = verdict.reason;
          categories = verdict.categories;
          provenance = { consentIds: verdict.consentIds, ...ageBandOf };
        }
      }
      const fields = releasableFields(rule, categories);
      const allow = fields === rule.fields ? (compiledFields.get(rule) ?? []) : compiledPart(rule, fields);
      const { payload, releasedFields } = applyAllowList(input.message, allow);
      return {
        decision: { outcome: 'allow', reason, ...named, ...provenance, releasedFields },
        releasedPayload: payload,
        ...(rule.sideEffects !== undefined ? { sideEffects: rule.sideEffects } : {}),
      };
    },
  };
}

/** A policy engine whose rules (and catalogue) a configuration reload replaces (src/config/config-reload.ts). */
export interface ReloadablePolicyEngine extends PolicyEngine {
  replace(next: PolicyEngine): void;
}

/**
 * Every part of the gateway holds this one object, so a reload reaches them all at once. A decision
 * whose facts are gathered across awaits pins the engine of its start with `snapshot()`.
 */
export function createReloadablePolicyEngine(initial: PolicyEngine): ReloadablePolicyEngine {
  let current = initial;
  return {
    get version() { return current.version; },
    get catalogue() { return current.catalogue; },
    decide: (input) => current.decide(input),
    consentFactsNeeded: (input) => current.consentFactsNeeded(input),
    requestFactsNeeded: (input) => current.requestFactsNeeded(input),
    rules: () => current.rules(),
    snapshot: () => current,
    replace(next) {
      current = next;
    },
  };
}
