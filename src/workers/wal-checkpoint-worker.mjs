// The WAL checkpointer's thread (src/store/sqlite/wal-checkpointer.ts): a connection of its own to the store's file that
// copies committed WAL frames into the database file when asked (PRAGMA wal_checkpoint(PASSIVE)), so
// the copy and its fsync of the database file do not block the event loop of the connection that
// commits. Plain JavaScript: it needs only the driver, not the project's TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
// The same durability as the committing connection: the checkpoint syncs the database file before the
// WAL may be reused (synchronous=FULL).
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: result?.log ?? 0, checkpointed: result?.checkpointed ?? 0 });
  } catch (error) {
    parentPort.postMessage({ ok: false, code: typeof error?.code === 'string' ? error.code : String(error) });
  }
});
