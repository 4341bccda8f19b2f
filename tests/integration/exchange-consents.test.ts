// The link from deliveries to the consents they rest on (exchange_consents, migration 6), on both
// stores: written with the exchange, and backfilled by the migration from the decisions already stored,
// so that a revocation after an upgrade cancels what it cancelled before.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { migratePgSchemaTo, migrateSqliteTo } from '../support/migrated-to.ts';
import { describe, expect, it } from 'vitest';
import type { PolicyDecision } from '../../src/kernel/policy-decision.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { ExchangeRow, OutboxRow, OutboxStatus, Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

const now = 1_750_000_000_000;
const subject = 'pseudo-links';

const decisionOn = (consentIds: string[], justification = 'spoed'): PolicyDecision => ({
  outcome: 'allow',
  reason: 'consent-given',
  rule: { id: 'overdracht-hulpverlening', version: 1 },
  purpose: 'overdracht-hulpverlening',
  legalBasis: 'avg-6-1-a',
  processingActivityId: 'pa-1',
  policyVersion: 'test',
  consentIds,
  override: { reasonCode: 'acute-safety', justification },
  releasedFields: [],
});

interface Legacy {
  readonly id: string;
  readonly decision: PolicyDecision;
  readonly status: OutboxStatus;
}

const exchangeColumns = 'id, created_at, updated_at, sender, receiver, message_type, purpose, status, subject_pseudonym, trace_id, decision';
const outboxColumns = 'exchange_id, receiver, adapter_kind, endpoint, message_type, sender, purpose, payload, traceparent, status, attempts, next_attempt_at, created_at';
const exchangeValues = (r: Legacy): unknown[] => [r.id, now, now, 'party-a', 'party-b', 'JW301', 'toewijzing', 'queued', subject, 'trace', JSON.stringify(r.decision)];
const outboxValues = (r: Legacy): unknown[] => [r.id, 'party-b', 'rest-json', null, 'JW301', 'party-a', 'toewijzing', '{"a":1}', 'tp', r.status, 0, now, now];
const placeholders = (n: number, style: 'pg' | 'sqlite'): string => Array.from({ length: n }, (_, i) => (style === 'pg' ? `$${i + 1}` : '?')).join(', ');

/** Deliveries recorded by a gateway before migration 6: their decisions are all there is. */
function legacyRows(): { rows: Legacy[]; consentA: string; consentB: string } {
  const consentA = `consent-${randomUUID()}`;
  const consentB = `consent-${randomUUID()}`;
  const row = (consentIds: string[], status: OutboxStatus, justification?: string): Legacy => ({
    id: `ex-${randomUUID()}`,
    decision: decisionOn(consentIds, justification),
    status,
  });
  return {
    consentA,
    consentB,
    rows: [
      row([consentA, consentA], 'pending'),
      row([consentA], 'dead'),
      row([consentA], 'delivered'),
      row([consentB], 'pending', 'nul \u0000 here'),
    ],
  };
}

function exchange(id: string, decision: PolicyDecision | null): ExchangeRow {
  return {
    id,
    createdAt: now,
    updatedAt: now,
    sender: 'party-a',
    receiver: 'party-b',
    messageType: 'JW301',
    purpose: 'toewijzing',
    status: 'queued',
    subjectPseudonym: subject,
    traceId: 'trace',
    decision,
    reason: null,
    receiverReference: null,
    deliveredAt: null,
  };
}

function outbox(exchangeId: string): OutboxRow {
  return {
    exchangeId,
    receiver: 'party-b',
    adapterKind: 'rest-json',
    endpoint: null,
    messageType: 'JW301',
    sender: 'party-a',
    purpose: 'toewijzing',
    payload: { a: 1 },
    traceparent: 'tp',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    deliveredAt: null,
    purgeAfter: null,
    createdAt: now,
  };
}

const cancel = (store: Store, consentId: string): Promise<string[]> =>
  store.transaction(async (tx) => (await tx.cancelPendingDeliveries({ subjectPseudonym: subject, consentId, now })).map((c) => c.exchangeId));

/** The behaviour both stores share, given a store migrated from version 5 with `legacy` in it. */
function describeLinks(name: string, legacyStore: (legacy: Legacy[]) => Promise<{ store: Store; done: () => Promise<void> }>): void {
  describe(name, () => {
    it('when an exchange is recorded, then a revocation of any consent its decision names cancels its delivery, once', async () => {
      const { store, done } = await legacyStore([]);
      try {
        const [a, b] = [`ex-${randomUUID()}`, `ex-${randomUUID()}`];
        await store.transaction(async (tx) => {
          await tx.insertExchange(exchange(a, decisionOn(['c-x', 'c-y', 'c-x'])));
          await tx.insertOutbox(outbox(a));
          await tx.insertExchange(exchange(b, null));
          await tx.insertOutbox(outbox(b));
        });
        expect(await cancel(store, 'c-y')).toEqual([a]);
        expect(await cancel(store, 'c-x')).toEqual([]);
        expect((await store.getOutbox(b))?.status).toBe('pending');
      } finally {
        await done();
      }
    });

    it('when a database with deliveries is migrated to version 6, then revocations cancel the pending ones their decisions name, also after a replay', async () => {
      const { rows, consentA, consentB } = legacyRows();
      const [pending, dead, delivered, withNul] = rows as [Legacy, Legacy, Legacy, Legacy];
      const { store, done } = await legacyStore(rows);
      try {
        expect(await cancel(store, consentA)).toEqual([pending.id]);
        expect(await cancel(store, consentB)).toEqual([withNul.id]);
        expect(await store.transaction((tx) => tx.transitionOutbox(dead.id, 'dead', { status: 'pending' }))).toBe(true);
        expect(await cancel(store, consentA)).toEqual([dead.id]);
        expect((await store.getOutbox(delivered.id))?.status).toBe('delivered');
      } finally {
        await done();
      }
    });
  });
}

describeLinks('exchange consents on SQLite', async (legacy) => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-links-'));
  const file = join(dir, 'store.db');
  const db = new Database(file);
  migrateSqliteTo(db, 5);
  for (const r of legacy) {
    db.prepare(`INSERT INTO exchanges (${exchangeColumns}) VALUES (${placeholders(11, 'sqlite')})`).run(...exchangeValues(r));
    db.prepare(`INSERT INTO outbox (${outboxColumns}) VALUES (${placeholders(13, 'sqlite')})`).run(...outboxValues(r));
  }
  db.close();
  const store = await openStore(`sqlite:${file}`);
  await store.migrate();
  return {
    store,
    done: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('exchange consents on PostgreSQL'), () => {
  describeLinks('migrated from version 5', async (legacy) => {
    const schema = freshSchema();
    await withPgClient(async (c) => {
      await migratePgSchemaTo(c, schema, 5);
      for (const r of legacy) {
        await c.query(`INSERT INTO exchanges (${exchangeColumns}) VALUES (${placeholders(11, 'pg')})`, exchangeValues(r));
        await c.query(`INSERT INTO outbox (${outboxColumns}) VALUES (${placeholders(13, 'pg')})`, outboxValues(r));
      }
    });
    const store = await openStore(pgStoreUrl(schema));
    await store.migrate();
    return {
      store,
      done: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  });
});
