// Group commit: concurrent writers share one transaction, so one fsync makes many exchanges durable
// (toolchain.md: about 1.9x). Durability is not weakened: every caller's promise resolves only after
// the transaction holding its writes has committed. While one batch commits, the next one gathers.
// If a batch fails, its items are retried one by one, so one bad item cannot sink its neighbours;
// unless the batch's COMMIT has an unknown outcome (commit-outcome.ts): then every item gets that
// error, since running again work that may have committed would fail on its own rows or repeat it.

import type { Store, StoreTx } from './store.ts';
import { isCommitOutcomeUnknown } from './commit-outcome.ts';

type Work<T> = (tx: StoreTx) => Promise<T>;

interface Pending {
  readonly work: Work<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

export interface GroupCommitter {
  run<T>(work: Work<T>): Promise<T>;
  /** Resolves when every queued item has been committed or failed. */
  drain(): Promise<void>;
  stats(): { readonly batches: number; readonly items: number };
}

export function createGroupCommitter(
  store: Store,
  options: { readonly maxBatch: number; readonly maxWaitMs: number; readonly onBatch?: (size: number) => void },
): GroupCommitter {
  let queue: Pending[] = [];
  let flushing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let batches = 0;
  let items = 0;

  const commitOne = async (item: Pending): Promise<void> => {
    try {
      item.resolve(await store.transaction((tx) => item.work(tx)));
    } catch (error) {
      item.reject(error);
    }
  };

  const commitBatch = async (batch: Pending[]): Promise<void> => {
    batches += 1;
    items += batch.length;
    options.onBatch?.(batch.length);
    if (batch.length === 1) return commitOne(batch[0] as Pending);
    let results: unknown[];
    try {
      results = await store.transaction(async (tx) => {
        const out: unknown[] = [];
        for (const item of batch) out.push(await item.work(tx));
        return out;
      });
    } catch (error) {
      if (isCommitOutcomeUnknown(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      for (const item of batch) await commitOne(item);
      return;
    }
    batch.forEach((item, i) => {
      item.resolve(results[i]);
    });
  };

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    if (immediate !== undefined) clearImmediate(immediate);
    timer = undefined;
    immediate = undefined;
    if (flushing !== undefined || queue.length === 0) return;
    const batch = queue.slice(0, options.maxBatch);
    queue = queue.slice(batch.length);
    flushing = commitBatch(batch).finally(() => {
      flushing = undefined;
      if (queue.length > 0) flush();
    });
  };

  return {
    run<T>(work: Work<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        if (flushing !== undefined) return; // the running batch's completion flushes us
        if (queue.length >= options.maxBatch) flush();
        // maxWaitMs 0: gather whatever arrives in this turn of the event loop, then commit.
        else if (options.maxWaitMs === 0) immediate ??= setImmediate(flush);
        else timer ??= setTimeout(flush, options.maxWaitMs);
      });
    },
    async drain() {
      while (queue.length > 0 || flushing !== undefined) {
        flush();
        await flushing;
      }
    },
    stats: () => ({ batches, items }),
  };
}
