// Step 8, deliver: the dispatcher claims due outbox rows (leased, so a crashed process's rows come
// back), hands each to its receiver's adapter, and records the outcome in the same transaction as
// the audit record: delivered, retry later (exponential backoff with jitter), or dead letter.
//
// A row whose lease expired comes back with its lost attempt counted (the claim adds it to attempts
// and to unrecordedAttempts, outbox-claim.ts): the process that held it was killed mid-delivery, or
// could not record the outcome, so the receiver may have had the message. The settle of the next
// attempt records each lost one first, as a delivery.attempt with outcome lease-expired, and counts
// it in ketenpoort_deliveries_total{outcome="lease-expired"}; it counts towards maxAttempts too.

import { randomUUID } from 'node:crypto';
import type { AdapterRegistry } from '../../adapters/registry.ts';
import type { DeliveryResult } from '../../adapters/adapter.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { ClaimedDelivery } from '../store/store.ts';
import type { ExchangeDeps } from './exchange-deps.ts';
import { retryDelayMs } from './retry-policy.ts';
import { queueStatusEvents } from './status-events.ts';

export interface Dispatcher {
  /** Starts the polling loop. */
  start(): void;
  /** Asks for an early poll (new work was enqueued). */
  wake(): void;
  /** Stops claiming, waits for in-flight deliveries to settle (graceful shutdown). */
  stop(): Promise<void>;
  /** One claim-and-deliver round; resolves when its deliveries are settled. For tests and batch use. */
  runOnce(): Promise<number>;
}

type Deps = Pick<ExchangeDeps, 'config' | 'store' | 'committer' | 'clock' | 'logger' | 'metrics' | 'parties'> & { readonly adapters: AdapterRegistry };

