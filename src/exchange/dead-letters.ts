// Failed deliveries, for operators: list the dead letters with why they died, replay them
// (a new decision: redecide-exchange.ts, against today's policy and consents) or discard them with a reason. Operators never see a
// payload or a BSN: what they get is the exchange id, the parties, the message type, the purpose, the
// attempts, the class of the last error and the times. Every replay and discard is audited, in the
// same transaction as the change it describes.

import { GatewayError } from '../kernel/gateway-error.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { OutboxEntry, OutboxRow } from '../store/store.ts';
import { isSignalDelivery } from './signals.ts';
import { isStatusEvent, queueStatusEvents } from './status-events.ts';
import type { PolicyDecision } from '../kernel/policy-decision.ts';
import type { ExchangeDeps } from './exchange-deps.ts';
import { redecideExchange } from './redecide-exchange.ts';
import { newSpanId, type TraceContext } from '../kernel/trace-context.ts';

/** What went wrong, in words that carry no personal data (adapters write lastError; this classifies it). */
export type DeliveryErrorClass = 'receiver-unavailable' | 'receiver-refused' | 'network' | 'timeout' | 'configuration' | 'adapter-error' | 'unknown';

export function deliveryErrorClass(lastError: string | null): DeliveryErrorClass {
  if (lastError === null) return 'unknown';
  const http = /^HTTP (\d{3})$/.exec(lastError);
  if (http !== null) {
    const status = Number(http[1]);
    return status >= 500 || status === 408 || status === 425 || status === 429 ? 'receiver-unavailable' : 'receiver-refused';
  }
  if (/^network: (TimeoutError|UND_ERR_.*TIMEOUT|ETIMEDOUT)/.test(lastError)) return 'timeout';
  if (lastError.startsWith('network:')) return 'network';
  if (lastError.startsWith('adapter error')) return 'adapter-error';
  if (lastError.startsWith('no adapter') || lastError.startsWith('receiver has no endpoint')) return 'configuration';
  return 'unknown';
}

/** The error text itself only when it is one of the adapters' fixed shapes (a status or an error code). */
export function safeLastError(lastError: string | null): string | null {
  if (lastError === null) return null;
  return /^(HTTP \d{3}|network: [A-Za-z_]{1,40})$/.test(lastError) ? lastError : null;
}

export interface DeadLetterSummary {
  readonly exchangeId: string;
  readonly sender: string;
  readonly receiver: string;
  readonly messageType: string;
  readonly purpose: string;
  readonly adapter: string;
  readonly attempts: number;
  readonly errorClass: DeliveryErrorClass;
  readonly lastError: string | null;
  readonly createdAt: string;
  /** After this the payload is purged and a replay is no longer possible; null once purged. */
  readonly replayableUntil: string | null;
  readonly replayable: boolean;
}

function summary(entry: OutboxEntry): DeadLetterSummary {
  return {
    exchangeId: entry.exchangeId,
    sender: entry.sender,
    receiver: entry.receiver,
    messageType: entry.messageType,
    purpose: entry.purpose,
    adapter: entry.adapterKind,
    attempts: entry.attempts,
    errorClass: deliveryErrorClass(entry.lastError),
    lastError: safeLastError(entry.lastError),
    createdAt: new Date(entry.createdAt).toISOString(),
    replayableUntil: entry.payloadPurged || entry.purgeAfter === null ? null : new Date(entry.purgeAfter).toISOString(),
    replayable: !entry.payloadPurged,
  };
}

export type ReplayOutcome = 'requeued' | 'refused' | 'not-found' | 'not-replayable';

export interface ReplayResult {
  readonly exchangeId: string;
  readonly outcome: ReplayOutcome;
  /** The policy reason of a refusal, or why a replay was not possible. */
  readonly reason?: string;
  readonly detail?: string;
}

/** Who acts: an operator (their staff id) or the gateway itself (a scheduled retry). */
export interface Actor {
  readonly id: string;
  readonly trace: TraceContext;
  /** A short note for the audit record, e.g. the schedule that acted. */
  readonly note?: string;
}

export interface DeadLetters {
  list(query: { readonly limit: number; readonly receiver?: string; readonly after?: string }): Promise<{ items: DeadLetterSummary[]; next: string | null }>;
  replay(exchangeIds: readonly string[], actor: Actor): Promise<ReplayResult[]>;
  discard(exchangeId: string, reason: string, note: string | undefined, actor: Actor): Promise<void>;
}

type Deps = Pick<ExchangeDeps, 'store' | 'committer' | 'clock' | 'logger' | 'parties' | 'policy' | 'config' | 'onEnqueued'>;

