// Re-deciding an exchange (architecture.md step 8: "A replay re-runs the decision against today's
// consent and policy; it never resends blindly"). Framework-free, for the replay of dead letters
// and anything else that must not send an old decision again.
//
// It decides again from what the gateway still holds: the minimised payload of the outbox row (so a
// re-decision can only release the same fields or fewer), the subject facts kept for it (birth date,
// flags; never the BSN: consents are found through the pseudonym), the sender and receiver as the
// party registry knows them today, and today's date, policy, catalogue and consents. A break-glass
// override is not carried over: it was a judgement about that moment, so a replay that still lacks
// consent is refused and the sender may override again. It writes nothing: the caller acts on the
// result in the same transaction (requeue with `releasedPayload` and the new decision, or refuse),
// so that a revocation committed before is seen and one committed after finds the requeued row.

import type { PartyRegistry } from '../config/party-registry.ts';
import { dutchDate } from '../kernel/clock.ts';
import type { PolicyEngine, PolicyOutcome } from '../../consent/policy-engine.ts';
import type { ExchangeRow, StoreTx } from '../store/store.ts';
import { decideExchange, type ExchangeFacts } from './decide-exchange.ts';
import { CONSENT_NOTICE_TYPE } from './consent-notices.ts';

export interface RedecideDeps {
  readonly policy: PolicyEngine;
  readonly parties: PartyRegistry;
}

export interface RedecideRequest {
  readonly exchange: ExchangeRow;
  /** The outbox row's payload (the minimised message); null once purged after retention. */
  readonly payload: unknown;
  readonly now: Date;
}

export type RedecideResult =
  | {
      readonly kind: 'decided';
      /** allow: `outcome.releasedPayload` is what may be sent now; deny: `outcome.decision.reason` says why not. */
      readonly outcome: PolicyOutcome;
      readonly facts: ExchangeFacts;
    }
  | {
      readonly kind: 'not-redecidable';
      /** payload-purged: nothing left to send; facts-missing: the subject facts are gone; party-unknown: sender or receiver left the registry. */
      readonly reason: 'payload-purged' | 'facts-missing' | 'party-unknown';
    };

export async function redecideExchange(deps: RedecideDeps, tx: StoreTx, request: RedecideRequest): Promise<RedecideResult> {
  const { exchange, payload } = request;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return { kind: 'not-redecidable', reason: 'payload-purged' };
  const sender = deps.parties.get(exchange.sender);
  const receiver = exchange.receiver === null ? undefined : deps.parties.get(exchange.receiver);
  if (sender === undefined || receiver === undefined || exchange.purpose === null) return { kind: 'not-redecidable', reason: 'party-unknown' };
  const input = await tx.getDecisionInput(exchange.id);
  if (input === undefined) return { kind: 'not-redecidable', reason: 'facts-missing' };
  const { hasBsn, ...flags } = input.subject;
  const facts: ExchangeFacts = {
    sender,
    receiver,
    messageType: exchange.messageType,
    purpose: exchange.purpose,
    message: payload as Record<string, unknown>,
    subject: { ...flags, ...(hasBsn ? { identified: true } : {}) },
    subjectPseudonym: exchange.subjectPseudonym,
    exchangeDate: dutchDate(request.now),
  };
  const outcome = await decideExchange(tx, deps.policy, facts);
  return { kind: 'decided', outcome: await noticeOfRevokedConsent(tx, exchange, facts.message, outcome), facts };
}

/**
 * A consent notice (consent-notices.ts) announces an active consent: once that consent is revoked,
 * sending it again would turn the receiver's Consent active after its revocation (a conditional
 * update has no order), so a replay of it is refused as consent-revoked, whatever its rule says.
 */
async function noticeOfRevokedConsent(tx: StoreTx, exchange: ExchangeRow, message: Readonly<Record<string, unknown>>, outcome: PolicyOutcome): Promise<PolicyOutcome> {
  if (exchange.messageType !== CONSENT_NOTICE_TYPE || message['status'] !== 'active' || exchange.subjectPseudonym === null || outcome.decision.outcome !== 'allow') return outcome;
  const consent = (await tx.listSubjectConsents(exchange.subjectPseudonym)).find((c) => c.id === message['consentId']);
  if (consent !== undefined && consent.status === 'active') return outcome;
  return { decision: { ...outcome.decision, outcome: 'deny', reason: 'consent-revoked', releasedFields: [] } };
}
