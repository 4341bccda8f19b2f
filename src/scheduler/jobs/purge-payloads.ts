// purge-payloads: retention (domain.md 5.4) at a moment the operator chooses, with a run history.
// The same use case the gateway's maintenance timer calls, so both stay consistent.
import { purgeExpiredPayloads } from '../../exchange/purge-payloads.ts';
import type { ExchangeDeps } from '../../exchange/exchange-deps.ts';
import type { Job, JobContext, JobResult } from '../job.ts';

export function createPurgePayloadsJob(deps: Pick<ExchangeDeps, 'store' | 'committer' | 'clock' | 'logger'>): Job {
  return {
    kind: 'purge-payloads',
    check: () => [],
    async run(ctx: JobContext): Promise<JobResult> {
      const purged = await purgeExpiredPayloads(deps, `schedule ${ctx.schedule.name}`);
      return { counts: { read: purged, accepted: purged, refused: 0, failed: 0 } };
    },
  };
}
