// Queue gauges for operators, read from the store when /metrics is scraped (not sampled on a timer, so
// a scrape never shows a stale queue): outbox rows by status (queue depth is status="pending") and the
// age of the oldest delivery still waiting.
import client from 'prom-client';
import type { Store } from '../store/store.ts';
import type { Clock } from '../kernel/clock.ts';

export function registerOutboxGauges(registry: client.Registry, store: Store, clock: Clock): void {
  new client.Gauge({
    name: 'ketenpoort_outbox_queue_depth',
    help: 'Outbox rows by status at scrape time; status="pending" is the delivery queue, status="dead" the dead letters',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      // A store that cannot answer (closing, unavailable) leaves the last values; /metrics still answers.
      const counts = await store.countOutbox().catch(() => undefined);
      if (counts !== undefined) for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  new client.Gauge({
    name: 'ketenpoort_signals',
    help: 'Care-path signals by status at scrape time (open and acknowledged ones await a message)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await store.countSignals().catch(() => undefined);
      if (counts !== undefined) for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  new client.Gauge({
    name: 'ketenpoort_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest delivery not yet delivered (pending), 0 when the queue is empty',
    registers: [registry],
    async collect() {
      const oldest = await store.oldestOutboxCreatedAt('pending').catch(() => undefined);
      if (oldest !== undefined) this.set(oldest === null ? 0 : Math.max(0, (clock.now().getTime() - oldest) / 1000));
    },
  });
}

/** The outbox figures back-pressure decides on: pending deliveries and the age of the oldest one. */
export interface OutboxReading {
  readonly pending: number;
  readonly oldestPendingAgeSeconds: number;
  /** When it was read (clock ms). */
  readonly at: number;
}

export interface CachedOutboxReading {
  /**
   * The latest reading, at most refreshMs old: a stale one is answered at once while a fresh one is
   * read in the background (one read at a time, never one per request). Only the very first call
   * waits for the store. undefined when the store has never answered.
   */
  current(): Promise<OutboxReading | undefined>;
}

export function createCachedOutboxReading(store: Pick<Store, 'countOutbox' | 'oldestOutboxCreatedAt'>, clock: Clock, refreshMs: number, onError: (error: unknown) => void): CachedOutboxReading {
  let reading: OutboxReading | undefined;
  let inFlight: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    inFlight ??= (async () => {
      try {
        const [counts, oldest] = await Promise.all([store.countOutbox(), store.oldestOutboxCreatedAt('pending')]);
        const at = clock.now().getTime();
        reading = { pending: counts.pending, oldestPendingAgeSeconds: oldest === null ? 0 : Math.max(0, (at - oldest) / 1000), at };
      } catch (error) {
        // The last reading stays (a store that cannot answer refuses the submission itself).
        onError(error);
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
  return {
    async current() {
      if (reading === undefined) {
        await refresh();
        return reading;
      }
      if (clock.now().getTime() - reading.at >= refreshMs) void refresh();
      return reading;
    },
  };
}
