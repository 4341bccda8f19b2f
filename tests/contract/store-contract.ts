// The Store contract (src/store/store.ts): one suite every implementation runs unchanged.
//
// Rules for whoever runs it:
// - makeStore() returns a store over an EMPTY, UNMIGRATED database each time it is called (a new temp
//   file, a new PostgreSQL schema). The suite calls it once for the store most tests share and a few
//   more times for tests that need an empty database. cleanup(store) closes it and throws the
//   database away; without cleanup the suite just closes it.
// - Tests go through the public interface only, use unique ids and parties (so they can share one
//   database), and never depend on wall-clock time or sub-millisecond ordering: every time is passed in.
//   The outbox queue is global (claims and purges see every row), so the tests that claim or purge
//   work in their own window of (fake, epoch-millisecond) time, each window below the previous one,
//   far below the real-time values every other test uses.

import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDraft, AuditRecord } from '../../src/kernel/audit-record.ts';
import type { PolicyDecision } from '../../src/kernel/policy-decision.ts';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import type { ExchangeRow, IdempotencyRecord, IjwPairing, InboxItem, OutboxRow, OutboxStatus, OverrideReview, Store, StoreTx } from '../../src/store/store.ts';
import type { ConsentRecord } from '../../src/kernel/consent-record.ts';
import type { Signal } from '../../src/kernel/signal-record.ts';
import { describeOperatorStoreContract } from './operator-store-contract.ts';
import { describeTrafficStoreContract } from './traffic-store-contract.ts';
import { describeConsentListsContract } from './consent-lists-contract.ts';
import { describeDecisionCountsContract } from './decision-counts-contract.ts';
import { describeSubscriptionStoreContract } from './subscription-store-contract.ts';
import { describeCarePathStoreContract } from './care-path-store-contract.ts';
import { describeCarePathHistoryContract } from './care-path-history-contract.ts';

// ---- fixtures ------------------------------------------------------------------------------------------

const uid = (prefix: string): string => `${prefix}-${randomUUID()}`;

/** A realistic "now" for tests that do not touch the global outbox queue. */
const realNow = 1_750_000_000_000;

/** Fake-time windows for claim and purge tests: each call returns a base 10^7 ms below the last. */
let windowBase = 500_000_000_000;
function nextWindow(): number {
  windowBase -= 10_000_000;
  return windowBase;
}

const decision: PolicyDecision = {
  outcome: 'allow',
  reason: 'rule-allows',
  rule: { id: 'jw-301-gemeente-aanbieder', version: 3 },
  purpose: 'toewijzing',
  legalBasis: 'jeugdwet-2.3',
  processingActivityId: 'pa-0384',
  policyVersion: '2025.1',
  consentIds: ['c-1', 'c-2'],
  ageBand: '12-15',
  override: { reasonCode: 'acute-safety', justification: 'Zoë — spoed, ĳzel op de weg; 日本 👶' },
  releasedFields: ['/client/bsn', '/toewijzing/0/product'],
};

function exchange(overrides: Partial<ExchangeRow> = {}): ExchangeRow {
  return {
    id: uid('ex'),
    createdAt: realNow,
    updatedAt: realNow,
    sender: uid('party'),
    receiver: uid('party'),
    messageType: 'JW301',
    purpose: 'toewijzing',
    status: 'queued',
    subjectPseudonym: uid('pseudo'),
    traceId: randomUUID().replaceAll('-', ''),
    decision,
    reason: null,
    receiverReference: null,
    deliveredAt: null,
    ...overrides,
  };
}

function outbox(exchangeId: string, overrides: Partial<OutboxRow> = {}): OutboxRow {
  return {
    exchangeId,
    receiver: 'receiver-party',
    adapterKind: 'rest-json',
    endpoint: 'https://receiver.example/api',
    messageType: 'JW301',
    sender: 'sender-party',
    purpose: 'toewijzing',
    payload: { message: { client: { bsn: '012345672' } } },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: realNow + 3_600_000_000,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    deliveredAt: null,
    purgeAfter: null,
    createdAt: realNow,
    ...overrides,
  };
}

function inboxItem(overrides: Partial<InboxItem> = {}): InboxItem {
  return {
    exchangeId: uid('ex'),
    receiver: uid('receiver'),
    sender: uid('sender'),
    messageType: 'JW315',
    purpose: 'verzoek-toewijzing',
    payload: { aanvraag: { product: '45A12', gemeente: '0384' } },
    createdAt: realNow,
    ackedAt: null,
    purgeAfter: null,
    ...overrides,
  };
}

function idempotency(overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    party: uid('party'),
    key: uid('key'),
    requestHash: createHash('sha256').update(randomUUID()).digest('hex'),
    statusCode: 202,
    response: { exchangeId: uid('ex'), decision: { outcome: 'allow' } },
    decisionOf: null,
    createdAt: realNow,
    ...overrides,
  };
}

function consentRecord(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: uid('consent'),
    subjectPseudonym: uid('pseudo'),
    kind: 'permit',
    givers: [
      { capacity: 'child', reference: 'kind' },
      { capacity: 'custodial-parent', reference: 'ouder-1' },
    ],
    custodianCount: 2,
    scope: { purposes: ['overdracht-hulpverlening'], senders: ['party-a'], receivers: { roles: ['school'], parties: ['school-x'] }, dataCategories: ['hulpverlening'] },
    givenOn: '2026-01-05',
    validFrom: '2026-01-05',
    validUntil: '2026-12-31',
    evidence: { reference: 'dossier/2026/Zoë-0384', form: 'written' },
    capacityAssessment: { competent: true, assessedBy: 'gedragswetenschapper', assessedOn: '2026-01-04', decision: 'overdracht aan school' },
    registeredBy: 'party-a',
    registeredAt: new Date(realNow).toISOString(),
    status: 'active',
    ...overrides,
  };
}

function review(overrides: Partial<OverrideReview> = {}): OverrideReview {
  return {
    exchangeId: uid('ex'),
    createdAt: realNow,
    sender: uid('party'),
    receiver: uid('party'),
    messageType: 'Casusinformatie',
    purpose: 'overdracht-hulpverlening',
    rule: 'overdracht-hulpverlening@1',
    reasonCode: 'acuut-gevaar',
    justification: 'Acuut gevaar voor het kind; de ouders waren niet bereikbaar — Zoë',
    subjectPseudonym: uid('pseudo'),
    status: 'pending',
    reviewedBy: null,
    reviewedAt: null,
    note: null,
    ...overrides,
  };
}

const genesis = '0'.repeat(64);

/** Appends one record to the chain the way the audit module does: next seq, previous hash, own hash. */
async function appendAudit(tx: StoreTx, draft: Partial<AuditDraft> = {}): Promise<AuditRecord> {
  const head = await tx.auditHead();
  const body = {
    traceId: randomUUID().replaceAll('-', ''),
    spanId: randomUUID().slice(0, 16).replaceAll('-', '0'),
    action: 'exchange.submit' as const,
    outcome: 'allowed' as const,
    actor: uid('actor'),
    ...draft,
    seq: (head?.seq ?? 0) + 1,
    time: new Date(realNow).toISOString(),
    prevHash: head?.hash ?? genesis,
  };
  const hash = createHash('sha256').update(body.prevHash).update(JSON.stringify(body)).digest('hex');
  const record: AuditRecord = { ...body, hash };
  await tx.insertAudit(record);
  return record;
}

/** Values that must come back exactly as they went in. */
const awkwardJson = {
  nested: { deep: { deeper: [1, 'two', { three: null, four: [true, false] }] } },
  unicode: 'Zoë — ĳsbeer, Œuvre, 日本語, 👶🏽, "quoted" \\ back\\slash\nnew line\ttab',
  leadingZeros: '0384',
  bsnLike: '012345672',
  numericString: '00012.50',
  numbers: [0, 1.5, -42, 9007199254740991, 1e-7],
  empty: {},
  emptyArray: [],
  emptyString: '',
  nullValue: null,
};

async function expectGatewayError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(GatewayError);
  expect((error as GatewayError).code).toBe(code);
}

class Boom extends Error {}

// ---- the suite -----------------------------------------------------------------------------------------

