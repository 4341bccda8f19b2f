// The Adapter port (architecture.md, Contracts). One implementation per receiving-system kind,
// registered by kind in adapters/registry.ts; nothing else switches on the kind.

export interface DeliveryTarget {
  readonly partyId: string;
  readonly kind: string;
  /** Endpoint URL for push adapters; unused by the inbox. */
  readonly endpoint?: string;
}

export interface DeliveryMessage {
  readonly exchangeId: string;
  readonly messageType: string;
  readonly sender: string;
  readonly receiver: string;
  readonly purpose: string;
  /** The minimised message as released by the policy decision. */
  readonly payload: unknown;
}

export interface DeliveryContext {
  /** W3C traceparent of the exchange, passed on to the receiver. */
  readonly traceparent: string;
  readonly attempt: number;
  readonly signal: AbortSignal;
}

export type DeliveryResult =
  | { readonly status: 'delivered'; readonly reference: string }
  | { readonly status: 'retryable'; readonly reason: string }
  | { readonly status: 'permanent'; readonly reason: string };

export interface PulledRecord {
  readonly cursor: string;
  readonly message: unknown;
}

export interface Adapter {
  readonly kind: string;
  deliver(message: DeliveryMessage, target: DeliveryTarget, ctx: DeliveryContext): Promise<DeliveryResult>;
  pull?(cursor: string | undefined, ctx: { readonly signal: AbortSignal }): AsyncIterable<PulledRecord>;
}
