// pull-sync: read new records from a party's configured batch source, page by page from the stored
// cursor, and submit each through the very pipeline live traffic takes (createSubmitExchange), as
// that party: validation, routing, the policy decision and the audit record apply per record.
//
// - One refused record (invalid, or refused by the policy) is counted, its refusal is audited (by the
//   pipeline, or here for a record the source could not even read), and the batch goes on. The run
//   history keeps only the source's record id and the reason code, never content.
// - A page's records are submitted a few at a time (so group commit can share fsyncs); the cursor moves
//   only after every record of the page is committed, and is stored with the run's counts in one
//   transaction. A store or audit failure stops the run without moving the cursor.
// - Every record is submitted with an Idempotency-Key derived from the party's source and the record's
//   own id: after a crash the next run re-reads at most the page that was in progress, and a record
//   committed before the crash gets its first answer back instead of being submitted again. The key
//   is bound to the source, not the schedule, so a schedule deleted and created again cannot submit a
//   record twice either.
// - One page is held at a time: the source is asked for the next page only when this one is done.

import { createHash } from 'node:crypto';
import { GatewayError, isGatewayError } from '../../kernel/gateway-error.ts';
import type { FieldError } from '../../kernel/gateway-error.ts';
import type { PartyRegistry } from '../../config/party-registry.ts';
import type { Party } from '../../config/config-types.ts';
import type { SourceRegistry } from '../../../adapters/source-registry.ts';
import type { PulledRecord } from '../../../adapters/adapter.ts';
import type { SubmitExchange } from '../../exchange/submit-exchange.ts';
import { maskBsnLike } from '../../exchange/record-unreadable-record.ts';
import { traceFromHeader, type TraceContext } from '../../kernel/trace-context.ts';
import type { Logger } from '../../observability/logger.ts';
import type { GatewayMetrics } from '../../observability/metrics.ts';
import type { ScheduleRunCounts } from '../../store/store.ts';
import type { Job, JobContext, JobResult } from '../job.ts';

export interface PullSyncDeps {
  readonly parties: PartyRegistry;
  readonly sources: SourceRegistry;
  readonly submitExchange: SubmitExchange;
  readonly recordUnreadable: (input: { readonly party: string; readonly recordId: string; readonly error: GatewayError; readonly trace: TraceContext }) => Promise<void>;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Records of one page in flight at once (default 64: enough for group commit to share fsyncs). */
  readonly concurrency?: number;
  /** The size limit of a live request body applies to a pulled record too (gateway.bodyLimitBytes). */
  readonly maxRecordBytes: number;
}

export interface PullSyncParams {
  readonly party: string;
  readonly pageSize?: number;
}

const maxRefusalsKept = 50;

/** The idempotency key of a source record: (source, record id), scoped to the party by the store. */
export function pullIdempotencyKey(party: Party, recordId: string): string {
  const source = party.source === undefined ? '' : `${party.source.kind}\n${party.source.endpoint}`;
  return `pull:${createHash('sha256').update(source).digest('base64url').slice(0, 16)}:${recordId}`;
}

/** Runs fn over the items, `width` at a time, taking no new item once `stop()` says so; how many it took. */
async function inPool<T>(items: readonly T[], width: number, stop: () => boolean, fn: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return next;
}

