// The operators' part of the Store port (issue 11): the message log with filters, receivers paused
// for maintenance, per-receiver delivery figures and the dashboard's counts. Metadata only: nothing
// here reads a payload, a decision's facts or a data subject. `Store` and `StoreTx` (store.ts) extend
// these interfaces; the SQL is in sql/operator-reads.ts and sql/store-tx.ts.

/** The exchange statuses (store.ts ExchangeStatus; kept equal by a type test in the contract suite). */
export type ExchangeLogStatus = 'refused' | 'queued' | 'delivered' | 'dead-letter' | 'cancelled';

/** One exchange as the operators' log shows it: never the payload, the decision's facts or the subject. */
export interface ExchangeLogRow {
  readonly id: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly sender: string;
  readonly receiver: string | null;
  readonly messageType: string;
  readonly purpose: string | null;
  readonly status: ExchangeLogStatus;
  readonly reason: string | null;
  readonly deliveredAt: number | null;
  readonly traceId: string;
}

export interface ExchangeLogQuery {
  readonly status?: ExchangeLogStatus;
  readonly sender?: string;
  readonly receiver?: string;
  readonly messageType?: string;
  readonly reason?: string;
  /** Inclusive lower and exclusive upper bound on created_at (epoch ms). */
  readonly from?: number;
  readonly to?: number;
  /** Only rows before this position in the order (created_at desc, id desc). */
  readonly before?: { readonly createdAt: number; readonly id: string };
  readonly limit: number;
}

export interface ReceiverPause {
  readonly receiver: string;
  readonly pausedAt: number;
  readonly pausedBy: string;
  readonly reason: string | null;
}

export interface ReceiverDeliveryFigures {
  readonly receiver: string;
  /** Outbox rows waiting (pending), and the oldest one's creation time. */
  readonly pending: number;
  readonly oldestPendingAt: number | null;
  readonly dead: number;
  /** Delivery attempts since `since`, by outcome (leaseExpired: lost with the process making them). */
  readonly attempts: { readonly delivered: number; readonly retry: number; readonly deadLetter: number; readonly leaseExpired: number };
  /** The newest failed attempt: when, and what the receiver answered (no personal data). */
  readonly lastFailure: { readonly at: string; readonly exchangeId: string | null; readonly detail: string | null } | null;
}

export interface TrafficBucket {
  /** The bucket's start (epoch ms). */
  readonly start: number;
  readonly accepted: number;
  readonly refused: number;
  readonly delivered: number;
}

export interface TrafficFigures {
  readonly buckets: readonly TrafficBucket[];
  /** Milliseconds from acceptance to delivery of the exchanges delivered in the window (a sample, newest first). */
  readonly latenciesMs: readonly number[];
}

export interface OperatorReads {
  /** Every exchange (any party), newest first, filtered; metadata only. */
  listExchangeLog(query: ExchangeLogQuery): Promise<ExchangeLogRow[]>;
  listReceiverPauses(): Promise<ReceiverPause[]>;
  receiverDeliveryFigures(receiver: string, query: { readonly since: string }): Promise<ReceiverDeliveryFigures>;
  /** Accepted and refused by creation time, delivered by delivery time, in buckets from `from` (inclusive) to `to`. */
  trafficFigures(query: { readonly from: number; readonly to: number; readonly bucketMs: number; readonly latencySample: number }): Promise<TrafficFigures>;
}

export interface ReceiverPauseWrites {
  /** Pauses deliveries to the receiver; false when it was paused already (the first pause stays). */
  pauseReceiver(pause: ReceiverPause): Promise<boolean>;
  /** Resumes deliveries; false when it was not paused. */
  resumeReceiver(receiver: string): Promise<boolean>;
}
