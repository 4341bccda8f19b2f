// Named try-locks within one process: the cluster lock of a store that only ever has one process
// (SQLite). Locks are shared by every store on the same database file in this process, so two stores
// opened on one file (tests, a CLI command beside the server in one process) still exclude each other.

import type { ClusterLockResult } from './store.ts';

const held = new Map<string, Set<string>>();

/** `database` names what the locks are scoped to: a file path, or a unique token for an in-memory database. */
export async function tryWithInProcessLock<T>(database: string, name: string, fn: () => Promise<T>): Promise<ClusterLockResult<T>> {
  let names = held.get(database);
  if (names === undefined) {
    names = new Set();
    held.set(database, names);
  }
  if (names.has(name)) return { ran: false };
  names.add(name);
  try {
    return { ran: true, value: await fn() };
  } finally {
    names.delete(name);
    if (names.size === 0) held.delete(database);
  }
}
