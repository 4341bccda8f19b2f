// Automatic checkpoints (architecture.md, The audit log): the running gateway signs the chain's head
// whenever `everyRecords` records were appended since the newest checkpoint, or `everyMs` passed since
// it and at least one record was appended, and on a graceful stop when records came after it. It looks
// every `pollMs`; whether a checkpoint is due is decided under the chain's lock on the newest
// checkpoint in the store, so several processes sharing a PostgreSQL store sign each stretch once. An
// idle chain gets no checkpoints (each would append a record of its own). Each checkpoint goes to the
// witnesses once committed; those a witness did not take are tried again at the next look.

import type { Clock } from '../kernel/clock.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { AuditCheckpoint } from '../store/store.ts';
import type { CheckpointSigner } from './checkpoint-signing.ts';
import { recordsSinceCheckpoint, signCheckpoint, type ChainState, type CheckpointPublisher } from './checkpointing.ts';

export interface AutoCheckpointSettings {
  readonly everyRecords: number;
  readonly everyMs: number;
  readonly pollMs: number;
}

export interface AutoCheckpointer {
  start(): void;
  /** Stops looking; signs a last checkpoint when records came after the newest one. */
  stop(): Promise<void>;
  /** One look: signs when due; the checkpoint signed, if any. */
  tick(): Promise<AuditCheckpoint | undefined>;
}

export function isCheckpointDue(state: ChainState, settings: Pick<AutoCheckpointSettings, 'everyRecords' | 'everyMs'>): boolean {
  const since = recordsSinceCheckpoint(state);
  if (since <= 0) return false;
  if (state.newest === undefined || since >= settings.everyRecords) return true;
  return state.now.getTime() - Date.parse(state.newest.signedAt) >= settings.everyMs;
}

export function createAutoCheckpointer(deps: {
  readonly committer: GroupCommitter;
  readonly clock: Clock;
  readonly signer: CheckpointSigner;
  readonly publisher: CheckpointPublisher;
  readonly settings: AutoCheckpointSettings;
  readonly onSigned?: (checkpoint: AuditCheckpoint) => void;
  readonly onError: (error: unknown, context: { readonly witness?: string }) => void;
}): AutoCheckpointer {
  const { settings } = deps;
  const why = `automatic: every ${settings.everyRecords} records or ${settings.everyMs / 1000} s`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const look = async (due: (state: ChainState) => boolean, reason: string): Promise<AuditCheckpoint | undefined> => {
    for (const failure of await deps.publisher.retry()) deps.onError(new Error(failure.error), { witness: failure.source });
    const checkpoint = await signCheckpoint(deps, { why: reason, due });
    if (checkpoint === undefined) return undefined;
    deps.onSigned?.(checkpoint);
    for (const failure of await deps.publisher.publish(checkpoint)) deps.onError(new Error(failure.error), { witness: failure.source });
    return checkpoint;
  };
  // One look at a time: a slow witness delays the next look, it does not pile looks up.
  const serialised = (due: (state: ChainState) => boolean, reason: string): Promise<AuditCheckpoint | undefined> => {
    const next = running.then(() => look(due, reason));
    running = next.catch((error: unknown) => { deps.onError(error, {}); });
    return next;
  };
  const dueNow = (state: ChainState): boolean => isCheckpointDue(state, settings);

  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => void serialised(dueNow, why).catch(() => undefined), settings.pollMs);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await serialised((state) => recordsSinceCheckpoint(state) > 0, 'automatic: on stopping').catch(() => undefined);
    },
    tick: () => serialised(dueNow, why),
  };
}
