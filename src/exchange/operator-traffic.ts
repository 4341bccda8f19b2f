// What operators see of the traffic (issue 11): every exchange with filters and cursor pages, one
// exchange's delivery history (each attempt, its error class, the next attempt), each receiver's status
// (adapter, endpoint, success rate, last failure, queue depth, oldest pending item), pausing and
// resuming deliveries to one receiver (stored, so a restart keeps it; audited), and the dashboard's
// figures from the store. Metadata only: never a payload, never a BSN, never a pseudonym.

import { GatewayError } from '../kernel/gateway-error.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { ExchangeLogQuery, ExchangeLogRow, ReceiverPause } from '../store/operator-store.ts';
import type { Party } from '../config/config-types.ts';
import type { ExchangeDeps } from './exchange-deps.ts';
import { deliveryErrorClass, safeLastError, type Actor, type DeliveryErrorClass } from './dead-letters.ts';

type Deps = Pick<ExchangeDeps, 'store' | 'committer' | 'clock' | 'parties' | 'logger'>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export interface ExchangeLogEntry {
  readonly exchangeId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly sender: string;
  readonly receiver: string | null;
  readonly messageType: string;
  readonly purpose: string | null;
  readonly status: ExchangeLogRow['status'];
  readonly reason: string | null;
  readonly deliveredAt: string | null;
  readonly traceId: string;
}

function entry(row: ExchangeLogRow): ExchangeLogEntry {
  return {
    exchangeId: row.id,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    sender: row.sender,
    receiver: row.receiver,
    messageType: row.messageType,
    purpose: row.purpose,
    status: row.status,
    reason: row.reason,
    deliveredAt: iso(row.deliveredAt),
    traceId: row.traceId,
  };
}

/** The opaque cursor of the message log: the last row's position (creation time and id). */
export function encodeLogCursor(row: { readonly createdAt: number; readonly id: string }): string {
  return Buffer.from(`${row.createdAt}.${row.id}`, 'utf8').toString('base64url');
}

export function decodeLogCursor(cursor: string): { createdAt: number; id: string } | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(-?\d{1,16})\.([0-9a-f-]{36})$/.exec(text);
  return match?.[1] === undefined || match[2] === undefined ? undefined : { createdAt: Number(match[1]), id: match[2] };
}

export interface HistoryEvent {
  readonly seq: number;
  readonly time: string;
  readonly action: string;
  readonly outcome: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly detail: string | null;
}

export interface ExchangeHistory {
  readonly exchange: ExchangeLogEntry;
  readonly delivery: {
    readonly adapter: string;
    readonly endpoint: string | null;
    readonly status: string;
    readonly attempts: number;
    readonly nextAttemptAt: string | null;
    readonly errorClass: DeliveryErrorClass | null;
    readonly lastError: string | null;
    readonly deliveredAt: string | null;
    readonly payloadPurged: boolean;
  } | null;
  readonly history: readonly HistoryEvent[];
}

export interface ReceiverStatus {
  readonly party: string;
  readonly name: string;
  readonly role: string;
  readonly adapter: { readonly kind: string; readonly endpoint: string | null };
  readonly paused: { readonly at: string; readonly by: string; readonly reason: string | null } | null;
  readonly queue: { readonly pending: number; readonly oldestPendingAt: string | null; readonly dead: number };
  readonly last24Hours: { readonly delivered: number; readonly retried: number; readonly deadLettered: number; readonly leaseExpired: number; readonly successRate: number | null };
  readonly lastFailure: { readonly at: string; readonly exchangeId: string | null; readonly errorClass: DeliveryErrorClass; readonly error: string | null } | null;
}

export type StatisticsWindow = 'hour' | 'day';

export interface TrafficStatistics {
  readonly window: StatisticsWindow;
  readonly from: string;
  readonly to: string;
  readonly bucketSeconds: number;
  readonly buckets: readonly { readonly start: string; readonly accepted: number; readonly refused: number; readonly delivered: number }[];
  readonly totals: { readonly accepted: number; readonly refused: number; readonly delivered: number };
  readonly queue: { readonly pending: number; readonly dead: number; readonly oldestPendingAt: string | null };
  readonly deliveryLatencyMs: { readonly p50: number; readonly p95: number; readonly max: number; readonly sample: number } | null;
  readonly pausedReceivers: number;
  readonly storeReady: boolean;
}

