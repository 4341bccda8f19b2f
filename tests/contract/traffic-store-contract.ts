// The operators' traffic part of the Store contract (src/store/operator-store.ts): the message log with
// filters and position cursors, receivers paused for maintenance (a paused receiver's rows are never
// claimed; the pause is a row, so it outlives the process), per-receiver delivery figures and the
// dashboard's counts. Run from inside describeStoreContract, against every store; global queries run
// on a fresh store.

import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditDraft, AuditRecord } from '../../src/kernel/audit-record.ts';
import type { ExchangeStatus as StoreExchangeStatus, ExchangeRow, OutboxRow, Store, StoreTx } from '../../src/store/store.ts';
import type { ExchangeLogStatus } from '../../src/store/operator-store.ts';

// The operator port restates the exchange statuses (it may not import store.ts): kept equal here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesAgree: Same<StoreExchangeStatus, ExchangeLogStatus> = true;

const uid = (prefix: string): string => `${prefix}-${randomUUID()}`;
const base = 1_760_000_000_000;
const minute = 60_000;

function exchange(overrides: Partial<ExchangeRow> = {}): ExchangeRow {
  return {
    id: randomUUID(),
    createdAt: base,
    updatedAt: base,
    sender: uid('sender'),
    receiver: uid('receiver'),
    messageType: 'JW315',
    purpose: 'verzoek-toewijzing',
    status: 'queued',
    subjectPseudonym: uid('pseudo'),
    traceId: randomUUID().replaceAll('-', ''),
    decision: null,
    reason: null,
    receiverReference: null,
    deliveredAt: null,
    ...overrides,
  };
}

function outbox(row: ExchangeRow, overrides: Partial<OutboxRow> = {}): OutboxRow {
  return {
    exchangeId: row.id,
    receiver: row.receiver ?? 'nobody',
    adapterKind: 'rest-json',
    endpoint: 'http://127.0.0.1:9/receiver',
    messageType: row.messageType,
    sender: row.sender,
    purpose: row.purpose ?? 'p',
    payload: { x: 1 },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: base,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    deliveredAt: null,
    purgeAfter: null,
    createdAt: row.createdAt,
    ...overrides,
  };
}

