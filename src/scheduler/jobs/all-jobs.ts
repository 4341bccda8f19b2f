// The job kinds a scheduler runs, built from the gateway's parts (chosen in src/gateway.ts).
import type { Job } from '../job.ts';
import { createPullSyncJob, type PullSyncDeps } from './pull-sync.ts';
import { createRetryDeadLettersJob } from './retry-dead-letters.ts';
import { createPurgePayloadsJob } from './purge-payloads.ts';
import { createAuditCheckpointJob } from './audit-checkpoint.ts';
import { createExpireConsentsJob } from './expire-consents.ts';
import { createWatchdogJob } from './watchdog.ts';
import type { SignalWebhook } from '../../exchange/signals.ts';
import type { DeadLetters } from '../../exchange/dead-letters.ts';
import type { ExchangeDeps } from '../../exchange/exchange-deps.ts';
import type { CheckpointSigner } from '../../audit/checkpoint-signing.ts';
import type { CheckpointPublisher } from '../../audit/checkpointing.ts';
import type { WatchdogDeps } from './watchdog.ts';

export function createJobs(
  deps: PullSyncDeps & Pick<ExchangeDeps, 'store' | 'committer' | 'clock'> & { readonly deadLetters: DeadLetters; readonly signer: CheckpointSigner | undefined; readonly publisher: CheckpointPublisher | undefined; readonly webhook: SignalWebhook | undefined; readonly regie: WatchdogDeps['regie'] },
): Job[] {
  return [
    createPullSyncJob(deps),
    createRetryDeadLettersJob(deps),
    createPurgePayloadsJob(deps),
    createAuditCheckpointJob(deps),
    createExpireConsentsJob(deps),
    createWatchdogJob(deps),
  ];
}
