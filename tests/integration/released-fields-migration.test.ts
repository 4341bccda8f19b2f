// Migration 21's released-field sets (src/store/sql/released-fields-sql.ts): an exchange written since
// names its decision's list of released fields, stored once however many exchanges share it, and
// reads back with the list in its place (the decision's JSON text as written). An exchange written
// before the migration keeps its whole decision and reads as before. On SQLite and PostgreSQL, each
// migrated from version 20 with an exchange row in it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { migratePgSchemaTo, migrateSqliteTo } from '../support/migrated-to.ts';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { ExchangeRow, Store } from '../../src/store/store.ts';
import type { PolicyDecision } from '../../src/kernel/policy-decision.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

// releasedFields in the middle, as the policy engine's decisions have it before a rule's version.
const decision = {
  outcome: 'allow',
  reason: 'rule-allows',
  purpose: 'verzoek-toewijzing',
  releasedFields: ['/Client/Bsn', '/Client/AangevraagdeProducten/AangevraagdProduct/*/Product/Code', '/Zoë \u0000 日本'],
  policyVersion: '2026.11',
  consentIds: ['c-1'],
  rule: { id: 'ijw-verzoek-toewijzing', version: 2 },
} as unknown as PolicyDecision;

function exchange(overrides: Partial<ExchangeRow> = {}): ExchangeRow {
  return {
    id: randomUUID(),
    createdAt: 1_750_000_000_000,
    updatedAt: 1_750_000_000_000,
    sender: 'jeugdhulp-de-brug',
    receiver: 'gemeente-diemen',
    messageType: 'JW315',
    purpose: 'verzoek-toewijzing',
    status: 'queued',
    subjectPseudonym: `pseudo-${randomUUID()}`,
    traceId: 'trace',
    decision,
    reason: null,
    receiverReference: null,
    deliveredAt: null,
    ...overrides,
  };
}

const old = exchange();
const exchangeSql = (p: (i: number) => string): string =>
  `INSERT INTO exchanges (id, created_at, updated_at, sender, receiver, message_type, purpose, status, subject_pseudonym, trace_id, decision) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(p).join(', ')})`;
const exchangeValues = (e: ExchangeRow): unknown[] => [e.id, e.createdAt, e.updatedAt, e.sender, e.receiver, e.messageType, e.purpose, e.status, e.subjectPseudonym, e.traceId, JSON.stringify(e.decision)];

interface Stored {
  readonly id: string;
  readonly decision: string;
  readonly released_fields: string | null;
}

/** Writes two exchanges with the same list and one without any; checks what every read answers. */
async function writeAndRead(store: Store): Promise<{ readonly fresh: readonly ExchangeRow[] }> {
  expect(JSON.stringify(await store.getExchange(old.id))).toBe(JSON.stringify(old));
  const fresh = [exchange(), exchange({ subjectPseudonym: old.subjectPseudonym }), exchange({ status: 'refused', reason: 'consent-missing', decision: { ...decision, outcome: 'deny', releasedFields: [] } })];
  await store.transaction(async (tx) => {
    for (const e of fresh) await tx.insertExchange(e);
  });
  for (const e of [old, ...fresh]) expect(JSON.stringify(await store.getExchange(e.id))).toBe(JSON.stringify(e));
  // The child's timeline and the party's list read the same rows the same way.
  const bySubject = await store.listExchangesBySubject(old.subjectPseudonym ?? '', { limit: 10 });
  expect(bySubject.map((e) => JSON.stringify(e)).sort()).toStrictEqual([old, fresh[1]].map((e) => JSON.stringify(e)).sort());
  const listed = await store.listExchanges({ party: 'jeugdhulp-de-brug', limit: 10 });
  expect(listed.map((e) => JSON.stringify(e)).sort()).toStrictEqual([old, ...fresh].map((e) => JSON.stringify(e)).sort());
  return { fresh };
}

function expectStored(rows: readonly Stored[], sets: number, fresh: readonly ExchangeRow[]): void {
  const byId = new Map(rows.map((r) => [r.id, r]));
  // The old row: untouched. The two new ones with a list: one set between them, null in the list's place.
  expect(byId.get(old.id)?.released_fields).toBeNull();
  expect(byId.get(old.id)?.decision).toBe(JSON.stringify(decision));
  const [a, b, refused] = fresh.map((e) => byId.get(e.id));
  expect(a?.released_fields).not.toBeNull();
  expect(b?.released_fields).toBe(a?.released_fields);
  expect(JSON.parse(a?.decision ?? 'null')).toStrictEqual({ ...decision, releasedFields: null });
  expect(refused?.released_fields).toBeNull();
  expect(sets).toBe(1);
}

describe('migration 21 on SQLite, from version 20 with an exchange row', () => {
  it('when exchanges are written after the migration, then their list of released fields is stored once and every exchange reads back as written, the old one too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-released-fields-'));
    const file = join(dir, 'store.db');
    const db = new Database(file);
    migrateSqliteTo(db, 20);
    db.prepare(exchangeSql(() => '?')).run(...exchangeValues(old));
    db.close();
    const store = await openStore(`sqlite:${file}`);
    try {
      await store.migrate();
      const { fresh } = await writeAndRead(store);
      const raw = new Database(file, { readonly: true });
      try {
        const sets = raw.prepare<[], number>('SELECT count(*) FROM released_field_sets').pluck().get() ?? -1;
        expectStored(raw.prepare<[], Stored>('SELECT id, decision, released_fields FROM exchanges').all(), sets, fresh);
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('migration 21 on PostgreSQL, from version 20 with an exchange row'), () => {
  it('when exchanges are written after the migration, then their list of released fields is stored once and every exchange reads back as written, the old one too', async () => {
    const schema = freshSchema();
    await withPgClient(async (c) => {
      await migratePgSchemaTo(c, schema, 20);
      await c.query(exchangeSql((i) => `$${i}`), exchangeValues(old));
    });
    const store = await openStore(pgStoreUrl(schema));
    try {
      await store.migrate();
      const { fresh } = await writeAndRead(store);
      await withPgClient(async (c) => {
        const { rows } = await c.query<Stored>(`SELECT id, decision::text AS decision, released_fields FROM "${schema}".exchanges`);
        const { rows: counted } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".released_field_sets`);
        expectStored(rows, counted[0]?.n ?? -1, fresh);
      });
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
