// Prometheus metrics (prom-client), one registry per gateway instance so tests can run several.
import client from 'prom-client';

export interface GatewayMetrics {
  readonly registry: client.Registry;
  readonly httpRequests: client.Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: client.Histogram<'route'>;
  readonly exchanges: client.Counter<'outcome' | 'reason' | 'message_type'>;
  readonly deliveries: client.Counter<'outcome' | 'adapter'>;
  readonly groupCommitBatchSize: client.Histogram;
  // Scheduled jobs and batch runs: what an operator watches besides the exchanges.
  readonly jobRuns: client.Counter<'job_kind' | 'status'>;
  readonly jobRunDuration: client.Histogram<'job_kind'>;
  readonly batchRecords: client.Counter<'job_kind' | 'outcome'>;
  readonly auditCheckpoints: client.Counter;
  readonly auditWitnessFailures: client.Counter<'witness'>;
  // Care-path signals: raised by the watchdog, acknowledged by a party, closed when the awaited message came.
  readonly signals: client.Counter<'event' | 'kind'>;
  // The edge refusing work: a principal over its rate limit (429), submissions refused while the outbox drains (503).
  readonly rateLimited: client.Counter<'principal' | 'route'>;
  readonly backPressure: client.Counter<'reason'>;
}

export function createMetrics(): GatewayMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new client.Counter({ name: 'ketenpoort_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new client.Histogram({ name: 'ketenpoort_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['route'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5], registers: [registry] }),
    exchanges: new client.Counter({ name: 'ketenpoort_exchanges_total', help: 'Submitted exchanges by decision outcome and reason', labelNames: ['outcome', 'reason', 'message_type'], registers: [registry] }),
    deliveries: new client.Counter({ name: 'ketenpoort_deliveries_total', help: 'Delivery attempts by outcome (delivered, retry, dead-letter, lease-expired: an attempt whose process stopped before recording it, counted when the next attempt settles) and adapter; summed over the processes, the delivery.attempt audit records', labelNames: ['outcome', 'adapter'], registers: [registry] }),
    groupCommitBatchSize: new client.Histogram({ name: 'ketenpoort_group_commit_batch_size', help: 'Items committed per transaction', buckets: [1, 2, 4, 8, 16, 32, 64, 128], registers: [registry] }),
    jobRuns: new client.Counter({ name: 'ketenpoort_job_runs_total', help: 'Scheduled job runs by job kind and final status', labelNames: ['job_kind', 'status'], registers: [registry] }),
    jobRunDuration: new client.Histogram({ name: 'ketenpoort_job_run_duration_seconds', help: 'Duration of scheduled job runs by job kind', labelNames: ['job_kind'], buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600], registers: [registry] }),
    auditCheckpoints: new client.Counter({ name: 'ketenpoort_audit_checkpoints_total', help: 'Audit checkpoints signed automatically', registers: [registry] }),
    auditWitnessFailures: new client.Counter({ name: 'ketenpoort_audit_witness_failures_total', help: 'Signed checkpoints a witness did not take (tried again at the next look)', labelNames: ['witness'], registers: [registry] }),
    signals: new client.Counter({ name: 'ketenpoort_signals_total', help: 'Care-path signals by event (raised, acknowledged, closed) and kind', labelNames: ['event', 'kind'], registers: [registry] }),
    rateLimited: new client.Counter({ name: 'ketenpoort_rate_limited_total', help: 'Requests answered 429 because the principal\'s token bucket for the route was empty, by principal and route ("*" for a route the config does not name)', labelNames: ['principal', 'route'], registers: [registry] }),
    backPressure: new client.Counter({ name: 'ketenpoort_backpressure_rejections_total', help: 'Submissions answered 503 because the outbox passed a back-pressure threshold, by reason (pending-deliveries, oldest-pending-age)', labelNames: ['reason'], registers: [registry] }),
    batchRecords: new client.Counter({ name: 'ketenpoort_job_items_total', help: 'Items processed by scheduled jobs (records of a pull-sync, dead letters of a retry) by outcome', labelNames: ['job_kind', 'outcome'], registers: [registry] }),
  };
}
