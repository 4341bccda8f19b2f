// Status callbacks' part of the Store port (issue 13, migration 19): parties' subscriptions and the
// events queued for them. An event is delivered as an outbox row of its own (an exchange from the
// gateway to `status-callback`); `subscription_events` adds what the outbox does not know: which
// subscription and which of the party's exchanges it is about, and its place in that exchange's
// order (seq), so the claim holds a later event back while an earlier one for the same
// (subscription, exchange) is still pending. The SQL is in sql/subscription-sql.ts.
import type { StatusEventType, StoredSubscription, Subscription } from '../kernel/subscription-record.ts';

/** What a claim needs to keep an event in its exchange's order. */
export interface SubscriptionEventRow {
  /** The event's id: also its exchange and outbox row id. */
  readonly eventId: string;
  readonly subscriptionId: string;
  /** The party's exchange the event is about. */
  readonly exchangeId: string;
  readonly type: StatusEventType;
  readonly createdAt: number;
}

export interface SubscriptionReads {
  /** With its secret (for signing); undefined when there is none (never was, or deleted). */
  getSubscription(id: string): Promise<StoredSubscription | undefined>;
  /** The party's subscriptions, oldest first (without secrets). */
  listSubscriptions(party: string, query: { readonly limit: number }): Promise<Subscription[]>;
  /** The events queued for a subscription, in the order they were queued (tests, operators). */
  listSubscriptionEvents(subscriptionId: string, query: { readonly limit: number }): Promise<SubscriptionEventRow[]>;
}

export interface SubscriptionWrites {
  insertSubscription(subscription: StoredSubscription): Promise<void>;
  /**
   * Deletes the party's subscription and cancels its events still pending (outbox status cancelled,
   * payload removed). False when the party has no such subscription.
   */
  deleteSubscription(id: string, party: string, now: number): Promise<boolean>;
  /** The party's subscriptions that want events of this type (with secrets), read in the transaction. */
  subscriptionsFor(party: string, type: StatusEventType): Promise<StoredSubscription[]>;
  /** How many subscriptions the party has (read in the transaction, for the per-party limit). */
  countSubscriptions(party: string): Promise<number>;
  /** Records an event's order row; its exchange and outbox rows are written by the caller. */
  insertSubscriptionEvent(row: SubscriptionEventRow): Promise<void>;
}
