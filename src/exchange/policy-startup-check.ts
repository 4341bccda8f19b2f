// At startup: every message type a policy rule or side effect names must have a schema, so that a
// rule can never allow a message the gateway cannot validate. The gateway refuses to start otherwise.
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import type { PolicyEngine } from '../../consent/policy-engine.ts';
import type { MessageValidator } from './message-validator-port.ts';

export function checkPolicyAgainstSchemas(policy: PolicyEngine, validator: MessageValidator, file: string): void {
  const known = new Set(validator.knownTypes());
  const errors: FieldError[] = [];
  policy.rules().forEach((rule, i) => {
    rule.messageTypes.forEach((type, k) => {
      if (!known.has(type)) errors.push({ pointer: `/rules/${i}/messageTypes/${k}`, detail: `rule "${rule.id}" names message type "${type}", which has no schema` });
    });
    (rule.sideEffects ?? []).forEach((effect, k) => {
      if (!known.has(effect.messageType)) errors.push({ pointer: `/rules/${i}/sideEffects/${k}/messageType`, detail: `rule "${rule.id}" names message type "${effect.messageType}", which has no schema` });
    });
  });
  if (errors.length > 0) {
    throw new GatewayError('policy-file-invalid', { detail: `${file}: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`, errors });
  }
}
