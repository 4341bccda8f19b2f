// The policy engine (architecture.md step 5): default deny. An exchange is allowed only by a rule
// matching (sender role, receiver role, message type, purpose); the rule names its legal basis and
// processing activity, may block a channel for some subjects, and gives the field allow-list that
// minimises the payload. Consent checks and the legal-basis catalogue plug in here (issue 3).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { GatewayError, type FieldError } from '../src/errors/gateway-error.ts';
import { repoRoot } from '../src/paths.ts';
import { applyAllowList, compileAllowList } from './field-allow-list.ts';
import type { DecisionInput, PartyRole, PolicyDecision } from './policy-decision.ts';

type BlockCondition = 'secret-address' | 'safety-risk' | 'no-bsn';

export interface PolicyRule {
  readonly id: string;
  readonly version: number;
  readonly description?: string;
  readonly source: string;
  readonly senderRoles: readonly PartyRole[];
  readonly receiverRoles: readonly PartyRole[];
  readonly messageTypes: readonly string[];
  readonly purpose: string;
  readonly legalBasis: string;
  readonly processingActivityId: string;
  readonly consent: 'not-required' | 'required';
  readonly blockWhen?: readonly BlockCondition[];
  readonly fields: readonly string[];
}

export interface PolicySet {
  readonly version: string;
  readonly description?: string;
  readonly rules: readonly PolicyRule[];
}

export interface PolicyOutcome {
  readonly decision: PolicyDecision;
  /** The minimised message to release; present only when the decision allows. */
  readonly releasedPayload?: Record<string, unknown>;
}

export interface PolicyEngine {
  readonly version: string;
  decide(input: DecisionInput): PolicyOutcome;
}

const policySchema: unknown = JSON.parse(readFileSync(resolve(repoRoot, 'schemas/policy.schema.json'), 'utf8'));

/** Reads and validates a policy file; the gateway refuses to start on any problem, naming each. */
export function loadPolicyFile(file: string): PolicySet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GatewayError('policy-file-invalid', { detail: `cannot read policy file ${file}: ${(cause as Error).message}` });
  }
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile<PolicySet>(policySchema as object);
  if (!validate(raw)) {
    const errors: FieldError[] = (validate.errors ?? []).map((e) => ({
      pointer: e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath,
      detail: e.message ?? e.keyword,
    }));
    throw new GatewayError('policy-file-invalid', {
      detail: `${file}: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`,
      errors,
    });
  }
  const seen = new Set<string>();
  const duplicates = raw.rules.filter((r) => (seen.has(r.id) ? true : (seen.add(r.id), false)));
  if (duplicates.length > 0) {
    throw new GatewayError('policy-file-invalid', { detail: `${file}: duplicate rule id(s) ${duplicates.map((r) => r.id).join(', ')}` });
  }
  return raw;
}

function blockedBy(rule: PolicyRule, input: DecisionInput): BlockCondition | undefined {
  const subject = input.subject;
  return (rule.blockWhen ?? []).find((condition) => {
    switch (condition) {
      case 'secret-address':
        return subject?.secretAddress === true;
      case 'safety-risk':
        return subject?.safetyRisk === true;
      case 'no-bsn':
        return subject?.bsn === undefined;
    }
  });
}

export function createPolicyEngine(policy: PolicySet): PolicyEngine {
  const compiled = policy.rules.map((rule) => ({ rule, allow: compileAllowList(rule.fields) }));
  return {
    version: policy.version,
    decide(input) {
      const base = { purpose: input.purpose, policyVersion: policy.version, consentIds: [], releasedFields: [] };
      const match = compiled.find(
        ({ rule }) =>
          rule.senderRoles.includes(input.senderRole) &&
          rule.receiverRoles.includes(input.receiverRole) &&
          rule.messageTypes.includes(input.messageType) &&
          rule.purpose === input.purpose,
      );
      // Default deny: no rule, no legal basis.
      if (match === undefined) return { decision: { outcome: 'deny', reason: 'no-legal-basis', ...base } };
      const { rule, allow } = match;
      const named = {
        ...base,
        rule: { id: rule.id, version: rule.version },
        legalBasis: rule.legalBasis,
        processingActivityId: rule.processingActivityId,
      };
      const block = blockedBy(rule, input);
      // iJw OP003 / Reg. Jw 6a.6: a client with a secret address or a safety risk, or without a BSN,
      // is never routed through this channel; it goes by a manual secure channel instead.
      if (block !== undefined) {
        return { decision: { outcome: 'deny', reason: block === 'no-bsn' ? 'blocked-no-bsn' : 'blocked-secret-address', ...named } };
      }
      if (rule.consent === 'required') {
        // The consent registry arrives with issue 3; until then a consent-based rule cannot be met.
        return { decision: { outcome: 'deny', reason: 'consent-missing', ...named } };
      }
      const { payload, releasedFields } = applyAllowList(input.message, allow);
      return { decision: { outcome: 'allow', reason: 'rule-allows', ...named, releasedFields }, releasedPayload: payload };
    },
  };
}
