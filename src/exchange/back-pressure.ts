// Back-pressure on submissions (config backPressure): while the outbox's pending deliveries or the age
// of the oldest one pass a threshold, a submission is answered 503 overloaded with Retry-After instead
// of growing a queue the receivers cannot take. The figures come from a cached outbox reading
// (observability/outbox-gauges.ts), never from a query per request. Other routes (reads, consents,
// the operators' replays) are not held back.

import type { BackPressureSettings } from '../config/config-types.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { CachedOutboxReading } from '../observability/outbox-gauges.ts';

/** Resolves when a submission may go ahead; rejects with GatewayError('overloaded') when not. */
export type AdmitSubmission = () => Promise<void>;

export function createAdmitSubmission(deps: { readonly settings: BackPressureSettings; readonly reading: CachedOutboxReading; readonly metrics: GatewayMetrics }): AdmitSubmission {
  const { settings, reading, metrics } = deps;
  const { maxPendingDeliveries: maxPending, maxOldestPendingSeconds: maxAge } = settings;
  if (maxPending === null && maxAge === null) return () => Promise.resolve();
  return async () => {
    const now = await reading.current();
    if (now === undefined) return; // no reading yet: the store will say for itself whether it can take the write
    const reason =
      maxPending !== null && now.pending > maxPending ? 'pending-deliveries' : maxAge !== null && now.oldestPendingAgeSeconds > maxAge ? 'oldest-pending-age' : undefined;
    if (reason === undefined) return;
    metrics.backPressure.inc({ reason });
    throw new GatewayError('overloaded', {
      detail: reason === 'pending-deliveries' ? `more than ${maxPending} deliveries are waiting` : `the oldest waiting delivery is older than ${maxAge} s`,
      retryAfterSeconds: settings.retryAfterSeconds,
    });
  };
}
