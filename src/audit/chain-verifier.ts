// Verifies an audit chain record by record, without holding it: the store's chain (verifyAuditChain),
// a page-by-page walk over the API, or an export file offline. It checks that seqs follow each other,
// that each record links to the previous hash and that its own hash matches its content, and names the
// first broken record. Signed checkpoints (checkpoint-signing.ts) must come before the record they
// cover; each is checked against that record's hash and, given the gateway's public key, its signature.
// A checkpoint beyond the last record means records were removed from the end. Read from the store,
// each record comes with the names of the stored columns beside it that disagree with it.

import type { KeyObject } from 'node:crypto';
import type { AuditCheckpoint } from '../store/store.ts';
import type { AuditRecord } from '../kernel/audit-record.ts';
import { genesisHash, recomputeAuditHash } from './audit-hash.ts';
import { verifyCheckpointSignature } from './checkpoint-signing.ts';
import { checkWitness, tailReport, type WitnessVerification, type TailReport } from './witness-check.ts';
import type { WitnessContents } from './witness.ts';
import { chainProblems, maxReported, type SegmentSummary } from './chain-segment.ts';

export interface CheckpointVerification {
  /** Checkpoints whose hash matched their record and whose signature verified. */
  readonly verified: number;
  /** Checkpoints that matched their record but could not be checked for want of the public key. */
  readonly unchecked: number;
  readonly failed: readonly { readonly seq: number; readonly problem: string }[];
  /** The highest seq fixed by a verified checkpoint; later records are only hash-chained. */
  readonly signedUpTo: number | null;
}

export interface ChainVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly firstBroken: { readonly seq: number; readonly problem: string } | null;
  readonly checkpoints?: CheckpointVerification;
  /**
   * Stored columns beside a record that differ from the hashed record's own field (an index column
   * changed in the database): by record seq and column name. Present when the store was read directly.
   */
  readonly mismatchedColumns?: readonly { readonly seq: number; readonly column: string }[];
  /**
   * Fields of an export line that differ from the line derived again from its hashed record (status,
   * end_time, an added attribute): by record seq and field path. Present when an export was verified.
   */
  readonly mismatchedFields?: readonly { readonly seq: number; readonly field: string }[];
  /** The chain and its checkpoint rows held against the (first) witness outside the database (witness-check.ts). */
  readonly witness?: WitnessVerification;
  /** Every witness, the first included (the file, then another party's over HTTP, when configured). */
  readonly witnesses?: readonly WitnessVerification[];
  /** The records after the newest checkpoint a witness holds and the chain matches: protected by the hash chain only. */
  readonly tail?: TailReport;
}

export interface ChainVerifier {
  /** Registers a checkpoint; call before adding the record it covers. */
  addCheckpoint(checkpoint: AuditCheckpoint): void;
  /**
   * Adds the next record; `mismatchedColumns` names the stored columns beside it that differ from it
   * (or, with withFields, the export line's fields that differ from it).
   */
  addRecord(record: AuditRecord, mismatchedColumns?: readonly string[]): void;
  /**
   * Adds the next segment of the chain as a segment walk summed it up (chain-segment.ts), with the
   * same effect as adding its records one by one: its first record gets the checks only the record
   * before can tell (seq, then prevHash link), in addRecord's order, before its own hash counts.
   */
  addSegment(summary: SegmentSummary): void;
  /** The seqs whose record's hash the verifier needs: each checkpoint's and each witness entry's. */
  watchedSeqs(): ReadonlySet<number>;
  /** Records checked so far. */
  checked(): number;
  /** False once the chain is broken (further records are not checked). */
  intact(): boolean;
  finish(): ChainVerification;
}

