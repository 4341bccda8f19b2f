// One seq range ("segment") of the store's audit chain, verified on its own, so that two threads can
// walk a long chain at once (verifyAuditChain; docs/architecture.md, Audit log). Every record after the
// segment's first is checked exactly as the single walk checks it (seq, prevHash link, hash) and the
// walk stops at the first broken one. The first record's own hash is checked too, but whether its seq
// and prevHash follow the record before cannot be told here: the summary keeps them, and the composing
// verifier (chain-verifier.ts, addSegment), which holds the previous segment's last hash, applies the
// single walk's checks to it in the single walk's order. Checkpoint and witness logic stays there:
// a segment only hands over its hashes at the seqs they name.
//
// Kept small on purpose: a segment worker thread (src/workers/audit-segment-worker.ts) loads this, the
// hash and the store, and nothing of checkpoints, signatures or witnesses.

import type { AuditChainRow, Store } from '../store/store.ts';
import { recomputeAuditHash } from './audit-hash.ts';

/** The problems a walk names, word for word the same from the single walk and from a segment. */
export const chainProblems = {
  missing: (expected: number, found: number): string => `expected seq ${expected}, found ${found} (a record is missing)`,
  prevHash: 'prevHash does not match the previous record',
  altered: 'hash does not match the record (it was altered)',
} as const;

/** At most this many mismatched columns (or failed checkpoints) are listed; the count goes on. */
export const maxReported = 20;

export interface SegmentSummary {
  /** The segment's first record: its hash checked against itself only. Null: no record in the range. */
  readonly first: {
    readonly seq: number;
    readonly prevHash: string;
    readonly hashMatches: boolean;
    readonly mismatchedColumns: readonly string[];
  } | null;
  /** The last record that passed (the first included, when its hash matched). */
  readonly last: { readonly seq: number; readonly hash: string } | null;
  /** Records that passed, the first included. */
  readonly checked: number;
  /** The first broken record after the segment's first one. */
  readonly firstBroken: { readonly seq: number; readonly problem: string } | null;
  /** Mismatched columns of the records after the first, up to and including the first broken one: the first maxReported. */
  readonly mismatchedColumns: readonly { readonly seq: number; readonly column: string }[];
  readonly mismatchedCount: number;
  /** [seq, hash] of each record that passed at a watched seq (a checkpoint's or a witness entry's), in seq order. */
  readonly watched: readonly (readonly [number, string])[];
  /** The read found the chain's end within the range: nothing after it counts. */
  readonly reachedEnd: boolean;
  /**
   * A row's stored seq column differs from its record's seq (the walk stopped before it). Ranges are
   * read by that column and the single walk pages by the records' seqs: from such a row on they may
   * read different rows, so the composing walk gives way to the single walk (audit-log.ts).
   */
  readonly seqColumnChanged: boolean;
  /**
   * The range holds no record, but the chain goes on after it: `first` is the next record, beyond the
   * range. The composing verifier finds the record missing before it, as the single walk does, so the
   * walk ends here (without this, every later empty segment was read one by one up to that record).
   */
  readonly gap: boolean;
}

const seqChanged = (row: AuditChainRow): boolean => row.mismatchedColumns.includes('seq');

/** Whether the composed walk ends in this segment at the latest, whatever came before it. */
export function segmentEndsWalk(summary: SegmentSummary): boolean {
  return summary.reachedEnd || summary.seqColumnChanged || summary.gap || summary.firstBroken !== null || (summary.first !== null && !summary.first.hashMatches);
}

/** The seq range of segment `index` (0-based; the chain starts at seq 1). */
export function segmentRange(index: number, segmentSize: number): { readonly from: number; readonly to: number } {
  return { from: index * segmentSize + 1, to: (index + 1) * segmentSize };
}

