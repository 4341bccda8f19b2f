// The consent registry on PostgreSQL beyond the contract: what several processes on one database need.
// A decision and a revocation about the same child serialise (the decision reads the child's consents
// under a lock until it commits), so a delivery never rests on a consent revoked before it was
// committed; the mixes of transactions a busy cluster runs (decisions in group-commit batches,
// revocations, settles) never deadlock; migration 2 fills the audit's search columns for records
// written before it; and the grant is protected by the schema itself.

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';
import type { ConsentRecord } from '../../src/kernel/consent-record.ts';
import type { PolicyDecision } from '../../src/kernel/policy-decision.ts';
import { openStore } from '../../src/store/open-store.ts';
import { pgMigrations } from '../../src/store/postgres/migrations.ts';
import type { ExchangeRow, OutboxRow, Store, StoreTx } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

const now = 1_750_000_000_000;

const decisionOn = (consentId: string): PolicyDecision => ({
  outcome: 'allow',
  reason: 'consent-given',
  rule: { id: 'overdracht-hulpverlening', version: 1 },
  purpose: 'overdracht-hulpverlening',
  legalBasis: 'avg-6-1-a',
  processingActivityId: 'pa-1',
  policyVersion: 'test',
  consentIds: [consentId],
  releasedFields: [],
});

function consent(subjectPseudonym: string, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: `consent-${randomUUID()}`,
    subjectPseudonym,
    kind: 'permit',
    givers: [{ capacity: 'child', reference: 'kind' }],
    custodianCount: 0,
    scope: { purposes: ['overdracht-hulpverlening'], senders: ['party-a'], receivers: { roles: ['school'] } },
    givenOn: '2026-01-05',
    validFrom: '2026-01-05',
    evidence: { reference: 'dossier/1' },
    registeredBy: 'party-a',
    registeredAt: new Date(now).toISOString(),
    status: 'active',
    ...overrides,
  };
}

function exchangeRow(subjectPseudonym: string, consentId: string): ExchangeRow {
  return {
    id: `ex-${randomUUID()}`,
    createdAt: now,
    updatedAt: now,
    sender: 'party-a',
    receiver: 'school-x',
    messageType: 'Casusinformatie',
    purpose: 'overdracht-hulpverlening',
    status: 'queued',
    subjectPseudonym,
    traceId: 'trace',
    decision: decisionOn(consentId),
    reason: null,
    receiverReference: null,
    deliveredAt: null,
  };
}

function outboxRow(exchangeId: string): OutboxRow {
  return {
    exchangeId,
    receiver: 'school-x',
    adapterKind: 'inbox',
    endpoint: null,
    messageType: 'Casusinformatie',
    sender: 'party-a',
    purpose: 'overdracht-hulpverlening',
    payload: { casus: 'x' },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: 1_000,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    deliveredAt: null,
    purgeAfter: null,
    createdAt: now,
  };
}

const audit = (tx: StoreTx, actor: string, detail: string): Promise<unknown> =>
  appendAudit(tx, { traceId: 't', spanId: 's', action: 'exchange.submit', outcome: 'allowed', actor, detail }, new Date(now));

/** What the submit pipeline does for a consent-based exchange: read the child's consents, enqueue only if the consent is in force. */
async function decide(tx: StoreTx, subject: string, consentId: string): Promise<string | undefined> {
  const consents = await tx.listSubjectConsents(subject);
  if (consents.find((c) => c.id === consentId)?.status !== 'active') {
    await audit(tx, 'party-a', 'refused: consent revoked');
    return undefined;
  }
  const row = exchangeRow(subject, consentId);
  await tx.insertExchange(row);
  await tx.insertOutbox(outboxRow(row.id));
  await audit(tx, 'party-a', 'allowed');
  return row.id;
}

/** What the consent registry does on a revocation. */
async function revoke(tx: StoreTx, subject: string, consentId: string): Promise<string[]> {
  if (!(await tx.revokeConsent(consentId, { revokedAt: new Date(now + 1).toISOString(), recordedBy: 'party-a' }))) return [];
  const cancelled = await tx.cancelPendingDeliveries({ subjectPseudonym: subject, consentId, now: now + 1 });
  await audit(tx, 'party-a', 'consent revoked');
  for (const c of cancelled) await tx.updateExchange(c.exchangeId, { status: 'cancelled', reason: 'consent-revoked', updatedAt: now + 1 });
  return cancelled.map((c) => c.exchangeId);
}

