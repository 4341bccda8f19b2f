// The scheduler's ClusterLock (cluster-lock.ts) on the store's cluster lock (Store.tryWithClusterLock):
// on PostgreSQL a session advisory lock on a connection of its own, so one run of a schedule
// at a time in the whole cluster, and a process that dies mid-run frees the lock with its connection;
// on SQLite (one process) a lock within the process. The store's lock is
// callback-shaped (held while a function runs); the scheduler's is a lease: the function here waits
// until the lease is released.

import type { Store } from '../store/store.ts';
import type { ClusterLock, LockLease } from './cluster-lock.ts';

export function createStoreClusterLock(store: Pick<Store, 'tryWithClusterLock'>): ClusterLock {
  return {
    tryAcquire(key) {
      return new Promise<LockLease | undefined>((resolve, reject) => {
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        const held = store.tryWithClusterLock(key, async () => {
          resolve({
            async release() {
              release();
              await held.catch(() => undefined); // unlocked (or its connection gone) when this resolves
            },
          });
          await released;
        });
        // A rejection after the lease was handed out has no effect here (the lease's release sees it).
        held.then((outcome) => {
          if (!outcome.ran) resolve(undefined);
        }, reject);
      });
    },
  };
}
