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
