// A replay is a new decision (architecture.md step 8: "A replay re-runs the decision against today's
// consent and policy; it never resends blindly"). This is the one place a stored delivery is decided
// again: today's parties (routing), today's policy, today's date (age rules), on the facts the first
// decision rested on (the released message and the envelope's subject and override, kept in the
// outbox beside the payload). The message is the minimised one: a rule that releases fewer fields
// today releases fewer again; one that releases more cannot bring back what was never kept.
//
// decide() is synchronous today; this function is already async so that a consent-aware engine
// (issue 3, which asks the consent registry) drops in without changing its callers.

import { GatewayError } from '../errors/gateway-error.ts';
import type { Party } from '../config/config-types.ts';
import type { PolicyOutcome } from '../../consent/policy-engine.ts';
import type { OutboxRow } from '../store/store.ts';
import { dutchDate } from '../clock.ts';
import type { ExchangeDeps } from './exchange-deps.ts';
import { subjectOf } from './validate-submission.ts';

export interface Redecision {
  readonly outcome: PolicyOutcome;
  readonly sender: Party;
  /** The receiver as the registry has it today (its adapter and endpoint may have changed). */
  readonly receiver: Party;
}

export async function redecideDelivery(deps: Pick<ExchangeDeps, 'parties' | 'policy' | 'clock'>, row: OutboxRow): Promise<Redecision> {
  const sender = deps.parties.get(row.sender);
  const receiver = deps.parties.get(row.receiver);
  if (sender === undefined || receiver === undefined) {
    throw new GatewayError('replay-not-possible', { detail: `the ${sender === undefined ? 'sender' : 'receiver'} is no longer a known party` });
  }
  if (row.payload === null || typeof row.payload !== 'object' || Array.isArray(row.payload)) {
    throw new GatewayError('replay-not-possible', { detail: 'the payload was purged after the retention period; ask the sender to send it again' });
  }
  const message = row.payload as Record<string, unknown>;
  const context = row.decisionContext;
  const subject = subjectOf({
    messageType: row.messageType,
    receiver: row.receiver,
    purpose: row.purpose,
    message,
    ...(context?.subject !== undefined ? { subject: context.subject } : {}),
  });
  const outcome = await Promise.resolve(
    deps.policy.decide({
      senderRole: sender.role,
      receiverRole: receiver.role,
      messageType: row.messageType,
      purpose: row.purpose,
      exchangeDate: dutchDate(deps.clock.now()),
      message,
      ...(subject !== undefined ? { subject } : {}),
      ...(context?.override !== undefined ? { override: context.override } : {}),
    }),
  );
  return { outcome, sender, receiver };
}
