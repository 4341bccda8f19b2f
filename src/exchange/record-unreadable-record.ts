// A batch record the gateway could not even read as a submission (e.g. an iJw XML file that is not
// well-formed) never reaches the pipeline, but its refusal is audited all the same, like any refused
// input: actor the source party, reason the error code, the source's record id as detail (no content).

import { appendAudit } from '../audit/audit-log.ts';
import { maskBsns } from '../kernel/bsn.ts';
import type { GatewayError } from '../kernel/gateway-error.ts';
import type { ExchangeDeps } from './exchange-deps.ts';
import type { TraceContext } from '../kernel/trace-context.ts';

/**
 * A source's record id as the gateway may keep it (run history, audit detail), cut to 200 characters,
 * with every BSN in it masked (back offices sometimes name export files after the child). The same
 * rule as the logs (src/kernel/bsn.ts): a nine-digit token that passes the 11-test; digits inside a
 * UUID, a hash or a longer number are left alone, so such ids stay recognisable.
 */
export function maskBsnLike(recordId: string): string {
  return maskBsns(recordId.slice(0, 200));
}

export async function recordUnreadableRecord(
  deps: Pick<ExchangeDeps, 'committer' | 'clock' | 'metrics'>,
  input: { readonly party: string; readonly recordId: string; readonly error: GatewayError; readonly trace: TraceContext },
): Promise<void> {
  await deps.committer.run((tx) =>
    appendAudit(
      tx,
      {
        traceId: input.trace.traceId,
        spanId: input.trace.spanId,
        action: 'exchange.submit',
        outcome: 'refused',
        reason: input.error.code,
        actor: input.party,
        detail: `batch record ${maskBsnLike(input.recordId)}${input.error.errors.length > 0 ? `: ${input.error.errors.length} error(s)` : ''}`,
      },
      deps.clock.now(),
    ),
  );
  deps.metrics.exchanges.inc({ outcome: 'refused', reason: input.error.code, message_type: 'unknown' });
}