async function storesOnOneSchema(n: number): Promise<{ schema: string; stores: Store[]; dispose: () => Promise<void> }> {
  const schema = freshSchema();
  const stores = await Promise.all(Array.from({ length: n }, () => openStore(pgStoreUrl(schema, { poolMax: '6' }))));
  await stores[0]!.migrate();
  return {
    schema,
    stores,
    dispose: async () => {
      await Promise.all(stores.map((s) => s.close()));
      await dropSchema(schema);
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function latch(): { readonly promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('PostgreSQL consent registry, several processes on one database'), () => {
  it('when a decision has read the consents and not committed yet, then a revocation in another process waits, and then cancels the delivery the decision wrote', async () => {
    const { stores, dispose } = await storesOnOneSchema(2);
    const [a, b] = stores as [Store, Store];
    try {
      const subject = `pseudo-${randomUUID()}`;
      const record = consent(subject);
      await a.transaction((tx) => tx.insertConsent(record));
      const read = latch();
      const gate = latch();
      const decision = a.transaction(async (tx) => {
        const consents = await tx.listSubjectConsents(subject);
        read.open();
        await gate.promise;
        const row = exchangeRow(subject, record.id);
        await tx.insertExchange(row);
        await tx.insertOutbox(outboxRow(row.id));
        await audit(tx, 'party-a', 'allowed');
        return { seen: consents.map((c) => c.status), exchangeId: row.id };
      });
      await read.promise;
      let revocationDone = false;
      const revocation = b.transaction((tx) => revoke(tx, subject, record.id)).finally(() => (revocationDone = true));
      await sleep(400);
      expect(revocationDone).toBe(false); // it waits for the decision's COMMIT
      gate.open();
      const decided = await decision;
      expect(decided.seen).toEqual(['active']);
      expect(await revocation).toEqual([decided.exchangeId]);
      expect(await a.getOutbox(decided.exchangeId)).toMatchObject({ status: 'cancelled', payload: null });
      expect((await a.getExchange(decided.exchangeId))?.status).toBe('cancelled');
    } finally {
      await dispose();
    }
  });

  it('when a revocation has not committed yet, then a decision in another process waits for it and sees the consent revoked', async () => {
    const { stores, dispose } = await storesOnOneSchema(2);
    const [a, b] = stores as [Store, Store];
    try {
      const subject = `pseudo-${randomUUID()}`;
      const record = consent(subject);
      await a.transaction((tx) => tx.insertConsent(record));
      const revoked = latch();
      const gate = latch();
      const revocation = a.transaction(async (tx) => {
        const ok = await tx.revokeConsent(record.id, { revokedAt: new Date(now + 1).toISOString(), recordedBy: 'party-a' });
        revoked.open();
        await gate.promise;
        await audit(tx, 'party-a', 'consent revoked');
        return ok;
      });
      await revoked.promise;
      let decisionDone = false;
      const decision = b.transaction((tx) => decide(tx, subject, record.id)).finally(() => (decisionDone = true));
      await sleep(400);
      expect(decisionDone).toBe(false);
      gate.open();
      expect(await revocation).toBe(true);
      expect(await decision).toBeUndefined(); // it saw the revocation: nothing enqueued
      expect(await b.listExchangesBySubject(subject, { limit: 10 })).toEqual([]);
    } finally {
      await dispose();
    }
  });

  it('when a decision in a batch or a settle holds its locks while a revocation of that consent is under way, then both commit (no deadlock)', async () => {
    // The interleavings that deadlock unless row locks come after the chain head (lock order, src/store/sql/store-tx.ts):
    // - a group-commit batch holds the head (an earlier item appended) and then reads the child's
    //   consents, while the revocation holds the consent row and wants the head for its audit record;
    // - a dispatcher's settle holds the outbox row and then appends its audit record, while the
    //   revocation holds the head and wants that row to cancel it.
    const { stores, dispose } = await storesOnOneSchema(2);
    const [a, b] = stores as [Store, Store];
    try {
      for (const step of ['decision', 'settle'] as const) {
        const subject = `pseudo-${randomUUID()}`;
        const record = consent(subject);
        const row = exchangeRow(subject, record.id);
        await a.transaction(async (tx) => {
          await tx.insertConsent(record);
          await tx.insertExchange(row);
          await tx.insertOutbox(outboxRow(row.id));
        });
        const owner = `dispatcher-${randomUUID()}`;
        if (step === 'settle') expect((await a.claimDueDeliveries({ now: now + 10_000, limit: 1_000, leaseMs: 60_000, owner })).map((r) => r.exchangeId)).toContain(row.id);
        const holding = latch();
        const gate = latch();
        const first = a.transaction(async (tx) => {
          if (step === 'decision') {
            await audit(tx, 'batch', 'an earlier item of the batch holds the chain head');
            holding.open();
            await gate.promise;
            return decide(tx, subject, record.id);
          }
          const settled = await tx.settleOutbox(row.id, owner, { status: 'delivered', attempts: 1, deliveredAt: now + 2, purgeAfter: now + 3 });
          holding.open();
          await gate.promise;
          await audit(tx, 'ketenpoort', 'delivered');
          return settled;
        });
        await holding.promise;
        const revocation = b.transaction((tx) => revoke(tx, subject, record.id));
        await sleep(300); // the revocation gets as far as it can
        gate.open();
        const [firstResult, revocationResult] = await Promise.allSettled([first, revocation]);
        expect(firstResult.status, `${step}: ${String((firstResult as PromiseRejectedResult).reason)}`).toBe('fulfilled');
        expect(revocationResult.status, `${step}: ${String((revocationResult as PromiseRejectedResult).reason)}`).toBe('fulfilled');
        // The first went first: its delivery was settled, or its decision enqueued and then cancelled.
        const cancelled = (revocationResult as PromiseFulfilledResult<string[]>).value;
        if (step === 'settle') {
          expect((firstResult as PromiseFulfilledResult<unknown>).value).toBe(true);
          expect((await a.getOutbox(row.id))?.status).toBe('delivered');
          expect(cancelled).toEqual([]);
        } else {
          expect(cancelled).toContain((firstResult as PromiseFulfilledResult<string | undefined>).value);
        }
      }
    } finally {
      await dispose();
    }
  });

  it('when three processes run decisions (some after an audit append, as in a group-commit batch), revocations and settles at once, then none deadlocks and no pending delivery rests on a revoked consent', async () => {
    const { stores, dispose } = await storesOnOneSchema(3);
    try {
      const children = Array.from({ length: 4 }, () => `pseudo-${randomUUID()}`);
      const consents = children.map((c) => consent(c));
      await stores[0]!.transaction(async (tx) => {
        for (const c of consents) await tx.insertConsent(c);
      });
      const work: Promise<unknown>[] = [];
      for (let round = 0; round < 12; round++) {
        stores.forEach((store, p) => {
          const i = (round + p) % children.length;
          const subject = children[i]!;
          const consentId = consents[i]!.id;
          const shape = (round * 3 + p) % 4;
          if (shape === 0) work.push(store.transaction((tx) => decide(tx, subject, consentId)));
          else if (shape === 1)
            work.push(
              store.transaction(async (tx) => {
                await audit(tx, `batch-${p}`, 'an earlier item of the batch');
                return decide(tx, subject, consentId);
              }),
            );
          else if (shape === 2 && round >= 6) work.push(store.transaction((tx) => revoke(tx, subject, consentId)));
          else
            work.push(
              (async () => {
                const owner = `dispatcher-${p}-${round}`;
                const claimed = await store.claimDueDeliveries({ now: now + 10_000, limit: 3, leaseMs: 60_000, owner });
                for (const row of claimed) {
                  await store.transaction(async (tx) => {
                    if (await tx.settleOutbox(row.exchangeId, owner, { status: 'delivered', attempts: 1, deliveredAt: now + 2, purgeAfter: now + 3 })) {
                      await tx.updateExchange(row.exchangeId, { status: 'delivered', deliveredAt: now + 2, updatedAt: now + 2 });
                      await audit(tx, 'ketenpoort', 'delivered');
                    }
                  });
                }
              })(),
            );
        });
      }
      const results = await Promise.allSettled(work);
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason));
      expect(failures).toEqual([]);

      for (const [i, subject] of children.entries()) {
        const record = await stores[0]!.getConsent(consents[i]!.id);
        const rows = await stores[0]!.listExchangesBySubject(subject, { limit: 1000 });
        if (record?.status !== 'revoked') continue;
        for (const row of rows) {
          const outbox = await stores[0]!.getOutbox(row.id);
          expect(outbox?.status).not.toBe('pending');
        }
      }
      expect(await verifyAuditChain(stores[0]!)).toMatchObject({ ok: true });
    } finally {
      await dispose();
    }
  }, 60_000);
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('PostgreSQL migration 2'), () => {
  it('when a schema with audit records (one holding a NUL in its detail) is migrated from version 1, then searchAudit finds them by child and purpose', async () => {
    const schema = freshSchema();
    const records = [
      { seq: 1, dataSubjectId: 'pseudo-1', purpose: 'toewijzing', detail: 'plain' },
      { seq: 2, dataSubjectId: 'pseudo-1', purpose: 'verzoek-toewijzing', detail: 'receiver said: a\u0000b' },
      { seq: 3, purpose: 'toewijzing', detail: 'no child' },
    ].map((r) => ({ ...r, time: new Date(now).toISOString(), traceId: 't', spanId: 's', action: 'exchange.submit', outcome: 'allowed', actor: 'party-a', prevHash: '0'.repeat(64), hash: 'f'.repeat(64) }));
    try {
      await withPgClient(async (c) => {
        await c.query(`CREATE SCHEMA "${schema}"`);
        await c.query(`SET search_path = "${schema}"`);
        await c.query('CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)');
        await c.query(pgMigrations[0]!.sql);
        await c.query('INSERT INTO schema_migrations VALUES (1, $1, 0)', [pgMigrations[0]!.name]);
        for (const r of records) {
          await c.query('INSERT INTO audit (seq, time, actor, action, outcome, prev_hash, hash, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
            r.seq, r.time, r.actor, r.action, r.outcome, r.prevHash, r.hash, JSON.stringify(r),
          ]);
        }
      });
      const store = await openStore(pgStoreUrl(schema));
      try {
        expect(await store.ready()).toBe(false);
        await store.migrate();
        expect(await store.ready()).toBe(true);
        expect((await store.searchAudit({ dataSubjectId: 'pseudo-1', limit: 10 })).map((r) => r.seq)).toEqual([1, 2]);
        expect((await store.searchAudit({ purpose: 'toewijzing', limit: 10 })).map((r) => r.seq)).toEqual([1, 3]);
        expect((await store.searchAudit({ dataSubjectId: 'pseudo-1', purpose: 'verzoek-toewijzing', limit: 10 }))[0]).toStrictEqual(records[1]);
      } finally {
        await store.close();
      }
      // The back-fill switched the append-only trigger off for itself only.
      await withPgClient(async (c) => {
        await expect(c.query(`UPDATE "${schema}".audit SET actor = 'b'`)).rejects.toThrow(/append-only/);
      });
    } finally {
      await dropSchema(schema);
    }
  });

  it('when a consent is deleted or its grant changed, then the schema refuses; its revocation is allowed', async () => {
    const { schema, stores, dispose } = await storesOnOneSchema(1);
    try {
      const record = consent(`pseudo-${randomUUID()}`);
      await stores[0]!.transaction((tx) => tx.insertConsent(record));
      await withPgClient(async (c) => {
        await expect(c.query(`DELETE FROM "${schema}".consents`)).rejects.toThrow(/never deleted/);
        await expect(c.query(`TRUNCATE "${schema}".consents`)).rejects.toThrow(/never deleted/);
        await expect(c.query(`UPDATE "${schema}".consents SET record = '{"kind":"objection"}'`)).rejects.toThrow(/never changed/);
        await expect(c.query(`UPDATE "${schema}".consents SET subject_pseudonym = 'other'`)).rejects.toThrow(/never changed/);
      });
      expect(await stores[0]!.transaction((tx) => tx.revokeConsent(record.id, { revokedAt: new Date(now).toISOString(), recordedBy: 'po' }))).toBe(true);
      expect((await stores[0]!.getConsent(record.id))?.status).toBe('revoked');
    } finally {
      await dispose();
    }
  });
});