export interface OperatorTraffic {
  log(query: Omit<ExchangeLogQuery, 'before'> & { readonly next?: string }): Promise<{ items: ExchangeLogEntry[]; next: string | null }>;
  history(exchangeId: string): Promise<ExchangeHistory>;
  receivers(): Promise<ReceiverStatus[]>;
  receiver(party: string): Promise<ReceiverStatus>;
  pause(party: string, reason: string | undefined, actor: Actor): Promise<ReceiverStatus>;
  resume(party: string, actor: Actor): Promise<ReceiverStatus>;
  statistics(window: StatisticsWindow): Promise<TrafficStatistics>;
}

/** The attempt's error as the audit detail has it ("attempt 3: HTTP 503"): the adapters' fixed shapes only. */
function attemptError(detail: string | undefined): string | null {
  const error = detail === undefined ? null : /^attempt \d+: (.*)$/.exec(detail)?.[1] ?? null;
  return safeLastError(error);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export function createOperatorTraffic(deps: Deps): OperatorTraffic {
  const { store, committer, clock, parties } = deps;

  const partyOf = (id: string): Party => {
    const party = parties.get(id);
    if (party === undefined) throw new GatewayError('not-found', { detail: `no party "${id}"` });
    return party;
  };

  async function status(party: Party, pauses: ReadonlyMap<string, ReceiverPause>): Promise<ReceiverStatus> {
    const since = new Date(clock.now().getTime() - 24 * 3_600_000).toISOString();
    const figures = await store.receiverDeliveryFigures(party.id, { since });
    const { delivered, retry, deadLetter, leaseExpired } = figures.attempts;
    const attempts = delivered + retry + deadLetter + leaseExpired;
    const pause = pauses.get(party.id);
    const failure = figures.lastFailure;
    const error = failure === null ? null : attemptError(failure.detail ?? undefined);
    return {
      party: party.id,
      name: party.name,
      role: party.role,
      adapter: { kind: party.adapter.kind, endpoint: party.adapter.endpoint ?? null },
      paused: pause === undefined ? null : { at: new Date(pause.pausedAt).toISOString(), by: pause.pausedBy, reason: pause.reason },
      queue: { pending: figures.pending, oldestPendingAt: iso(figures.oldestPendingAt), dead: figures.dead },
      last24Hours: { delivered, retried: retry, deadLettered: deadLetter, leaseExpired, successRate: attempts === 0 ? null : Math.round((delivered / attempts) * 1000) / 1000 },
      lastFailure: failure === null ? null : { at: failure.at, exchangeId: failure.exchangeId, errorClass: deliveryErrorClass(error), error },
    };
  }
  const pauseMap = async (): Promise<Map<string, ReceiverPause>> => new Map((await store.listReceiverPauses()).map((p) => [p.receiver, p]));

  async function change(party: Party, actor: Actor, pause: boolean, reason: string | undefined): Promise<void> {
    const changed = await committer.run(async (tx) => {
      const done = pause
        ? await tx.pauseReceiver({ receiver: party.id, pausedAt: clock.now().getTime(), pausedBy: actor.id, reason: reason ?? null })
        : await tx.resumeReceiver(party.id);
      if (done) {
        await appendAudit(
          tx,
          {
            traceId: actor.trace.traceId,
            spanId: actor.trace.spanId,
            action: pause ? 'receiver.pause' : 'receiver.resume',
            outcome: pause ? 'paused' : 'resumed',
            actor: actor.id,
            counterparty: party.id,
            ...(reason !== undefined ? { detail: reason } : {}),
          },
          clock.now(),
        );
      }
      return done;
    });
    if (changed) deps.logger.info(pause ? 'deliveries paused' : 'deliveries resumed', { receiver: party.id, actor: actor.id });
  }

  return {
    async log(query) {
      const { next, ...filters } = query;
      let before: ExchangeLogQuery['before'];
      if (next !== undefined) {
        before = decodeLogCursor(next);
        if (before === undefined) throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/next', detail: 'is not a cursor from a previous page' }] });
      }
      const rows = await store.listExchangeLog({ ...filters, limit: query.limit + 1, ...(before !== undefined ? { before } : {}) });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return { items: page.map(entry), next: rows.length > query.limit && last !== undefined ? encodeLogCursor(last) : null };
    },

    async history(exchangeId) {
      const row = await store.getExchange(exchangeId);
      if (row === undefined) throw new GatewayError('not-found', { detail: 'no such exchange' });
      const outbox = await store.getOutbox(exchangeId);
      const records = await store.listAudit({ exchangeId, limit: 1000 });
      return {
        exchange: entry(row),
        delivery:
          outbox === undefined
            ? null
            : {
                adapter: outbox.adapterKind,
                endpoint: outbox.endpoint,
                status: outbox.status,
                attempts: outbox.attempts,
                nextAttemptAt: outbox.status === 'pending' ? new Date(outbox.nextAttemptAt).toISOString() : null,
                errorClass: outbox.lastError === null ? null : deliveryErrorClass(outbox.lastError),
                lastError: safeLastError(outbox.lastError),
                deliveredAt: iso(outbox.deliveredAt),
                payloadPurged: outbox.payload === null,
              },
        history: records.map((r) => ({
          seq: r.seq,
          time: r.time,
          action: r.action,
          outcome: r.outcome,
          actor: r.actor,
          reason: r.reason ?? null,
          detail: r.action === 'delivery.attempt' ? (r.outcome === 'delivered' ? (r.detail ?? null) : `${/^attempt \d+/.exec(r.detail ?? '')?.[0] ?? 'attempt'}: ${attemptError(r.detail) ?? deliveryErrorClass(null)}`) : null,
        })),
      };
    },

    async receivers() {
      const pauses = await pauseMap();
      const all = [...parties.all()].sort((a, b) => (a.id < b.id ? -1 : 1));
      const result: ReceiverStatus[] = [];
      for (const party of all) result.push(await status(party, pauses));
      return result;
    },
    async receiver(id) {
      return status(partyOf(id), await pauseMap());
    },
    async pause(id, reason, actor) {
      const party = partyOf(id);
      await change(party, actor, true, reason);
      return status(party, await pauseMap());
    },
    async resume(id, actor) {
      const party = partyOf(id);
      await change(party, actor, false, undefined);
      return status(party, await pauseMap());
    },

    async statistics(window) {
      const bucketMs = window === 'hour' ? 60_000 : 15 * 60_000;
      const spanMs = window === 'hour' ? 3_600_000 : 24 * 3_600_000;
      // Whole buckets, the last one the bucket now is in.
      const to = Math.floor(clock.now().getTime() / bucketMs) * bucketMs + bucketMs;
      const from = to - spanMs;
      const figures = await store.trafficFigures({ from, to, bucketMs, latencySample: 5000 });
      const counts = await store.countOutbox();
      const oldest = await store.oldestOutboxCreatedAt('pending');
      const sorted = [...figures.latenciesMs].sort((a, b) => a - b);
      const totals = figures.buckets.reduce((t, b) => ({ accepted: t.accepted + b.accepted, refused: t.refused + b.refused, delivered: t.delivered + b.delivered }), {
        accepted: 0,
        refused: 0,
        delivered: 0,
      });
      return {
        window,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        bucketSeconds: bucketMs / 1000,
        buckets: figures.buckets.map((b) => ({ start: new Date(b.start).toISOString(), accepted: b.accepted, refused: b.refused, delivered: b.delivered })),
        totals,
        queue: { pending: counts.pending, dead: counts.dead, oldestPendingAt: iso(oldest) },
        deliveryLatencyMs: sorted.length === 0 ? null : { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0, sample: sorted.length },
        pausedReceivers: (await store.listReceiverPauses()).length,
        storeReady: await store.ready(),
      };
    },
  };
}
