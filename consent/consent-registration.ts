// Checking a consent registration beyond its schema (schemas/consent-registration.schema.json), all
// problems at once with their JSON pointers, before anything is written:
// - the period: validUntil not before validFrom, validFrom not before the day it was given, the day
//   it was given and the capacity assessment not in the future;
// - the givers: only the child, a custodial parent, a guardian or (for someone judged not competent)
//   a representative can consent (BW 1:245; Jw 7.3.4, 7.3.15); no more custodians than the child has;
//   the child's own consent does not count when it was judged not competent for this decision;
// - the scope: purposes a rule asks consent (or objections) for, known parties, known message types,
//   data categories those rules define.

import type { FieldError } from '../src/kernel/gateway-error.ts';
import type { ConsentGiver } from '../src/kernel/consent-record.ts';
import type { PolicyRule } from './policy-engine.ts';
import { custodianCapacities } from './age-rules.ts';
import type { ConsentRegistrationBody } from '../src/validation/schema-types/consent-registration.ts';

/** A registration as the agency sends it (its type is generated from the schema). */
export type ConsentRegistration = ConsentRegistrationBody;

export interface RegistrationContext {
  readonly rules: readonly PolicyRule[];
  readonly knownParty: (id: string) => boolean;
  readonly knownMessageTypes: readonly string[];
  readonly today: string;
}

const notCustodian: Readonly<Record<string, string>> = {
  'non-custodial-parent': 'a parent without authority (gezag) is not a custodian and cannot consent for the child (BW 1:245, 1:247)',
  'foster-parent': 'a foster parent is not a custodian (gezaghebbende) and cannot consent for the child (BW 1:245)',
  relative: 'a relative is not a custodian (gezaghebbende) and cannot consent for the child (BW 1:245)',
  other: 'only the child, a custodial parent, a guardian or a representative can consent (BW 1:245; Jw 7.3.4, 7.3.15)',
};

/** Validates the capacity of one giver or revoker; returns the problem or undefined. */
export function giverProblem(capacity: string): string | undefined {
  return notCustodian[capacity];
}

export function checkRegistration(body: ConsentRegistration, ctx: RegistrationContext): FieldError[] {
  const errors: FieldError[] = [];
  const kind = body.kind ?? 'permit';

  if (body.validUntil !== undefined && body.validUntil < body.validFrom) {
    errors.push({ pointer: '/validUntil', detail: `is before validFrom (${body.validFrom})` });
  }
  if (body.validFrom < body.givenOn) errors.push({ pointer: '/validFrom', detail: `is before givenOn (${body.givenOn}): a consent does not work back` });
  if (body.givenOn > ctx.today) errors.push({ pointer: '/givenOn', detail: 'is in the future' });
  const assessment = body.capacityAssessment;
  if (assessment !== undefined && assessment.assessedOn > ctx.today) errors.push({ pointer: '/capacityAssessment/assessedOn', detail: 'is in the future' });

  const seen = new Set<string>();
  body.givers.forEach((giver, i) => {
    const problem = giverProblem(giver.capacity);
    if (problem !== undefined) errors.push({ pointer: `/givers/${i}/capacity`, detail: problem });
    if (seen.has(giver.reference)) errors.push({ pointer: `/givers/${i}/reference`, detail: 'names the same person twice' });
    seen.add(giver.reference);
    if (giver.capacity === 'child' && assessment?.competent === false) {
      errors.push({ pointer: `/givers/${i}`, detail: 'the child was judged not competent for this decision (capacityAssessment): its representatives consent (Jw 7.3.15 lid 2)' });
    }
    if (giver.capacity === 'representative' && assessment?.competent !== false) {
      errors.push({ pointer: `/givers/${i}`, detail: 'a representative consents only for someone judged not competent: record the capacityAssessment (Jw 7.3.15 lid 2-3)' });
    }
  });
  const custodians = body.givers.filter((g) => custodianCapacities.has(g.capacity as ConsentGiver['capacity'])).length;
  if (custodians > body.custodianCount) {
    errors.push({ pointer: '/custodianCount', detail: `the givers include ${custodians} custodians, more than the ${body.custodianCount} the child has` });
  }

  const rulesByPurpose = new Map<string, PolicyRule[]>();
  for (const rule of ctx.rules) rulesByPurpose.set(rule.purpose, [...(rulesByPurpose.get(rule.purpose) ?? []), rule]);
  const scopedRules: PolicyRule[] = [];
  body.scope.purposes.forEach((purpose, i) => {
    const rules = rulesByPurpose.get(purpose);
    if (rules === undefined) {
      errors.push({ pointer: `/scope/purposes/${i}`, detail: `unknown purpose "${purpose}": no policy rule has it` });
      return;
    }
    const asking = rules.filter((r) => (kind === 'permit' ? r.consent === 'required' : r.consent !== 'not-required'));
    if (asking.length === 0) {
      errors.push({ pointer: `/scope/purposes/${i}`, detail: `no rule for "${purpose}" asks for ${kind === 'permit' ? 'consent' : 'objections'}: it rests on a statutory basis` });
    }
    scopedRules.push(...asking);
  });
  (body.scope.receivers.parties ?? []).forEach((id, i) => {
    if (!ctx.knownParty(id)) errors.push({ pointer: `/scope/receivers/parties/${i}`, detail: `unknown party "${id}"` });
  });
  (body.scope.messageTypes ?? []).forEach((type, i) => {
    if (!ctx.knownMessageTypes.includes(type)) errors.push({ pointer: `/scope/messageTypes/${i}`, detail: `unknown message type "${type}"` });
  });
  const categories = new Set(scopedRules.flatMap((r) => Object.keys(r.dataCategories ?? {})));
  (body.scope.dataCategories ?? []).forEach((name, i) => {
    if (!categories.has(name)) {
      errors.push({ pointer: `/scope/dataCategories/${i}`, detail: `no rule for these purposes has a data category "${name}"${categories.size > 0 ? ` (known: ${[...categories].sort().join(', ')})` : ''}` });
    }
  });
  return errors;
}