const notRedecidable = {
  'payload-purged': 'the payload was purged after the retention period; ask the sender to send it again',
  'facts-missing': 'the facts the first decision rested on are gone; ask the sender to send it again',
  'party-unknown': 'the sender or the receiver is no longer a known party',
} as const;

export function createDeadLetters(deps: Deps): DeadLetters {
  const { store, committer, clock, logger } = deps;

  /**
   * A signal for the webhook (signals.ts) is the gateway's own notification, not a party's message: no
   * policy decides it (it carries references and a pseudonym, no payload, no BSN), so a replay sends it
   * again as it was, to the webhook configured today; with none configured any more it cannot be sent.
   */
  async function replaySignal(exchangeId: string, row: OutboxRow, actor: Actor, now: Date): Promise<ReplayResult> {
    const webhook = deps.config.carePath.webhook;
    if (webhook === null) return { exchangeId, outcome: 'not-replayable', reason: 'replay-not-possible', detail: 'no signal webhook is configured (carePath.webhook)' };
    return requeueAsItWas(exchangeId, row, actor, now, { reason: 'gateway-signal', adapterKind: 'rest-json', endpoint: webhook.endpoint });
  }

  /**
   * A status event (status-events.ts) is the gateway's own too (references and status only): sent
   * again as it was, to its subscription's URL, while the subscription exists; its secret signs it anew.
   */
  async function replayStatusEvent(exchangeId: string, row: OutboxRow, actor: Actor, now: Date): Promise<ReplayResult> {
    const subscriptionId = (row.payload as { subscriptionId?: unknown } | null)?.subscriptionId;
    const subscription = typeof subscriptionId === 'string' ? await store.getSubscription(subscriptionId) : undefined;
    if (row.payload === null) return { exchangeId, outcome: 'not-replayable', reason: 'replay-not-possible', detail: notRedecidable['payload-purged'] };
    if (subscription === undefined) return { exchangeId, outcome: 'not-replayable', reason: 'replay-not-possible', detail: 'its subscription was deleted' };
    return requeueAsItWas(exchangeId, row, actor, now, { reason: 'gateway-status-event', adapterKind: row.adapterKind, endpoint: subscription.url });
  }

  async function requeueAsItWas(exchangeId: string, row: OutboxRow, actor: Actor, now: Date, to: { readonly reason: string; readonly adapterKind: string; readonly endpoint: string }): Promise<ReplayResult> {
    const nowMs = now.getTime();
    const ok = await committer.run(async (tx) => {
      const moved = await tx.transitionOutbox(exchangeId, 'dead', { status: 'pending', attempts: 0, nextAttemptAt: nowMs, lastError: null, purgeAfter: null, adapterKind: to.adapterKind, endpoint: to.endpoint });
      if (!moved) return false;
      await tx.updateExchange(exchangeId, { status: 'queued', reason: null, updatedAt: nowMs });
      await appendAudit(
        tx,
        {
          traceId: actor.trace.traceId,
          spanId: newSpanId(),
          action: 'delivery.replay',
          outcome: 'requeued',
          reason: to.reason,
          exchangeId,
          actor: actor.id,
          counterparty: row.receiver,
          messageType: row.messageType,
          purpose: row.purpose,
          ...(actor.note !== undefined ? { detail: actor.note } : {}),
        },
        now,
      );
      return true;
    });
    if (!ok) return { exchangeId, outcome: 'not-replayable', reason: 'not-a-dead-letter', detail: 'its status changed meanwhile' };
    logger.info('dead letter replayed', { exchangeId, outcome: 'requeued', reason: to.reason, actor: actor.id });
    deps.onEnqueued();
    return { exchangeId, outcome: 'requeued' };
  }

  async function replayOne(exchangeId: string, actor: Actor): Promise<ReplayResult> {
    const row = await store.getOutbox(exchangeId);
    const exchange = await store.getExchange(exchangeId);
    if (row === undefined || exchange === undefined) return { exchangeId, outcome: 'not-found' };
    if (row.status !== 'dead') return { exchangeId, outcome: 'not-replayable', reason: 'not-a-dead-letter', detail: `its delivery is ${row.status}` };
    const now = clock.now();
    const nowMs = now.getTime();
    if (isSignalDelivery(exchange)) return replaySignal(exchangeId, row, actor, now);
    if (isStatusEvent(exchange)) return replayStatusEvent(exchangeId, row, actor, now);
    // Decided inside the transaction that acts on it, so a consent revoked before the replay is seen
    // and one revoked after it finds the requeued row (redecide-exchange.ts).
    const result = await committer.run(async (tx): Promise<ReplayResult | { decided: PolicyDecision; allowed: boolean }> => {
      const redecision = await redecideExchange(deps, tx, { exchange, payload: row.payload, now });
      if (redecision.kind === 'not-redecidable') {
        return { exchangeId, outcome: 'not-replayable', reason: 'replay-not-possible', detail: notRedecidable[redecision.reason] };
      }
      const { decision, releasedPayload } = redecision.outcome;
      const allowed = decision.outcome === 'allow' && releasedPayload !== undefined;
      const receiver = redecision.facts.receiver;
      const ok = allowed
        ? await tx.transitionOutbox(exchangeId, 'dead', {
            status: 'pending',
            attempts: 0,
            nextAttemptAt: nowMs,
            lastError: null,
            purgeAfter: null,
            payload: releasedPayload,
            adapterKind: receiver.adapter.kind,
            endpoint: receiver.adapter.endpoint ?? null,
          })
        : // Refused today: it will never be delivered, so the payload goes now (data minimisation).
          await tx.transitionOutbox(exchangeId, 'dead', { status: 'cancelled', payload: null, purgeAfter: nowMs });
      if (!ok) return { exchangeId, outcome: 'not-replayable', reason: 'not-a-dead-letter', detail: 'its status changed meanwhile' };
      await tx.updateExchange(exchangeId, allowed ? { status: 'queued', reason: null, updatedAt: nowMs } : { status: 'cancelled', reason: decision.reason, updatedAt: nowMs });
      await appendAudit(
        tx,
        {
          traceId: actor.trace.traceId,
          spanId: newSpanId(),
          action: 'delivery.replay',
          outcome: allowed ? 'requeued' : 'refused',
          reason: decision.reason,
          exchangeId,
          actor: actor.id,
          counterparty: row.receiver,
          messageType: row.messageType,
          purpose: row.purpose,
          processingActivityId: decision.processingActivityId,
          legalBasis: decision.legalBasis,
          rule: decision.rule ? `${decision.rule.id}@${decision.rule.version}` : undefined,
          policyVersion: decision.policyVersion,
          consentIds: decision.consentIds,
          ...(exchange.subjectPseudonym !== null ? { dataSubjectId: exchange.subjectPseudonym, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
          releasedFields: decision.releasedFields,
          ...(actor.note !== undefined ? { detail: actor.note } : {}),
        },
        now,
      );
      // Refused today: the sender's subscriptions hear of it in this transaction (status-events.ts).
      if (!allowed) {
        await queueStatusEvents(tx, exchange.sender, { type: 'exchange.refused', exchangeId, messageType: exchange.messageType, reason: decision.reason }, { now, traceparent: row.traceparent });
      }
      return { decided: decision, allowed };
    });
    if (!('decided' in result)) return result;
    const { decided, allowed } = result;
    logger.info('dead letter replayed', { exchangeId, outcome: allowed ? 'requeued' : 'refused', reason: decided.reason, actor: actor.id });
    if (allowed) deps.onEnqueued();
    return allowed ? { exchangeId, outcome: 'requeued' } : { exchangeId, outcome: 'refused', reason: decided.reason };
  }

  return {
    async list(query) {
      const rows = await store.listOutbox({ status: 'dead', limit: query.limit + 1, ...(query.receiver !== undefined ? { receiver: query.receiver } : {}), ...(query.after !== undefined ? { after: query.after } : {}) });
      const page = rows.slice(0, query.limit);
      return { items: page.map(summary), next: rows.length > query.limit ? (page.at(-1)?.exchangeId ?? null) : null };
    },

    async replay(exchangeIds, actor) {
      const results: ReplayResult[] = [];
      // One at a time: each is its own decision and its own audited transaction.
      for (const id of new Set(exchangeIds)) results.push(await replayOne(id, actor));
      return results;
    },

    async discard(exchangeId, reason, note, actor) {
      const row = await store.getOutbox(exchangeId);
      if (row === undefined) throw new GatewayError('not-found', { detail: 'no such dead letter' });
      const now = clock.now();
      const nowMs = now.getTime();
      const done = await committer.run(async (tx) => {
        if (!(await tx.transitionOutbox(exchangeId, 'dead', { status: 'cancelled', payload: null, purgeAfter: nowMs }))) return false;
        await tx.updateExchange(exchangeId, { status: 'cancelled', reason: 'discarded', updatedAt: nowMs });
        await appendAudit(
          tx,
          {
            traceId: actor.trace.traceId,
            spanId: newSpanId(),
            action: 'delivery.discard',
            outcome: 'discarded',
            reason,
            exchangeId,
            actor: actor.id,
            counterparty: row.receiver,
            messageType: row.messageType,
            purpose: row.purpose,
            ...(note !== undefined ? { detail: note } : {}),
          },
          now,
        );
        return true;
      });
      if (!done) throw new GatewayError('replay-not-possible', { detail: `its delivery is ${row.status}, not a dead letter` });
      logger.info('dead letter discarded', { exchangeId, reason, actor: actor.id });
    },
  };
}
