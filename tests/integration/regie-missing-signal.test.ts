// "Never silently none" (issue 12): a child with active care that the gateway has seen (a toewijzing,
// or an overdracht by Veilig Thuis) and no regievoerder for more than regie.withoutRegieSignalDays
// days (default 10, counted from the watchdog's first look at the earliest) is a signal to the gemeente; registering the regie closes it; a regie ended
// without successor while the care runs starts the count again; care that ends before anyone registers
// closes the signal as cancelled. On SQLite and on PostgreSQL: the real
// app with supertest, a manual clock, the watchdog job as the scheduler runs it, and a real receiver.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { runWatchdogOnce } from '../support/watchdog-run.ts';
import { minimalMessage } from '../support/keten-messages.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';

const GEMEENTE = 'gemeente-diemen';
const PROVIDER = 'jeugdhulp-de-brug';
const VEILIG_THUIS = 'veilig-thuis-amsterdam';
const day = 24 * 3_600_000;

/** The demo toewijzing, one product that begins on the day it is sent and runs into next year. */
function toewijzing(bsn: string, nummer: number, einddatum = '2027-06-30'): Record<string, any> {
  const m = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw301.json'), 'utf8')) as Record<string, any>;
  m.Header.BerichtIdentificatie = { Identificatie: `RM${nummer}`, Dagtekening: '2026-11-02' };
  m.Client.Bsn = bsn;
  const [product] = m.Client.ToegewezenProducten.ToegewezenProduct as Record<string, any>[];
  delete product!.ReferentieAanbieder;
  Object.assign(product!, { ToewijzingNummer: nummer, Toewijzingsdatum: '2026-11-02', Ingangsdatum: '2026-11-02', Einddatum: einddatum });
  m.Client.ToegewezenProducten.ToegewezenProduct = [product];
  return m;
}


