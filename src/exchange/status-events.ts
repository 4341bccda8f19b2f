// Status events for the parties that subscribed to them (issue 13; subscriptions.ts manages the
// subscriptions). An event is queued in the transaction of the change it tells of (a delivery
// settled or dead-lettered, a replay refused, a retour paired, a signal raised), so none is lost on a
// crash and none tells of a change that was rolled back. Each is an exchange from the gateway to
// `status-callback` with an outbox row of its own, so the dispatcher retries and dead-letters it like
// any delivery; the adapter (adapters/status-callback) signs it with the subscription's secret. The
// store keeps the events of one (subscription, exchange) in order: the claim holds a later one back
// while an earlier one is pending. An event carries references and status only: no payload, no BSN.
// The gateway's own deliveries (signals for the webhook, status events) raise no events: no loops.

import { randomUUID } from 'node:crypto';
import type { StatusEvent, StatusEventDraft } from '../kernel/subscription-record.ts';
import type { StoreTx } from '../store/store.ts';

/** The party id the gateway's own deliveries (signals for the webhook, status events) are sent as. */
export const GATEWAY_SENDER = 'ketenpoort';
/** The receiver id of status events in exchange rows, their message type, purpose and adapter kind. */
export const STATUS_CALLBACK_RECEIVER = 'status-callback';
export const STATUS_EVENT_TYPE = 'status-event';
export const STATUS_CALLBACK_ADAPTER = 'status-callback';
/** Whether an exchange row is a status event (the gateway's own, not a party's). */
export const isStatusEvent = (exchange: { readonly sender: string; readonly messageType: string }): boolean => exchange.sender === GATEWAY_SENDER && exchange.messageType === STATUS_EVENT_TYPE;

/**
 * Queues the event for each of the party's subscriptions that wants its type, in tx; returns how many
 * were queued. Nothing for the gateway's own exchanges.
 */
export async function queueStatusEvents(tx: StoreTx, party: string, draft: StatusEventDraft, ctx: { readonly now: Date; readonly traceparent: string }): Promise<number> {
  if (party === GATEWAY_SENDER) return 0;
  const subscriptions = await tx.subscriptionsFor(party, draft.type);
  if (subscriptions.length === 0) return 0;
  // The audit chain's head first (the store's lock order): transactions that queue events for one
  // exchange then run one after another, so the events' order (seq) is the order of their causes.
  await tx.auditHead();
  const nowMs = ctx.now.getTime();
  const traceId = ctx.traceparent.split('-')[1] ?? '0'.repeat(32);
  for (const subscription of subscriptions) {
    const eventId = randomUUID();
    const event: StatusEvent = { eventId, ...draft, occurredAt: ctx.now.toISOString(), subscriptionId: subscription.id };
    await tx.insertExchange({
      id: eventId, createdAt: nowMs, updatedAt: nowMs, sender: GATEWAY_SENDER, receiver: STATUS_CALLBACK_RECEIVER, messageType: STATUS_EVENT_TYPE, purpose: 'status-callback',
      status: 'queued', subjectPseudonym: null, traceId, decision: null, reason: null, receiverReference: null, deliveredAt: null,
    });
    await tx.insertOutbox({
      exchangeId: eventId, receiver: STATUS_CALLBACK_RECEIVER, adapterKind: STATUS_CALLBACK_ADAPTER, endpoint: subscription.url, messageType: STATUS_EVENT_TYPE, sender: GATEWAY_SENDER,
      purpose: 'status-callback', payload: event, traceparent: ctx.traceparent, status: 'pending', attempts: 0, nextAttemptAt: nowMs, leaseOwner: null, leaseUntil: null,
      lastError: null, deliveredAt: null, purgeAfter: null, createdAt: nowMs,
    });
    await tx.insertSubscriptionEvent({ eventId, subscriptionId: subscription.id, exchangeId: draft.exchangeId, type: draft.type, createdAt: nowMs });
  }
  return subscriptions.length;
}
