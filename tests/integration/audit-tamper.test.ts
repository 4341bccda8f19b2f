// Tampering with the audit log by someone with write access to the database, on SQLite and (when
// KETENPOORT_TEST_PG_URL is set) PostgreSQL: the append-only triggers are dropped first, as such an
// insider could. For each kind of change, verification names what was changed, and the API does not
// serve a record on the strength of a changed column.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';
import type { AuditDraft, AuditRecord } from '../../src/kernel/audit-record.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

interface Tamperable {
  readonly store: Store;
  /** Runs statements on the database behind the store's back, triggers dropped. */
  readonly sql: (text: string) => Promise<void>;
  readonly done: () => Promise<void>;
}

const time = (n: number): Date => new Date(Date.UTC(2026, 11, 3, 12, 0, n));

function draft(n: number): AuditDraft {
  const actor = n % 2 === 0 ? 'party-a' : 'party-b';
  return {
    traceId: `${'0'.repeat(30)}${String(n).padStart(2, '0')}`,
    spanId: `${'0'.repeat(14)}${String(n).padStart(2, '0')}`,
    action: 'exchange.submit',
    outcome: 'allowed',
    exchangeId: `ex-${n}`,
    actor,
    counterparty: 'party-c',
    messageType: 'JW301',
    purpose: 'toewijzing',
    dataSubjectId: `ps-${n}`,
    dataSubjectIdType: 'bsn-pseudonym',
  };
}

/** Records 1..n, one transaction each. */
async function writeChain(store: Store, n: number): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (let i = 1; i <= n; i++) records.push(await store.transaction((tx) => appendAudit(tx, draft(i), time(i))));
  return records;
}

function describeTampering(name: string, open: () => Promise<Tamperable>): void {
  describe(name, () => {
    const withChain = async (n: number, fn: (t: Tamperable, records: AuditRecord[]) => Promise<void>): Promise<void> => {
      const t = await open();
      try {
        await fn(t, await writeChain(t.store, n));
      } finally {
        await t.done();
      }
    };

    it('when nothing was changed, then verification is ok and lists no mismatched column', async () => {
      await withChain(4, async ({ store }) => {
        expect(await verifyAuditChain(store)).toMatchObject({ ok: true, checked: 4, firstBroken: null, mismatchedColumns: [] });
      });
    });

    it('when a hashed field is edited inside the stored record, then verification names that record as altered', async () => {
      await withChain(5, async ({ store, sql }) => {
        await sql(`UPDATE audit SET record = replace(record, '"outcome":"allowed"', '"outcome":"refused"') WHERE seq = 3`);
        expect(await verifyAuditChain(store)).toMatchObject({
          ok: false,
          checked: 2,
          firstBroken: { seq: 3, problem: 'hash does not match the record (it was altered)' },
        });
      });
    });

    it('when a stored index column is changed, then verification names the record and the column, and the party it now names is not served the record', async () => {
      await withChain(5, async ({ store, sql }) => {
        // Record 2 was party-a's; the actor column now says party-b.
        expect((await store.listAudit({ party: 'party-b', limit: 100 })).map((r) => r.seq)).toStrictEqual([1, 3, 5]);
        await sql(`UPDATE audit SET actor = 'party-b' WHERE seq = 2`);
        await sql(`UPDATE audit SET outcome = 'refused', time = '2020-01-01T00:00:00.000Z' WHERE seq = 4`);
        const result = await verifyAuditChain(store);
        expect(result).toMatchObject({ ok: false, checked: 5, firstBroken: null });
        expect(result.mismatchedColumns).toStrictEqual([
          { seq: 2, column: 'actor' },
          { seq: 4, column: 'time' },
          { seq: 4, column: 'outcome' },
        ]);
        await expect(store.listAudit({ party: 'party-b', limit: 100 })).rejects.toThrow(/seq 2 was tampered with: column actor/);
        await expect(store.searchAudit({ outcome: 'refused', limit: 100 })).rejects.toThrow(/seq 4 was tampered with: column time, outcome/);
        // The records themselves are still served as written where no column was changed.
        expect((await store.listAudit({ exchangeId: 'ex-3', limit: 10 })).map((r) => r.actor)).toStrictEqual(['party-b']);
      });
    });

    it('when a record in the middle is deleted, then verification names the gap', async () => {
      await withChain(5, async ({ store, sql }) => {
        await sql('DELETE FROM audit WHERE seq = 3');
        expect(await verifyAuditChain(store)).toMatchObject({
          ok: false,
          checked: 2,
          firstBroken: { seq: 4, problem: 'expected seq 3, found 4 (a record is missing)' },
        });
      });
    });
  });
}

describeTampering('audit tampering on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-tamper-'));
  const file = join(dir, 'gateway.db');
  const store = await openStore(`sqlite:${file}`);
  await store.migrate();
  return {
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
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('audit tampering on PostgreSQL'), () => {
  describeTampering('with the triggers dropped', async () => {
    const schema = freshSchema();
    const store = await openStore(pgStoreUrl(schema));
    await store.migrate();
    return {
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
  });
});
