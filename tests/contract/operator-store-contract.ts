// The operators' part of the Store contract: schedules, run history, audit checkpoints,
// dead-letter listing, guarded outbox transitions and the replay context. Run from inside
// describeStoreContract, so every store implementation runs it unchanged; the same rules apply
// (public interface only, unique ids and parties, every time passed in, global queries on a fresh store).

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import type { AuditCheckpoint, ExchangeRow, OutboxRow, ScheduleRow, ScheduleRunRow, Store } from '../../src/store/store.ts';

const uid = (prefix: string): string => `${prefix}-${randomUUID()}`;
const realNow = 1_750_000_000_000;
/** Far beyond every claim window of the main suite: rows made pending here are never claimed there. */
const neverDue = realNow + 3_600_000_000;

function exchange(id: string): ExchangeRow {
  return {
    id,
    createdAt: realNow,
    updatedAt: realNow,
    sender: uid('sender'),
    receiver: uid('receiver'),
    messageType: 'JW315',
    purpose: 'verzoek-toewijzing',
    status: 'dead-letter',
    subjectPseudonym: null,
    traceId: randomUUID().replaceAll('-', ''),
    decision: null,
    reason: 'delivery-failed',
    receiverReference: null,
    deliveredAt: null,
  };
}

function outbox(overrides: Partial<OutboxRow> = {}): OutboxRow {
  return {
    exchangeId: uid('ex'),
    receiver: uid('receiver'),
    adapterKind: 'rest-json',
    endpoint: 'http://127.0.0.1:9/receiver',
    messageType: 'JW315',
    sender: uid('sender'),
    purpose: 'verzoek-toewijzing',
    payload: { Client: { Bsn: '999900006' } },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    status: 'dead',
    attempts: 3,
    nextAttemptAt: neverDue,
    leaseOwner: null,
    leaseUntil: null,
    lastError: 'HTTP 503',
    deliveredAt: null,
    purgeAfter: null,
    createdAt: realNow,
    ...overrides,
  };
}

function schedule(overrides: Partial<ScheduleRow> = {}): ScheduleRow {
  return {
    id: randomUUID(),
    name: uid('schedule'),
    cron: '*/5 * * * *',
    timeZone: 'Europe/Amsterdam',
    jobKind: 'pull-sync',
    params: { party: 'zorgaanbieder-horizon', pageSize: 100, nested: { list: [1, 'twee'] } },
    paused: false,
    cursor: null,
    version: 1,
    createdAt: realNow,
    updatedAt: realNow,
    createdBy: 'operator-demo',
    ...overrides,
  };
}

function run(scheduleId: string, overrides: Partial<ScheduleRunRow> = {}): ScheduleRunRow {
  return {
    id: randomUUID(),
    scheduleId,
    jobKind: 'pull-sync',
    trigger: 'scheduled',
    status: 'running',
    startedAt: realNow,
    endedAt: null,
    counts: { read: 0, accepted: 0, refused: 0, failed: 0 },
    cursorFrom: null,
    cursorReached: null,
    error: null,
    runner: 'host/1234/process-id',
    details: null,
    ...overrides,
  };
}

async function expectGatewayError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(GatewayError);
  expect((error as GatewayError).code).toBe(code);
}