export function createDispatcher(deps: Deps, owner: string = `dispatcher-${randomUUID()}`): Dispatcher {
  const { config, committer, clock, logger, metrics, adapters, parties } = deps;
  const settings = config.delivery;
  const inFlight = new Set<Promise<void>>();
  // Flags other callbacks change while the loop awaits; read through functions so the type checker
  // does not treat them as constants between awaits.
  const flags = { running: false, wakeRequested: false };
  const isRunning = (): boolean => flags.running;
  const wasWoken = (): boolean => flags.wakeRequested;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;

  async function attempt(row: ClaimedDelivery): Promise<DeliveryResult> {
    const adapter = adapters.get(row.adapterKind);
    if (adapter === undefined) return { status: 'permanent', reason: `no adapter of kind "${row.adapterKind}"` };
    // Queued before the party was disabled: not delivered; a dead letter an operator can replay once
    // the party is enabled again. The live registry: a configuration reload that disables it counts.
    if (parties.get(row.receiver)?.disabled === true) return { status: 'permanent', reason: `the receiver "${row.receiver}" is disabled at this gateway` };
    const deadline = attemptDeadline();
    try {
      return await adapter.deliver(
        { exchangeId: row.exchangeId, messageType: row.messageType, sender: row.sender, receiver: row.receiver, purpose: row.purpose, payload: row.payload },
        { partyId: row.receiver, kind: row.adapterKind, ...(row.endpoint !== null ? { endpoint: row.endpoint } : {}) },
        { traceparent: row.traceparent, attempt: row.attempts + 1, signal: deadline.signal },
      );
    } catch (error) {
      // An adapter should not throw; if it does, treat it as a transient fault and say so.
      logger.warn('adapter threw', { exchangeId: row.exchangeId, adapter: row.adapterKind, error: (error as Error).message });
      return { status: 'retryable', reason: `adapter error: ${(error as Error).message}` };
    } finally {
      deadline.done();
    }
  }

  /**
   * An attempt's signal, aborted at the delivery deadline (delivery.timeoutMs) with a TimeoutError.
   * Not AbortSignal.timeout(): Node 20 holds a timeout signal (and one combined by AbortSignal.any)
   * only weakly, so unless the adapter happens to keep it reachable it is garbage-collected and never
   * fires, and an adapter that waits on the signal alone waited for ever (and stop() with it, which
   * lets the attempts in flight end first). Here the timer holds the attempt's controller until done().
   */
  function attemptDeadline(): { readonly signal: AbortSignal; done(): void } {
    const attemptController = new AbortController();
    const timer = setTimeout(() => { attemptController.abort(new DOMException('The delivery attempt passed delivery.timeoutMs', 'TimeoutError')); }, settings.timeoutMs);
    timer.unref(); // as AbortSignal.timeout's: never what keeps the process alive
    return { signal: attemptController.signal, done: () => { clearTimeout(timer); } };
  }

  async function deliverOne(row: ClaimedDelivery): Promise<void> {
    // Every attempt left went down with the process making it (a message that kills the process that
    // delivers it would otherwise be tried for ever): no new attempt; the last lost one makes the row
    // a dead letter.
    const spent = row.unrecordedAttempts > 0 && row.attempts >= settings.maxAttempts;
    const lostReason = 'its lease expired before its outcome was recorded (the process delivering it stopped or lost the store); the receiver may have it';
    const result: DeliveryResult = spent ? { status: 'permanent', reason: `${lostReason}; no attempts left (delivery.maxAttempts)` } : await attempt(row);
    const now = clock.now();
    const nowMs = now.getTime();
    const attempts = spent ? row.attempts : row.attempts + 1;
    const lostToRecord = spent ? row.unrecordedAttempts - 1 : row.unrecordedAttempts;
    const retentionMs = settings.payloadRetentionHours * 3_600_000;
    const exhausted = result.status === 'retryable' && attempts >= settings.maxAttempts;
    const outcome = result.status === 'delivered' ? 'delivered' : result.status === 'retryable' && !exhausted ? 'retry' : 'dead-letter';
    const traceId = row.traceparent.split('-')[1] ?? '';
    const spanId = row.traceparent.split('-')[2] ?? '';
    const settled = await committer.run(async (tx) => {
      const ok = await tx.settleOutbox(
        row.exchangeId,
        owner,
        outcome === 'delivered'
          ? { status: 'delivered', attempts, deliveredAt: nowMs, purgeAfter: nowMs + retentionMs, lastError: null }
          : outcome === 'retry'
            ? { attempts, nextAttemptAt: nowMs + retryDelayMs(settings, attempts), lastError: result.status === 'delivered' ? null : result.reason }
            : { status: 'dead', attempts, purgeAfter: nowMs + retentionMs, lastError: result.status === 'delivered' ? null : result.reason },
      );
      if (!ok) return false; // the lease expired and another dispatcher owns the row now
      // The attempts lost with an expired lease, before this one: recorded now, in order (when none is
      // left, the last of them is this settle's own dead-letter record).
      for (let lost = row.attempts - row.unrecordedAttempts + 1; lost <= row.attempts - row.unrecordedAttempts + lostToRecord; lost++) {
        await appendAudit(
          tx,
          {
            traceId,
            spanId,
            action: 'delivery.attempt',
            outcome: 'lease-expired',
            reason: 'lease-expired',
            exchangeId: row.exchangeId,
            actor: 'ketenpoort',
            counterparty: row.receiver,
            messageType: row.messageType,
            purpose: row.purpose,
            detail: `attempt ${lost}: ${lostReason}`,
          },
          now,
        );
      }
      if (outcome !== 'retry') {
        await tx.updateExchange(row.exchangeId, {
          status: outcome === 'delivered' ? 'delivered' : 'dead-letter',
          updatedAt: nowMs,
          ...(result.status === 'delivered' ? { deliveredAt: nowMs, receiverReference: result.reference } : { reason: 'delivery-failed' }),
        });
      }
      await appendAudit(
        tx,
        {
          traceId,
          spanId,
          action: 'delivery.attempt',
          outcome,
          reason: spent ? 'lease-expired' : result.status === 'delivered' ? undefined : result.status,
          exchangeId: row.exchangeId,
          actor: 'ketenpoort',
          counterparty: row.receiver,
          messageType: row.messageType,
          purpose: row.purpose,
          detail: result.status === 'delivered' ? `attempt ${attempts}` : `attempt ${attempts}: ${result.reason}`.slice(0, 500),
        },
        now,
      );
      // The sender's subscriptions hear of it in this transaction (status-events.ts; none for the
      // gateway's own deliveries, so a status event's dead letter raises no event).
      if (outcome !== 'retry') {
        await queueStatusEvents(
          tx,
          row.sender,
          outcome === 'delivered'
            ? { type: 'exchange.delivered', exchangeId: row.exchangeId, messageType: row.messageType, attempts }
            : { type: 'exchange.dead-lettered', exchangeId: row.exchangeId, messageType: row.messageType, attempts, reason: spent ? 'lease-expired' : result.status === 'delivered' ? 'permanent' : result.status },
          { now, traceparent: row.traceparent },
        );
      }
      return true;
    });
    if (settled) {
      if (lostToRecord > 0) metrics.deliveries.inc({ outcome: 'lease-expired', adapter: row.adapterKind }, lostToRecord);
      metrics.deliveries.inc({ outcome, adapter: row.adapterKind });
      if (outcome === 'delivered') logger.info('delivered', { exchangeId: row.exchangeId, adapter: row.adapterKind, attempts, traceId, spanId });
      else logger.warn('delivery failed', { exchangeId: row.exchangeId, adapter: row.adapterKind, attempts, outcome, traceId, spanId, reason: result.status === 'delivered' ? undefined : result.reason });
    } else {
      logger.warn('delivery lease lost; another dispatcher settles this row', { exchangeId: row.exchangeId });
    }
  }

  function track(p: Promise<void>): void {
    const tracked = p.catch((error: unknown) => {
      logger.error('delivery could not be recorded; the lease will expire and the row will be retried', { error });
    }).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  /** Claims due rows for the free delivery slots and starts them; says how many it claimed and asked for. */
  async function claimAndStart(): Promise<{ claimed: number; asked: number }> {
    const room = settings.concurrency - inFlight.size;
    if (room <= 0) return { claimed: 0, asked: 0 };
    const limit = Math.min(room, settings.batchSize);
    // In a group-commit batch: the lease is written with the submits' and settles' commit, not with a
    // commit (and on SQLite an fsync on the event loop) of its own; the rows are ours once it committed.
    const rows = await committer.run((tx) => tx.claimDueDeliveries({ now: clock.now().getTime(), limit, leaseMs: settings.leaseMs, owner }));
    for (const row of rows) track(deliverOne(row));
    return { claimed: rows.length, asked: limit };
  }

  // After a full claim the next one waits, at most one poll interval, until a quarter of the slots is
  // free again: one claim per few deliveries rather than one per delivery (each claim walks the leased
  // rows). A wake-up (new work) or the interval ends the wait, so deliveries hanging at a slow
  // receiver never hold the others back for longer than that (found in review).
  const refill = Math.max(1, Math.floor(settings.concurrency / 4));

  async function awaitRefill(): Promise<void> {
    if (inFlight.size >= settings.concurrency) await Promise.race(inFlight);
    const deadline = Date.now() + settings.pollIntervalMs;
    while (isRunning() && !wasWoken() && inFlight.size > settings.concurrency - refill) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      let waiting: NodeJS.Timeout | undefined;
      await Promise.race([Promise.race(inFlight), new Promise<void>((resolve) => { waiting = setTimeout(resolve, left); })]);
      clearTimeout(waiting);
    }
  }

  async function loop(): Promise<void> {
    while (isRunning()) {
      flags.wakeRequested = false;
      let round = { claimed: 0, asked: 0 };
      try {
        round = await claimAndStart();
      } catch (error) {
        logger.error('claiming deliveries failed', { error });
      }
      if (!isRunning()) break;
      // A full claim may have left more due rows; a wake-up says new work was enqueued. Otherwise every
      // due row is ours, and the next claim waits for a wake-up or the poll interval (retries falling due).
      if (round.claimed > 0 && round.claimed === round.asked) {
        await awaitRefill();
        continue;
      }
      if (wasWoken()) {
        if (inFlight.size >= settings.concurrency) await Promise.race(inFlight);
        continue;
      }
      await new Promise<void>((resolve) => {
        timer = setTimeout(resolve, settings.pollIntervalMs);
        wakeResolve = resolve;
      });
      timer = undefined;
      wakeResolve = undefined;
    }
  }
  let wakeResolve: (() => void) | undefined;

  return {
    start() {
      if (flags.running) return;
      flags.running = true;
      polling = loop();
    },
    wake() {
      flags.wakeRequested = true;
      if (timer !== undefined) clearTimeout(timer);
      wakeResolve?.();
    },
    async stop() {
      flags.running = false;
      this.wake();
      await polling;
      // The attempts in flight end (each by its deadline at the latest) and are recorded.
      await Promise.allSettled([...inFlight]);
    },
    async runOnce() {
      const { claimed: n } = await claimAndStart();
      await Promise.allSettled([...inFlight]);
      return n;
    },
  };
}
