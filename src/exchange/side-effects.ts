// Side effects a rule asks for (schemas/policy.schema.json `sideEffects`), carried out by the gateway
// in the same transaction as the exchange that caused them. `notify`: e.g. Jw 3.1 lid 4 and Wmo 2015
// 4.1.1 lid 2 f, a GI, Veilig Thuis or designated provider that asks the Raad for an investigation
// must tell the college. The notice is an exchange of its own, decided by its own (statutory) rule and
// minimised by that rule's allow-list, with its own audit record and outbox row.

import { randomUUID } from 'node:crypto';
import { GatewayError } from '../kernel/gateway-error.ts';
import { valueAtPointer } from '../kernel/json-pointer.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import type { PolicyEngine, PolicyOutcome } from '../../consent/policy-engine.ts';
import type { SideEffectOutcome } from '../kernel/policy-decision.ts';
import type { StoreTx } from '../store/store.ts';
import { decideExchange, type ExchangeFacts } from './decide-exchange.ts';
import { isAllowed, type DecidedExchange } from './record-exchange.ts';
import { newSpanId, type TraceContext } from '../kernel/trace-context.ts';
import { checkReceiverCarries, partyTakes, type ReceiverCarries } from './adapter-coverage.ts';
import type { Party } from '../config/config-types.ts';
import type { NotifyRegievoerderSideEffect } from '../../consent/policy-rule.ts';

export interface PlannedSideEffects {
  readonly outcomes: readonly SideEffectOutcome[];
  readonly exchanges: readonly DecidedExchange[];
}

/**
 * Decides the side effects of an allowed exchange. Throws 'unknown-receiver' (nothing is written)
 * when the party to notify is not in the registry, 'receiver-cannot-carry' when it does not take the notice; the exchange then fails as a whole, since the
 * sender's duty to notify could not be met.
 */
export async function planSideEffects(
  tx: StoreTx,
  deps: { readonly policy: PolicyEngine; readonly parties: PartyRegistry; readonly receiverCarries?: ReceiverCarries },
  cause: { readonly exchangeId: string; readonly facts: ExchangeFacts; readonly outcome: PolicyOutcome; readonly trace: TraceContext; readonly now: Date },
): Promise<PlannedSideEffects> {
  const outcomes: SideEffectOutcome[] = [];
  const exchanges: DecidedExchange[] = [];
  for (const effect of cause.outcome.sideEffects ?? []) {
    if (effect.kind === 'notify-regievoerder') {
      // Not among the decision's side effects: those go back to the sender in the 202, and who has
      // the regie is for the parties entitled to look it up (no oracle). Its audit record names the cause.
      const notice = await planRegieNotice(tx, deps, cause, effect);
      if (notice !== undefined) exchanges.push(notice);
      continue;
    }
    const code = valueAtPointer(cause.facts.message, effect.receiverGemeentecodeAt);
    const receiver = typeof code === 'string' ? deps.parties.findByIjwCode(code) : undefined;
    if (receiver === undefined || receiver.role !== effect.receiverRole) {
      throw new GatewayError('unknown-receiver', {
        detail: `the rule asks the gateway to notify the ${effect.receiverRole} named here (${effect.source}), and no such party is registered`,
        errors: [{ pointer: `/message${effect.receiverGemeentecodeAt}`, detail: `is not the gemeentecode of a known ${effect.receiverRole}` }],
      });
    }
    // The notice is promised with the 202 as much as the exchange itself: its receiver must take it.
    checkReceiverCarries(deps.receiverCarries, receiver, effect.messageType);
    const facts: ExchangeFacts = {
      sender: cause.facts.sender,
      receiver,
      messageType: effect.messageType,
      purpose: effect.purpose,
      message: cause.facts.message,
      subjectPseudonym: cause.facts.subjectPseudonym,
      exchangeDate: cause.facts.exchangeDate,
      ...(cause.facts.subject !== undefined ? { subject: cause.facts.subject } : {}),
    };
    const outcome = await decideExchange(tx, deps.policy, facts);
    if (!isAllowed(outcome)) {
      // The policy loader makes sure a statutory rule covers every side effect; failing here means
      // that rule refused (e.g. its legal basis is no longer in force): fail closed, nothing written.
      throw new GatewayError('policy-file-invalid', { detail: `side effect ${effect.messageType} of rule ${cause.outcome.decision.rule?.id ?? '?'} was refused: ${outcome.decision.reason}` });
    }
    const exchangeId = randomUUID();
    outcomes.push({ kind: 'notify', exchangeId, receiver: receiver.id, messageType: effect.messageType, purpose: effect.purpose });
    exchanges.push({
      exchangeId,
      facts,
      outcome,
      decision: outcome.decision,
      trace: { traceId: cause.trace.traceId, spanId: newSpanId(), parentSpanId: cause.trace.spanId },
      detail: `side effect of exchange ${cause.exchangeId} (${effect.source})`,
    });
  }
  return { outcomes, exchanges };
}

