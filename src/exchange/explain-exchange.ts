// Policy explain as a use case (POST /v1/policy/explain, `ketenpoort policy explain`): a sample
// envelope goes through the same steps as a submission up to the decision (envelope schema, the
// message's own validation, routing with the header checks, the policy), and the answer shows what
// the policy would decide and why (consent/policy-explain.ts). Nothing is delivered or stored but the
// audit record of the explanation itself: a sample may hold a real BSN, so asking is accounted for.
//
// Who may ask: an agency for its own exchanges (integrators testing their flows); a privacy officer or
// an admin for any party, named in the body's `sender`.
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { dutchDate } from '../kernel/clock.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { Party, Principal } from '../config/config-types.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { explainPolicy, type PolicyExplanation } from '../../consent/policy-explain.ts';
import { decisionInput } from './decide-exchange.ts';
import type { Envelope } from './envelope.ts';
import type { ExchangeDeps } from './exchange-deps.ts';
import { routeExchange } from './route-exchange.ts';
import { subjectOf, validateEnvelopeOf } from './validate-submission.ts';

export interface ExchangeExplanation extends PolicyExplanation {
  readonly sender: string;
  readonly receiver: string;
  /** The message's own validation: a submission with errors would be refused with 400 before the policy. */
  readonly validation: { readonly valid: boolean; readonly errors: readonly FieldError[] };
}

export type ExplainExchange = (principal: Principal, body: unknown, trace: TraceContext) => Promise<ExchangeExplanation>;

type ExplainDeps = Pick<ExchangeDeps, 'parties' | 'validator' | 'policy' | 'committer' | 'clock' | 'pseudonymize'>;

function senderFor(deps: ExplainDeps, principal: Principal, envelope: Envelope): Party {
  if (principal.role === 'agency') return principal.party;
  if (principal.role !== 'privacy-officer' && principal.role !== 'admin') {
    throw new GatewayError('forbidden', { detail: 'policy explain is for agencies (their own exchanges), privacy officers and admins' });
  }
  if (envelope.sender === undefined) {
    throw new GatewayError('invalid-input', { errors: [{ pointer: '/sender', detail: 'name the party whose exchange to explain' }] });
  }
  const party = deps.parties.get(envelope.sender);
  if (party === undefined) throw new GatewayError('invalid-input', { errors: [{ pointer: '/sender', detail: 'not a known party' }] });
  return party;
}

export function createExplainExchange(deps: ExplainDeps): ExplainExchange {
  return async function explainExchange(principal, body, trace) {
    const envelope = validateEnvelopeOf(deps.validator, body);
    const sender = senderFor(deps, principal, envelope);
    const now = deps.clock.now();
    const today = dutchDate(now);
    const errors = deps.validator.validateMessage(envelope.messageType, envelope.message, today).map((e): FieldError => ({ ...e, pointer: `/message${e.pointer}` }));
    // Routing with the submission's own checks (an agency naming another sender is refused there).
    const receiver = routeExchange(deps.parties, sender, principal.role === 'agency' ? envelope : { ...envelope, sender: sender.id });
    const subject = subjectOf(envelope);
    const input = decisionInput({
      sender,
      receiver,
      messageType: envelope.messageType,
      purpose: envelope.purpose,
      message: envelope.message,
      subjectPseudonym: null,
      exchangeDate: today,
      ...(subject !== undefined ? { subject } : {}),
      ...(envelope.override !== undefined ? { override: envelope.override } : {}),
    });
    const explanation = explainPolicy(deps.policy, input);
    const { decision } = explanation;
    await deps.committer.run((tx) =>
      appendAudit(
        tx,
        {
          traceId: trace.traceId,
          spanId: trace.spanId,
          action: 'policy.explain',
          outcome: 'read',
          reason: decision.reason,
          actor: principal.id,
          counterparty: receiver.id,
          messageType: envelope.messageType,
          purpose: envelope.purpose,
          ...(decision.rule !== undefined ? { rule: `${decision.rule.id}@${decision.rule.version}` } : {}),
          policyVersion: decision.policyVersion,
          ...(subject?.bsn !== undefined ? { dataSubjectId: deps.pseudonymize(subject.bsn), dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
          detail: `explained as ${sender.id}: would be ${decision.outcome === 'allow' ? 'allowed' : 'refused'} (${decision.reason})`,
        },
        now,
      ),
    );
    return { sender: sender.id, receiver: receiver.id, validation: { valid: errors.length === 0, errors }, ...explanation };
  };
}
