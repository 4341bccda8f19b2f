// The WAL checkpoint off the event loop (issue 14). SQLite's automatic checkpoint runs inside the
// COMMIT that crosses its threshold (1,000 WAL frames): it copies the WAL's pages into the database
// file and fsyncs it, on the connection's thread, which is the gateway's event loop. A group-commit
// batch of a pull-sync writes about 1,200 frames, so nearly every COMMIT paid a checkpoint: in the
// batch bench's profile the checkpoint was a third of better-sqlite3's exec time.
//
// Here a worker thread with a connection of its own runs PASSIVE checkpoints instead, at most one at a
// time and at most every `intervalMs`, after commits ask for one. Durability does not change: a
// transaction is durable when its COMMIT has synced the WAL (synchronous=FULL), whoever checkpoints
// later; after a crash SQLite replays the WAL as before. The committing connection keeps an automatic
// checkpoint at a higher threshold (`fallbackFrames`) in case the worker falls behind, and goes back
// to SQLite's default if the worker fails.
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Frames were committed: a checkpoint runs soon. */
  poke(): void;
  /**
   * Holds further checkpoints off and waits for a running one to end (SQLite lets one connection
   * checkpoint at a time: a TRUNCATE checkpoint of the store's own connection would be refused as
   * busy). Resolves with the function that lets them run again; after `maxWaitMs` it resolves anyway.
   */
  pause(maxWaitMs?: number): Promise<() => void>;
  /** Stops the worker and closes its connection (before the committing connection closes). */
  close(): Promise<void>;
  /** Checkpoints run so far (for tests). */
  runs(): number;
}

export interface WalCheckpointerOptions {
  readonly file: string;
  /** At least this long between the start of two checkpoints (default 200 ms). */
  readonly intervalMs?: number;
  /** The worker failed or stopped (why, in words): the caller restores SQLite's own automatic checkpoint and says so. */
  readonly onFailure: (reason: string) => void;
}

type Answer = { readonly ok: true } | { readonly ok: false; readonly code: string };

export function startWalCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  const intervalMs = options.intervalMs ?? 200;
  const worker = new Worker(new URL('../../workers/wal-checkpoint-worker.mjs', import.meta.url), { workerData: { file: options.file } });
  worker.unref(); // never what keeps the process alive
  let running = false;
  let wanted = false;
  let stopped = false;
  let lastStart = 0;
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  /** Pauses in force (pause()), and those waiting for the running checkpoint to end. */
  let paused = 0;
  let idleWaiters: (() => void)[] = [];
  const idle = (): void => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const fail = (reason: string): void => {
    if (stopped) return;
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    idle();
    options.onFailure(reason);
    void worker.terminate();
  };
  const start = (): void => {
    timer = undefined;
    if (stopped || running || !wanted || paused > 0) return;
    const wait = lastStart + intervalMs - Date.now();
    if (wait > 0) {
      timer = setTimeout(start, wait);
      timer.unref();
      return;
    }
    wanted = false;
    running = true;
    lastStart = Date.now();
    worker.postMessage('checkpoint');
  };
  worker.on('message', (answer: Answer) => {
    running = false;
    count += 1;
    idle();
    if (!answer.ok && answer.code !== 'SQLITE_BUSY' && answer.code !== 'SQLITE_LOCKED') {
      fail(`a checkpoint failed (${answer.code})`);
      return;
    }
    start();
  });
  worker.once('error', (error) => { fail(`the thread failed: ${error.message}`); });
  worker.once('exit', (code) => { fail(`the thread stopped (exit code ${code})`); });

  return {
    poke() {
      wanted = true;
      if (!running && timer === undefined) start();
    },
    async pause(maxWaitMs = 5_000) {
      paused += 1;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      let resumed = false;
      const resume = (): void => {
        if (resumed) return;
        resumed = true;
        paused -= 1;
        start();
      };
      if (running && !stopped) {
        await new Promise<void>((resolve) => {
          const limit = setTimeout(resolve, maxWaitMs);
          limit.unref();
          idleWaiters.push(() => {
            clearTimeout(limit);
            resolve();
          });
        });
      }
      return resume;
    },
    async close() {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      idle();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => { resolve(); }));
      worker.postMessage('close'); // after a running checkpoint: messages are handled in order
      const force = setTimeout(() => { void worker.terminate(); }, 5_000);
      await exited;
      clearTimeout(force);
    },
    runs: () => count,
  };
}