/** Walks the records of one segment in seq order (from the store or any other source) and sums it up. */
export function createSegmentWalker(watch: ReadonlySet<number>): {
  /** False once the segment is broken (further records are not checked). */
  add(row: AuditChainRow): boolean;
  summary(reachedEnd: boolean, gap?: boolean): SegmentSummary;
} {
  let first: SegmentSummary['first'] = null;
  let expectedSeq = 0;
  let prevHash = '';
  let checked = 0;
  let firstBroken: SegmentSummary['firstBroken'] = null;
  const mismatched: { seq: number; column: string }[] = [];
  let mismatchedCount = 0;
  const watched: [number, string][] = [];
  let broken = false;
  let seqColumnChanged = false;

  const passed = (seq: number, hash: string): void => {
    if (watch.has(seq)) watched.push([seq, hash]);
    prevHash = hash;
    expectedSeq = seq + 1;
    checked += 1;
  };

  return {
    add({ record, mismatchedColumns }) {
      if (broken) return false;
      if (mismatchedColumns.includes('seq')) {
        seqColumnChanged = true;
        broken = true;
        return false;
      }
      if (first === null) {
        const hashMatches = recomputeAuditHash(record) === record.hash;
        first = { seq: record.seq, prevHash: record.prevHash, hashMatches, mismatchedColumns };
        if (!hashMatches) {
          broken = true;
          return false;
        }
        passed(record.seq, record.hash);
        return true;
      }
      for (const column of mismatchedColumns) {
        mismatchedCount += 1;
        if (mismatched.length < maxReported) mismatched.push({ seq: record.seq, column });
      }
      const problem =
        record.seq !== expectedSeq
          ? chainProblems.missing(expectedSeq, record.seq)
          : record.prevHash !== prevHash
            ? chainProblems.prevHash
            : recomputeAuditHash(record) !== record.hash
              ? chainProblems.altered
              : undefined;
      if (problem !== undefined) {
        firstBroken = { seq: record.seq, problem };
        broken = true;
        return false;
      }
      passed(record.seq, record.hash);
      return true;
    },
    summary(reachedEnd, gap = false) {
      return {
        first,
        last: checked === 0 ? null : { seq: expectedSeq - 1, hash: prevHash },
        checked,
        firstBroken,
        mismatchedColumns: mismatched,
        mismatchedCount,
        watched,
        reachedEnd,
        seqColumnChanged,
        gap,
      };
    },
  };
}

/**
 * Reads segment [from, to] from the store and walks it: pages of `pageSize`, the next one asked for
 * before this one is checked (over PostgreSQL its round trip overlaps the hashing, as in the single
 * walk). The range's rows only: a page that reaches past `to` (records missing inside the range) is cut
 * there, and when the range held none, the next record is walked as the segment's first (a gap: the
 * walk ends there). A page shorter than asked is the chain's end. Undefined when `stop` said so between
 * pages (a segment before this one was found broken or at the end: this one is not needed).
 *
 * The store reads by the stored seq column; a row whose record names another seq (a forged or edited
 * row: `seq` among its mismatched columns) is never cut or paged by: it goes to the walker, which
 * gives way to the single walk. Paging and cutting use only rows whose two seqs agree, so the next
 * page always starts after this one (found in review: a forged row was cut unseen and the walk said
 * ok, or a page was asked for again and again).
 */
export async function verifyChainSegment(
  store: Pick<Store, 'readAuditChainRows'>,
  range: { readonly from: number; readonly to: number },
  options: { readonly pageSize: number; readonly watch: ReadonlySet<number>; readonly stop?: () => boolean },
): Promise<SegmentSummary | undefined> {
  const walker = createSegmentWalker(options.watch);
  interface Asked {
    readonly n: number;
    readonly rows: Promise<AuditChainRow[]>;
  }
  const ask = (from: number): Asked => {
    const n = Math.min(options.pageSize, range.to - from + 1);
    return { n, rows: store.readAuditChainRows(from, n) };
  };
  let next: Asked | undefined = ask(range.from);
  let reachedEnd = false;
  let walked = 0;
  let gap = false;
  try {
    while (next !== undefined) {
      if (options.stop?.() === true) return undefined;
      const asked: Asked = next;
      const page: AuditChainRow[] = await asked.rows;
      const lastRow = page.at(-1);
      // The last row's seq as stored, when its record agrees (otherwise the walker gives way at it).
      const last = lastRow === undefined || seqChanged(lastRow) ? undefined : lastRow.record.seq;
      // Short: no record after this page's. The chain ends in this range unless the page reached past it.
      const short = page.length < asked.n;
      reachedEnd = short && (lastRow === undefined || (last !== undefined && last <= range.to));
      next = short || last === undefined || last >= range.to ? undefined : ask(last + 1);
      let intact = true;
      for (const row of page) {
        if (row.record.seq > range.to && !seqChanged(row)) {
          // Beyond the range. If the range held no record, the chain has a hole here: this record is
          // walked as the first, and the composing verifier names the missing one before it.
          if (walked === 0) {
            walker.add(row);
            gap = true;
          }
          next?.rows.catch(() => undefined);
          next = undefined;
          break;
        }
        walked += 1;
        if (!walker.add(row)) {
          intact = false;
          break;
        }
      }
      if (!intact) break;
    }
  } finally {
    // A page asked for beyond the first broken record (or after a stop) is not needed; its failure is not the answer.
    next?.rows.catch(() => undefined);
  }
  return walker.summary(reachedEnd, gap);
}