async function appendAudit(tx: StoreTx, at: number, draft: Partial<AuditDraft>): Promise<AuditRecord> {
  const head = await tx.auditHead();
  const body = {
    traceId: randomUUID().replaceAll('-', ''),
    spanId: randomUUID().slice(0, 16).replaceAll('-', '0'),
    action: 'exchange.submit' as const,
    outcome: 'allowed' as const,
    actor: 'ketenpoort',
    ...draft,
    seq: (head?.seq ?? 0) + 1,
    time: new Date(at).toISOString(),
    prevHash: head?.hash ?? '0'.repeat(64),
  };
  const record: AuditRecord = { ...body, hash: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
  await tx.insertAudit(record);
  return record;
}

const insert = (store: Store, rows: readonly ExchangeRow[], outboxRows: readonly OutboxRow[] = []): Promise<void> =>
  store.transaction(async (tx) => {
    for (const row of rows) await tx.insertExchange(row);
    for (const row of outboxRows) await tx.insertOutbox(row);
  });

export function describeTrafficStoreContract(getStore: () => Store, withFreshStore: (fn: (s: Store) => Promise<void>) => Promise<void>): void {
  describe('the operators\' message log', () => {
    it('when exchanges are listed, then newest first, each filter narrows, and a position cursor pages without gaps or repeats', async () => {
      expect(statusesAgree).toBe(true);
      await withFreshStore(async (store) => {
        await store.migrate();
        const sender = uid('sender');
        const rows = Array.from({ length: 7 }, (_, i) =>
          exchange({
            createdAt: base + (i % 3 === 0 ? 0 : i) * minute, // three rows share a time: the id breaks the tie
            sender: i < 5 ? sender : uid('other'),
            status: i === 2 ? 'refused' : i === 4 ? 'dead-letter' : 'queued',
            reason: i === 2 ? 'no-legal-basis' : null,
            messageType: i === 6 ? 'JW301' : 'JW315',
          }),
        );
        await insert(store, rows);
        const order = [...rows].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((r) => r.id);
        const all = await store.listExchangeLog({ limit: 100 });
        expect(all.map((r) => r.id)).toEqual(order);
        expect(Object.keys(all[0]!).sort()).toEqual(['createdAt', 'deliveredAt', 'id', 'messageType', 'purpose', 'reason', 'receiver', 'sender', 'status', 'traceId', 'updatedAt']);

        const paged: string[] = [];
        let before: { createdAt: number; id: string } | undefined;
        for (;;) {
          const page = await store.listExchangeLog({ limit: 3, ...(before !== undefined ? { before } : {}) });
          paged.push(...page.map((r) => r.id));
          const last = page.at(-1);
          if (page.length < 3 || last === undefined) break;
          before = { createdAt: last.createdAt, id: last.id };
        }
        expect(paged).toEqual(order);

        expect((await store.listExchangeLog({ limit: 100, sender })).map((r) => r.id)).toEqual(order.filter((id) => rows.find((r) => r.id === id)!.sender === sender));
        expect((await store.listExchangeLog({ limit: 100, status: 'refused' })).map((r) => r.id)).toEqual([rows[2]!.id]);
        expect((await store.listExchangeLog({ limit: 100, reason: 'no-legal-basis' })).map((r) => r.id)).toEqual([rows[2]!.id]);
        expect((await store.listExchangeLog({ limit: 100, messageType: 'JW301' })).map((r) => r.id)).toEqual([rows[6]!.id]);
        expect((await store.listExchangeLog({ limit: 100, receiver: rows[4]!.receiver!, status: 'dead-letter' })).map((r) => r.id)).toEqual([rows[4]!.id]);
        const window = await store.listExchangeLog({ limit: 100, from: base + 2 * minute, to: base + 5 * minute });
        expect(window.map((r) => r.createdAt).sort()).toEqual([base + 2 * minute, base + 4 * minute]);
        expect(await store.listExchangeLog({ limit: 100, sender: uid('nobody') })).toEqual([]);
      });
    });
  });

  describe('receivers paused for maintenance', () => {
    it('when a receiver is paused, then its rows are not claimed, a second pause changes nothing, and after resuming they are', async () => {
      await withFreshStore(async (store) => {
        await store.migrate();
        const paused = exchange({ receiver: uid('paused') });
        const other = exchange({ receiver: uid('running') });
        await insert(store, [paused, other], [outbox(paused), outbox(other)]);
        expect(await store.transaction((tx) => tx.pauseReceiver({ receiver: paused.receiver!, pausedAt: base, pausedBy: 'operator-demo', reason: 'onderhoud tot 14:00' }))).toBe(true);
        expect(await store.transaction((tx) => tx.pauseReceiver({ receiver: paused.receiver!, pausedAt: base + 1, pausedBy: 'someone-else', reason: null }))).toBe(false);
        expect(await store.listReceiverPauses()).toEqual([{ receiver: paused.receiver!, pausedAt: base, pausedBy: 'operator-demo', reason: 'onderhoud tot 14:00' }]);
        const claimed = await store.claimDueDeliveries({ now: base + minute, limit: 10, leaseMs: 1000, owner: 'a' });
        expect(claimed.map((r) => r.exchangeId)).toEqual([other.id]);
        expect(await store.transaction((tx) => tx.resumeReceiver(paused.receiver!))).toBe(true);
        expect(await store.transaction((tx) => tx.resumeReceiver(paused.receiver!))).toBe(false);
        expect(await store.listReceiverPauses()).toEqual([]);
        const later = await store.claimDueDeliveries({ now: base + minute, limit: 10, leaseMs: 1000, owner: 'b' });
        expect(later.map((r) => r.exchangeId)).toEqual([paused.id]);
      });
    });
  });

  describe('receiver figures and the dashboard', () => {
    it('when a receiver has pending, dead and attempted deliveries, then its figures count them and name the newest failure', async () => {
      const store = getStore();
      const receiver = uid('receiver');
      const rows = [0, 1, 2, 3].map((i) => exchange({ receiver, createdAt: base + i * minute }));
      await insert(store, rows, [
        outbox(rows[0]!, { status: 'pending' }),
        outbox(rows[1]!, { status: 'pending' }),
        outbox(rows[2]!, { status: 'dead' }),
        outbox(rows[3]!, { status: 'delivered', deliveredAt: base }),
      ]);
      await store.transaction(async (tx) => {
        await appendAudit(tx, base - 48 * 60 * minute, { action: 'delivery.attempt', outcome: 'retry', counterparty: receiver, exchangeId: rows[0]!.id, detail: 'attempt 1: HTTP 500' });
        await appendAudit(tx, base + 1 * minute, { action: 'delivery.attempt', outcome: 'delivered', counterparty: receiver, exchangeId: rows[3]!.id, detail: 'attempt 1' });
        await appendAudit(tx, base + 2 * minute, { action: 'delivery.attempt', outcome: 'retry', counterparty: receiver, exchangeId: rows[2]!.id, detail: 'attempt 1: HTTP 503' });
        await appendAudit(tx, base + 3 * minute, { action: 'delivery.attempt', outcome: 'dead-letter', counterparty: receiver, exchangeId: rows[2]!.id, detail: 'attempt 2: network: ECONNREFUSED' });
        await appendAudit(tx, base + 4 * minute, { action: 'delivery.attempt', outcome: 'lease-expired', counterparty: receiver, exchangeId: rows[1]!.id, detail: 'attempt 1: its lease expired before its outcome was recorded' });
        await appendAudit(tx, base + 4 * minute, { action: 'delivery.attempt', outcome: 'delivered', counterparty: uid('elsewhere'), detail: 'attempt 1' });
      });
      const figures = await store.receiverDeliveryFigures(receiver, { since: new Date(base - 24 * 60 * minute).toISOString() });
      expect(figures).toEqual({
        receiver,
        pending: 2,
        oldestPendingAt: base,
        dead: 1,
        attempts: { delivered: 1, retry: 1, deadLetter: 1, leaseExpired: 1 },
        lastFailure: { at: new Date(base + 3 * minute).toISOString(), exchangeId: rows[2]!.id, detail: 'attempt 2: network: ECONNREFUSED' },
      });
      const none = await store.receiverDeliveryFigures(uid('quiet'), { since: new Date(base).toISOString() });
      expect(none).toMatchObject({ pending: 0, oldestPendingAt: null, dead: 0, attempts: { delivered: 0, retry: 0, deadLetter: 0, leaseExpired: 0 }, lastFailure: null });
    });

    it('when the traffic is counted, then accepted and refused go by creation, delivered by delivery, in whole buckets, with latencies', async () => {
      await withFreshStore(async (store) => {
        await store.migrate();
        const rows = [
          exchange({ createdAt: base + 10_000, status: 'delivered', deliveredAt: base + 70_000 }),
          exchange({ createdAt: base + 20_000, status: 'refused', reason: 'no-legal-basis' }),
          exchange({ createdAt: base + 61_000, status: 'queued' }),
          exchange({ createdAt: base + 65_000, status: 'delivered', deliveredAt: base + 66_000 }),
          exchange({ createdAt: base - 1, status: 'delivered', deliveredAt: base + 5_000 }),
          exchange({ createdAt: base + 3 * minute, status: 'queued' }),
        ];
        await insert(store, rows);
        const figures = await store.trafficFigures({ from: base, to: base + 3 * minute, bucketMs: minute, latencySample: 10 });
        expect(figures.buckets).toEqual([
          { start: base, accepted: 1, refused: 1, delivered: 1 },
          { start: base + minute, accepted: 2, refused: 0, delivered: 2 },
          { start: base + 2 * minute, accepted: 0, refused: 0, delivered: 0 },
        ]);
        expect([...figures.latenciesMs].sort((a, b) => a - b)).toEqual([1_000, 5_001, 60_000]);
        expect((await store.trafficFigures({ from: base, to: base + 3 * minute, bucketMs: minute, latencySample: 1 })).latenciesMs).toEqual([60_000]);
      });
    });
  });
}
