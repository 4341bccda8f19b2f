// Scheduled jobs run once per cluster (architecture.md, Storage and scale): before a run, the process
// takes the schedule's lock; a process that cannot get it skips the tick (or answers "running" to a
// manual run). The lock is a small port so the store can provide it: on PostgreSQL an advisory lock
// (Store.tryWithClusterLock), held for the run and released after it, or freed by the
// database when the holding process dies. SQLite is one process, so a lock within the process is the
// whole truth there (store-cluster-lock.ts puts this port on the store's lock). The same lock is what
// keeps two runs of one schedule from overlapping in one process.

export interface LockLease {
  release(): Promise<void>;
}

export interface ClusterLock {
  /** The lease if the key was free; undefined when someone holds it. Never waits. */
  tryAcquire(key: string): Promise<LockLease | undefined>;
}
