// retry-dead-letters: replay dead letters whose last error says the receiver was away (unavailable,
// network, timeout), so deliveries that died during an outage go out once it is over. Each replay is
// a new decision against today's policy and consent (src/exchange/dead-letters.ts), audited with the
// gateway as actor and the schedule named; one that today's policy refuses is cancelled, not sent.

import type { DeadLetters, DeliveryErrorClass } from '../../exchange/dead-letters.ts';
import { traceFromHeader } from '../../kernel/trace-context.ts';
import type { PartyRegistry } from '../../config/party-registry.ts';
import type { GatewayMetrics } from '../../observability/metrics.ts';
import type { Job, JobContext, JobResult } from '../job.ts';

interface Params {
  readonly receiver?: string;
  readonly errorClasses?: readonly DeliveryErrorClass[];
  readonly maxPerRun?: number;
}

const defaultClasses: readonly DeliveryErrorClass[] = ['receiver-unavailable', 'network', 'timeout'];

export function createRetryDeadLettersJob(deps: { readonly deadLetters: DeadLetters; readonly parties: PartyRegistry; readonly metrics: GatewayMetrics }): Job {
  return {
    kind: 'retry-dead-letters',
    check(params) {
      return typeof params.receiver === 'string' && deps.parties.get(params.receiver) === undefined
        ? [{ pointer: '/params/receiver', detail: `no party "${params.receiver}"` }]
        : [];
    },
    async run(ctx: JobContext): Promise<JobResult> {
      const params = ctx.schedule.params as Params;
      const classes = new Set(params.errorClasses ?? defaultClasses);
      const max = params.maxPerRun ?? 500;
      const counts = { read: 0, accepted: 0, refused: 0, failed: 0 };
      const trace = traceFromHeader(undefined);
      const note = `schedule ${ctx.schedule.name}`;
      let after: string | undefined;
      const aborted = (): boolean => ctx.signal.aborted;
      while (counts.read < max && !aborted()) {
        const page = await deps.deadLetters.list({ limit: 100, ...(params.receiver !== undefined ? { receiver: params.receiver } : {}), ...(after !== undefined ? { after } : {}) });
        const due = page.items.filter((item) => item.replayable && classes.has(item.errorClass)).slice(0, max - counts.read);
        for (const item of due) {
          if (aborted()) break;
          counts.read += 1;
          const [result] = await deps.deadLetters.replay([item.exchangeId], { id: ctx.actorId, trace, note });
          const outcome = result?.outcome === 'requeued' ? 'accepted' : result?.outcome === 'refused' ? 'refused' : 'failed';
          counts[outcome] += 1;
          deps.metrics.batchRecords.inc({ job_kind: 'retry-dead-letters', outcome });
        }
        await ctx.progress({ counts: { ...counts } });
        if (page.next === null) break;
        after = page.next;
      }
      return { counts };
    },
  };
}
