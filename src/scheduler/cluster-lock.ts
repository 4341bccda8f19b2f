// Scheduled jobs run once per cluster (architecture.md, Storage and scale): before a run, the process
// takes the schedule's lock; a process that cannot get it skips the tick (or answers "running" to a
// manual run). The lock is a small port so the store can provide it: on PostgreSQL an advisory lock
// (issue 4 adds that primitive to the Store), held for the run and released after it, or freed by the
// database when the holding process dies. SQLite is one process, so the in-process lock is the whole
// truth there. The same lock is what keeps two runs of one schedule from overlapping in one process.

export interface LockLease {
  release(): Promise<void>;
}

export interface ClusterLock {
  /** The lease if the key was free; undefined when someone holds it. Never waits. */
  tryAcquire(key: string): Promise<LockLease | undefined>;
}

/** For a single process (SQLite): a set of held keys. */
export function createInProcessLock(): ClusterLock {
  const held = new Set<string>();
  return {
    tryAcquire(key) {
      if (held.has(key)) return Promise.resolve(undefined);
      held.add(key);
      let released = false;
      return Promise.resolve({
        release() {
          if (!released) {
            released = true;
            held.delete(key);
          }
          return Promise.resolve();
        },
      });
    },
  };
}
