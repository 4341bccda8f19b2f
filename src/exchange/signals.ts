// Signals as use cases (src/signals, src/kernel/signal-record.ts): raising one (the watchdog job),
// closing those whose awaited message arrived (the submit use case, in the exchange's transaction),
// and what parties do with them over the API: list the ones they owe or are concerned in, and
// acknowledge one with a note. Every change is audited in the transaction that makes it; a raised
// signal is also delivered to the configured webhook through the outbox (an exchange row and an outbox
// row in the same transaction, so the dispatcher retries and dead-letters it like any delivery).
// Signals carry references only: the child's pseudonym, never a BSN, never a payload.

import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import { newSpanId, traceFromHeader, traceparentFor, type TraceContext } from '../kernel/trace-context.ts';
import type { Signal, SignalDraft, SignalStatus } from '../kernel/signal-record.ts';
import type { CarePathApplied } from '../kernel/care-path-record.ts';
import type { StoreTx } from '../store/store.ts';
import type { Store } from '../store/store.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { Clock } from '../kernel/clock.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { signalParties } from '../signals/signal.ts';
import { GATEWAY_SENDER, queueStatusEvents } from './status-events.ts';

/** The party id signal deliveries are sent as, and the receiver id of the webhook, in exchange rows. */
export const SIGNAL_SENDER = GATEWAY_SENDER;
export const SIGNAL_WEBHOOK_RECEIVER = 'signal-webhook';
/** Whether an exchange row is a signal delivered to the webhook (the gateway's own, not a party's). */
export const isSignalDelivery = (exchange: { readonly sender: string; readonly messageType: string }): boolean => exchange.sender === SIGNAL_SENDER && exchange.messageType === 'signal';
/** The source of care-path signals (src/care-path/watchdog-signals.ts CARE_PATH_SIGNAL_SOURCE). */
export const CARE_PATH_SOURCE = 'care-path';

export interface SignalWebhook {
  readonly endpoint: string;
}

/** What an API client sees of a signal. */
export type SignalView = Signal;

