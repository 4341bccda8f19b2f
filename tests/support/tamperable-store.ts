// A fresh, migrated store whose database a test can change behind the store's back, as a database
// administrator could: the append-only triggers of the audit log and its checkpoints dropped first.
// For the tests that show tampering is found (audit-tamper, audit-parallel-verify).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgStoreUrl, withPgClient } from './postgres.ts';

export interface Tamperable {
  /** The store's URL (a worker thread may open its own connection by it). */
  readonly url: string;
  readonly store: Store;
  /** Runs statements on the database behind the store's back, append-only triggers dropped. */
  readonly sql: (text: string) => Promise<void>;
  readonly done: () => Promise<void>;
}

export async function openTamperableSqlite(prefix: string): Promise<Tamperable> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'gateway.db');
  const url = `sqlite:${file}`;
  const store = await openStore(url);
  await store.migrate();
  return {
    url,
    store,
    sql(text) {
      const db = new Database(file);
      try {
        db.exec(`DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;
          DROP TRIGGER IF EXISTS audit_checkpoints_no_update; DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;`);
        db.exec(text);
      } finally {
        db.close();
      }
      return Promise.resolve();
    },
    async done() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** In a schema of its own (needs KETENPOORT_TEST_PG_URL). */
export async function openTamperablePostgres(): Promise<Tamperable> {
  const schema = freshSchema();
  const url = pgStoreUrl(schema);
  const store = await openStore(url);
  await store.migrate();
  return {
    url,
    store,
    async sql(text) {
      await withPgClient(async (c) => {
        await c.query(`SET search_path TO "${schema}"`);
        await c.query(`DROP TRIGGER IF EXISTS audit_no_update_or_delete ON audit;
          DROP TRIGGER IF EXISTS audit_checkpoints_no_update_or_delete ON audit_checkpoints`);
        await c.query(text);
      });
    },
    async done() {
      await store.close();
      await dropSchema(schema);
    },
  };
}
