// Signing audit checkpoints (architecture.md, The audit log): the chain's head is signed with the
// gateway's Ed25519 key (checkpoint-signing.ts) and stored in the transaction that reads the head, the
// signing itself recorded in the chain right after it; once committed, the checkpoint leaves the
// database for every witness (witness.ts, http-witness.ts). Used by the `audit-checkpoint` job kind and
// by the automatic checkpointer (auto-checkpoint.ts), which signs every N records or T seconds.

import type { Clock } from '../kernel/clock.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { AuditCheckpoint } from '../store/store.ts';
import { traceFromHeader } from '../kernel/trace-context.ts';
import { appendAudit } from './audit-log.ts';
import type { CheckpointSigner } from './checkpoint-signing.ts';
import type { Witness } from './witness.ts';

/** What a signing decides on: the chain's head and the newest checkpoint, read under the chain's lock. */
export interface ChainState {
  readonly head: { readonly seq: number; readonly hash: string };
  readonly newest: AuditCheckpoint | undefined;
  readonly now: Date;
}

/** Records appended after the newest checkpoint's own record (every signing appends one). */
export function recordsSinceCheckpoint(state: Pick<ChainState, 'head' | 'newest'>): number {
  return state.head.seq - (state.newest === undefined ? 0 : state.newest.seq + 1);
}

/**
 * Signs the chain's head and stores the checkpoint, with its audit record, in one transaction; when
 * `due` is given it decides on the state read under the chain's lock (so processes sharing the store
 * do not sign the same stretch twice). Undefined when the chain is empty or the signing was not due.
 */
export async function signCheckpoint(
  deps: { readonly committer: GroupCommitter; readonly clock: Clock; readonly signer: CheckpointSigner },
  options: { readonly why: string; readonly due?: (state: ChainState) => boolean },
): Promise<AuditCheckpoint | undefined> {
  const trace = traceFromHeader(undefined);
  const now = deps.clock.now();
  return deps.committer.run(async (tx) => {
    const head = await tx.auditHead();
    if (head === undefined) return undefined;
    if (options.due !== undefined && !options.due({ head, newest: await tx.newestAuditCheckpoint(), now })) return undefined;
    const checkpoint = deps.signer.sign({ seq: head.seq, hash: head.hash, signedAt: now.toISOString() });
    await tx.insertAuditCheckpoint(checkpoint);
    await appendAudit(
      tx,
      {
        traceId: trace.traceId,
        spanId: trace.spanId,
        action: 'audit.checkpoint',
        outcome: 'signed',
        actor: 'ketenpoort',
        detail: `chain head seq ${head.seq} signed with key ${checkpoint.keyId} (${options.why})`,
      },
      now,
    );
    return checkpoint;
  });
}

export interface CheckpointPublisher {
  /**
   * Hands a committed checkpoint to every witness; a witness that fails keeps it for the next call
   * (of publish or retry). Resolves the failures of this call, by witness source.
   */
  publish(checkpoint: AuditCheckpoint): Promise<readonly { readonly source: string; readonly error: string }[]>;
  /** Tries the checkpoints still owed to a witness again. */
  retry(): Promise<readonly { readonly source: string; readonly error: string }[]>;
  /** Checkpoints still owed, by witness source. */
  owed(): Readonly<Record<string, number>>;
}

/** At most this many checkpoints are kept for a witness that does not take them (the oldest go first). */
const maxOwed = 10_000;

export function createCheckpointPublisher(witnesses: readonly Witness[]): CheckpointPublisher {
  const owed = new Map<Witness, AuditCheckpoint[]>(witnesses.map((w) => [w, []]));
  const flush = async (): Promise<{ source: string; error: string }[]> => {
    const failures: { source: string; error: string }[] = [];
    for (const [witness, queue] of owed) {
      while (queue.length > 0) {
        const next = queue[0] as AuditCheckpoint;
        try {
          await witness.append(next);
          queue.shift();
        } catch (error) {
          failures.push({ source: witness.source, error: (error as Error).message });
          break;
        }
      }
    }
    return failures;
  };
  return {
    async publish(checkpoint) {
      for (const queue of owed.values()) {
        queue.push(checkpoint);
        if (queue.length > maxOwed) queue.shift();
      }
      return flush();
    },
    retry: flush,
    owed: () => Object.fromEntries([...owed].map(([w, q]) => [w.source, q.length])),
  };
}