/** Raises the signal in tx: stored, audited, queued for the webhook. Undefined when one for the same item is still live. */
export async function raiseSignal(tx: StoreTx, draft: SignalDraft, ctx: { readonly actorId: string; readonly now: Date; readonly webhook: SignalWebhook | undefined; readonly trace?: TraceContext }): Promise<Signal | undefined> {
  const signal: Signal = { ...draft, id: randomUUID(), status: 'open', raisedAt: ctx.now.getTime() };
  if (!(await tx.insertSignal(signal))) return undefined;
  const trace = ctx.trace ?? traceFromHeader(undefined);
  let exchangeId: string | undefined;
  if (ctx.webhook !== undefined) {
    exchangeId = randomUUID();
    const nowMs = ctx.now.getTime();
    await tx.insertExchange({
      id: exchangeId, createdAt: nowMs, updatedAt: nowMs, sender: SIGNAL_SENDER, receiver: SIGNAL_WEBHOOK_RECEIVER, messageType: 'signal', purpose: 'signal',
      status: 'queued', subjectPseudonym: signal.subject ?? null, traceId: trace.traceId, decision: null, reason: null, receiverReference: null, deliveredAt: null,
    });
    await tx.insertOutbox({
      exchangeId, receiver: SIGNAL_WEBHOOK_RECEIVER, adapterKind: 'rest-json', endpoint: ctx.webhook.endpoint, messageType: 'signal', sender: SIGNAL_SENDER, purpose: 'signal',
      payload: signal, traceparent: traceparentFor(trace, newSpanId()), status: 'pending', attempts: 0, nextAttemptAt: nowMs, leaseOwner: null, leaseUntil: null,
      lastError: null, deliveredAt: null, purgeAfter: null, createdAt: nowMs,
    });
  }
  await appendAudit(
    tx,
    {
      traceId: trace.traceId,
      spanId: newSpanId(),
      action: 'signal.raise',
      outcome: 'raised',
      reason: signal.kind,
      ...(exchangeId !== undefined ? { exchangeId } : {}),
      actor: ctx.actorId,
      counterparty: signal.owedBy,
      ...(signal.subject !== undefined ? { dataSubjectId: signal.subject, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
      detail: `signal ${signal.id}: ${signal.rule} ${signal.kind}, due ${signal.dueDay}`,
    },
    ctx.now,
  );
  // The party that owes it hears of it when it names an exchange (status-events.ts), in this transaction.
  if (signal.refs.exchangeId !== undefined) {
    await queueStatusEvents(
      tx,
      signal.owedBy,
      { type: 'signal.raised', exchangeId: signal.refs.exchangeId, signalId: signal.id, signalKind: signal.kind, rule: signal.rule, ...(signal.refs.messageType !== undefined ? { messageType: signal.refs.messageType } : {}) },
      { now: ctx.now, traceparent: traceparentFor(trace, newSpanId()) },
    );
  }
  return signal;
}

/**
 * After a message's care-path changes: the signals of the deadlines it closed close as met or
 * cancelled, and those of deadlines whose term changed close as cancelled (the watchdog raises them
 * again if the new term passes). Audited in the exchange's transaction.
 */
export async function closeSignalsFor(tx: StoreTx, applied: CarePathApplied, ctx: { readonly exchangeId: string; readonly actorId: string; readonly now: Date; readonly trace: TraceContext }): Promise<Signal[]> {
  const closed: Signal[] = [];
  const byReason: Record<'met' | 'cancelled', string[]> = { met: [], cancelled: [...applied.opened] };
  for (const c of applied.closed) byReason[c.status].push(c.id);
  for (const reason of ['met', 'cancelled'] as const) {
    if (byReason[reason].length === 0) continue;
    closed.push(...(await tx.closeSignals({ source: CARE_PATH_SOURCE, keys: byReason[reason], reason, byExchange: ctx.exchangeId, now: ctx.now.getTime() })));
  }
  for (const signal of closed) {
    await appendAudit(
      tx,
      {
        traceId: ctx.trace.traceId,
        spanId: newSpanId(),
        action: 'signal.close',
        outcome: 'closed',
        reason: signal.closedReason ?? 'met',
        exchangeId: ctx.exchangeId,
        actor: ctx.actorId,
        counterparty: signal.owedBy,
        ...(signal.subject !== undefined ? { dataSubjectId: signal.subject, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
        detail: `signal ${signal.id}: ${signal.rule} ${signal.kind}`,
      },
      ctx.now,
    );
  }
  return closed;
}

export interface SignalListQuery {
  readonly status?: SignalStatus;
  readonly kind?: string;
  readonly rule?: string;
  readonly subject?: string;
  readonly limit: number;
  readonly next?: string;
}

export interface SignalQueries {
  /** The party's signals (it owes them, or it is the child's gemeente), oldest first, with the cursor of the next page. */
  list(party: string, query: SignalListQuery): Promise<{ readonly items: readonly SignalView[]; readonly next: string | null }>;
  /** Acknowledges an open signal the party may see; audited. not-found when it may not see it, conflict when it is not open. */
  acknowledge(party: string, id: string, note: string, trace: TraceContext): Promise<SignalView>;
}

export function createSignalQueries(deps: { readonly store: Store; readonly committer: GroupCommitter; readonly clock: Clock; readonly metrics: GatewayMetrics }): SignalQueries {
  return {
    async list(party, query) {
      const items = await deps.store.listSignals({
        party,
        limit: query.limit + 1,
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(query.kind !== undefined ? { kind: query.kind } : {}),
        ...(query.rule !== undefined ? { rule: query.rule } : {}),
        ...(query.subject !== undefined ? { subject: query.subject } : {}),
        ...(query.next !== undefined ? { after: query.next } : {}),
      });
      const page = items.slice(0, query.limit);
      return { items: page, next: items.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    },
    async acknowledge(party, id, note, trace) {
      const now = deps.clock.now();
      // Read outside the transaction (SQLite serves reads and a transaction on one connection); the
      // update below only takes an open signal, so a change in between is a conflict, not a lost update.
      const current = await deps.store.getSignal(id);
      // A signal another party owes is not there for this one (no hint that it exists).
      if (current === undefined || !signalParties(current).includes(party)) throw new GatewayError('not-found', { detail: 'no such signal for this party' });
      const signal = await deps.committer.run(async (tx) => {
        const acked = await tx.acknowledgeSignal(id, { by: party, note, at: now.getTime() });
        if (acked === undefined) throw new GatewayError('conflict', { detail: `the signal is ${current.status}, not open` });
        await appendAudit(
          tx,
          {
            traceId: trace.traceId,
            spanId: trace.spanId,
            action: 'signal.acknowledge',
            outcome: 'acknowledged',
            reason: acked.kind,
            actor: party,
            counterparty: acked.owedBy === party ? (acked.concerned ?? party) : acked.owedBy,
            ...(acked.subject !== undefined ? { dataSubjectId: acked.subject, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
            detail: `signal ${acked.id}: ${acked.rule} ${acked.kind}`,
          },
          now,
        );
        return acked;
      });
      deps.metrics.signals.inc({ event: 'acknowledged', kind: signal.kind });
      return signal;
    },
  };
}
