// Step 6 and 7, record and enqueue, for one decided exchange: the audit record (allowed or refused,
// with its provenance), the exchange row, and when allowed the minimised payload in the outbox, the
// subject facts a re-decision needs, and for a break-glass override the review-queue entry. All in the
// caller's transaction, so the audit record and the outbox row are written together or not at all.

import type { PolicyDecision } from '../kernel/policy-decision.ts';
import type { PolicyOutcome } from '../../consent/policy-engine.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { StoreTx } from '../store/store.ts';
import type { ExchangeFacts } from './decide-exchange.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import { newSpanId, traceparentFor } from '../kernel/trace-context.ts';

export interface DecidedExchange {
  readonly exchangeId: string;
  readonly facts: ExchangeFacts;
  readonly outcome: PolicyOutcome;
  /** The decision as recorded (the outcome's, plus e.g. the side effects carried out). */
  readonly decision: PolicyDecision;
  readonly trace: TraceContext;
  /** Short detail for the audit record, without personal data. */
  readonly detail?: string;
  /** The first delivery attempt not before this time (epoch ms); default: at once. */
  readonly notBefore?: number;
}

export function isAllowed(outcome: PolicyOutcome): outcome is PolicyOutcome & { readonly releasedPayload: Record<string, unknown> } {
  return outcome.decision.outcome === 'allow' && outcome.releasedPayload !== undefined;
}

export async function recordDecidedExchange(tx: StoreTx, item: DecidedExchange, now: Date): Promise<void> {
  const { exchangeId, facts, outcome, decision, trace } = item;
  const allowed = isAllowed(outcome);
  const nowMs = now.getTime();
  const pseudonym = facts.subjectPseudonym;
  const override = decision.reason === 'override-used' ? decision.override : undefined;
  await appendAudit(
    tx,
    {
      traceId: trace.traceId,
      spanId: trace.spanId,
      action: 'exchange.submit',
      outcome: allowed ? 'allowed' : 'refused',
      reason: decision.reason,
      exchangeId,
      actor: facts.sender.id,
      counterparty: facts.receiver.id,
      messageType: facts.messageType,
      purpose: facts.purpose,
      processingActivityId: decision.processingActivityId,
      legalBasis: decision.legalBasis,
      rule: decision.rule ? `${decision.rule.id}@${decision.rule.version}` : undefined,
      policyVersion: decision.policyVersion,
      catalogueVersion: decision.catalogueVersion,
      consentIds: decision.consentIds,
      ...(pseudonym !== null ? { dataSubjectId: pseudonym, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
      releasedFields: decision.releasedFields,
      // The reason code only: the written justification stays in the review queue.
      detail: [item.detail, override !== undefined ? `override: ${override.reasonCode}` : undefined].filter((d) => d !== undefined).join('; ') || undefined,
    },
    now,
  );
  await tx.insertExchange({
    id: exchangeId,
    createdAt: nowMs,
    updatedAt: nowMs,
    sender: facts.sender.id,
    receiver: facts.receiver.id,
    messageType: facts.messageType,
    purpose: facts.purpose,
    status: allowed ? 'queued' : 'refused',
    subjectPseudonym: pseudonym,
    traceId: trace.traceId,
    decision,
    reason: allowed ? null : decision.reason,
    receiverReference: null,
    deliveredAt: null,
  });
  if (!allowed) return;
  await tx.insertOutbox({
    exchangeId,
    receiver: facts.receiver.id,
    adapterKind: facts.receiver.adapter.kind,
    endpoint: facts.receiver.adapter.endpoint ?? null,
    messageType: facts.messageType,
    sender: facts.sender.id,
    purpose: facts.purpose,
    payload: outcome.releasedPayload,
    traceparent: traceparentFor(trace, newSpanId()),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: item.notBefore ?? nowMs,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    deliveredAt: null,
    purgeAfter: null,
    createdAt: nowMs,
  });
  const { bsn, identified, ...flags } = facts.subject ?? {};
  await tx.insertDecisionInput({ exchangeId, subject: { ...flags, hasBsn: bsn !== undefined || identified === true } });
  if (override !== undefined) {
    await tx.insertOverrideReview({
      exchangeId,
      createdAt: nowMs,
      sender: facts.sender.id,
      receiver: facts.receiver.id,
      messageType: facts.messageType,
      purpose: facts.purpose,
      rule: decision.rule ? `${decision.rule.id}@${decision.rule.version}` : 'none',
      reasonCode: override.reasonCode,
      justification: override.justification,
      subjectPseudonym: pseudonym,
      status: 'pending',
      reviewedBy: null,
      reviewedAt: null,
      note: null,
    });
  }
}
