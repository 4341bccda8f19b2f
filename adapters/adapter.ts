// The Adapter port (architecture.md, Contracts). One implementation per receiving-system kind,
// registered by kind in adapters/registry.ts; nothing else switches on the kind.

import type { GatewayError } from '../src/kernel/gateway-error.ts';

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

/**
 * One record pulled from a batch source: either a submission, exactly as the pipeline takes it from
 * any sender, or a record the source could not turn into one (it is refused and audited as such).
 */
export type PulledRecord =
  | {
      /** The source's own id of the record, stable across pulls: a re-pulled record is recognised by it. */
      readonly id: string;
      readonly contentType: string;
      readonly body: Buffer;
    }
  | { readonly id: string; readonly unreadable: GatewayError };

export interface PulledPage {
  readonly records: readonly PulledRecord[];
  /** Where the source continues after this page (opaque); undefined while it has given no position. */
  readonly cursor: string | undefined;
}

export interface PullContext {
  /** Where to pull from: the party's configured source (a URL, or a folder). */
  readonly endpoint: string;
  /** At most this many records per page. */
  readonly pageSize: number;
  readonly signal: AbortSignal;
}

/**
 * A batch source: pages of records after a cursor, one page at a time, so a sync of any size never
 * holds more than a page. The iterable ends when the source has nothing more for now; failures to
 * reach or read the source throw GatewayError('source-unavailable').
 */
export interface PullSource {
  readonly kind: string;
  pull(cursor: string | undefined, ctx: PullContext): AsyncIterable<PulledPage>;
}

export interface Adapter {
  readonly kind: string;
  deliver(message: DeliveryMessage, target: DeliveryTarget, ctx: DeliveryContext): Promise<DeliveryResult>;
  /**
   * Whether this kind of receiving system can carry a message type at all (a mapping exists for it).
   * A 202 promises delivery, so the gateway refuses to start when a policy rule allows a type to a
   * party whose adapter cannot carry it, and the submit path refuses such a message before deciding
   * (src/exchange/adapter-coverage.ts). Absent: the adapter carries every type (JSON as it is).
   */
  carries?(messageType: string): boolean;
  /** Present when the receiving-system kind can also be read from in batch (pull-sync). */
  pull?(cursor: string | undefined, ctx: PullContext): AsyncIterable<PulledPage>;
}
