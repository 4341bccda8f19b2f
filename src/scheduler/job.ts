// A job kind: what a schedule does when it fires. Each run gets a context (the schedule as stored when
// the run began, a signal that says "the gateway is shutting down", and a way to record progress
// durably) and returns its counts. What the counts mean per kind:
//   pull-sync           records read / accepted / refused (by validation or policy) / failed
//   retry-dead-letters  dead letters considered / requeued / refused by today's policy / not replayable
//   purge-payloads      payloads purged (read and accepted)
//   audit-checkpoint    records the checkpoint covers (read); 1 accepted when signed
//   expire-consents     expired consents still active (read) / pending deliveries cancelled (accepted)
//   watchdog            overdue care-path items without a signal (read) / signals raised (accepted)

import type { FieldError } from '../kernel/gateway-error.ts';
import type { ScheduleRow, ScheduleRunCounts } from '../store/store.ts';
import type { ScheduleJobKind } from '../validation/schema-types/schedule.ts';

/** The kinds named in schemas/schedule.schema.json (its $defs/jobKind). */
export type JobKind = ScheduleJobKind;
export const jobKinds: readonly JobKind[] = ['pull-sync', 'retry-dead-letters', 'purge-payloads', 'audit-checkpoint', 'expire-consents', 'watchdog'];

export const zeroCounts: ScheduleRunCounts = { read: 0, accepted: 0, refused: 0, failed: 0 };

export interface JobContext {
  readonly schedule: ScheduleRow;
  readonly runId: string;
  /** Who the run acts as in the audit log: the operator of a manual run, else the gateway itself. */
  readonly actorId: string;
  readonly signal: AbortSignal;
  /** Stores the counts so far and, for a resumable job, the cursor reached, in one transaction. */
  progress(update: { readonly counts: ScheduleRunCounts; readonly cursor?: string }): Promise<void>;
}

export interface JobResult {
  readonly counts: ScheduleRunCounts;
  /** Kind-specific results for the run history (never payloads or BSNs). */
  readonly details?: unknown;
}

export interface Job {
  readonly kind: JobKind;
  /** Problems with valid-looking params that only the gateway can see (an unknown party), with pointers. */
  check(params: Readonly<Record<string, unknown>>): FieldError[];
  run(ctx: JobContext): Promise<JobResult>;
}
