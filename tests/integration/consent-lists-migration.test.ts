// Migration 10 on a store that already holds consents: the last day of each grant's period is copied
// from the grant into its own column, so the privacy officer's list of consents ending soon finds the
// consents registered before the upgrade. On SQLite and PostgreSQL, each migrated from version 9 with
// consents written as version 9 wrote them (one with a NUL escaped in its evidence, which PostgreSQL's
// JSON functions refuse: the backfill must not use them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { migratePgSchemaTo, migrateSqliteTo } from '../support/migrated-to.ts';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

interface LegacyConsent {
  readonly id: string;
  readonly validUntil?: string;
  readonly evidence: string;
}

const legacy: LegacyConsent[] = [
  { id: randomUUID(), validUntil: '2026-12-20', evidence: 'dossier-1' },
  { id: randomUUID(), validUntil: '2026-12-05', evidence: 'dossier-\u0000-2' },
  { id: randomUUID(), evidence: 'dossier-3' },
  { id: randomUUID(), validUntil: '2027-03-01', evidence: 'dossier-4' },
];

const grant = (c: LegacyConsent): string =>
  JSON.stringify({
    id: c.id,
    subjectPseudonym: `pseudo-${c.id}`,
    kind: 'permit',
    givers: [{ capacity: 'custodial-parent', reference: 'ouder-1' }],
    custodianCount: 1,
    scope: { purposes: ['overdracht-hulpverlening'], senders: ['party-a'], receivers: { roles: ['aanbieder'] } },
    givenOn: '2026-01-05',
    validFrom: '2026-01-05',
    ...(c.validUntil !== undefined ? { validUntil: c.validUntil } : {}),
    evidence: { reference: c.evidence, form: 'written' },
    registeredBy: 'party-a',
    registeredAt: '2026-01-05T10:00:00.000Z',
  });

const row = (c: LegacyConsent): unknown[] => [c.id, `pseudo-${c.id}`, 'party-a', Date.parse('2026-01-05T10:00:00Z'), 'active', grant(c)];

async function expectBackfilled(store: Store): Promise<void> {
  const [soon, later] = [legacy[1]!, legacy[0]!];
  const found = await store.listExpiringConsents({ from: '2026-12-01', to: '2026-12-31', limit: 10 });
  expect(found.map((c) => c.id)).toEqual([soon.id, later.id]);
  expect(found[0]?.evidence.reference).toBe('dossier-\u0000-2');
  expect((await store.listExpiringConsents({ from: '2026-01-01', to: '2099-12-31', limit: 10 })).map((c) => c.id)).toEqual([soon.id, later.id, legacy[3]!.id]);
}

describe('migration 10 on SQLite, from version 9 with consents', () => {
  it('when the store is migrated, then consents registered before it are in the expiring list by their last day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-consent-lists-'));
    const file = join(dir, 'store.db');
    const db = new Database(file);
    migrateSqliteTo(db, 9);
    for (const c of legacy) db.prepare('INSERT INTO consents (id, subject_pseudonym, registered_by, registered_at, status, record) VALUES (?, ?, ?, ?, ?, ?)').run(...row(c));
    db.close();
    const store = await openStore(`sqlite:${file}`);
    try {
      await store.migrate();
      await expectBackfilled(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('migration 10 on PostgreSQL, from version 9 with consents'), () => {
  it('when the store is migrated, then consents registered before it are in the expiring list by their last day', async () => {
    const schema = freshSchema();
    await withPgClient(async (c) => {
      await migratePgSchemaTo(c, schema, 9);
      for (const consent of legacy) {
        await c.query('INSERT INTO consents (id, subject_pseudonym, registered_by, registered_at, status, record) VALUES ($1, $2, $3, $4, $5, $6::json)', row(consent));
      }
    });
    const store = await openStore(pgStoreUrl(schema));
    try {
      await store.migrate();
      await expectBackfilled(store);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
