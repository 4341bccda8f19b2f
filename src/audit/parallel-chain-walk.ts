// The store's audit chain walked by two threads at once (verifyAuditChain, when its caller gives the
// store's URL and the chain is long): the main thread and one worker thread, each with its own store
// connection, take seq ranges ("segments", chain-segment.ts) from a shared counter and verify them;
// the main thread hands the summaries to the verifier in seq order (addSegment), which gives the same
// answer as adding every record one by one. The main thread starts at once: the worker's start-up
// (its own TypeScript loader and store) only delays its share.
//
// The chain's end is where a segment's read found no record after its last one: records appended
// while the walk runs count up to there, as the single walk counts those it reads before its last,
// short page; a later segment that finds newer records does not count (it would follow a gap).
//
// A worker that cannot start or fails never changes the answer: the segments it took and did not hand
// over are walked on the main thread, and onWorkerError is told. The worker is ended before the walk
// returns: told that no segment is needed any more, it closes its store and stops.

import type { Store } from '../store/store.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { ChainVerifier } from './chain-verifier.ts';
import {
  createSegmentControl,
  endSegmentsAfter,
  segmentRange,
  verifyChainSegment,
  walkTakenSegments,
  type SegmentSummary,
  type SegmentWorker,
  type StartSegmentWorker,
} from './chain-segment.ts';

export interface ParallelChainWalk {
  /** The store's URL, for the worker's own connection (never sqlite::memory:, which only this connection sees). */
  readonly storeUrl: string;
  readonly startWorker: StartSegmentWorker;
  /** Records per segment (default 10,000): small enough that both threads end close together. */
  readonly segmentSize?: number;
  /**
   * The shortest chain walked by two threads (default 100,000). A worker costs ≈0.3 s before it
   * takes a segment and ≈0.45 CPU-seconds in all (its loader, modules, store and cold JIT;
   * bench/README.md), while the main thread walks ≈150,000 records a second: at 100,000 records
   * the walk was 1.04-1.13× faster with the second core free, on a shorter chain that fixed cost
   * outweighs the worker's share.
   */
  readonly minRecords?: number;
  /** Told when the worker could not start or failed (its segments were then walked on the main thread). */
  readonly onWorkerError?: (error: Error) => void;
  /**
   * How long the main thread, with nothing left to take, waits for the worker to hand anything over
   * before it counts the worker as failed and walks its segments itself (default 30 s; a segment takes
   * a fraction of a second). A hung worker would otherwise hold the walk, and in serve every request
   * waiting for it, for ever.
   */
  readonly stallMs?: number;
}

export const defaultSegmentSize = 10_000;
export const defaultMinRecords = 100_000;
export const defaultStallMs = 30_000;

/**
 * Walks the chain into `verifier`. 'single-walk': a stored seq column differs from its record's seq
 * where the walk reached it; the verifier is then spoilt and the caller walks in one thread instead
 * (the single walk pages by the records' seqs, segments by the column: from there they may differ).
 */
export async function walkInSegments(
  store: Pick<Store, 'readAuditChainRows'>,
  verifier: ChainVerifier,
  options: ParallelChainWalk & { readonly pageSize: number; readonly onProgress?: (checked: number) => void },
): Promise<'done' | 'single-walk'> {
  const segmentSize = options.segmentSize ?? defaultSegmentSize;
  const buffer = createSegmentControl();
  const control = new Int32Array(buffer);
  const watch = verifier.watchedSeqs();
  const walk = { pageSize: options.pageSize, segmentSize, watch };
  /** Summaries not yet composed, by segment index. */
  const summaries = new Map<number, SegmentSummary>();
  /** The next segment to hand to the verifier. */
  let composed = 0;
  /**
   * Changed by the callbacks: the walk has ended (giveWay: in a row whose seq column changed); the
   * worker is gone; the walk is ending it (what it says then is no failure of the walk's).
   */
  const state = { done: false, giveWay: false, workerGone: false, ending: false };
  const stallMs = options.stallMs ?? defaultStallMs;
  let wake: (() => void) | undefined;

  const accept = (index: number, summary: SegmentSummary): void => {
    if (index >= composed && !summaries.has(index)) summaries.set(index, summary);
  };
  const compose = (): void => {
    const before = verifier.checked();
    for (let summary = summaries.get(composed); summary !== undefined && !state.done; summary = summaries.get(composed)) {
      summaries.delete(composed);
      if (summary.seqColumnChanged) {
        state.giveWay = true;
        state.done = true;
        endSegmentsAfter(control, composed);
        break;
      }
      verifier.addSegment(summary);
      // The walk ends at the first broken record or at the chain's end: later segments do not count.
      if (!verifier.intact() || summary.reachedEnd || summary.gap) {
        state.done = true;
        endSegmentsAfter(control, composed);
      }
      composed += 1;
    }
    if (verifier.checked() !== before) options.onProgress?.(verifier.checked());
  };
  const gone = (error: Error | undefined): void => {
    if (state.workerGone) return;
    state.workerGone = true;
    if (error !== undefined && !state.ending) options.onWorkerError?.(error);
    wake?.();
  };

  let worker: SegmentWorker | undefined;
  try {
    worker = options.startWorker(
      { storeUrl: options.storeUrl, pageSize: options.pageSize, segmentSize, watch: [...watch], control: buffer },
      (message) => {
        if (message.kind === 'segment') accept(message.index, message.summary);
        // The worker's error text goes to the log (as the cause), as the statistics worker's does.
        else if (message.kind === 'failed') gone(new GatewayError('internal', { detail: 'the audit segment worker failed', cause: new Error(message.message) }));
        wake?.();
      },
      gone,
    );
  } catch (error) {
    gone(new GatewayError('internal', { detail: 'the audit segment worker could not be started', cause: error }));
  }
  try {
    await walkTakenSegments(store, control, walk, (index, summary) => {
      accept(index, summary);
      compose();
    });
    // Every segment still needed has been taken; those the worker took arrive as messages.
    compose();
    while (!state.done) {
      if (state.workerGone) {
        // Taken by a worker that is gone: walked here. Should its summary still arrive, either
        // counts: both read the same rows.
        const summary = await verifyChainSegment(store, segmentRange(composed, segmentSize), walk);
        if (summary !== undefined) accept(composed, summary);
      } else {
        const stalled = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => { resolve(true); }, stallMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = undefined;
        if (stalled) gone(new GatewayError('internal', { detail: `the audit segment worker handed nothing over for ${stallMs / 1000} s` }));
      }
      compose();
    }
    return state.giveWay ? 'single-walk' : 'done';
  } finally {
    state.ending = true;
    endSegmentsAfter(control, -1);
    await worker?.end();
  }
}
