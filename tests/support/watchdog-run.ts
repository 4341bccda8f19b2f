// The watchdog job run once as the scheduler runs it, on a test gateway and its clock, with the regie
// register's default terms (5 werkdagen for a handover, 10 days without regievoerder, an overdracht
// open for 90 days). Shared by the regie signal tests.
import type { GatewayParts } from '../../src/gateway.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';
import { createDutchCalendar } from '../../src/kernel/dutch-working-days.ts';
import type { JobContext, JobResult } from '../../src/scheduler/job.ts';
import { partyLookupOf } from '../../src/scheduler/jobs/regie-missing-signals.ts';
import { createWatchdogJob } from '../../src/scheduler/jobs/watchdog.ts';

function watchdogContext(): JobContext {
  return {
    schedule: { id: 's1', name: 'watchdog', cron: '0 7 * * 1-5', timeZone: 'Europe/Amsterdam', jobKind: 'watchdog', params: {}, paused: false, cursor: null, version: 1, createdAt: 0, updatedAt: 0, createdBy: 'operator-demo' },
    runId: 'r1',
    actorId: 'ketenpoort',
    signal: new AbortController().signal,
    progress: () => Promise.resolve(),
  };
}

export function runWatchdogOnce(gw: GatewayParts, clock: Clock): Promise<JobResult> {
  return createWatchdogJob({
    store: gw.store, committer: gw.committer, clock, logger: gw.logger, metrics: gw.metrics, webhook: undefined,
    regie: { handoverTermWorkingDays: 5, calendar: createDutchCalendar(), withoutRegieSignalDays: 10, overdrachtOpenDays: 90, parties: partyLookupOf(createPartyRegistry(gw.config.parties)) },
  }).run(watchdogContext());
}