export function createPullSyncJob(deps: PullSyncDeps): Job {
  const concurrency = deps.concurrency ?? 64;

  function sourceOf(partyId: string): { party: Party; errors: FieldError[] } | { party?: undefined; errors: FieldError[] } {
    const party = deps.parties.get(partyId);
    if (party === undefined) return { errors: [{ pointer: '/params/party', detail: `no party "${partyId}"` }] };
    if (party.source === undefined) return { errors: [{ pointer: '/params/party', detail: `party "${partyId}" has no batch source in the configuration` }] };
    if (deps.sources.get(party.source.kind) === undefined) {
      return { errors: [{ pointer: '/params/party', detail: `party "${partyId}" names source kind "${party.source.kind}"; known: ${deps.sources.kinds().join(', ')}` }] };
    }
    return { party, errors: [] };
  }

  return {
    kind: 'pull-sync',
    check(params) {
      return typeof params.party === 'string' ? sourceOf(params.party).errors : [];
    },

    async run(ctx: JobContext): Promise<JobResult> {
      const params = ctx.schedule.params as unknown as PullSyncParams;
      const found = sourceOf(params.party);
      if (found.party?.source === undefined) {
        throw new GatewayError('source-unavailable', { detail: found.errors.map((e) => e.detail).join('; ') });
      }
      const party = found.party;
      const config = found.party.source;
      const source = deps.sources.get(config.kind);
      if (source === undefined) throw new GatewayError('source-unavailable', { detail: `no source of kind "${config.kind}"` });

      const counts = { read: 0, accepted: 0, refused: 0, failed: 0, alreadySubmitted: 0 };
      // Kept in the source's record order (records of a page are submitted concurrently).
      const refusals: { order: number; recordId: string; code: string; reason?: string }[] = [];
      let refusalsOmitted = 0;
      let systemFailure: GatewayError | undefined;
      const refuse = (order: number, recordId: string, code: string, reason?: string): void => {
        counts.refused += 1;
        deps.metrics.batchRecords.inc({ job_kind: 'pull-sync', outcome: 'refused' });
        if (refusals.length < maxRefusalsKept) refusals.push({ order, recordId: maskBsnLike(recordId), code, ...(reason !== undefined ? { reason } : {}) });
        else refusalsOmitted += 1;
      };
      const snapshot = (): ScheduleRunCounts => ({ read: counts.read, accepted: counts.accepted, refused: counts.refused, failed: counts.failed });

      async function submitRecord(record: PulledRecord): Promise<void> {
        counts.read += 1;
        const order = counts.read;
        const trace = traceFromHeader(undefined);
        const refuseUnreadable = async (error: GatewayError): Promise<void> => {
          await deps.recordUnreadable({ party: party.id, recordId: record.id, error, trace });
          refuse(order, record.id, error.code);
        };
        if ('unreadable' in record) {
          await refuseUnreadable(record.unreadable);
          return;
        }
        if (record.body.length > deps.maxRecordBytes) {
          await refuseUnreadable(new GatewayError('payload-too-large', { detail: `the record is ${record.body.length} bytes; at most ${deps.maxRecordBytes}` }));
          return;
        }
        try {
          const answer = await deps.submitExchange({
            party,
            contentType: record.contentType,
            body: record.body,
            idempotencyKey: pullIdempotencyKey(party, record.id),
            trace,
          });
          if (answer.replayed) counts.alreadySubmitted += 1;
          if (answer.statusCode === 202) {
            counts.accepted += 1;
            deps.metrics.batchRecords.inc({ job_kind: 'pull-sync', outcome: 'accepted' });
          } else {
            refuse(order, record.id, 'policy-denied', typeof answer.body.reason === 'string' ? answer.body.reason : undefined);
          }
        } catch (error) {
          if (isGatewayError(error) && (error.code === 'idempotency-conflict' || error.code === 'idempotency-in-progress')) {
            // The source changed a record it had already delivered, or served one id twice at once:
            // refused, and audited here because the pipeline stops before its own audit for a reused key.
            await deps.recordUnreadable({ party: party.id, recordId: record.id, error, trace });
            refuse(order, record.id, error.code);
          } else if (isGatewayError(error) && error.category !== 'system') {
            refuse(order, record.id, error.code); // the pipeline audited the refusal
          } else {
            counts.failed += 1;
            deps.metrics.batchRecords.inc({ job_kind: 'pull-sync', outcome: 'failed' });
            systemFailure ??= isGatewayError(error) ? error : new GatewayError('internal', { detail: 'a record could not be submitted', cause: error });
          }
        }
      }

      for await (const page of source.pull(ctx.schedule.cursor ?? undefined, { endpoint: config.endpoint, pageSize: params.pageSize ?? 100, signal: ctx.signal })) {
        const taken = await inPool(page.records, concurrency, () => ctx.signal.aborted || systemFailure !== undefined, submitRecord);
        if (systemFailure !== undefined || taken < page.records.length) {
          // Not every record of this page is committed: the cursor stays where it was (the next run
          // starts this page again, and the idempotency keys recognise what was committed).
          await ctx.progress({ counts: snapshot() });
          if (systemFailure !== undefined) throw systemFailure;
          break;
        }
        await ctx.progress({ counts: snapshot(), ...(page.cursor !== undefined ? { cursor: page.cursor } : {}) });
        if (ctx.signal.aborted) break;
      }
      return { counts: snapshot(), details: { party: party.id, source: config.kind, alreadySubmitted: counts.alreadySubmitted, refusals: refusals.sort((a, b) => a.order - b.order).map(({ order: _order, ...r }) => r), refusalsOmitted } };
    },
  };
}
