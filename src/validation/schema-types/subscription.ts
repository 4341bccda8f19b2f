// Generated from schemas/subscription.schema.json by scripts/generate-schema-types.ts; do not edit by hand.

/**
 * The kinds of status event (src/kernel/subscription-record.ts statusEventTypes; a test keeps the lists equal).
 *
 * This interface was referenced by `Subscription`'s JSON-Schema
 * via the `definition` "eventType".
 */
export type SubscriptionEventType =
  'exchange.delivered' | 'exchange.dead-lettered' | 'exchange.refused' | 'retour.received' | 'signal.raised';

/**
 * This interface was referenced by `Subscription`'s JSON-Schema
 * via the `definition` "create".
 */
export interface SubscriptionCreate {
  /**
   * Where the events are POSTed: http or https, no user name or password in it; its host must pass the gateway's subscriptions.allowedHosts and private-network rules.
   */
  url: string;
  /**
   * The kinds to send; every kind when absent.
   *
   * @minItems 1
   * @maxItems 5
   */
  events?: SubscriptionEventType[];
}