function describeMissing(name: string, storeUrl: () => string | undefined, cleanupStore: () => Promise<void> = () => Promise.resolve()): void {
  describe(name, () => {
    // Monday 2 November 2026, 10:00 in Amsterdam.
    const clock = new ManualClock(Date.parse('2026-11-02T09:00:00Z'));
    let receiver: FakeReceiver;
    let cfg: TestConfig;
    let gw: GatewayParts;
    const child = '999900018';
    const vtChild = '999900031';

    const post = (path: string, party: string, body: unknown) =>
      request(gw.app).post(path).set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' }).send(JSON.stringify(body));
    const signalsOf = async (party: string) =>
      ((await request(gw.app).get('/v1/signals').set({ authorization: `Bearer ${cfg.token(party)}` })).body.items as Record<string, any>[]).filter((s) => s.kind === 'regie-missing');
    const runWatchdog = () => runWatchdogOnce(gw, clock);

    beforeAll(async () => {
      receiver = await startFakeReceiver();
      const url = storeUrl();
      // The care path keeps the toewijzingen the watchdog reads.
      cfg = writeTestConfig({ receiverUrl: receiver.url, carePath: { enabled: true }, ...(url !== undefined ? { extra: { store: { url } } } : {}) });
      gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
    }, 60_000);

    afterAll(async () => {
      await gw.close();
      await receiver.close();
      cfg.cleanup();
      await cleanupStore();
    });

    let first: Record<string, any>;

    it('when the gemeente sends a toewijzing and nobody registers a regie, then nothing through the tenth day, and a signal to the gemeente the day after, once', async () => {
      const sent = await post('/v1/exchanges', GEMEENTE, { messageType: 'JW301', receiver: PROVIDER, purpose: 'toewijzing', message: toewijzing(child, 810001) });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      // The watchdog's first look: the days count from here at the earliest.
      expect((await runWatchdog()).details).toMatchObject({ raisedByKind: {} });
      clock.advance(10 * day); // Thursday 12 November: the last day of the term
      expect((await runWatchdog()).details).toMatchObject({ raisedByKind: {} });
      expect(await signalsOf(GEMEENTE)).toEqual([]);
      clock.advance(day);
      const run = await runWatchdog();
      expect(run.details).toMatchObject({ raisedByKind: { 'regie-missing': 1 } });
      const signals = await signalsOf(GEMEENTE);
      expect(signals).toHaveLength(1);
      first = signals[0]!;
      expect(first).toMatchObject({ kind: 'regie-missing', rule: 'regie-required', owedBy: GEMEENTE, dueDay: '2026-11-12', status: 'open', refs: { messageType: 'JW301' } });
      expect(JSON.stringify(first)).not.toContain(child);
      // The provider with the care is not the one owed: it does not see it.
      expect(await signalsOf(PROVIDER)).toEqual([]);
      expect((await runWatchdog()).details).toMatchObject({ raisedByKind: {} });
    });

    it('when the gemeente registers the regie, then the signal closes as met, audited', async () => {
      expect((await post('/v1/regie', GEMEENTE, { bsn: child, contactFunction: 'casemanager team Zuid', legalBasis: 'regievoering-jeugd' })).status).toBe(201);
      const [closed] = await signalsOf(GEMEENTE);
      expect(closed).toMatchObject({ id: first.id, status: 'closed', closedReason: 'met' });
      const chain = await gw.store.readAuditChain(1, 1_000_000);
      expect(chain.filter((r) => r.action === 'signal.close' && r.detail?.includes(first.id as string))).toHaveLength(1);
      clock.advance(day);
      expect((await runWatchdog()).details).toMatchObject({ raisedByKind: {} });
    });

    it('when the regie ends without successor while the toewijzing runs, then the count starts again from the end', async () => {
      expect((await post('/v1/regie/end', GEMEENTE, { bsn: child, reason: 'registered-in-error' })).status).toBe(200);
      clock.advance(10 * day);
      expect((await runWatchdog()).details).toMatchObject({ raisedByKind: {} });
      clock.advance(day);
      expect((await runWatchdog()).details).toMatchObject({ raisedByKind: { 'regie-missing': 1 } });
      const open = (await signalsOf(GEMEENTE)).filter((s) => s.status === 'open');
      expect(open).toHaveLength(1);
      expect(open[0]!.id).not.toBe(first.id);
    });

    it('when Veilig Thuis hands a case over to the gemeente (wijkteam) and nobody takes the regie, then a signal to that gemeente, with Veilig Thuis concerned', async () => {
      const message = { ...minimalMessage('VeiligThuisOverdracht'), Kind: { Bsn: vtChild } };
      const sent = await post('/v1/exchanges', VEILIG_THUIS, { messageType: 'VeiligThuisOverdracht', receiver: GEMEENTE, purpose: 'hulp-na-melding', message });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      clock.advance(11 * day);
      expect((await runWatchdog()).details).toMatchObject({ raisedByKind: { 'regie-missing': 1 } });
      const vt = (await signalsOf(VEILIG_THUIS)).filter((s) => s.refs.messageType === 'VeiligThuisOverdracht');
      expect(vt).toHaveLength(1);
      expect(vt[0]).toMatchObject({ owedBy: GEMEENTE, concerned: VEILIG_THUIS, status: 'open' });
    });

    it('when the overdracht is older than regie.overdrachtOpenDays, then it no longer counts as open care', async () => {
      // Close the open one by registering, end it, and let 90 days pass: the overdracht no longer counts.
      expect((await post('/v1/regie', GEMEENTE, { bsn: vtChild, contactFunction: 'wijkteam Noord', legalBasis: 'regievoering-jeugd' })).status).toBe(201);
      expect((await post('/v1/regie/end', GEMEENTE, { bsn: vtChild, reason: 'care-ended' })).status).toBe(200);
      clock.advance(90 * day);
      const before = (await signalsOf(VEILIG_THUIS)).filter((s) => s.status === 'open' && s.refs.messageType === 'VeiligThuisOverdracht');
      await runWatchdog();
      const after = (await signalsOf(VEILIG_THUIS)).filter((s) => s.status === 'open' && s.refs.messageType === 'VeiligThuisOverdracht');
      expect(after).toEqual(before);
    });

    it('when the care ends before anyone registers a regie, then the signal closes as cancelled, audited, and is not raised again', async () => {
      const ending = '999900043';
      const earlier = new Set((await signalsOf(GEMEENTE)).map((s) => s.id as string));
      const lastDay = new Date(clock.now().getTime() + 15 * day).toISOString().slice(0, 10);
      const sent = await post('/v1/exchanges', GEMEENTE, { messageType: 'JW301', receiver: PROVIDER, purpose: 'toewijzing', message: toewijzing(ending, 810002, lastDay) });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      // The care began long before the last look: the signal comes at once.
      expect((await runWatchdog()).details).toMatchObject({ raisedByKind: { 'regie-missing': 1 } });
      const fresh = (await signalsOf(GEMEENTE)).filter((s) => !earlier.has(s.id as string));
      expect(fresh).toHaveLength(1);
      const raised = fresh[0];
      expect(raised).toMatchObject({ status: 'open', refs: { messageType: 'JW301' } });
      clock.advance(10 * day);
      expect((await runWatchdog()).details).not.toHaveProperty('closedAsCancelled');
      clock.advance(7 * day); // past the toewijzing's Einddatum: no care any more
      expect((await runWatchdog()).details).toMatchObject({ raisedByKind: {}, closedAsCancelled: { 'regie-missing': 1 } });
      expect((await signalsOf(GEMEENTE)).find((s) => s.id === raised!.id)).toMatchObject({ status: 'closed', closedReason: 'cancelled' });
      const chain = await gw.store.readAuditChain(1, 1_000_000);
      expect(chain.filter((r) => r.action === 'signal.close' && r.reason === 'cancelled' && r.detail?.includes(raised!.id as string))).toHaveLength(1);
      clock.advance(day);
      expect((await runWatchdog()).details).not.toHaveProperty('closedAsCancelled');
    });
  });
}

describeMissing('a child with care and no regievoerder on SQLite', () => undefined);

const schema = freshSchema('kp_regie_missing');
describe.skipIf(pgTestUrl === undefined)(pgSuiteName('on PostgreSQL'), () => {
  describeMissing('a child with care and no regievoerder on PostgreSQL', () => pgStoreUrl(schema), () => dropSchema(schema));
});
