// Migration 22 on a store that already holds care-path deadlines (written as version 21 wrote them):
// the index of requests by received day and the index of every deadline by path are gone, the open
// follow-up items are in the partial index that replaces the latter, and closing a child's follow-up
// items by path closes exactly those it closed before (not another kind, not another child's, not one
// closed already), the statement finding them through the new index. On SQLite and PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { carePathStatementTexts } from '../../src/store/sql/care-path-sql.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import type { DeadlineFact } from '../../src/kernel/care-path-record.ts';
import { migratePgSchemaTo, migrateSqliteTo } from '../support/migrated-to.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

const CHILD = 'p'.repeat(64);
const OTHER_CHILD = 'q'.repeat(64);

const deadline = (id: string, kind: DeadlineFact['kind'], pseudonym: string): DeadlineFact => ({
  id,
  kind,
  rule: kind === 'follow-up' ? 'OP300' : 'OP274',
  gemeente: '0363',
  aanbieder: '12345678',
  pseudonym,
  owedBy: 'gemeente-amsterdam',
  gemeenteParty: 'gemeente-amsterdam',
  refs: { messageType: 'JW307', exchangeId: `ex-${id}` },
  startDay: '2026-11-02',
  dueDay: '2026-11-09',
  overdueOn: '2026-11-10',
});

/** The rows as version 21 had them: open follow-ups of two children, an open answer item of the first, a follow-up closed already. */
const rows: { fact: DeadlineFact; status: string }[] = [
  { fact: deadline('follow-up:0363:5001:2026-11-01', 'follow-up', CHILD), status: 'open' },
  { fact: deadline('follow-up:0363:5002:2026-11-01', 'follow-up', CHILD), status: 'open' },
  { fact: deadline('follow-up:0363:5003:2026-10-01', 'follow-up', CHILD), status: 'met' },
  { fact: deadline('answer:12345678:R1', 'answer', CHILD), status: 'open' },
  { fact: deadline('follow-up:0363:6001:2026-11-01', 'follow-up', OTHER_CHILD), status: 'open' },
];
const insertSql = (p: (i: number) => string): string =>
  `INSERT INTO cp_deadlines (id, kind, rule, status, gemeente, aanbieder, pseudonym, owed_by, due_day, overdue_on, fact) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(p).join(', ')})`;
const valuesOf = ({ fact: d, status }: (typeof rows)[number]): unknown[] => [d.id, d.kind, d.rule, status, d.gemeente, d.aanbieder, d.pseudonym, d.owedBy, d.dueDay, d.overdueOn, JSON.stringify(d)];

/** Closes CHILD's follow-up items by path, through the store; answers the ids closed. */
async function closeFollowUps(store: Store): Promise<string[]> {
  const applied = await store.transaction((tx) => tx.applyCarePathChanges([{ op: 'close-deadlines', match: { kind: 'follow-up', pseudonym: CHILD }, status: 'met', byExchange: 'ex-stop' }]));
  return applied.closed.map((c) => c.id).sort();
}

const expectedClosed = ['follow-up:0363:5001:2026-11-01', 'follow-up:0363:5002:2026-11-01'];

describe('migration 22 on SQLite, from version 21 with deadlines', () => {
  it('when the store is migrated, then the unused indexes are gone and a close by path closes the same follow-up items through the partial index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-care-path-indexes-'));
    const file = join(dir, 'store.db');
    const db = new Database(file);
    migrateSqliteTo(db, 21);
    for (const r of rows) db.prepare(insertSql(() => '?')).run(...valuesOf(r));
    db.close();
    const store = await openStore(`sqlite:${file}`);
    try {
      await store.migrate();
      const check = new Database(file, { readonly: true });
      try {
        const indexes = check.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('cp_requests', 'cp_deadlines') AND sql IS NOT NULL ORDER BY name").pluck().all();
        expect(indexes).toEqual(['cp_deadlines_due', 'cp_deadlines_follow_up', 'cp_requests_exchange', 'cp_requests_path']);
        // The open follow-up items, and only they, are in the partial index.
        expect(check.prepare("SELECT count(*) FROM cp_deadlines INDEXED BY cp_deadlines_follow_up WHERE kind = 'follow-up' AND status = 'open' AND pseudonym IS NOT NULL").pluck().get()).toBe(3);
        // As the store translates a statement: casts dropped, each $n bound by position.
        const values = ['met', 'ex', CHILD, null, null];
        const bound: unknown[] = [];
        const sqliteText = carePathStatementTexts.closeByPath.replace(/::[a-z]+/g, '').replace(/\$(\d+)/g, (_, n: string) => (bound.push(values[Number(n) - 1]), '?'));
        const plan = check.prepare(`EXPLAIN QUERY PLAN ${sqliteText}`).all(...bound) as { detail: string }[];
        expect(plan.map((p) => p.detail).join('\n')).toContain('USING INDEX cp_deadlines_follow_up (pseudonym=?)');
      } finally {
        check.close();
      }
      expect(await closeFollowUps(store)).toEqual(expectedClosed);
      expect(await closeFollowUps(store)).toEqual([]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('migration 22 on PostgreSQL, from version 21 with deadlines'), () => {
  it('when the store is migrated, then the unused indexes are gone and a close by path closes the same follow-up items through the partial index', async () => {
    const schema = freshSchema();
    await withPgClient(async (c) => {
      await migratePgSchemaTo(c, schema, 21);
      for (const r of rows) await c.query(insertSql((i) => `$${String(i)}`), valuesOf(r));
    });
    const store = await openStore(pgStoreUrl(schema));
    try {
      await store.migrate();
      await withPgClient(async (c) => {
        await c.query(`SET search_path = "${schema}"`);
        const indexes = await c.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename IN ('cp_requests', 'cp_deadlines') AND indexname NOT LIKE '%_pkey' ORDER BY indexname", [schema]);
        expect(indexes.rows.map((r) => r.indexname)).toEqual(['cp_deadlines_due', 'cp_deadlines_follow_up', 'cp_requests_exchange', 'cp_requests_path']);
        // With five rows PostgreSQL would scan the table anyway: asked not to, it must be able to use the index.
        await c.query('BEGIN');
        await c.query('SET LOCAL enable_seqscan = off');
        const plan = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${carePathStatementTexts.closeByPath}`.replace(/\$(\d+)/g, (_, n: string) => ["'met'", "'ex'", `'${CHILD}'`, 'NULL', 'NULL'][Number(n) - 1] ?? 'NULL'));
        await c.query('ROLLBACK');
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('cp_deadlines_follow_up');
      });
      expect(await closeFollowUps(store)).toEqual(expectedClosed);
      expect(await closeFollowUps(store)).toEqual([]);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