export function describeStoreContract(
  name: string,
  makeStore: () => Promise<Store>,
  cleanup?: (s: Store) => Promise<void>,
): void {
  const dispose = (s: Store): Promise<void> => (cleanup === undefined ? s.close() : cleanup(s));

  /** A fresh, empty store for one test; disposed of afterwards. */
  async function withFreshStore(fn: (s: Store) => Promise<void>): Promise<void> {
    const fresh = await makeStore();
    try {
      await fn(fresh);
    } finally {
      await dispose(fresh);
    }
  }

  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await makeStore();
      await store.migrate();
    });

    afterAll(async () => {
      await dispose(store);
    });

    const insertExchanges = (...rows: ExchangeRow[]): Promise<void> =>
      store.transaction(async (tx) => {
        for (const row of rows) await tx.insertExchange(row);
      });

    /** Inserts exchanges and their outbox rows. */
    const insertOutboxRows = (...rows: OutboxRow[]): Promise<void> =>
      store.transaction(async (tx) => {
        for (const row of rows) {
          await tx.insertExchange(exchange({ id: row.exchangeId }));
          await tx.insertOutbox(row);
        }
      });

    // ---- lifecycle ----

    describe('lifecycle', () => {
      it('when a store is new, then ready() is false until migrate(), and migrate() twice is fine', async () => {
        await withFreshStore(async (fresh) => {
          expect(['sqlite', 'postgres']).toContain(fresh.kind);
          expect(await fresh.ready()).toBe(false);
          await fresh.migrate();
          expect(await fresh.ready()).toBe(true);
          await fresh.migrate();
          expect(await fresh.ready()).toBe(true);
        });
      });

      it('when migrate() runs again on a store with data, then the data stays', async () => {
        const row = exchange();
        await insertExchanges(row);
        await store.migrate();
        expect(await store.ready()).toBe(true);
        expect(await store.getExchange(row.id)).toStrictEqual(row);
      });

      it('when the store is closed, then ready() is false and operations reject with store-unavailable', async () => {
        await withFreshStore(async (fresh) => {
          await fresh.migrate();
          await fresh.close();
          expect(await fresh.ready()).toBe(false);
          await expectGatewayError(fresh.getExchange('x'), 'store-unavailable');
          await expectGatewayError(fresh.countOutbox(), 'store-unavailable');
          await expectGatewayError(
            fresh.transaction(() => Promise.resolve(1)),
            'store-unavailable',
          );
          await fresh.close(); // closing twice is harmless
        });
      });
    });

    // ---- transactions ----

    describe('transaction', () => {
      it('when fn resolves, then every write commits and transaction() returns its value', async () => {
        const row = exchange();
        const item = inboxItem({ exchangeId: row.id });
        const idem = idempotency();
        const result = await store.transaction(async (tx) => {
          await tx.insertExchange(row);
          await tx.insertOutbox(outbox(row.id));
          const audit = await appendAudit(tx, { exchangeId: row.id });
          await tx.putIdempotency(idem);
          await tx.insertInboxItem(item);
          return audit;
        });
        expect(await store.getExchange(row.id)).toStrictEqual(row);
        expect(await store.getOutbox(row.id)).toStrictEqual(outbox(row.id));
        expect(await store.listAudit({ exchangeId: row.id, limit: 10 })).toStrictEqual([result]);
        expect(await store.getIdempotency(idem.party, idem.key)).toStrictEqual(idem);
        expect(await store.getInboxItem(item.receiver, item.exchangeId)).toStrictEqual(item);
      });

      it('when fn throws, then nothing commits (exchange, outbox, audit, idempotency, inbox) and the error is rethrown', async () => {
        const row = exchange();
        const item = inboxItem({ exchangeId: row.id });
        const idem = idempotency();
        const headBefore = await store.transaction((tx) => tx.auditHead());
        const boom = new Boom('fn failed');
        const outcome = store.transaction(async (tx) => {
          await tx.insertExchange(row);
          await tx.insertOutbox(outbox(row.id));
          await appendAudit(tx, { exchangeId: row.id });
          await tx.putIdempotency(idem);
          await tx.insertInboxItem(item);
          throw boom;
        });
        await expect(outcome).rejects.toBe(boom);
        expect(await store.getExchange(row.id)).toBeUndefined();
        expect(await store.getOutbox(row.id)).toBeUndefined();
        expect(await store.listAudit({ exchangeId: row.id, limit: 10 })).toStrictEqual([]);
        expect(await store.transaction((tx) => tx.auditHead())).toStrictEqual(headBefore);
        expect(await store.getIdempotency(idem.party, idem.key)).toBeUndefined();
        expect(await store.getInboxItem(item.receiver, item.exchangeId)).toBeUndefined();
      });

      it('when an operation fails and fn swallows the error, then the transaction still rolls back and rejects', async () => {
        const idem = idempotency();
        await store.transaction((tx) => tx.putIdempotency(idem));
        const row = exchange();
        const outcome = store.transaction(async (tx) => {
          await tx.insertExchange(row);
          await tx.putIdempotency({ ...idem, statusCode: 400 }).catch(() => undefined);
          return 'swallowed';
        });
        await expectGatewayError(outcome, 'idempotency-conflict');
        expect(await store.getExchange(row.id)).toBeUndefined();
        expect(await store.getIdempotency(idem.party, idem.key)).toStrictEqual(idem);
      });

      it('when an idempotency record names the exchange that holds its decision, then it reads back with that decision in the same place (same JSON text), also after the exchange changed status', async () => {
        const row = exchange();
        const response = { exchangeId: row.id, status: 'queued', decision: row.decision, links: { self: `/v1/exchanges/${row.id}` }, warnings: [{ rule: 'TR001' }] };
        const idem = idempotency({ response, decisionOf: row.id });
        await store.transaction(async (tx) => {
          await tx.insertExchange(row);
          await tx.putIdempotency(idem);
        });
        const read = await store.getIdempotency(idem.party, idem.key);
        expect(read).toStrictEqual(idem);
        expect(JSON.stringify(read?.response)).toBe(JSON.stringify(response));
        await store.transaction((tx) => tx.updateExchange(row.id, { status: 'delivered', deliveredAt: realNow + 5, receiverReference: 'ref-1', updatedAt: realNow + 5 }));
        expect(JSON.stringify((await store.getIdempotency(idem.party, idem.key))?.response)).toBe(JSON.stringify(response));
      });

      it('when an idempotency record names an exchange but its response has no decision, then the put rejects (internal) and nothing commits', async () => {
        const row = exchange();
        const idem = idempotency({ response: { exchangeId: row.id }, decisionOf: row.id });
        const outcome = store.transaction(async (tx) => {
          await tx.insertExchange(row);
          await tx.putIdempotency(idem);
        });
        await expectGatewayError(outcome, 'internal');
        expect(await store.getIdempotency(idem.party, idem.key)).toBeUndefined();
        expect(await store.getExchange(row.id)).toBeUndefined();
      });

      it('when a transaction changes rows it inserted itself, then it sees them: update, settle, ack, head', async () => {
        const row = exchange();
        const item = inboxItem({ exchangeId: row.id });
        const result = await store.transaction(async (tx) => {
          await tx.insertExchange(row);
          await tx.insertOutbox(outbox(row.id, { leaseOwner: 'me', leaseUntil: realNow + 1 }));
          await tx.insertInboxItem(item);
          const audit = await appendAudit(tx, { exchangeId: row.id });
          await tx.updateExchange(row.id, { status: 'delivered', updatedAt: realNow + 1 });
          const settled = await tx.settleOutbox(row.id, 'me', { status: 'delivered', attempts: 1 });
          const acked = await tx.ackInboxItem(item.receiver, item.exchangeId, realNow + 2);
          const head = await tx.auditHead();
          return { settled, acked, head, audit };
        });
        expect(result.settled).toBe(true);
        expect(result.acked).toBe(true);
        expect(result.head).toStrictEqual({ seq: result.audit.seq, hash: result.audit.hash });
        expect((await store.getExchange(row.id))?.status).toBe('delivered');
        expect(await store.getOutbox(row.id)).toMatchObject({ status: 'delivered', attempts: 1, leaseOwner: null });
        expect((await store.getInboxItem(item.receiver, item.exchangeId))?.ackedAt).toBe(realNow + 2);
      });

      it('when one transaction puts the same idempotency key twice, then it rejects with idempotency-conflict and nothing commits', async () => {
        const idem = idempotency();
        const row = exchange();
        const outcome = store.transaction(async (tx) => {
          await tx.insertExchange(row);
          await tx.putIdempotency(idem);
          await tx.putIdempotency({ ...idem, statusCode: 500 });
        });
        await expectGatewayError(outcome, 'idempotency-conflict');
        expect(await store.getIdempotency(idem.party, idem.key)).toBeUndefined();
        expect(await store.getExchange(row.id)).toBeUndefined();
      });

      it('when a StoreTx is used after its transaction ended, then it rejects', async () => {
        let leaked: StoreTx | undefined;
        await store.transaction((tx) => {
          leaked = tx;
          return Promise.resolve();
        });
        const row = exchange();
        await expect(leaked!.insertExchange(row)).rejects.toBeInstanceOf(GatewayError);
        expect(await store.getExchange(row.id)).toBeUndefined();
      });

      it('when several transactions append to the audit chain concurrently, then the chain stays one unbroken chain', async () => {
        const actor = uid('actor');
        const written = await Promise.all(
          Array.from({ length: 8 }, () => store.transaction((tx) => appendAudit(tx, { actor }))),
        );
        const seqs = written.map((r) => r.seq).sort((a, b) => a - b);
        expect(new Set(seqs).size).toBe(8);
        const first = seqs[0]!;
        const chain = await store.readAuditChain(first, 8);
        expect(chain.map((r) => r.seq)).toStrictEqual(seqs);
        for (let i = 1; i < chain.length; i++) {
          expect(chain[i]!.seq).toBe(chain[i - 1]!.seq + 1);
          expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
        }
      });

      it('when transactions run concurrently, then each commits its own writes', async () => {
        const rows = Array.from({ length: 10 }, () => exchange());
        await Promise.all(rows.map((row) => store.transaction((tx) => tx.insertExchange(row))));
        for (const row of rows) expect(await store.getExchange(row.id)).toStrictEqual(row);
      });
    });

    // ---- audit ----

    describe('audit', () => {
      it('when the audit log is empty, then auditHead is undefined; after inserts it is the highest seq and its hash', async () => {
        await withFreshStore(async (fresh) => {
          await fresh.migrate();
          expect(await fresh.transaction((tx) => tx.auditHead())).toBeUndefined();
          const written = await fresh.transaction(async (tx) => {
            const records = [await appendAudit(tx), await appendAudit(tx), await appendAudit(tx)];
            // Inside the transaction the head already includes its own inserts.
            expect(await tx.auditHead()).toStrictEqual({ seq: records[2]!.seq, hash: records[2]!.hash });
            return records;
          });
          expect(written.map((r) => r.seq)).toStrictEqual([1, 2, 3]);
          expect(await fresh.transaction((tx) => tx.auditHead())).toStrictEqual({ seq: 3, hash: written[2]!.hash });
          expect(await fresh.readAuditChain(1, 100)).toStrictEqual(written);
        });
      });

      it('when a record is written, then it comes back exactly: every field, absent fields absent, same key order', async () => {
        const full: Partial<AuditDraft> = {
          action: 'exchange.submit',
          outcome: 'refused',
          reason: 'consent-missing',
          exchangeId: uid('ex'),
          actor: uid('actor'),
          counterparty: uid('cp'),
          messageType: 'JW301',
          purpose: 'toewijzing',
          processingActivityId: 'pa-0384',
          legalBasis: 'jeugdwet-7.4.0',
          rule: 'jw-301@3',
          policyVersion: '2025.1',
          consentIds: ['c-0384', 'c-ĳ'],
          dataSubjectId: 'ps-0000123',
          dataSubjectIdType: 'bsn-pseudonym',
          releasedFields: [],
          detail: 'Zoë 👶 "quoted"',
        };
        const [rich, minimal] = await store.transaction(async (tx) => [await appendAudit(tx, full), await appendAudit(tx)]);
        const back = await store.readAuditChain(rich.seq, 2);
        expect(back).toStrictEqual([rich, minimal]);
        expect(Object.keys(back[0]!)).toStrictEqual(Object.keys(rich));
        expect(Object.keys(back[1]!)).toStrictEqual(Object.keys(minimal));
        expect('counterparty' in back[1]!).toBe(false);
        expect('exchangeId' in back[1]!).toBe(false);
      });

      it('when the chain is read with its rows, then each comes as written and no stored column differs from its record', async () => {
        const full: Partial<AuditDraft> = { exchangeId: uid('ex'), actor: uid('actor'), counterparty: uid('cp'), purpose: 'toewijzing', dataSubjectId: 'ps-1' };
        const [rich, minimal] = await store.transaction(async (tx) => [await appendAudit(tx, full), await appendAudit(tx)]);
        expect(await store.readAuditChainRows(rich.seq, 2)).toStrictEqual([
          { record: rich, mismatchedColumns: [] },
          { record: minimal, mismatchedColumns: [] },
        ]);
        expect(await store.readAuditChainRows(rich.seq, 0)).toStrictEqual([]);
      });

      it('when a record repeats an existing seq, then insertAudit rejects with audit-write-failed and nothing commits', async () => {
        const first = await store.transaction((tx) => appendAudit(tx));
        const row = exchange();
        const outcome = store.transaction(async (tx) => {
          await tx.insertExchange(row);
          await tx.insertAudit({ ...first, hash: 'f'.repeat(64) });
        });
        await expectGatewayError(outcome, 'audit-write-failed');
        expect(await store.readAuditChain(first.seq, 1)).toStrictEqual([first]);
        expect(await store.getExchange(row.id)).toBeUndefined();
      });

      it('when the chain is read from a seq, then records come in seq order from that seq on, page by page', async () => {
        const written = await store.transaction(async (tx) => {
          const records: AuditRecord[] = [];
          for (let i = 0; i < 5; i++) records.push(await appendAudit(tx));
          return records;
        });
        const from = written[0]!.seq;
        const page1 = await store.readAuditChain(from, 2);
        const page2 = await store.readAuditChain(page1[1]!.seq + 1, 2);
        const page3 = await store.readAuditChain(page2[1]!.seq + 1, 2);
        expect([...page1, ...page2, ...page3]).toStrictEqual(written);
        expect(await store.readAuditChain(written[2]!.seq, 1)).toStrictEqual([written[2]]);
        expect(await store.readAuditChain(written[4]!.seq + 1_000_000, 10)).toStrictEqual([]);
        expect(await store.readAuditChain(from, 0)).toStrictEqual([]);
      });

      it('when audit is listed by exchange, by party (actor or counterparty), after a seq and with a limit, then only matching records come, in seq order', async () => {
        const [a, b, c] = [uid('a'), uid('b'), uid('c')];
        const [x, y] = [uid('x'), uid('y')];
        const r = await store.transaction(async (tx) => [
          await appendAudit(tx, { actor: a, counterparty: b, exchangeId: x }), // 0
          await appendAudit(tx, { actor: b, counterparty: a, exchangeId: x }), // 1
          await appendAudit(tx, { actor: c, counterparty: b, exchangeId: y }), // 2
          await appendAudit(tx, { actor: a, exchangeId: y }), // 3
          await appendAudit(tx, { actor: c, action: 'audit.read', outcome: 'read' }), // 4
          await appendAudit(tx, { actor: a, counterparty: c }), // 5
          await appendAudit(tx, { actor: a, counterparty: a }), // 6: a party acting on itself appears once
        ]);
        const seqs = (records: AuditRecord[]): number[] => records.map((rec) => rec.seq);
        const s = r.map((rec) => rec.seq);

        expect(await store.listAudit({ exchangeId: x, limit: 100 })).toStrictEqual([r[0], r[1]]);
        expect(await store.listAudit({ exchangeId: y, limit: 100 })).toStrictEqual([r[2], r[3]]);
        expect(seqs(await store.listAudit({ party: a, limit: 100 }))).toStrictEqual([s[0], s[1], s[3], s[5], s[6]]);
        expect(seqs(await store.listAudit({ party: b, limit: 100 }))).toStrictEqual([s[0], s[1], s[2]]);
        expect(seqs(await store.listAudit({ party: c, limit: 100 }))).toStrictEqual([s[2], s[4], s[5]]);
        expect(seqs(await store.listAudit({ party: a, exchangeId: y, limit: 100 }))).toStrictEqual([s[3]]);
        expect(seqs(await store.listAudit({ party: b, exchangeId: y, limit: 100 }))).toStrictEqual([s[2]]);
        expect(seqs(await store.listAudit({ party: a, afterSeq: s[1], limit: 100 }))).toStrictEqual([s[3], s[5], s[6]]);
        expect(seqs(await store.listAudit({ exchangeId: x, afterSeq: s[0], limit: 100 }))).toStrictEqual([s[1]]);
        expect(seqs(await store.listAudit({ party: a, limit: 2 }))).toStrictEqual([s[0], s[1]]);
        expect(seqs(await store.listAudit({ party: a, afterSeq: s[1], limit: 1 }))).toStrictEqual([s[3]]);
        expect(await store.listAudit({ party: uid('nobody'), limit: 100 })).toStrictEqual([]);
        expect(await store.listAudit({ party: a, limit: 0 })).toStrictEqual([]);

        const unfiltered = await store.listAudit({ afterSeq: s[3], limit: 2 });
        expect(seqs(unfiltered)).toStrictEqual([s[4], s[5]]);
      });
    });

    // ---- exchanges ----

    describe('exchanges', () => {
      it('when an exchange is inserted, then getExchange returns it exactly; an unknown id gives undefined', async () => {
        const full = exchange();
        const sparse = exchange({
          receiver: null,
          purpose: null,
          status: 'refused',
          subjectPseudonym: null,
          decision: null,
          reason: 'unknown-receiver',
        });
        await insertExchanges(full, sparse);
        expect(await store.getExchange(full.id)).toStrictEqual(full);
        expect(await store.getExchange(sparse.id)).toStrictEqual(sparse);
        expect(await store.getExchange(uid('missing'))).toBeUndefined();
      });

      it('when an exchange is updated, then only the patched fields and updatedAt change', async () => {
        const row = exchange({ reason: 'temporary' });
        await insertExchanges(row);
        await store.transaction((tx) =>
          tx.updateExchange(row.id, { status: 'delivered', receiverReference: 'R-0384', deliveredAt: realNow + 5, updatedAt: realNow + 5 }),
        );
        const delivered = { ...row, status: 'delivered', receiverReference: 'R-0384', deliveredAt: realNow + 5, updatedAt: realNow + 5 };
        expect(await store.getExchange(row.id)).toStrictEqual({ ...delivered, reason: 'temporary' });
        await store.transaction((tx) => tx.updateExchange(row.id, { reason: null, updatedAt: realNow + 9 }));
        expect(await store.getExchange(row.id)).toStrictEqual({ ...delivered, reason: null, updatedAt: realNow + 9 });
      });

      it('when an unknown exchange is updated, then updateExchange rejects with not-found', async () => {
        const outcome = store.transaction((tx) => tx.updateExchange(uid('missing'), { status: 'delivered', updatedAt: realNow }));
        await expectGatewayError(outcome, 'not-found');
      });

      it('when one transaction patches exchanges several times, then the patches apply in order; one unknown id fails them all', async () => {
        const [a, b] = [exchange({ reason: 'start' }), exchange()];
        await insertExchanges(a, b);
        await store.transaction(async (tx) => {
          await tx.updateExchange(a.id, { status: 'delivered', updatedAt: realNow + 1 });
          await tx.updateExchange(b.id, { reason: 'b', updatedAt: realNow + 1 });
          await tx.updateExchange(a.id, { reason: null, receiverReference: 'R-1', updatedAt: realNow + 2 });
          await tx.updateExchange(a.id, { status: 'dead-letter', updatedAt: realNow + 3 });
        });
        expect(await store.getExchange(a.id)).toStrictEqual({ ...a, status: 'dead-letter', reason: null, receiverReference: 'R-1', updatedAt: realNow + 3 });
        expect(await store.getExchange(b.id)).toStrictEqual({ ...b, reason: 'b', updatedAt: realNow + 1 });

        const outcome = store.transaction(async (tx) => {
          await tx.updateExchange(b.id, { reason: 'changed', updatedAt: realNow + 9 });
          await tx.updateExchange(uid('missing'), { status: 'delivered', updatedAt: realNow + 9 });
        });
        await expectGatewayError(outcome, 'not-found');
        expect((await store.getExchange(b.id))?.reason).toBe('b');
      });

      it('when an exchange id is inserted twice, then the second insert rejects', async () => {
        const row = exchange();
        await insertExchanges(row);
        await expect(insertExchanges({ ...row, sender: 'other' })).rejects.toBeInstanceOf(GatewayError);
        expect(await store.getExchange(row.id)).toStrictEqual(row);
      });

      it('when a party lists exchanges, then it gets those it sent or received, newest first by createdAt then id, paged by an id cursor', async () => {
        const p = uid('p');
        const q = uid('q');
        const [tieLow, tieHigh] = [uid('ex'), uid('ex')].sort();
        const e1 = exchange({ sender: p, receiver: q, createdAt: realNow + 1 });
        const e2 = exchange({ sender: q, receiver: p, createdAt: realNow + 2 });
        const other = exchange({ sender: q, receiver: uid('r'), createdAt: realNow + 3 });
        const e4 = exchange({ sender: p, receiver: null, status: 'refused', createdAt: realNow + 4 });
        const e5 = exchange({ id: tieLow, sender: p, receiver: q, createdAt: realNow + 5 });
        const e6 = exchange({ id: tieHigh, sender: q, receiver: p, createdAt: realNow + 5 });
        const self = exchange({ sender: p, receiver: p, createdAt: realNow + 6 });
        await insertExchanges(e5, e1, other, e6, e2, self, e4);

        const expected = [self, e6, e5, e4, e2, e1];
        expect(await store.listExchanges({ party: p, limit: 100 })).toStrictEqual(expected);
        expect(await store.listExchanges({ party: p, limit: 3 })).toStrictEqual(expected.slice(0, 3));

        const pages: ExchangeRow[] = [];
        let before: string | undefined;
        for (;;) {
          const page = await store.listExchanges(before === undefined ? { party: p, limit: 2 } : { party: p, limit: 2, before });
          if (page.length === 0) break;
          pages.push(...page);
          before = page[page.length - 1]!.id;
        }
        expect(pages).toStrictEqual(expected);

        // A cursor inside a createdAt tie continues with the rest of the tie.
        expect(await store.listExchanges({ party: p, limit: 2, before: e6.id })).toStrictEqual([e5, e4]);
        expect(await store.listExchanges({ party: q, limit: 100 })).toStrictEqual([e6, e5, other, e2, e1]);
        expect(await store.listExchanges({ party: uid('nobody'), limit: 100 })).toStrictEqual([]);
        expect(await store.listExchanges({ party: p, limit: 0 })).toStrictEqual([]);
        expect(await store.listExchanges({ party: p, limit: 100, before: uid('unknown') })).toStrictEqual([]);
      });
    });

    // ---- outbox ----

    describe('outbox', () => {
      it('when an outbox row is inserted, then getOutbox returns it exactly; an unknown id gives undefined', async () => {
        const row = outbox(uid('ex'), { endpoint: null, lastError: 'earlier', purgeAfter: realNow + 1, deliveredAt: null });
        await insertOutboxRows(row);
        expect(await store.getOutbox(row.exchangeId)).toStrictEqual(row);
        expect(await store.getOutbox(uid('missing'))).toBeUndefined();
      });

      it('when deliveries are claimed, then only pending, due, unleased rows come back, leased to the claimer', async () => {
        const base = nextWindow();
        const due = outbox(uid('ex'), { nextAttemptAt: base });
        const dueExactlyNow = outbox(uid('ex'), { nextAttemptAt: base + 100 });
        const notDue = outbox(uid('ex'), { nextAttemptAt: base + 101 });
        const delivered = outbox(uid('ex'), { status: 'delivered', nextAttemptAt: base });
        const dead = outbox(uid('ex'), { status: 'dead', nextAttemptAt: base });
        const cancelled = outbox(uid('ex'), { status: 'cancelled', nextAttemptAt: base });
        const leased = outbox(uid('ex'), { nextAttemptAt: base, leaseOwner: 'someone-else', leaseUntil: base + 101 });
        const leaseExpired = outbox(uid('ex'), { nextAttemptAt: base, leaseOwner: 'crashed', leaseUntil: base + 100 });
        await insertOutboxRows(due, dueExactlyNow, notDue, delivered, dead, cancelled, leased, leaseExpired);

        const owner = uid('dispatcher');
        const claimed = await store.claimDueDeliveries({ now: base + 100, limit: 100, leaseMs: 30_000, owner });
        const lease = { leaseOwner: owner, leaseUntil: base + 100 + 30_000 };
        const byId = new Map(claimed.map((row) => [row.exchangeId, row]));
        expect(claimed).toHaveLength(3);
        expect(byId.get(due.exchangeId)).toStrictEqual({ ...due, ...lease, unrecordedAttempts: 0 });
        expect(byId.get(dueExactlyNow.exchangeId)).toStrictEqual({ ...dueExactlyNow, ...lease, unrecordedAttempts: 0 });
        // The crashed claimer's attempt is counted: once in attempts, and as not yet recorded.
        expect(byId.get(leaseExpired.exchangeId)).toStrictEqual({ ...leaseExpired, ...lease, attempts: leaseExpired.attempts + 1, unrecordedAttempts: 1 });
        expect(await store.getOutbox(due.exchangeId)).toStrictEqual({ ...due, ...lease });
        expect(await store.getOutbox(notDue.exchangeId)).toStrictEqual(notDue);
        expect(await store.getOutbox(leased.exchangeId)).toStrictEqual(leased);
      });

      it('when rows are leased, then a second claim before the lease expires does not get them and one after expiry does', async () => {
        const base = nextWindow();
        const rows = [outbox(uid('ex'), { nextAttemptAt: base }), outbox(uid('ex'), { nextAttemptAt: base + 1 })];
        await insertOutboxRows(...rows);
        const ids = rows.map((r) => r.exchangeId).sort();

        const first = await store.claimDueDeliveries({ now: base + 10, limit: 10, leaseMs: 1_000, owner: 'a' });
        expect(first.map((r) => r.exchangeId).sort()).toStrictEqual(ids);
        expect(await store.claimDueDeliveries({ now: base + 10, limit: 10, leaseMs: 1_000, owner: 'b' })).toStrictEqual([]);
        expect(await store.claimDueDeliveries({ now: base + 1_009, limit: 10, leaseMs: 1_000, owner: 'b' })).toStrictEqual([]);

        const second = await store.claimDueDeliveries({ now: base + 1_010, limit: 10, leaseMs: 1_000, owner: 'b' });
        expect(second.map((r) => r.exchangeId).sort()).toStrictEqual(ids);
        expect(second.every((r) => r.leaseOwner === 'b' && r.leaseUntil === base + 2_010)).toBe(true);
      });

      it('when more rows are due than the limit, then the claim takes the limit, earliest due first', async () => {
        const base = nextWindow();
        const rows = [5, 1, 4, 2, 3].map((offset) => outbox(uid('ex'), { nextAttemptAt: base + offset }));
        await insertOutboxRows(...rows);
        const earliest = [...rows].sort((a, b) => a.nextAttemptAt - b.nextAttemptAt).map((r) => r.exchangeId);

        const claimed = await store.claimDueDeliveries({ now: base + 10, limit: 2, leaseMs: 60_000, owner: 'a' });
        expect(claimed.map((r) => r.exchangeId).sort()).toStrictEqual(earliest.slice(0, 2).sort());
        const rest = await store.claimDueDeliveries({ now: base + 10, limit: 10, leaseMs: 60_000, owner: 'b' });
        expect(rest.map((r) => r.exchangeId).sort()).toStrictEqual(earliest.slice(2).sort());
        expect(await store.claimDueDeliveries({ now: base + 10, limit: 0, leaseMs: 60_000, owner: 'c' })).toStrictEqual([]);
      });

      it('when several dispatchers claim concurrently, then no row is handed to two of them', async () => {
        const base = nextWindow();
        const rows = Array.from({ length: 30 }, (_, i) => outbox(uid('ex'), { nextAttemptAt: base + i }));
        await insertOutboxRows(...rows);
        const owners = Array.from({ length: 6 }, (_, i) => `dispatcher-${i}-${randomUUID()}`);

        const claims = await Promise.all(
          owners.map((owner) => store.claimDueDeliveries({ now: base + 100, limit: 4, leaseMs: 60_000, owner })),
        );
        const claimedIds = claims.flat().map((r) => r.exchangeId);
        expect(claimedIds).toHaveLength(24); // 6 × 4: enough rows for every claimer to fill its limit
        expect(new Set(claimedIds).size).toBe(claimedIds.length);
        const mine = new Set(rows.map((r) => r.exchangeId));
        expect(claimedIds.every((id) => mine.has(id))).toBe(true);
        for (const [i, claim] of claims.entries()) {
          for (const row of claim) expect((await store.getOutbox(row.exchangeId))?.leaseOwner).toBe(owners[i]);
        }

        const more = await Promise.all(
          owners.map((owner) => store.claimDueDeliveries({ now: base + 100, limit: 4, leaseMs: 60_000, owner })),
        );
        const moreIds = more.flat().map((r) => r.exchangeId);
        expect(moreIds).toHaveLength(6);
        expect(new Set([...claimedIds, ...moreIds]).size).toBe(30);
      });

      it('when deliveries are claimed inside a transaction, then the claim sees the rows it inserted, its leases hold once it commits, and a rollback leaves every row unleased', async () => {
        const base = nextWindow();
        const before = outbox(uid('ex'), { nextAttemptAt: base });
        const within = outbox(uid('ex'), { nextAttemptAt: base + 1 });
        await insertOutboxRows(before);
        const claimed = await store.transaction(async (tx) => {
          await tx.insertExchange(exchange({ id: within.exchangeId }));
          await tx.insertOutbox(within);
          return tx.claimDueDeliveries({ now: base + 10, limit: 10, leaseMs: 60_000, owner: 'a' });
        });
        expect(claimed.map((r) => r.exchangeId)).toStrictEqual([before.exchangeId, within.exchangeId]);
        for (const row of [before, within]) expect(await store.getOutbox(row.exchangeId)).toStrictEqual({ ...row, leaseOwner: 'a', leaseUntil: base + 60_010 });

        const rolledBack = outbox(uid('ex'), { nextAttemptAt: base + 2 });
        await insertOutboxRows(rolledBack);
        await expect(
          store.transaction(async (tx) => {
            expect((await tx.claimDueDeliveries({ now: base + 10, limit: 10, leaseMs: 60_000, owner: 'b' })).map((r) => r.exchangeId)).toStrictEqual([rolledBack.exchangeId]);
            throw new Error('the batch failed');
          }),
        ).rejects.toThrow('the batch failed');
        expect(await store.getOutbox(rolledBack.exchangeId)).toStrictEqual(rolledBack);
        expect((await store.claimDueDeliveries({ now: base + 10, limit: 10, leaseMs: 60_000, owner: 'c' })).map((r) => r.exchangeId)).toStrictEqual([rolledBack.exchangeId]);
      });

      it('when several dispatchers claim concurrently inside transactions, then no row is handed to two of them', async () => {
        const base = nextWindow();
        const rows = Array.from({ length: 20 }, (_, i) => outbox(uid('ex'), { nextAttemptAt: base + i }));
        await insertOutboxRows(...rows);
        const owners = Array.from({ length: 5 }, (_, i) => `tx-dispatcher-${i}-${randomUUID()}`);
        const claims = await Promise.all(
          owners.map((owner) => store.transaction((tx) => tx.claimDueDeliveries({ now: base + 100, limit: 4, leaseMs: 60_000, owner }))),
        );
        const claimedIds = claims.flat().map((r) => r.exchangeId);
        expect(claimedIds).toHaveLength(20);
        expect(new Set(claimedIds)).toStrictEqual(new Set(rows.map((r) => r.exchangeId)));
        for (const [i, claim] of claims.entries()) {
          for (const row of claim) expect((await store.getOutbox(row.exchangeId))?.leaseOwner).toBe(owners[i]);
        }
      });

      it('when a row is settled, then a non-owner gets false and the owner gets true, with the patch applied and the lease cleared', async () => {
        const base = nextWindow();
        const row = outbox(uid('ex'), { nextAttemptAt: base });
        await insertOutboxRows(row);
        const [claimed] = await store.claimDueDeliveries({ now: base, limit: 1, leaseMs: 60_000, owner: 'owner' });
        expect(claimed?.exchangeId).toBe(row.exchangeId);

        const patch = { status: 'delivered', attempts: 1, deliveredAt: base + 7, purgeAfter: base + 1_000, lastError: null } as const;
        expect(await store.transaction((tx) => tx.settleOutbox(row.exchangeId, 'intruder', patch))).toBe(false);
        const { unrecordedAttempts, ...claimedRow } = claimed!;
        expect(unrecordedAttempts).toBe(0);
        expect(await store.getOutbox(row.exchangeId)).toStrictEqual(claimedRow);

        expect(await store.transaction((tx) => tx.settleOutbox(row.exchangeId, 'owner', patch))).toBe(true);
        const settled = { ...row, ...patch, leaseOwner: null, leaseUntil: null };
        expect(await store.getOutbox(row.exchangeId)).toStrictEqual(settled);
        // The lease is gone, so settling again is refused too.
        expect(await store.transaction((tx) => tx.settleOutbox(row.exchangeId, 'owner', { attempts: 9 }))).toBe(false);
        expect(await store.transaction((tx) => tx.settleOutbox(uid('missing'), 'owner', { attempts: 9 }))).toBe(false);
        expect(await store.getOutbox(row.exchangeId)).toStrictEqual(settled);
      });

      it('when a retry is settled with a partial patch, then other fields stay and the row is claimable again when due', async () => {
        const base = nextWindow();
        const row = outbox(uid('ex'), { nextAttemptAt: base, lastError: null });
        await insertOutboxRows(row);
        await store.claimDueDeliveries({ now: base, limit: 1, leaseMs: 60_000, owner: 'a' });
        const settled = await store.transaction((tx) =>
          tx.settleOutbox(row.exchangeId, 'a', { attempts: 1, nextAttemptAt: base + 500, lastError: 'timeout' }),
        );
        expect(settled).toBe(true);
        expect(await store.getOutbox(row.exchangeId)).toStrictEqual({ ...row, attempts: 1, nextAttemptAt: base + 500, lastError: 'timeout' });
        expect(await store.claimDueDeliveries({ now: base + 499, limit: 10, leaseMs: 60_000, owner: 'b' })).toStrictEqual([]);
        const again = await store.claimDueDeliveries({ now: base + 500, limit: 10, leaseMs: 60_000, owner: 'b' });
        expect(again.map((r) => r.exchangeId)).toStrictEqual([row.exchangeId]);
      });

      it('when leases expire again and again before a settle, then each lost attempt is counted once, and the settle sets the unrecorded count back to 0', async () => {
        const base = nextWindow();
        const row = outbox(uid('ex'), { nextAttemptAt: base, attempts: 2 });
        await insertOutboxRows(row);
        const first = await store.claimDueDeliveries({ now: base, limit: 1, leaseMs: 100, owner: 'killed-1' });
        expect(first.map((r) => [r.attempts, r.unrecordedAttempts])).toStrictEqual([[2, 0]]);
        const second = await store.claimDueDeliveries({ now: base + 100, limit: 1, leaseMs: 100, owner: 'killed-2' });
        expect(second.map((r) => [r.attempts, r.unrecordedAttempts])).toStrictEqual([[3, 1]]);
        const third = await store.claimDueDeliveries({ now: base + 200, limit: 1, leaseMs: 100, owner: 'survivor' });
        expect(third.map((r) => [r.attempts, r.unrecordedAttempts])).toStrictEqual([[4, 2]]);
        // The killed owners' settles are refused; the survivor records its attempt (the fifth).
        expect(await store.transaction((tx) => tx.settleOutbox(row.exchangeId, 'killed-1', { attempts: 3 }))).toBe(false);
        expect(await store.transaction((tx) => tx.settleOutbox(row.exchangeId, 'survivor', { attempts: 5, nextAttemptAt: base + 1_000, lastError: 'timeout' }))).toBe(true);
        expect(await store.getOutbox(row.exchangeId)).toStrictEqual({ ...row, attempts: 5, nextAttemptAt: base + 1_000, lastError: 'timeout' });
        // Claimed again after a settle (no lease left): nothing lost, nothing counted.
        const after = await store.claimDueDeliveries({ now: base + 1_000, limit: 1, leaseMs: 100, owner: 'next' });
        expect(after.map((r) => [r.attempts, r.unrecordedAttempts])).toStrictEqual([[5, 0]]);
      });

      it('when a lease expired and another dispatcher took the row over, then the first owner cannot settle it', async () => {
        const base = nextWindow();
        const row = outbox(uid('ex'), { nextAttemptAt: base });
        await insertOutboxRows(row);
        await store.claimDueDeliveries({ now: base, limit: 1, leaseMs: 100, owner: 'slow' });
        const takeover = await store.claimDueDeliveries({ now: base + 100, limit: 1, leaseMs: 100, owner: 'fast' });
        expect(takeover.map((r) => r.leaseOwner)).toStrictEqual(['fast']);
        expect(await store.transaction((tx) => tx.settleOutbox(row.exchangeId, 'slow', { status: 'dead' }))).toBe(false);
        expect(await store.transaction((tx) => tx.settleOutbox(row.exchangeId, 'fast', { status: 'delivered' }))).toBe(true);
        expect((await store.getOutbox(row.exchangeId))?.status).toBe('delivered');
      });

      it('when payloads are purged, then only rows whose purgeAfter <= now lose their payload, and a second purge finds none', async () => {
        const base = nextWindow();
        const expired = outbox(uid('ex'), { status: 'delivered', purgeAfter: base - 1 });
        const expiresNow = outbox(uid('ex'), { status: 'dead', purgeAfter: base });
        const later = outbox(uid('ex'), { status: 'delivered', purgeAfter: base + 1 });
        const never = outbox(uid('ex'), { purgeAfter: null });
        await insertOutboxRows(expired, expiresNow, later, never);

        expect(await store.purgePayloads(base)).toBe(2);
        expect(await store.getOutbox(expired.exchangeId)).toStrictEqual({ ...expired, payload: null });
        expect(await store.getOutbox(expiresNow.exchangeId)).toStrictEqual({ ...expiresNow, payload: null });
        expect(await store.getOutbox(later.exchangeId)).toStrictEqual(later);
        expect(await store.getOutbox(never.exchangeId)).toStrictEqual(never);
        expect(await store.purgePayloads(base)).toBe(0);
        // Reclaiming the space changes no row (what it does to the files: retention-bytes.test.ts).
        expect(await store.reclaimPurgedSpace()).toMatch(store.kind === 'sqlite' ? /^secure_delete on; WAL checkpointed/ : /^VACUUM/);
        expect(await store.getOutbox(later.exchangeId)).toStrictEqual(later);
      });

      it('when an inbox item is never acknowledged, then its payload is purged once its purgeAfter has passed', async () => {
        // Regression (review): inbox payloads were only dropped on acknowledgement, so a receiver that
        // never pulled left the child's data in the gateway for ever.
        const base = nextWindow();
        const expired = inboxItem({ purgeAfter: base });
        const later = inboxItem({ purgeAfter: base + 1 });
        await store.transaction(async (tx) => {
          await tx.insertInboxItem(expired);
          await tx.insertInboxItem(later);
        });
        expect(await store.purgePayloads(base)).toBe(1);
        expect((await store.getInboxItem(expired.receiver, expired.exchangeId))?.payload).toBeNull();
        expect(await store.getInboxItem(later.receiver, later.exchangeId)).toStrictEqual(later);
      });

      it('when rows are added, then countOutbox counts each status (all four present)', async () => {
        const before = await store.countOutbox();
        expect(Object.keys(before).sort()).toStrictEqual(['cancelled', 'dead', 'delivered', 'pending']);
        const statuses: OutboxStatus[] = ['pending', 'pending', 'pending', 'delivered', 'dead', 'dead'];
        await insertOutboxRows(...statuses.map((status) => outbox(uid('ex'), { status })));
        expect(await store.countOutbox()).toStrictEqual({
          pending: before.pending + 3,
          delivered: before.delivered + 1,
          dead: before.dead + 2,
          cancelled: before.cancelled,
        });
      });
    });

    // ---- idempotency ----

    describe('signals closed together', () => {
      const signal = (source: string, key: string, status: Signal['status'] = 'open'): Signal => ({
        id: uid('sig'),
        source,
        key,
        kind: 'overdue',
        rule: 'OP274',
        title: 'Antwoord op verzoek om toewijzing te laat',
        owedBy: 'gemeente-diemen',
        refs: { messageType: 'JW315' },
        dueDay: '2026-12-01',
        status,
        raisedAt: realNow,
        ...(status === 'closed' ? { closedAt: realNow, closedReason: 'met' as const } : {}),
      });

      it('when several keys are closed in one call, then each open signal among them closes once, in the order the keys were given, and nothing else moves', async () => {
        const source = uid('source');
        const [a, b, c, done] = [signal(source, uid('k')), signal(source, uid('k')), signal(source, uid('k')), signal(source, uid('k'), 'closed')];
        const elsewhere = signal(uid('other-source'), b.key);
        const keys = [c.key, uid('never-raised'), a.key, done.key, b.key];
        const closed = await store.transaction(async (tx) => {
          for (const s of [a, b, c, done, elsewhere]) expect(await tx.insertSignal(s)).toBe(true);
          return tx.closeSignals({ source, keys, reason: 'cancelled', byExchange: 'ex-1', now: realNow + 5 });
        });
        expect(closed.map((s) => s.id)).toStrictEqual([c.id, a.id, b.id]);
        expect(closed.every((s) => s.status === 'closed' && s.closedReason === 'cancelled' && s.closedByExchange === 'ex-1' && s.closedAt === realNow + 5)).toBe(true);
        const again = await store.transaction((tx) => tx.closeSignals({ source, keys, reason: 'met', now: realNow + 6 }));
        expect(again).toStrictEqual([]);
        const many = Array.from({ length: 230 }, () => signal(source, uid('k')));
        const closedMany = await store.transaction(async (tx) => {
          for (const s of many) await tx.insertSignal(s);
          return tx.closeSignals({ source, keys: [...many].reverse().map((s) => s.key), reason: 'met', now: realNow + 7 });
        });
        expect(closedMany.map((s) => s.id)).toStrictEqual([...many].reverse().map((s) => s.id));
        const stillOpen = await store.transaction((tx) => tx.closeSignals({ source: elsewhere.source, keys: [elsewhere.key], reason: 'met', now: realNow + 8 }));
        expect(stillOpen.map((s) => s.id)).toStrictEqual([elsewhere.id]);
      });
    });

    describe('idempotency', () => {
      it('when a record is put, then get returns it exactly; another party or key gives undefined', async () => {
        const record = idempotency();
        await store.transaction((tx) => tx.putIdempotency(record));
        expect(await store.getIdempotency(record.party, record.key)).toStrictEqual(record);
        expect(await store.getIdempotency(uid('party'), record.key)).toBeUndefined();
        expect(await store.getIdempotency(record.party, uid('key'))).toBeUndefined();
      });

      it('when two parties use the same key, then each has its own record', async () => {
        const key = uid('key');
        const a = idempotency({ key });
        const b = idempotency({ key, statusCode: 400, response: { type: 'invalid-input' } });
        await store.transaction(async (tx) => {
          await tx.putIdempotency(a);
          await tx.putIdempotency(b);
        });
        expect(await store.getIdempotency(a.party, key)).toStrictEqual(a);
        expect(await store.getIdempotency(b.party, key)).toStrictEqual(b);
      });

      it('when the same (party, key) is put twice, then the second put rejects with idempotency-conflict and the first stays', async () => {
        const record = idempotency();
        await store.transaction((tx) => tx.putIdempotency(record));
        const outcome = store.transaction((tx) => tx.putIdempotency({ ...record, requestHash: 'other', statusCode: 500 }));
        await expectGatewayError(outcome, 'idempotency-conflict');
        expect(await store.getIdempotency(record.party, record.key)).toStrictEqual(record);
      });
    });

    // ---- iJw pairings (retour routing) ----

    describe('iJw pairings', () => {
      const pairing = (overrides: Partial<IjwPairing> = {}): IjwPairing => ({
        exchangeId: uid('ex'),
        messageType: 'JW315',
        afzender: '42420001',
        identificatie: uid('id').slice(0, 12),
        dagtekening: '2026-04-01',
        sender: uid('party'),
        receiver: uid('party'),
        createdAt: realNow,
        ...overrides,
      });

      it('when a pairing is recorded, then the key finds it, and a key differing in any part finds nothing', async () => {
        const p = pairing();
        await store.transaction((tx) => tx.insertIjwPairing(p));
        const key = { messageType: p.messageType, afzender: p.afzender, identificatie: p.identificatie, dagtekening: p.dagtekening };
        expect(await store.findIjwPairing(key)).toStrictEqual(p);
        expect(await store.findIjwPairing({ ...key, messageType: 'JW301' })).toBeUndefined();
        expect(await store.findIjwPairing({ ...key, afzender: '0384' })).toBeUndefined();
        expect(await store.findIjwPairing({ ...key, identificatie: 'other' })).toBeUndefined();
        expect(await store.findIjwPairing({ ...key, dagtekening: '2026-04-02' })).toBeUndefined();
      });

      it('when the same exchange is recorded twice, then the first stays; when two exchanges share a key, then the latest wins', async () => {
        const first = pairing();
        await store.transaction(async (tx) => {
          await tx.insertIjwPairing(first);
          await tx.insertIjwPairing({ ...first, receiver: 'someone-else' });
        });
        const key = { messageType: first.messageType, afzender: first.afzender, identificatie: first.identificatie, dagtekening: first.dagtekening };
        expect((await store.findIjwPairing(key))?.receiver).toBe(first.receiver);
        const later = pairing({ ...key, createdAt: realNow + 1 });
        await store.transaction((tx) => tx.insertIjwPairing(later));
        expect((await store.findIjwPairing(key))?.exchangeId).toBe(later.exchangeId);
      });

      it('when the transaction that records a pairing rolls back, then the pairing is not there', async () => {
        const p = pairing();
        await expect(
          store.transaction(async (tx) => {
            await tx.insertIjwPairing(p);
            throw new GatewayError('internal', { detail: 'roll back' });
          }),
        ).rejects.toThrow('roll back');
        expect(await store.findIjwPairing({ messageType: p.messageType, afzender: p.afzender, identificatie: p.identificatie, dagtekening: p.dagtekening })).toBeUndefined();
      });
    });

    // ---- inbox ----

    describe('inbox', () => {
      it('when an item is inserted twice, then the first stays and the second is ignored', async () => {
        const item = inboxItem();
        await store.transaction((tx) => tx.insertInboxItem(item));
        await store.transaction((tx) => tx.insertInboxItem({ ...item, payload: { other: true }, createdAt: realNow + 1 }));
        expect(await store.getInboxItem(item.receiver, item.exchangeId)).toStrictEqual(item);
        expect(await store.listInbox(item.receiver, { limit: 10, includeAcknowledged: true })).toStrictEqual([item]);
      });

      it('when a receiver lists its inbox, then it gets only its own unacknowledged items, oldest first, up to the limit', async () => {
        const receiver = uid('receiver');
        const items = [3, 1, 2].map((offset) => inboxItem({ receiver, createdAt: realNow + offset }));
        const foreign = inboxItem({ createdAt: realNow });
        await store.transaction(async (tx) => {
          for (const item of [...items, foreign]) await tx.insertInboxItem(item);
        });
        const oldestFirst = [...items].sort((a, b) => a.createdAt - b.createdAt);
        expect(await store.listInbox(receiver, { limit: 10, includeAcknowledged: false })).toStrictEqual(oldestFirst);
        expect(await store.listInbox(receiver, { limit: 2, includeAcknowledged: false })).toStrictEqual(oldestFirst.slice(0, 2));
        expect(await store.listInbox(uid('receiver'), { limit: 10, includeAcknowledged: true })).toStrictEqual([]);
        expect(await store.getInboxItem(receiver, foreign.exchangeId)).toBeUndefined();
        expect(await store.getInboxItem(foreign.receiver, items[0]!.exchangeId)).toBeUndefined();
      });

      it('when an item is acknowledged, then its payload is dropped, it leaves the default list, and only its receiver can ack it once', async () => {
        const receiver = uid('receiver');
        const item = inboxItem({ receiver, createdAt: realNow + 1 });
        const open = inboxItem({ receiver, createdAt: realNow + 2 });
        await store.transaction(async (tx) => {
          await tx.insertInboxItem(item);
          await tx.insertInboxItem(open);
        });

        expect(await store.transaction((tx) => tx.ackInboxItem(uid('receiver'), item.exchangeId, realNow + 10))).toBe(false);
        expect(await store.getInboxItem(receiver, item.exchangeId)).toStrictEqual(item);

        expect(await store.transaction((tx) => tx.ackInboxItem(receiver, item.exchangeId, realNow + 10))).toBe(true);
        const acked = { ...item, payload: null, ackedAt: realNow + 10 };
        expect(await store.getInboxItem(receiver, item.exchangeId)).toStrictEqual(acked);

        expect(await store.transaction((tx) => tx.ackInboxItem(receiver, item.exchangeId, realNow + 20))).toBe(false);
        expect(await store.transaction((tx) => tx.ackInboxItem(receiver, uid('missing'), realNow + 20))).toBe(false);
        expect(await store.getInboxItem(receiver, item.exchangeId)).toStrictEqual(acked);

        expect(await store.listInbox(receiver, { limit: 10, includeAcknowledged: false })).toStrictEqual([open]);
        expect(await store.listInbox(receiver, { limit: 10, includeAcknowledged: true })).toStrictEqual([acked, open]);
      });
    });

    // ---- cluster lock ----

    describe('cluster lock', () => {
      it('when the lock is free, then fn runs, its value comes back, and the lock is free again afterwards', async () => {
        const name = uid('job');
        expect(await store.tryWithClusterLock(name, () => Promise.resolve({ n: 1 }))).toStrictEqual({ ran: true, value: { n: 1 } });
        expect(await store.tryWithClusterLock(name, () => Promise.resolve('again'))).toStrictEqual({ ran: true, value: 'again' });
      });

      it('when the lock is held, then a second call with the same name does not run fn and does not wait; another name runs', async () => {
        const name = uid('job');
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let entered!: () => void;
        const inside = new Promise<void>((r) => (entered = r));
        const holder = store.tryWithClusterLock(name, async () => {
          entered();
          await gate;
          return 'holder';
        });
        await inside;
        let ranSecond = false;
        const second = await store.tryWithClusterLock(name, () => {
          ranSecond = true;
          return Promise.resolve('second');
        });
        expect(second).toStrictEqual({ ran: false });
        expect(ranSecond).toBe(false);
        expect(await store.tryWithClusterLock(uid('other-job'), () => Promise.resolve('other'))).toStrictEqual({ ran: true, value: 'other' });
        release();
        expect(await holder).toStrictEqual({ ran: true, value: 'holder' });
        expect(await store.tryWithClusterLock(name, () => Promise.resolve('after'))).toStrictEqual({ ran: true, value: 'after' });
      });

      it('when fn rejects, then the rejection is passed on and the lock is released', async () => {
        const name = uid('job');
        const boom = new Boom('job failed');
        await expect(store.tryWithClusterLock(name, () => Promise.reject(boom))).rejects.toBe(boom);
        expect(await store.tryWithClusterLock(name, () => Promise.resolve(7))).toStrictEqual({ ran: true, value: 7 });
      });

      it('when several callers race for one lock while it is held, then exactly one runs', async () => {
        const name = uid('job');
        let running = 0;
        let maxRunning = 0;
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const safety = setTimeout(() => release(), 5_000); // if a second caller ran, the gate would never open
        const calls = Array.from({ length: 6 }, () =>
          store.tryWithClusterLock(name, async () => {
            running++;
            maxRunning = Math.max(maxRunning, running);
            await gate; // hold the lock until every other caller has been turned away
            running--;
            return true;
          }),
        );
        let turnedAway = 0;
        for (const call of calls) {
          void call.then((r) => {
            if (!r.ran && ++turnedAway === calls.length - 1) release();
          });
        }
        const results = await Promise.all(calls);
        clearTimeout(safety);
        expect(results.filter((r) => r.ran)).toHaveLength(1);
        expect(maxRunning).toBe(1);
      });

      it('when the store is closed, then tryWithClusterLock rejects with store-unavailable', async () => {
        await withFreshStore(async (fresh) => {
          await fresh.migrate();
          await fresh.close();
          await expectGatewayError(fresh.tryWithClusterLock(uid('job'), () => Promise.resolve(1)), 'store-unavailable');
        });
      });
    });

    // ---- JSON values ----

    // ---- consent registry, cancellation, decision inputs, reviews, subject queries ----

    describe('consents', () => {
      it('when a consent is recorded, then it comes back exactly, active; an unknown id gives undefined', async () => {
        const record = consentRecord();
        await store.transaction((tx) => tx.insertConsent(record));
        expect(await store.getConsent(record.id)).toStrictEqual(record);
        expect(await store.getConsent(uid('missing'))).toBeUndefined();
      });

      it('when a consent is revoked, then it is kept with its revocation and the grant unchanged; revoking twice is refused', async () => {
        const record = consentRecord();
        await store.transaction((tx) => tx.insertConsent(record));
        const revocation = { revokedAt: new Date(realNow + 5_000).toISOString(), recordedBy: 'party-a', revokedBy: { capacity: 'child' as const, reference: 'kind' }, reason: 'wil het niet meer' };
        expect(await store.transaction((tx) => tx.revokeConsent(record.id, revocation))).toBe(true);
        expect(await store.getConsent(record.id)).toStrictEqual({ ...record, status: 'revoked', revocation });
        expect(await store.transaction((tx) => tx.revokeConsent(record.id, { ...revocation, reason: 'again' }))).toBe(false);
        expect((await store.getConsent(record.id))?.revocation).toStrictEqual(revocation);
        expect(await store.transaction((tx) => tx.revokeConsent(uid('missing'), revocation))).toBe(false);
      });

      it('when the same consent id is recorded twice, then the second fails and nothing of its transaction stays', async () => {
        const record = consentRecord();
        await store.transaction((tx) => tx.insertConsent(record));
        const other = exchange();
        await expect(
          store.transaction(async (tx) => {
            await tx.insertExchange(other);
            await tx.insertConsent({ ...record, kind: 'objection' });
          }),
        ).rejects.toBeInstanceOf(GatewayError);
        expect(await store.getExchange(other.id)).toBeUndefined();
        expect((await store.getConsent(record.id))?.kind).toBe('permit');
      });

      it("when consents are listed, then by child or by registering party, in registration order, with a cursor; inside a transaction all of the child's", async () => {
        const subject = uid('pseudo');
        const party = uid('party');
        const first = consentRecord({ subjectPseudonym: subject, registeredBy: party, registeredAt: new Date(realNow + 1).toISOString() });
        const second = consentRecord({ subjectPseudonym: subject, registeredBy: uid('party'), registeredAt: new Date(realNow + 2).toISOString() });
        const third = consentRecord({ subjectPseudonym: uid('pseudo'), registeredBy: party, registeredAt: new Date(realNow + 3).toISOString() });
        await store.transaction(async (tx) => {
          for (const r of [third, second, first]) await tx.insertConsent(r);
          await tx.revokeConsent(second.id, { revokedAt: new Date(realNow + 9).toISOString(), recordedBy: 'po' });
        });
        expect((await store.listConsents({ subjectPseudonym: subject, limit: 10 })).map((r) => r.id)).toEqual([first.id, second.id]);
        expect((await store.listConsents({ registeredBy: party, limit: 10 })).map((r) => r.id)).toEqual([first.id, third.id]);
        expect((await store.listConsents({ subjectPseudonym: subject, registeredBy: party, limit: 10 })).map((r) => r.id)).toEqual([first.id]);
        expect((await store.listConsents({ subjectPseudonym: subject, limit: 1 })).map((r) => r.id)).toEqual([first.id]);
        expect((await store.listConsents({ subjectPseudonym: subject, limit: 10, after: first.id })).map((r) => r.id)).toEqual([second.id]);
        expect(await store.listConsents({ subjectPseudonym: subject, limit: 10, after: uid('missing') })).toEqual([]);
        const inTx = await store.transaction((tx) => tx.listSubjectConsents(subject));
        expect(inTx.map((r) => [r.id, r.status])).toEqual([[first.id, 'active'], [second.id, 'revoked']]);
      });
    });

    describe("who sent this child's request (row 11)", () => {
      it("when requests were exchanged about a child, then the senders of that type that were not refused are listed, distinct, with this transaction's own", async () => {
        const subject = uid('pseudo');
        const [a, b, c] = [uid('party-a'), uid('party-b'), uid('party-c')];
        const vto = (sender: string, over: Partial<ExchangeRow> = {}): ExchangeRow => exchange({ subjectPseudonym: subject, sender, messageType: 'VerzoekTotOnderzoek', purpose: 'verzoek-tot-onderzoek', ...over });
        await store.transaction(async (tx) => {
          for (const row of [vto(a), vto(a, { status: 'delivered' }), vto(b, { status: 'refused' }), vto(c, { messageType: 'VeiligThuisMelding' }), vto(c, { subjectPseudonym: uid('pseudo') })]) await tx.insertExchange(row);
        });
        const found = await store.transaction(async (tx) => {
          const before = await tx.listSubjectRequestSenders(subject, 'VerzoekTotOnderzoek');
          await tx.insertExchange(vto(c));
          return { before, after: await tx.listSubjectRequestSenders(subject, 'VerzoekTotOnderzoek') };
        });
        expect(found.before).toEqual([a]);
        expect(found.after).toEqual([a, c].sort());
      });
    });

    describe('cancelling deliveries on revocation', () => {
      it("when a consent is revoked, then exactly the child's pending deliveries resting on it are cancelled, leased ones too, and nothing else", async () => {
        const subject = uid('pseudo');
        const consent = uid('consent');
        const otherConsent = uid('consent');
        const onIt = (consentIds: string[], subjectPseudonym = subject): ExchangeRow => exchange({ subjectPseudonym, decision: { ...decision, consentIds } });
        const pending = onIt([consent]);
        const leased = onIt([otherConsent, consent]);
        const delivered = onIt([consent]);
        const otherBasis = onIt([otherConsent]);
        const otherChild = onIt([consent], uid('pseudo'));
        const now = realNow + 60_000;
        await store.transaction(async (tx) => {
          for (const [row, patch] of [
            [pending, {}],
            [leased, { leaseOwner: 'dispatcher-1', leaseUntil: now + 10_000 }],
            [delivered, { status: 'delivered' as const, deliveredAt: now - 1 }],
            [otherBasis, {}],
            [otherChild, {}],
          ] as const) {
            await tx.insertExchange(row);
            await tx.insertOutbox(outbox(row.id, patch));
            await tx.insertDecisionInput({ exchangeId: row.id, subject: { hasBsn: true, birthDate: '2012-03-01' } });
          }
        });
        const cancelled = await store.transaction((tx) => tx.cancelPendingDeliveries({ subjectPseudonym: subject, consentId: consent, now }));
        expect(cancelled.sort((a, b) => (a.exchangeId < b.exchangeId ? -1 : 1))).toStrictEqual(
          [
            { exchangeId: pending.id, receiver: 'receiver-party', messageType: 'JW301', purpose: 'toewijzing', wasLeased: false },
            { exchangeId: leased.id, receiver: 'receiver-party', messageType: 'JW301', purpose: 'toewijzing', wasLeased: true },
          ].sort((a, b) => (a.exchangeId < b.exchangeId ? -1 : 1)),
        );
        for (const row of [pending, leased]) {
          expect(await store.getOutbox(row.id)).toMatchObject({ status: 'cancelled', payload: null, leaseOwner: null, leaseUntil: null });
          expect(await store.transaction((tx) => tx.getDecisionInput(row.id))).toBeUndefined();
        }
        expect((await store.getOutbox(delivered.id))?.status).toBe('delivered');
        expect((await store.getOutbox(otherBasis.id))?.status).toBe('pending');
        expect((await store.getOutbox(otherChild.id))?.status).toBe('pending');
        expect(await store.transaction((tx) => tx.getDecisionInput(otherBasis.id))).toBeDefined();
        expect(await store.transaction((tx) => tx.cancelPendingDeliveries({ subjectPseudonym: subject, consentId: consent, now }))).toEqual([]);
      });
    });

    describe('decision inputs', () => {
      it('when a decision input is recorded, then it comes back exactly; it goes when the payload is purged', async () => {
        const base = nextWindow();
        const row = outbox(uid('ex'), { status: 'delivered', purgeAfter: base });
        const kept = outbox(uid('ex'), { status: 'delivered', purgeAfter: base + 1 });
        await insertOutboxRows(row, kept);
        const input = { exchangeId: row.exchangeId, subject: { hasBsn: true, birthDate: '2014-02-28', secretAddress: false, safetyRisk: true } };
        await store.transaction(async (tx) => {
          await tx.insertDecisionInput(input);
          await tx.insertDecisionInput({ exchangeId: kept.exchangeId, subject: { hasBsn: false } });
        });
        expect(await store.transaction((tx) => tx.getDecisionInput(row.exchangeId))).toStrictEqual(input);
        expect(await store.transaction((tx) => tx.getDecisionInput(uid('missing')))).toBeUndefined();
        await store.purgePayloads(base);
        expect(await store.transaction((tx) => tx.getDecisionInput(row.exchangeId))).toBeUndefined();
        expect(await store.transaction((tx) => tx.getDecisionInput(kept.exchangeId))).toStrictEqual({ exchangeId: kept.exchangeId, subject: { hasBsn: false } });
      });
    });

    describe('override reviews', () => {
      it('when an override is queued and reviewed, then the verdict is kept once and the queue filters by status', async () => {
        const first = review({ createdAt: realNow + 100 });
        const second = review({ createdAt: realNow + 101, subjectPseudonym: null });
        await store.transaction(async (tx) => {
          for (const r of [second, first]) {
            await tx.insertExchange(exchange({ id: r.exchangeId }));
            await tx.insertOverrideReview(r);
          }
        });
        expect(await store.getOverrideReview(first.exchangeId)).toStrictEqual(first);
        expect(await store.getOverrideReview(uid('missing'))).toBeUndefined();
        const verdict = { status: 'not-justified' as const, reviewedBy: 'po-1', reviewedAt: realNow + 200, note: 'Geen acuut gevaar; toestemming was te vragen.' };
        expect(await store.transaction((tx) => tx.reviewOverride(first.exchangeId, verdict))).toBe(true);
        expect(await store.transaction((tx) => tx.reviewOverride(first.exchangeId, { ...verdict, status: 'justified' }))).toBe(false);
        expect(await store.getOverrideReview(first.exchangeId)).toStrictEqual({ ...first, ...verdict });
        const pending = await store.listOverrideReviews({ status: 'pending', limit: 10_000 });
        expect(pending.map((r) => r.exchangeId)).toContain(second.exchangeId);
        expect(pending.map((r) => r.exchangeId)).not.toContain(first.exchangeId);
        const all = (await store.listOverrideReviews({ limit: 10_000 })).map((r) => r.exchangeId);
        expect(all.indexOf(first.exchangeId)).toBeLessThan(all.indexOf(second.exchangeId));
        expect((await store.listOverrideReviews({ limit: 10_000, after: first.exchangeId })).map((r) => r.exchangeId)).toContain(second.exchangeId);
        expect((await store.listOverrideReviews({ limit: 10_000, after: first.exchangeId })).map((r) => r.exchangeId)).not.toContain(first.exchangeId);
      });
    });

    describe('by data subject', () => {
      it("when a child's exchanges are listed, then only theirs, oldest first, with a cursor", async () => {
        const subject = uid('pseudo');
        const a = exchange({ subjectPseudonym: subject, createdAt: realNow + 1 });
        const b = exchange({ subjectPseudonym: subject, createdAt: realNow + 2, status: 'refused', decision: null });
        const other = exchange({ subjectPseudonym: uid('pseudo'), createdAt: realNow + 1 });
        await insertExchanges(b, other, a);
        expect(await store.listExchangesBySubject(subject, { limit: 10 })).toStrictEqual([a, b]);
        expect((await store.listExchangesBySubject(subject, { limit: 10, after: a.id })).map((r) => r.id)).toEqual([b.id]);
        expect((await store.listExchangesBySubject(subject, { limit: 1 })).map((r) => r.id)).toEqual([a.id]);
      });

      it('when the audit is searched, then every filter narrows it (child, party, purpose, outcome, action, period) and paging works', async () => {
        const subject = uid('pseudo');
        const party = uid('party');
        const purpose = `p-${randomUUID()}`;
        const written = await store.transaction(async (tx) => [
          await appendAudit(tx, { dataSubjectId: subject, dataSubjectIdType: 'bsn-pseudonym', actor: party, purpose, outcome: 'allowed' }),
          await appendAudit(tx, { dataSubjectId: subject, dataSubjectIdType: 'bsn-pseudonym', actor: uid('a'), counterparty: party, purpose, outcome: 'refused' }),
          await appendAudit(tx, { dataSubjectId: subject, dataSubjectIdType: 'bsn-pseudonym', actor: uid('a'), purpose: 'other', outcome: 'allowed', action: 'delivery.cancel' }),
          await appendAudit(tx, { actor: party, purpose, outcome: 'allowed' }),
          // The party on both sides (a party sending to itself): found once.
          await appendAudit(tx, { actor: party, counterparty: party, purpose: 'other', outcome: 'refused' }),
        ]);
        const seqs = (records: AuditRecord[]): number[] => records.map((r) => r.seq);
        const [one, two, three, four, five] = written.map((r) => r.seq) as [number, number, number, number, number];
        expect(seqs(await store.searchAudit({ dataSubjectId: subject, limit: 100 }))).toEqual([one, two, three]);
        expect(seqs(await store.searchAudit({ party, limit: 100 }))).toEqual([one, two, four, five]);
        expect(seqs(await store.searchAudit({ party, outcome: 'refused', limit: 100 }))).toEqual([two, five]);
        expect(seqs(await store.searchAudit({ party, limit: 2 }))).toEqual([one, two]);
        expect(seqs(await store.searchAudit({ party, afterSeq: two, limit: 2 }))).toEqual([four, five]);
        expect(seqs(await store.searchAudit({ dataSubjectId: subject, party, limit: 100 }))).toEqual([one, two]);
        expect(seqs(await store.searchAudit({ purpose, limit: 100 }))).toEqual([one, two, four]);
        expect(seqs(await store.searchAudit({ dataSubjectId: subject, outcome: 'allowed', limit: 100 }))).toEqual([one, three]);
        expect(seqs(await store.searchAudit({ dataSubjectId: subject, action: 'delivery.cancel', limit: 100 }))).toEqual([three]);
        const at = new Date(realNow).toISOString();
        expect(seqs(await store.searchAudit({ dataSubjectId: subject, from: at, to: new Date(realNow + 1).toISOString(), limit: 100 }))).toEqual([one, two, three]);
        expect(await store.searchAudit({ dataSubjectId: subject, from: new Date(realNow + 1).toISOString(), limit: 100 })).toEqual([]);
        expect(await store.searchAudit({ dataSubjectId: subject, to: at, limit: 100 })).toEqual([]);
        expect(seqs(await store.searchAudit({ dataSubjectId: subject, afterSeq: one, limit: 1 }))).toEqual([two]);
        expect(await store.searchAudit({ dataSubjectId: subject, limit: 0 })).toEqual([]);
        expect((await store.searchAudit({ dataSubjectId: subject, limit: 100 }))[0]).toStrictEqual(written[0]);
      });
    });

    describe('refused exchanges stay with their sender', () => {
      it('when an exchange to a known receiver is refused, then the receiver neither lists it nor sees its submission in the audit; the sender does', async () => {
        // The policy decided the receiver must not learn of it: no listing or audit entry may tell it.
        const sender = uid('sender');
        const receiver = uid('receiver');
        const allowed = exchange({ sender, receiver, createdAt: realNow + 1 });
        const refused = exchange({ sender, receiver, status: 'refused', reason: 'consent-missing', decision: null, createdAt: realNow + 2 });
        await insertExchanges(allowed, refused);
        expect((await store.listExchanges({ party: receiver, limit: 10 })).map((r) => r.id)).toEqual([allowed.id]);
        expect((await store.listExchanges({ party: sender, limit: 10 })).map((r) => r.id)).toEqual([refused.id, allowed.id]);

        const [submitted, refusedSubmission, attempt] = await store.transaction(async (tx) => [
          await appendAudit(tx, { actor: sender, counterparty: receiver, exchangeId: allowed.id }),
          await appendAudit(tx, { actor: sender, counterparty: receiver, exchangeId: refused.id, outcome: 'refused' }),
          await appendAudit(tx, { actor: 'ketenpoort', counterparty: receiver, exchangeId: allowed.id, action: 'delivery.attempt', outcome: 'refused' }),
        ]);
        const seqs = (records: AuditRecord[]): number[] => records.map((r) => r.seq);
        expect(seqs(await store.listAudit({ party: receiver, limit: 10 }))).toEqual([submitted.seq, attempt.seq]);
        expect(await store.listAudit({ party: receiver, exchangeId: refused.id, limit: 10 })).toEqual([]);
        expect(seqs(await store.listAudit({ party: sender, limit: 10 }))).toEqual([submitted.seq, refusedSubmission.seq]);
        expect(seqs(await store.listAudit({ party: sender, exchangeId: refused.id, limit: 10 }))).toEqual([refusedSubmission.seq]);
        // The privacy officer's search is not a party's view: it finds the refusal by either party.
        expect(seqs(await store.searchAudit({ party: receiver, outcome: 'refused', limit: 10 }))).toEqual([refusedSubmission.seq, attempt.seq]);
      });
    });

    describe('free text holding an escaped NUL', () => {
      it('when an audit record or a decision holds a NUL character, then writing, searching and cancelling still work', async () => {
        // A receiver's error text ends up in a record's detail, an override's justification is typed by
        // a person: neither may make an audit write, a search or a revocation fail.
        const subject = uid('pseudo');
        const consent = uid('consent');
        const purpose = `p-${randomUUID()}`;
        const row = exchange({ subjectPseudonym: subject, decision: { ...decision, consentIds: [consent], override: { reasonCode: 'acute-safety', justification: 'nul \u0000 here' } } });
        const record = await store.transaction(async (tx) => {
          await tx.insertExchange(row);
          await tx.insertOutbox(outbox(row.id));
          return appendAudit(tx, { dataSubjectId: subject, dataSubjectIdType: 'bsn-pseudonym', purpose, exchangeId: row.id, detail: 'receiver said: a\u0000b' });
        });
        expect(await store.searchAudit({ dataSubjectId: subject, purpose, limit: 10 })).toStrictEqual([record]);
        const cancelled = await store.transaction((tx) => tx.cancelPendingDeliveries({ subjectPseudonym: subject, consentId: consent, now: realNow }));
        expect(cancelled.map((c) => c.exchangeId)).toEqual([row.id]);
        expect(await store.getExchange(row.id)).toStrictEqual(row);
      });
    });

    describe('JSON values', () => {
      it('when JSON values are stored (payloads, responses, decisions), then they come back exactly: nesting, unicode, leading zeros', async () => {
        const values: unknown[] = [awkwardJson, '0384', [awkwardJson, '007'], 42, true, 'Zoë 👶'];
        const rows = values.map((payload) => outbox(uid('ex'), { payload }));
        const idem = idempotency({ response: awkwardJson });
        const item = inboxItem({ payload: awkwardJson });
        const row = exchange({ decision: { ...decision, purpose: 'ĳ 0384', consentIds: ['0001', '0384'] } });
        await insertOutboxRows(...rows);
        await store.transaction(async (tx) => {
          await tx.putIdempotency(idem);
          await tx.insertInboxItem(item);
          await tx.insertExchange(row);
        });
        for (const [i, r] of rows.entries()) expect((await store.getOutbox(r.exchangeId))?.payload).toStrictEqual(values[i]);
        expect((await store.getIdempotency(idem.party, idem.key))?.response).toStrictEqual(awkwardJson);
        expect((await store.getInboxItem(item.receiver, item.exchangeId))?.payload).toStrictEqual(awkwardJson);
        expect(await store.getExchange(row.id)).toStrictEqual(row);
        expect(typeof ((await store.getOutbox(rows[1]!.exchangeId))?.payload)).toBe('string');
      });

      it('when a claimed row carries a payload, then the claim returns it intact', async () => {
        const base = nextWindow();
        const row = outbox(uid('ex'), { nextAttemptAt: base, payload: awkwardJson });
        await insertOutboxRows(row);
        const [claimed] = await store.claimDueDeliveries({ now: base, limit: 5, leaseMs: 1_000, owner: 'a' });
        expect(claimed?.payload).toStrictEqual(awkwardJson);
      });
    });

    // ---- operators: schedules, runs, checkpoints, dead letters ----

    describeOperatorStoreContract(() => store, withFreshStore);
    describeTrafficStoreContract(() => store, withFreshStore);
    describeCarePathStoreContract(withFreshStore);
    describeCarePathHistoryContract(withFreshStore);
    describeConsentListsContract(withFreshStore);
    describeDecisionCountsContract(withFreshStore);
    describeSubscriptionStoreContract(withFreshStore);
  });
}