// Taking segments: the threads share two Int32 slots. [0] is the next segment to take (each thread
// takes one with Atomics.add, so none is walked twice and a thread that starts late takes what is
// left: the main thread starts at once and a worker's start-up costs nothing but its share). [1] is the
// last segment still needed: a segment that reaches the chain's end or is broken in itself ends the
// walk there at the latest, so no thread takes or finishes one after it.
const nextSlot = 0;
const lastSlot = 1;

/** The two shared slots, the last one open. */
export function createSegmentControl(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  new Int32Array(buffer)[lastSlot] = 0x7fffffff;
  return buffer;
}

/** Whether segment `index` is still needed. */
export function segmentNeeded(control: Int32Array, index: number): boolean {
  return index <= Atomics.load(control, lastSlot);
}

/** No segment after `index` is needed (-1: none at all). */
export function endSegmentsAfter(control: Int32Array, index: number): void {
  for (;;) {
    const last = Atomics.load(control, lastSlot);
    if (index >= last || Atomics.compareExchange(control, lastSlot, last, index) === last) return;
  }
}

/**
 * Takes segments until none is needed, walks each over `store` and hands its summary over: the loop
 * of every thread of a parallel walk (the main thread's and the worker's, src/workers/audit-segment-worker.ts).
 */
export async function walkTakenSegments(
  store: Pick<Store, 'readAuditChainRows'>,
  control: Int32Array,
  options: { readonly pageSize: number; readonly segmentSize: number; readonly watch: ReadonlySet<number> },
  onSummary: (index: number, summary: SegmentSummary) => void,
): Promise<void> {
  for (;;) {
    const index = Atomics.add(control, nextSlot, 1);
    if (!segmentNeeded(control, index)) return;
    const summary = await verifyChainSegment(store, segmentRange(index, options.segmentSize), {
      pageSize: options.pageSize,
      watch: options.watch,
      stop: () => !segmentNeeded(control, index),
    });
    if (summary === undefined) continue;
    if (segmentEndsWalk(summary)) endSegmentsAfter(control, index);
    onSummary(index, summary);
  }
}

/** What a segment worker thread is given (src/workers/audit-segment-worker.ts). */
export interface SegmentWorkerInput {
  /** The store's URL (sqlite:<file> or postgres://…): the worker reads over a connection of its own. */
  readonly storeUrl: string;
  readonly pageSize: number;
  readonly segmentSize: number;
  readonly watch: readonly number[];
  /** The shared slots (createSegmentControl). */
  readonly control: SharedArrayBuffer;
}

/** What a segment worker says: its store is open, a segment's summary, or why it stopped before its end. */
export type SegmentWorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'segment'; readonly index: number; readonly summary: SegmentSummary }
  | { readonly kind: 'failed'; readonly message: string };

/** A started segment worker. */
export interface SegmentWorker {
  /** Ends the thread: lets it close its store and stop, and terminates it if it does not. */
  end(): Promise<void>;
}

/**
 * Starts a segment worker thread (src/workers/verify-segments-in-worker.ts): passed in by the
 * composition roots, so the audit module starts no thread itself. `onGone` is called once the thread
 * will say nothing more, with the error if it failed.
 */
export type StartSegmentWorker = (
  input: SegmentWorkerInput,
  onMessage: (message: SegmentWorkerMessage) => void,
  onGone: (error: Error | undefined) => void,
) => SegmentWorker;
