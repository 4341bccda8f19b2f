// A regie handover nobody answers becomes a signal (issue 12): proposed on a Monday, the receiving
// party has until the end of the fifth werkdag after it (regie.handoverTermWorkingDays); the watchdog
// job raises nothing on that day and a signal the day after, owed by the receiving party with the
// proposing regievoerder concerned, once; the party sees it at GET /v1/signals; the answer closes it.
// The real app on SQLite and on PostgreSQL, a manual clock, the watchdog job as the scheduler runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { runWatchdogOnce } from '../support/watchdog-run.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';
import { involveGemeente } from '../support/regie-setup.ts';

const CHILD = '999900018';
const GEMEENTE = 'gemeente-diemen';
const GI = 'gi-jeugdbescherming-west';
const day = 24 * 3_600_000;

function describeHandoverSignal(name: string, storeUrl: () => string | undefined, cleanupStore: () => Promise<void> = () => Promise.resolve()): void {
  describe(name, () => {
    // Monday 23 November 2026, 10:00 in Amsterdam; the fifth werkdag after it is Monday 30 November.
    const clock = new ManualClock(Date.parse('2026-11-23T09:00:00Z'));
    let cfg: TestConfig;
    let gw: GatewayParts;

    const post = (path: string, party: string, body: unknown) =>
      request(gw.app).post(path).set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' }).send(JSON.stringify(body));
    const signalsOf = async (party: string) => (await request(gw.app).get('/v1/signals').set({ authorization: `Bearer ${cfg.token(party)}` })).body.items as Record<string, any>[];

    const runWatchdog = () => runWatchdogOnce(gw, clock);

    beforeAll(async () => {
      const url = storeUrl();
      cfg = writeTestConfig({ receiverUrl: 'http://127.0.0.1:9', ...(url !== undefined ? { extra: { store: { url } } } : {}) });
      gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
    });

    afterAll(async () => {
      await gw.close();
      cfg.cleanup();
      await cleanupStore();
    });

    describe('an unanswered regie handover', () => {
      let handoverId: string;

      it('when the gemeente proposes a handover to the GI on a Monday, then no signal through the fifth werkdag after it', async () => {
        // The gemeente registers for a child it has exchanged about.
        await involveGemeente(async (party, envelope) => {
          const res = await post('/v1/exchanges', party, envelope);
          return { status: res.status, body: res.body };
        }, CHILD);
        expect((await post('/v1/regie', GEMEENTE, { bsn: CHILD, contactFunction: 'casemanager team Zuid', legalBasis: 'jw-7.4.0-lid-1' })).status).toBe(201);
        const proposed = await post('/v1/regie/handovers', GEMEENTE, { bsn: CHILD, toParty: GI, contactFunction: 'gezinsvoogd team West' });
        expect(proposed.status).toBe(201);
        handoverId = proposed.body.handoverId as string;
        clock.advance(7 * day); // Monday 30 November: the last day of the term
        expect((await runWatchdog()).counts.accepted).toBe(0);
        expect(await signalsOf(GI)).toEqual([]);
      });

      it('when the term has passed, then one signal is raised, owed by the GI with the gemeente concerned, and a second run raises nothing', async () => {
        clock.advance(day); // Tuesday 1 December
        const run = await runWatchdog();
        expect(run.counts.accepted).toBe(1);
        expect(run.details).toMatchObject({ raisedByKind: { 'regie-handover-unanswered': 1 } });
        const [signal] = await signalsOf(GI);
        expect(signal).toMatchObject({ kind: 'regie-handover-unanswered', owedBy: GI, concerned: GEMEENTE, dueDay: '2026-11-30', status: 'open', refs: { regieHandoverId: handoverId } });
        expect(JSON.stringify(signal)).not.toContain(CHILD);
        expect((await signalsOf(GEMEENTE)).map((s) => s.id)).toEqual([signal!.id]);
        expect((await runWatchdog()).counts.accepted).toBe(0);
      });

      it('when the GI answers, then the signal closes, audited', async () => {
        expect((await post(`/v1/regie/handovers/${handoverId}/decision`, GI, { decision: 'accept' })).status).toBe(200);
        const [signal] = await signalsOf(GI);
        expect(signal).toMatchObject({ status: 'closed', closedReason: 'met' });
        const chain = await gw.store.readAuditChain(1, 1_000_000);
        expect(chain.filter((r) => r.action === 'signal.raise' || r.action === 'signal.close').map((r) => `${r.action}:${r.outcome}`)).toEqual(['signal.raise:raised', 'signal.close:closed']);
      });
    });
  });
}

describeHandoverSignal('on SQLite', () => undefined);

const schema = freshSchema('kp_regie_signals');
describe.skipIf(pgTestUrl === undefined)(pgSuiteName('on PostgreSQL'), () => {
  describeHandoverSignal('on PostgreSQL', () => pgStoreUrl(schema), () => dropSchema(schema));
});
