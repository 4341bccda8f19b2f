// Holds a verified chain and its checkpoint rows against the witness (witness.ts): every checkpoint
// row has its witness entry and every witness entry its row (deleted checkpoint rows are found), each
// witnessed checkpoint still matches the chain's record at its seq, the chain reaches at least the
// newest witnessed checkpoint (a cut-off tail is found), and the records after the newest witnessed
// checkpoint are reported as protected by the hash chain only.

import type { KeyObject } from 'node:crypto';
import type { AuditCheckpoint } from '../store/store.ts';
import { verifyCheckpointSignature } from './checkpoint-signing.ts';
import type { WitnessContents } from './witness.ts';

export interface WitnessVerification {
  readonly source: string;
  readonly entries: number;
  /** The newest witnessed checkpoint's seq; null when the witness holds none. */
  readonly newestSeq: number | null;
  /** What does not agree, by checkpoint seq (or witness line, for a line that is not a checkpoint). */
  readonly failed: readonly { readonly seq?: number; readonly line?: number; readonly problem: string }[];
}

export interface TailReport {
  /** The seq of the newest witnessed checkpoint that matches the chain; null when there is none. */
  readonly afterSeq: number | null;
  readonly records: number;
  /** "N records protected by the chain only". */
  readonly summary: string;
}

const maxReported = 20;

export function checkWitness(input: {
  readonly witness: WitnessContents;
  /** Every checkpoint row, by seq. */
  readonly rows: ReadonlyMap<number, AuditCheckpoint>;
  /** The verified chain's hash at each witnessed seq it reached. */
  readonly chainHashes: ReadonlyMap<number, string>;
  readonly head: { readonly seq: number } | null;
  /** The first record verified: witnessed checkpoints before it are outside what was verified (an export from later on). */
  readonly firstSeq?: number;
  readonly publicKey?: { readonly key: KeyObject; readonly keyId: string };
}): { witness: WitnessVerification; protectedUpTo: number | null } {
  const { witness, rows, chainHashes, head, publicKey } = input;
  const firstSeq = input.firstSeq ?? 1;
  const failed: { seq?: number; line?: number; problem: string }[] = [];
  const fail = (item: { seq?: number; line?: number; problem: string }): void => {
    if (failed.length < maxReported) failed.push(item);
  };
  if (witness.error !== undefined) {
    // Nothing it holds is known: one failure, not one per checkpoint.
    fail({ problem: `the witness ${witness.source} could not be read: ${witness.error}` });
    return { witness: { source: witness.source, entries: 0, newestSeq: null, failed }, protectedUpTo: null };
  }
  if (!witness.exists && rows.size > 0) fail({ problem: `the witness ${witness.source} does not exist, but checkpoints were signed` });
  for (const u of witness.unreadable) fail({ line: u.line, problem: u.problem });

  const entries = new Map<number, AuditCheckpoint>();
  for (const entry of witness.entries) {
    if (entry.seq < firstSeq) continue;
    const earlier = entries.get(entry.seq);
    if (earlier !== undefined && JSON.stringify(earlier) !== JSON.stringify(entry)) fail({ seq: entry.seq, problem: 'the witness holds two different entries for this seq' });
    entries.set(entry.seq, entry);
  }
  const seqs = [...new Set([...rows.keys(), ...entries.keys()])].sort((a, b) => a - b);
  let protectedUpTo: number | null = null;
  for (const seq of seqs) {
    const row = rows.get(seq);
    const entry = entries.get(seq);
    if (entry === undefined) {
      fail({ seq, problem: 'the checkpoint row has no witness entry' });
      continue;
    }
    if (publicKey !== undefined && (entry.keyId !== publicKey.keyId || !verifyCheckpointSignature(entry, publicKey.key))) {
      fail({ seq, problem: 'the witness entry is not signed by the given key (it was edited)' });
      continue;
    }
    if (row === undefined) fail({ seq, problem: 'the witnessed checkpoint has no row in the database (checkpoint rows were removed)' });
    else if (JSON.stringify(row) !== JSON.stringify(entry)) fail({ seq, problem: 'the checkpoint row differs from its witness entry' });
    const hash = chainHashes.get(seq);
    if (hash === undefined) {
      const problem =
        head === null || head.seq < seq
          ? `the chain ends at seq ${head?.seq ?? 0}, before this witnessed checkpoint (records were removed from the end)`
          : 'the chain could not be verified up to this witnessed checkpoint';
      fail({ seq, problem });
    } else if (hash !== entry.hash) fail({ seq, problem: 'the chain\'s record differs from the one the witnessed checkpoint signed (rewritten)' });
    else protectedUpTo = seq;
  }
  const newestSeq = entries.size === 0 ? null : Math.max(...entries.keys());
  return { witness: { source: witness.source, entries: witness.entries.length, newestSeq, failed }, protectedUpTo };
}

/** The records after the newest checkpoint that any witness holds and the chain matches. */
export function tailReport(head: { readonly seq: number } | null, protectedUpTo: readonly (number | null)[]): TailReport {
  const known = protectedUpTo.filter((s): s is number => s !== null);
  const afterSeq = known.length === 0 ? null : Math.max(...known);
  const records = Math.max(0, (head?.seq ?? 0) - (afterSeq ?? 0));
  return { afterSeq, records, summary: `${records} records protected by the chain only` };
}