/**
 * The regie notice (issue 12): when the child has an active regievoerder that is neither the sender
 * nor the receiver, a gateway-originated message to it (RegieNotificatie) with metadata only: who sent which message
 * type to whom, and when (never the content), and the child's BSN so its system can find the child.
 * Decided by its own rule (e.g. regie-notificatie, legal basis regievoering-jeugd); a refusal, or a
 * regievoerder whose adapter cannot carry it, is recorded and audited as refused and does not fail
 * the exchange that caused it. Undefined when there is nobody to notify.
 */
async function planRegieNotice(
  tx: StoreTx,
  deps: { readonly policy: PolicyEngine; readonly parties: PartyRegistry; readonly receiverCarries?: ReceiverCarries },
  cause: { readonly exchangeId: string; readonly facts: ExchangeFacts; readonly trace: TraceContext; readonly outcome: PolicyOutcome; readonly now: Date },
  effect: NotifyRegievoerderSideEffect,
): Promise<DecidedExchange | undefined> {
  const { facts } = cause;
  const bsn = facts.subject?.bsn;
  if (facts.subjectPseudonym === null || bsn === undefined) return undefined;
  const regie = await tx.activeRegieForNotice(facts.subjectPseudonym);
  if (regie === undefined || regie.party === facts.sender.id || regie.party === facts.receiver.id) return undefined;
  const receiver = deps.parties.get(regie.party);
  if (receiver === undefined) return undefined;
  const party = (p: Party) => ({ Id: p.id, Naam: p.name, Rol: p.role });
  const message = {
    Kind: { Bsn: bsn },
    Uitwisseling: { Afzender: party(facts.sender), Ontvanger: party(facts.receiver), Berichttype: facts.messageType, Tijdstip: cause.now.toISOString() },
  };
  // Recorded as the regievoerder's own (sender and receiver): the party whose exchange caused it must not
  // learn who has the regie from its exchange list or its audit records (no oracle); the audit
  // record's detail names the exchange that caused it, for the privacy officer.
  const noticeFacts: ExchangeFacts = {
    sender: receiver,
    receiver,
    messageType: effect.messageType,
    purpose: effect.purpose,
    message,
    subjectPseudonym: facts.subjectPseudonym,
    exchangeDate: facts.exchangeDate,
    ...(facts.subject !== undefined ? { subject: facts.subject } : {}),
  };
  const decided = await decideExchange(tx, deps.policy, noticeFacts);
  const carries = partyTakes(receiver, effect.messageType) && (deps.receiverCarries?.(receiver, effect.messageType) ?? true);
  // The regievoerder's system cannot take the notice: recorded as refused, like any decision.
  const outcome: PolicyOutcome = isAllowed(decided) && !carries ? { decision: { ...decided.decision, outcome: 'deny', reason: 'receiver-cannot-carry', releasedFields: [] } } : decided;
  return {
    exchangeId: randomUUID(),
    facts: noticeFacts,
    outcome,
    decision: outcome.decision,
    trace: { traceId: cause.trace.traceId, spanId: newSpanId(), parentSpanId: cause.trace.spanId },
    detail: `regie notice of exchange ${cause.exchangeId} (${effect.source})`,
  };
}
