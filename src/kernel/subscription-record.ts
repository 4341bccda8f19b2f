// Status callbacks (issue 13): a party's subscription to events about its own exchanges, and the
// events themselves. An event carries references and status only: never a payload, a BSN or any
// message content (the receiver asks the API for more, with its own token).

/** The kinds of event a party can subscribe to (openapi.yaml StatusEventType, schemas/subscription.schema.json). */
export const statusEventTypes = [
  // The receiver's system took the message (the dispatcher settled it delivered).
  'exchange.delivered',
  // Every attempt failed, or the receiver refused it for good: an operator's dead letter now.
  'exchange.dead-lettered',
  // A dead letter's replay was re-decided against today's policy and consent, and refused.
  'exchange.refused',
  // An iJw retour to a heen message the party sent came in through the gateway.
  'retour.received',
  // A care-path signal about a message the party sent (a bedrijfsregel it broke, kind message-rule).
  'signal.raised',
] as const;
export type StatusEventType = (typeof statusEventTypes)[number];

export interface Subscription {
  readonly id: string;
  /** The party that subscribed (the token's party): it hears about its own exchanges only. */
  readonly party: string;
  readonly url: string;
  /** The kinds it wants; every kind when absent. */
  readonly events: readonly StatusEventType[] | null;
  readonly createdAt: number;
}

/** A subscription as stored: with the HMAC secret its events are signed with (never listed). */
export interface StoredSubscription extends Subscription {
  readonly secret: string;
}

/** What a receiver gets (the whole body, JSON): references and status only. */
export interface StatusEvent {
  readonly eventId: string;
  readonly type: StatusEventType;
  /** The exchange the event is about (the party's own). */
  readonly exchangeId: string;
  readonly occurredAt: string; // ISO 8601, UTC
  readonly subscriptionId: string;
  readonly messageType?: string;
  /** exchange.delivered / exchange.dead-lettered: the attempts made. */
  readonly attempts?: number;
  /** A stable code: the refusal's policy reason, the dead letter's failure class (retryable, permanent, lease-expired). */
  readonly reason?: string;
  /** retour.received: the exchange that carried the retour. */
  readonly retourExchangeId?: string;
  /** signal.raised: the signal's id, kind and rule. */
  readonly signalId?: string;
  readonly signalKind?: string;
  readonly rule?: string;
}

/** An event before it is addressed to a subscription. */
export type StatusEventDraft = Omit<StatusEvent, 'eventId' | 'subscriptionId' | 'occurredAt'>;
