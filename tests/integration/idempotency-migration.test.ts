// Migration 21 on a store that already holds idempotency rows written as version 20 wrote them (the
// whole response, the decision of a 202 in it): every row is left as it was (no backfill: converting
// them held both tables locked for the whole migration, found in review) and names no exchange, and
// every row reads back exactly as before, to the JSON text. On SQLite and PostgreSQL, each migrated
// from version 20. (Rows written after it name their exchange: the store contract tests.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { migratePgSchemaTo, migrateSqliteTo } from '../support/migrated-to.ts';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { IdempotencyRecord, Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

const decision = {
  outcome: 'allow',
  reason: 'rule-allows',
  rule: { id: 'jw315-aanbieder-gemeente', version: 2 },
  purpose: 'verzoek-toewijzing',
  legalBasis: 'jeugdwet-2.3',
  policyVersion: '2026.3',
  consentIds: [],
  // Text PostgreSQL's JSON functions refuse (an escaped NUL) and text beyond ASCII.
  override: { reasonCode: 'acuut', justification: 'Zoë \u0000 spoed; 日本 👶 "quoted"' },
  releasedFields: ['/Client/Bsn', '/Client/AangevraagdeProducten/AangevraagdProduct/0/Product/Code'],
};

interface Case {
  readonly exchangeId: string;
  readonly exchangeDecision: unknown;
  readonly key: string;
  readonly statusCode: number;
  readonly response: Record<string, unknown>;
  /** What the row names after the migration. */
  readonly decisionOf: string | null;
}

function accepted(exchangeId: string, d: unknown, warnings?: unknown[]): Record<string, unknown> {
  return { exchangeId, status: 'queued', decision: d, links: { self: `/v1/exchanges/${exchangeId}` }, ...(warnings !== undefined ? { warnings } : {}) };
}

function cases(): Case[] {
  const id = (): string => randomUUID();
  const a = id();
  const b = id();
  const c = id();
  const d = id();
  const many = Array.from({ length: 20 }, () => id());
  return [
    // Its decision is the exchange row's, with warnings after it: left whole all the same.
    { exchangeId: a, exchangeDecision: decision, key: `k-${a}`, statusCode: 202, response: accepted(a, decision, [{ rule: 'TR301', migration: false }]), decisionOf: null },
    // Its decision differs from the exchange row's (not as this gateway writes, but possible in an old store): kept whole.
    { exchangeId: b, exchangeDecision: { ...decision, policyVersion: '2026.4' }, key: `k-${b}`, statusCode: 202, response: accepted(b, decision), decisionOf: null },
    // A refusal: a problem body, no decision in it.
    { exchangeId: c, exchangeDecision: { ...decision, outcome: 'deny', reason: 'consent-missing' }, key: `k-${c}`, statusCode: 403, response: { type: 'about:blank', title: 'Refused', status: 403, exchangeId: c, reason: 'consent-missing' }, decisionOf: null },
    // A 202 whose exchange row is not there: kept whole.
    { exchangeId: d, exchangeDecision: undefined, key: `k-${d}`, statusCode: 202, response: accepted(d, decision), decisionOf: null },
    ...many.map((m) => ({ exchangeId: m, exchangeDecision: decision, key: `k-${m}`, statusCode: 202, response: accepted(m, decision), decisionOf: null })),
  ];
}

const party = 'jeugdhulp-de-brug';

async function expectReadsAsBefore(store: Store, all: readonly Case[]): Promise<void> {
  for (const c of all) {
    const read = await store.getIdempotency(party, c.key);
    const expected: IdempotencyRecord = { party, key: c.key, requestHash: 'h', statusCode: c.statusCode, response: c.response, decisionOf: c.decisionOf, createdAt: 1 };
    expect(read).toStrictEqual(expected);
    expect(JSON.stringify(read?.response)).toBe(JSON.stringify(c.response));
  }
}

function expectStored(rows: readonly { key: string; response: string; decision_of: string | null }[], all: readonly Case[]): void {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const c of all) {
    const row = byKey.get(c.key);
    // Left as version 20 wrote it: the whole response, naming no exchange.
    expect(row?.decision_of).toBeNull();
    expect(JSON.stringify(JSON.parse(row?.response ?? 'null'))).toBe(JSON.stringify(c.response));
  }
}

const exchangeSql = (p: (i: number) => string): string =>
  `INSERT INTO exchanges (id, created_at, updated_at, sender, receiver, message_type, purpose, status, trace_id, decision) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(p).join(', ')})`;
const exchangeValues = (c: Case): unknown[] => [c.exchangeId, 1, 1, party, 'gemeente-diemen', 'JW315', 'verzoek-toewijzing', c.statusCode === 202 ? 'delivered' : 'refused', 'trace', JSON.stringify(c.exchangeDecision)];
const idempotencySql = (p: (i: number) => string): string =>
  `INSERT INTO idempotency (party, key, request_hash, status_code, response, created_at) VALUES (${[1, 2, 3, 4, 5, 6].map(p).join(', ')})`;
const idempotencyValues = (c: Case): unknown[] => [party, c.key, 'h', c.statusCode, JSON.stringify(c.response), 1];

describe('migration 21 on SQLite, from version 20 with idempotency rows', () => {
  it('when the store is migrated, then every row written before is left whole, names no exchange and reads back as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-idempotency-migration-'));
    const file = join(dir, 'store.db');
    const all = cases();
    const db = new Database(file);
    migrateSqliteTo(db, 20);
    db.transaction(() => {
      for (const c of all) {
        if (c.exchangeDecision !== undefined) db.prepare(exchangeSql(() => '?')).run(...exchangeValues(c));
        db.prepare(idempotencySql(() => '?')).run(...idempotencyValues(c));
      }
    })();
    db.close();
    const store = await openStore(`sqlite:${file}`);
    try {
      await store.migrate();
      await expectReadsAsBefore(store, all);
      const raw = new Database(file, { readonly: true });
      try {
        expectStored(raw.prepare<[], { key: string; response: string; decision_of: string | null }>('SELECT key, response, decision_of FROM idempotency').all(), all);
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('migration 21 on PostgreSQL, from version 20 with idempotency rows'), () => {
  it('when the store is migrated, then every row written before is left whole, names no exchange and reads back as before', async () => {
    const schema = freshSchema();
    const all = cases();
    await withPgClient(async (c) => {
      await migratePgSchemaTo(c, schema, 20);
      const p = (i: number): string => `$${i}`;
      for (const x of all) {
        if (x.exchangeDecision !== undefined) await c.query(exchangeSql(p), exchangeValues(x));
        await c.query(idempotencySql(p), idempotencyValues(x));
      }
    });
    const store = await openStore(pgStoreUrl(schema));
    try {
      await store.migrate();
      await expectReadsAsBefore(store, all);
      await withPgClient(async (c) => {
        const { rows } = await c.query<{ key: string; response: string; decision_of: string | null }>(`SELECT key, response::text AS response, decision_of FROM "${schema}".idempotency`);
        expectStored(rows, all);
      });
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