export interface VerifierOptions {
  readonly publicKey?: { readonly key: KeyObject; readonly keyId: string };
  /** Whether checkpoints are part of the answer (false: the chain alone, as before checkpoints existed). */
  readonly withCheckpoints?: boolean;
  /** Whether the answer lists mismatched stored columns (the records come with their columns). */
  readonly withColumns?: boolean;
  /** Whether the answer lists an export's fields that differ from the hashed record (mismatchedFields). */
  readonly withFields?: boolean;
  /**
   * The seq the first record must have (1: a whole chain, which must link to the genesis hash): a
   * chain or export whose first records were removed is broken at its first record. Left out, the first
   * record anchors the walk (an export from later on, its start taken on trust).
   */
  readonly expectFirstSeq?: number;
  /** The witnesses' entries: each checked against the checkpoints and the chain, and the tail reported. */
  readonly witnesses?: readonly WitnessContents[];
}

export function createChainVerifier(options: VerifierOptions = {}): ChainVerifier {
  let expectedSeq: number | undefined;
  /** The first record's seq (1 for a whole chain; later for an export from later on). */
  let firstSeq = 1;
  let prevHash = genesisHash;
  let checked = 0;
  let firstBroken: ChainVerification['firstBroken'] = null;
  const pending = new Map<number, AuditCheckpoint>();
  const rows = new Map<number, AuditCheckpoint>();
  /** The chain's hash at each witnessed seq, as the walk passes it. */
  const witnessSeqs = new Set((options.witnesses ?? []).flatMap((w) => w.entries.map((e) => e.seq)));
  const chainHashes = new Map<number, string>();
  const failed: { seq: number; problem: string }[] = [];
  let failedCount = 0;
  let verified = 0;
  let unchecked = 0;
  let signedUpTo: number | null = null;
  const mismatched: { seq: number; column: string }[] = [];
  let mismatchedCount = 0;

  const fail = (seq: number, problem: string): void => {
    failedCount += 1;
    if (failed.length < maxReported) failed.push({ seq, problem });
  };

  function checkCheckpoint(checkpoint: AuditCheckpoint, record: { readonly seq: number; readonly hash: string }): void {
    if (checkpoint.hash !== record.hash) {
      fail(checkpoint.seq, 'the record differs from the one the checkpoint signed');
      return;
    }
    if (options.publicKey === undefined) {
      unchecked += 1;
      return;
    }
    if (checkpoint.keyId !== options.publicKey.keyId) {
      fail(checkpoint.seq, `signed with key ${checkpoint.keyId}, not with the given key ${options.publicKey.keyId}`);
      return;
    }
    if (!verifyCheckpointSignature(checkpoint, options.publicKey.key)) {
      fail(checkpoint.seq, 'the signature does not verify');
      return;
    }
    verified += 1;
    signedUpTo = record.seq;
  }

  const noteMismatches = (seq: number, columns: readonly string[]): void => {
    for (const column of columns) {
      mismatchedCount += 1;
      if (mismatched.length < maxReported) mismatched.push({ seq, column });
    }
  };

  /** At the walk's first record: where the chain starts. False when it starts where it must not. */
  const start = (seq: number, recordPrevHash: string): boolean => {
    if (expectedSeq !== undefined) return true;
    firstSeq = seq;
    if (options.expectFirstSeq !== undefined && seq !== options.expectFirstSeq) {
      firstBroken = {
        seq,
        problem:
          options.expectFirstSeq === 1
            ? `the chain starts at seq ${seq}, not at seq 1: its first records were removed`
            : `expected seq ${options.expectFirstSeq} first, found ${seq}: records were removed from the start`,
      };
      return false;
    }
    // A chain from its start links to the genesis hash; an export from later on is anchored by
    // its first record's prevHash (its checkpoints then say whether that anchor is genuine).
    expectedSeq = seq;
    prevHash = seq === 1 ? genesisHash : recordPrevHash;
    return true;
  };

  /** Whether a record follows the one before: its seq, then its link to that record's hash. */
  const linkProblem = (seq: number, recordPrevHash: string): string | undefined =>
    seq !== expectedSeq ? chainProblems.missing(expectedSeq ?? seq, seq) : recordPrevHash !== prevHash ? chainProblems.prevHash : undefined;

  /** A record that passed: its hash noted where a witness or checkpoint names it, its checkpoint checked. */
  const passed = (record: { readonly seq: number; readonly hash: string }): void => {
    if (witnessSeqs.has(record.seq)) chainHashes.set(record.seq, record.hash);
    const checkpoint = pending.get(record.seq);
    if (checkpoint !== undefined) {
      pending.delete(record.seq);
      checkCheckpoint(checkpoint, record);
    }
  };

  return {
    addCheckpoint(checkpoint) {
      pending.set(checkpoint.seq, checkpoint);
      rows.set(checkpoint.seq, checkpoint);
    },
    addRecord(record, mismatchedColumns) {
      if (firstBroken !== null) return;
      if (mismatchedColumns !== undefined) noteMismatches(record.seq, mismatchedColumns);
      if (!start(record.seq, record.prevHash)) return;
      const hash = record.hash;
      const problem = linkProblem(record.seq, record.prevHash) ?? (recomputeAuditHash(record) !== hash ? chainProblems.altered : undefined);
      if (problem !== undefined) {
        firstBroken = { seq: record.seq, problem };
        return;
      }
      passed(record);
      prevHash = hash;
      expectedSeq = record.seq + 1;
      checked += 1;
    },
    addSegment(summary) {
      if (firstBroken !== null || summary.first === null) return;
      const { first } = summary;
      noteMismatches(first.seq, first.mismatchedColumns);
      if (!start(first.seq, first.prevHash)) return;
      const problem = linkProblem(first.seq, first.prevHash) ?? (first.hashMatches ? undefined : chainProblems.altered);
      if (problem !== undefined) {
        firstBroken = { seq: first.seq, problem };
        return;
      }
      // The first record follows the one before; the rest of the segment was checked as addRecord
      // checks it, up to its first broken record, whose columns are among the segment's mismatches.
      for (const m of summary.mismatchedColumns) if (mismatched.length < maxReported) mismatched.push(m);
      mismatchedCount += summary.mismatchedCount;
      for (const [seq, hash] of summary.watched) passed({ seq, hash });
      checked += summary.checked;
      if (summary.last !== null) {
        prevHash = summary.last.hash;
        expectedSeq = summary.last.seq + 1;
      }
      firstBroken = summary.firstBroken;
    },
    watchedSeqs: () => new Set([...witnessSeqs, ...rows.keys()]),
    checked: () => checked,
    intact: () => firstBroken === null,
    finish() {
      if (firstBroken === null && expectedSeq !== undefined) {
        for (const seq of [...pending.keys()].sort((a, b) => a - b)) {
          if (seq >= expectedSeq) fail(seq, `the chain ends at seq ${expectedSeq - 1}, before this checkpoint (records were removed)`);
        }
      } else if (firstBroken === null && expectedSeq === undefined && pending.size > 0) {
        fail(Math.min(...pending.keys()), 'the chain is empty, but checkpoints exist (records were removed)');
      }
      const head = checked === 0 || expectedSeq === undefined ? null : { seq: expectedSeq - 1, hash: prevHash };
      const intactChain = firstBroken === null && mismatchedCount === 0;
      const result: ChainVerification = {
        ok: intactChain && failedCount === 0,
        checked,
        head,
        firstBroken,
        ...(options.withColumns === true ? { mismatchedColumns: mismatched } : {}),
        ...(options.withFields === true ? { mismatchedFields: mismatched.map(({ seq, column }) => ({ seq, field: column })) } : {}),
      };
      if (options.withCheckpoints === false) return { ...result, ok: intactChain };
      const withCheckpoints = { ...result, checkpoints: { verified, unchecked, failed, signedUpTo } };
      const witnesses = options.witnesses ?? [];
      const [first] = witnesses;
      if (first === undefined) return withCheckpoints;
      const checks = witnesses.map((witness) =>
        checkWitness({ witness, rows, chainHashes, head, firstSeq, ...(options.publicKey !== undefined ? { publicKey: options.publicKey } : {}) }),
      );
      const reports = checks.map((c) => c.witness);
      return {
        ...withCheckpoints,
        ok: withCheckpoints.ok && reports.every((w) => w.failed.length === 0),
        witness: reports[0],
        witnesses: reports,
        tail: tailReport(head, checks.map((c) => c.protectedUpTo)),
      };
    },
  };
}