export function describeOperatorStoreContract(
  getStore: () => Store,
  withFreshStore: (fn: (s: Store) => Promise<void>) => Promise<void>,
): void {
  const insertOutboxRows = (...rows: OutboxRow[]): Promise<void> =>
    getStore().transaction(async (tx) => {
      for (const row of rows) {
        await tx.insertExchange(exchange(row.exchangeId));
        await tx.insertOutbox(row);
      }
    });

  describe('schedules', () => {
    it('when a schedule is inserted, then getSchedule returns it exactly and listSchedules lists it by name', async () => {
      const store = getStore();
      const b = schedule({ name: uid('b') });
      const a = schedule({ name: uid('a'), paused: true, cursor: 'page-7', jobKind: 'purge-payloads', params: {} });
      await store.transaction(async (tx) => {
        await tx.insertSchedule(b);
        await tx.insertSchedule(a);
      });
      expect(await store.getSchedule(b.id)).toStrictEqual(b);
      expect(await store.getSchedule(a.id)).toStrictEqual(a);
      expect(await store.getSchedule(randomUUID())).toBeUndefined();
      const names = (await store.listSchedules()).map((s) => s.name);
      expect(names.indexOf(a.name)).toBeLessThan(names.indexOf(b.name));
      expect([...names].sort()).toStrictEqual(names);
    });

    it('when a schedule is updated, then only the patched fields change, version goes up by one, and the cursor can be reset to null', async () => {
      const store = getStore();
      const row = schedule({ cursor: 'c-1' });
      await store.transaction((tx) => tx.insertSchedule(row));
      const paused = await store.transaction((tx) => tx.updateSchedule(row.id, { paused: true, updatedAt: realNow + 1 }));
      expect(paused).toStrictEqual({ ...row, paused: true, version: 2, updatedAt: realNow + 1 });
      const changed = await store.transaction((tx) =>
        tx.updateSchedule(row.id, { cron: '0 3 * * *', timeZone: 'UTC', params: { party: 'x' }, name: `${row.name}-2`, updatedAt: realNow + 2 }),
      );
      expect(changed).toStrictEqual({ ...row, paused: true, cron: '0 3 * * *', timeZone: 'UTC', params: { party: 'x' }, name: `${row.name}-2`, version: 3, updatedAt: realNow + 2 });
      const reset = await store.transaction((tx) => tx.updateSchedule(row.id, { cursor: null, updatedAt: realNow + 3 }));
      expect(reset?.cursor).toBeNull();
      expect(reset?.version).toBe(4);
      expect(await store.getSchedule(row.id)).toStrictEqual(reset);
      expect(await store.transaction((tx) => tx.updateSchedule(randomUUID(), { paused: false, updatedAt: realNow }))).toBeUndefined();
    });

    it('when a name is already taken, then insert and rename reject with schedule-name-taken and nothing changes', async () => {
      const store = getStore();
      const first = schedule();
      const second = schedule();
      await store.transaction(async (tx) => {
        await tx.insertSchedule(first);
        await tx.insertSchedule(second);
      });
      await expectGatewayError(store.transaction((tx) => tx.insertSchedule(schedule({ name: first.name }))), 'schedule-name-taken');
      await expectGatewayError(store.transaction((tx) => tx.updateSchedule(second.id, { name: first.name, updatedAt: realNow + 5 })), 'schedule-name-taken');
      expect(await store.getSchedule(second.id)).toStrictEqual(second);
    });

    it('when a schedule is deleted, then it and its run history are gone, and a second delete says false', async () => {
      const store = getStore();
      const row = schedule();
      const r = run(row.id);
      await store.transaction(async (tx) => {
        await tx.insertSchedule(row);
        await tx.insertScheduleRun(r);
      });
      expect(await store.transaction((tx) => tx.deleteSchedule(row.id))).toBe(true);
      expect(await store.getSchedule(row.id)).toBeUndefined();
      expect(await store.getScheduleRun(r.id)).toBeUndefined();
      expect(await store.listScheduleRuns(row.id, { limit: 10 })).toStrictEqual([]);
      expect(await store.transaction((tx) => tx.deleteSchedule(row.id))).toBe(false);
    });
  });

  describe('schedule runs', () => {
    it('when a run is inserted and updated, then it comes back exactly with the patch applied and other fields kept', async () => {
      const store = getStore();
      const row = schedule();
      const r = run(row.id, { cursorFrom: 'page-1', trigger: 'manual' });
      await store.transaction(async (tx) => {
        await tx.insertSchedule(row);
        await tx.insertScheduleRun(r);
      });
      expect(await store.getScheduleRun(r.id)).toStrictEqual(r);
      const details = { refusals: [{ recordId: 'r-7', code: 'policy-denied', reason: 'no-legal-basis' }], note: 'Zoë 👶' };
      await store.transaction((tx) => tx.updateScheduleRun(r.id, { counts: { read: 10, accepted: 8, refused: 1, failed: 1 }, cursorReached: 'page-3' }));
      await store.transaction((tx) => tx.updateScheduleRun(r.id, { status: 'succeeded', endedAt: realNow + 900, details }));
      expect(await store.getScheduleRun(r.id)).toStrictEqual({
        ...r,
        status: 'succeeded',
        endedAt: realNow + 900,
        counts: { read: 10, accepted: 8, refused: 1, failed: 1 },
        cursorReached: 'page-3',
        details,
      });
      await expectGatewayError(store.transaction((tx) => tx.updateScheduleRun(randomUUID(), { status: 'failed' })), 'not-found');
    });

    it('when runs are listed, then they come newest first, paged by a run id cursor, only of that schedule', async () => {
      const store = getStore();
      const row = schedule();
      const other = schedule();
      const runs = [3, 1, 2].map((offset) => run(row.id, { startedAt: realNow + offset * 1000, status: 'succeeded', endedAt: realNow + offset * 1000 + 5 }));
      await store.transaction(async (tx) => {
        await tx.insertSchedule(row);
        await tx.insertSchedule(other);
        for (const r of runs) await tx.insertScheduleRun(r);
        await tx.insertScheduleRun(run(other.id));
      });
      const newestFirst = [...runs].sort((a, b) => b.startedAt - a.startedAt).map((r) => r.id);
      expect((await store.listScheduleRuns(row.id, { limit: 10 })).map((r) => r.id)).toStrictEqual(newestFirst);
      const page = await store.listScheduleRuns(row.id, { limit: 2 });
      expect(page.map((r) => r.id)).toStrictEqual(newestFirst.slice(0, 2));
      expect((await store.listScheduleRuns(row.id, { limit: 2, before: page[1]!.id })).map((r) => r.id)).toStrictEqual(newestFirst.slice(2));
      expect(await store.listScheduleRuns(row.id, { limit: 0 })).toStrictEqual([]);
      // A cursor from another schedule names no position in this one.
      const [otherRun] = await store.listScheduleRuns(other.id, { limit: 1 });
      expect(await store.listScheduleRuns(row.id, { limit: 10, before: otherRun!.id })).toStrictEqual([]);
    });

    it('when runs of a schedule are interrupted, then only its running ones change, with the time and the reason', async () => {
      const store = getStore();
      const row = schedule();
      const other = schedule();
      const running = run(row.id);
      const done = run(row.id, { status: 'succeeded', endedAt: realNow + 1 });
      const elsewhere = run(other.id);
      await store.transaction(async (tx) => {
        await tx.insertSchedule(row);
        await tx.insertSchedule(other);
        await tx.insertScheduleRun(running);
        await tx.insertScheduleRun(done);
        await tx.insertScheduleRun(elsewhere);
      });
      expect(await store.transaction((tx) => tx.interruptScheduleRuns(row.id, realNow + 50, 'its process stopped'))).toBe(1);
      expect(await store.getScheduleRun(running.id)).toStrictEqual({ ...running, status: 'interrupted', endedAt: realNow + 50, error: 'its process stopped' });
      expect(await store.getScheduleRun(done.id)).toStrictEqual(done);
      expect(await store.getScheduleRun(elsewhere.id)).toStrictEqual(elsewhere);
      expect(await store.transaction((tx) => tx.interruptScheduleRuns(row.id, realNow + 60, 'again'))).toBe(0);
    });
  });

  describe('dead letters', () => {
    it('when rows are listed by status, then only that status (and receiver) comes, oldest first, without payloads, paged by exchange id', async () => {
      const store = getStore();
      const receiver = uid('receiver');
      const dead = [2, 0, 1].map((offset) => outbox({ receiver, createdAt: realNow + offset }));
      const purged = outbox({ receiver, createdAt: realNow + 3, payload: null });
      const pending = outbox({ receiver, status: 'pending' });
      const elsewhere = outbox();
      await insertOutboxRows(...dead, purged, pending, elsewhere);
      const listed = await store.listOutbox({ status: 'dead', receiver, limit: 10 });
      const oldestFirst = [...dead].sort((a, b) => a.createdAt - b.createdAt).map((r) => r.exchangeId);
      expect(listed.map((r) => r.exchangeId)).toStrictEqual([...oldestFirst, purged.exchangeId]);
      const first = listed[0]!;
      const source = dead.find((r) => r.exchangeId === first.exchangeId)!;
      const { payload: _payload, ...rest } = source;
      expect(first).toStrictEqual({ ...rest, payloadPurged: false });
      expect(listed.at(-1)?.payloadPurged).toBe(true);
      expect(listed.some((r) => 'payload' in r)).toBe(false);
      const page = await store.listOutbox({ status: 'dead', receiver, limit: 2 });
      expect(page.map((r) => r.exchangeId)).toStrictEqual(oldestFirst.slice(0, 2));
      expect((await store.listOutbox({ status: 'dead', receiver, limit: 10, after: page[1]!.exchangeId })).map((r) => r.exchangeId)).toStrictEqual([
        oldestFirst[2],
        purged.exchangeId,
      ]);
      expect((await store.listOutbox({ status: 'pending', receiver, limit: 10 })).map((r) => r.exchangeId)).toStrictEqual([pending.exchangeId]);
      expect(await store.listOutbox({ status: 'dead', receiver, limit: 0 })).toStrictEqual([]);
      expect(await store.listOutbox({ status: 'dead', receiver, limit: 10, after: uid('unknown') })).toStrictEqual([]);
      const all = await store.listOutbox({ status: 'dead', limit: 100_000 });
      expect(all.map((r) => r.exchangeId)).toContain(elsewhere.exchangeId);
    });

    it('when a row is transitioned from the status it has, then the patch (and a new payload) applies; from another status, or while leased, nothing changes', async () => {
      const store = getStore();
      const row = outbox();
      const leased = outbox({ status: 'pending' });
      await insertOutboxRows(row);
      expect(await store.transaction((tx) => tx.transitionOutbox(row.exchangeId, 'pending', { status: 'cancelled' }))).toBe(false);
      expect(await store.getOutbox(row.exchangeId)).toStrictEqual(row);
      const requeued = await store.transaction((tx) =>
        tx.transitionOutbox(row.exchangeId, 'dead', {
          status: 'pending', attempts: 0, nextAttemptAt: neverDue + 1, lastError: null, purgeAfter: null,
          payload: { Client: { Bsn: '999900006' }, kept: 'less' }, adapterKind: 'inbox', endpoint: null,
        }),
      );
      expect(requeued).toBe(true);
      expect(await store.getOutbox(row.exchangeId)).toStrictEqual({
        ...row,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: neverDue + 1,
        lastError: null,
        purgeAfter: null,
        payload: { Client: { Bsn: '999900006' }, kept: 'less' },
        adapterKind: 'inbox',
        endpoint: null,
      });
      expect(await store.transaction((tx) => tx.transitionOutbox(row.exchangeId, 'dead', { status: 'cancelled' }))).toBe(false);
      expect(await store.transaction((tx) => tx.transitionOutbox(uid('unknown'), 'dead', { status: 'cancelled' }))).toBe(false);

      // A row a dispatcher holds is not the operator's to change (a fresh store: claims see every row).
      await withFreshStore(async (fresh) => {
        await fresh.migrate();
        await fresh.transaction(async (tx) => {
          await tx.insertExchange(exchange(leased.exchangeId));
          await tx.insertOutbox(leased);
        });
        const [claimed] = await fresh.claimDueDeliveries({ now: neverDue, limit: 1, leaseMs: 60_000, owner: 'dispatcher' });
        expect(claimed?.exchangeId).toBe(leased.exchangeId);
        expect(await fresh.transaction((tx) => tx.transitionOutbox(leased.exchangeId, 'pending', { status: 'cancelled' }))).toBe(false);
        expect((await fresh.getOutbox(leased.exchangeId))?.status).toBe('pending');
      });

      // Dropping the payload with a transition.
      const dropped = outbox();
      await insertOutboxRows(dropped);
      expect(await store.transaction((tx) => tx.transitionOutbox(dropped.exchangeId, 'dead', { status: 'cancelled', payload: null, purgeAfter: realNow }))).toBe(true);
      const after = await store.getOutbox(dropped.exchangeId);
      expect(after).toMatchObject({ status: 'cancelled', payload: null, purgeAfter: realNow });
    });

    it('when the oldest row of a status is asked for, then it is the smallest createdAt, or null when there is none', async () => {
      await withFreshStore(async (fresh) => {
        await fresh.migrate();
        expect(await fresh.oldestOutboxCreatedAt('pending')).toBeNull();
        await fresh.transaction(async (tx) => {
          for (const row of [outbox({ status: 'pending', createdAt: realNow + 5 }), outbox({ status: 'pending', createdAt: realNow + 2 }), outbox({ createdAt: realNow - 9 })]) {
            await tx.insertExchange(exchange(row.exchangeId));
            await tx.insertOutbox(row);
          }
        });
        expect(await fresh.oldestOutboxCreatedAt('pending')).toBe(realNow + 2);
        expect(await fresh.oldestOutboxCreatedAt('dead')).toBe(realNow - 9);
        expect(await fresh.oldestOutboxCreatedAt('delivered')).toBeNull();
      });
    });
  });

  describe('audit checkpoints', () => {
    it('when checkpoints are inserted, then they come back exactly in seq order from a seq on; a second one for the same seq rejects', async () => {
      await withFreshStore(async (fresh) => {
        await fresh.migrate();
        const checkpoint = (seq: number): AuditCheckpoint => ({
          seq,
          hash: seq.toString(16).padStart(64, '0'),
          signedAt: new Date(realNow + seq).toISOString(),
          keyId: 'key-1',
          signature: `sig-${seq}`,
        });
        await fresh.transaction(async (tx) => {
          for (const seq of [10, 3, 7]) await tx.insertAuditCheckpoint(checkpoint(seq));
        });
        expect(await fresh.listAuditCheckpoints({ limit: 10 })).toStrictEqual([checkpoint(3), checkpoint(7), checkpoint(10)]);
        expect(await fresh.listAuditCheckpoints({ fromSeq: 7, limit: 10 })).toStrictEqual([checkpoint(7), checkpoint(10)]);
        expect(await fresh.listAuditCheckpoints({ fromSeq: 4, limit: 1 })).toStrictEqual([checkpoint(7)]);
        await expectGatewayError(fresh.transaction((tx) => tx.insertAuditCheckpoint({ ...checkpoint(7), signature: 'other' })), 'audit-write-failed');
        expect(await fresh.listAuditCheckpoints({ fromSeq: 7, limit: 1 })).toStrictEqual([checkpoint(7)]);
      });
    });
  });
}
