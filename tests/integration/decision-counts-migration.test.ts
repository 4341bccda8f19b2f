// Migration 15 on a store that already holds refusals and override reviews: their counts per Dutch
// day, party and reason are computed from the rows (each on the Amsterdam day it happened, also
// around a change of clocks), so the chart shows the history from before the upgrade. On SQLite and
// PostgreSQL, each migrated from version 14 with rows written as version 14 wrote them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { migratePgSchemaTo, migrateSqliteTo } from '../support/migrated-to.ts';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/kernel/dutch-working-days.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

// 22:30 UTC on 24 October is 00:30 on the 25th in Amsterdam; 22:30 UTC on the 25th is 23:30 that day.
const refusals = [
  { at: '2026-10-24T21:30:00Z', sender: 'party-a', reason: 'consent-missing' },
  { at: '2026-10-24T22:30:00Z', sender: 'party-a', reason: 'consent-missing' },
  { at: '2026-10-25T22:30:00Z', sender: 'party-a', reason: 'consent-missing' },
  { at: '2026-10-25T23:30:00Z', sender: 'party-b', reason: null },
].map((r) => ({ ...r, id: randomUUID() }));
const override = { id: randomUUID(), at: '2026-10-25T12:00:00Z', sender: 'party-b', reasonCode: 'acuut-gevaar' };

const exchangeSql = (p: (i: number) => string) =>
  `INSERT INTO exchanges (id, created_at, updated_at, sender, receiver, message_type, purpose, status, reason, trace_id) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(p).join(', ')})`;
const reviewSql = (p: (i: number) => string) =>
  `INSERT INTO override_reviews (exchange_id, created_at, sender, receiver, message_type, purpose, rule, reason_code, justification, status) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(p).join(', ')})`;
const exchangeValues = (id: string, at: string, sender: string, status: string, reason: string | null): unknown[] => [id, Date.parse(at), Date.parse(at), sender, 'party-r', 'JW315', 'p', status, reason, 'trace'];
const reviewValues = (): unknown[] => [override.id, Date.parse(override.at), override.sender, 'party-r', 'JW315', 'p', 'rule@1', override.reasonCode, 'Acuut gevaar, ouders niet bereikbaar.', 'pending'];

async function expectCounts(store: Store): Promise<void> {
  const d = (day: string): number => dayNumber(day);
  const sorted = <T extends { day: number; party: string }>(xs: T[]): T[] => xs.sort((a, b) => a.day - b.day || a.party.localeCompare(b.party));
  expect(sorted(await store.countRefusals({ from: '2026-10-24', to: '2026-10-26' }))).toEqual([
    { party: 'party-a', reason: 'consent-missing', day: d('2026-10-24'), count: 1 },
    { party: 'party-a', reason: 'consent-missing', day: d('2026-10-25'), count: 2 },
    { party: 'party-b', reason: 'unknown', day: d('2026-10-26'), count: 1 },
  ]);
  expect(await store.countOverrides({ from: '2026-10-24', to: '2026-10-26' })).toEqual([{ party: 'party-b', reason: 'acuut-gevaar', day: d('2026-10-25'), count: 1 }]);
}

describe('migration 15 on SQLite, from version 14 with refusals and overrides', () => {
  it('when the store is migrated, then the counts of the existing rows are there, per Dutch day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-decision-counts-'));
    const file = join(dir, 'store.db');
    const db = new Database(file);
    migrateSqliteTo(db, 14);
    for (const r of refusals) db.prepare(exchangeSql(() => '?')).run(...exchangeValues(r.id, r.at, r.sender, 'refused', r.reason));
    db.prepare(exchangeSql(() => '?')).run(...exchangeValues(randomUUID(), '2026-10-25T12:00:00Z', 'party-a', 'delivered', null));
    db.prepare(exchangeSql(() => '?')).run(...exchangeValues(override.id, override.at, override.sender, 'queued', null));
    db.prepare(reviewSql(() => '?')).run(...reviewValues());
    db.close();
    const store = await openStore(`sqlite:${file}`);
    try {
      await store.migrate();
      await expectCounts(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('migration 15 on PostgreSQL, from version 14 with refusals and overrides'), () => {
  it('when the store is migrated, then the counts of the existing rows are there, per Dutch day', async () => {
    const schema = freshSchema();
    await withPgClient(async (c) => {
      await migratePgSchemaTo(c, schema, 14);
      const p = (i: number): string => `$${i}`;
      for (const r of refusals) await c.query(exchangeSql(p), exchangeValues(r.id, r.at, r.sender, 'refused', r.reason));
      await c.query(exchangeSql(p), exchangeValues(override.id, override.at, override.sender, 'queued', null));
      await c.query(reviewSql(p), reviewValues());
    });
    const store = await openStore(pgStoreUrl(schema));
    try {
      await store.migrate();
      await expectCounts(store);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
