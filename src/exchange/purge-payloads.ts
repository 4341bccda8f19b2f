// Retention (domain.md 5.4, following the justice chain's routing model: Regeling justitiële
// keteninformatisering art. 4): payloads are kept only as long as delivery and retries need them, plus
// the configured window; metadata stays in the audit log. One use case, called by the gateway's
// maintenance timer (so retention holds even when no operator scheduled anything) and by the
// `purge-payloads` job kind (so operators can choose the moment and see it in the run history).

import { appendAudit } from '../audit/audit-log.ts';
import type { ExchangeDeps } from './exchange-deps.ts';
import { traceFromHeader } from '../kernel/trace-context.ts';

export async function purgeExpiredPayloads(deps: Pick<ExchangeDeps, 'store' | 'committer' | 'clock' | 'logger'>, note?: string): Promise<number> {
  const now = deps.clock.now();
  const purged = await deps.store.purgePayloads(now.getTime());
  if (purged > 0) {
    const trace = traceFromHeader(undefined);
    await deps.committer.run((tx) =>
      appendAudit(
        tx,
        {
          traceId: trace.traceId,
          spanId: trace.spanId,
          action: 'retention.purge',
          outcome: 'purged',
          actor: 'ketenpoort',
          detail: `${purged} payload(s) purged after the retention period${note !== undefined ? ` (${note})` : ''}`,
        },
        now,
      ),
    );
    // The bytes too, as far as the store can (secure_delete and a truncated WAL; VACUUM on PostgreSQL).
    // The purge has committed either way: a failure here is logged and tried again at the next purge.
    let reclaimed: string;
    try {
      reclaimed = await deps.store.reclaimPurgedSpace();
    } catch (error) {
      reclaimed = 'failed';
      deps.logger.error('purged payloads: the space could not be reclaimed', { error });
    }
    deps.logger.info('payloads purged after retention', { purged, reclaimed });
  }
  return purged;
}
