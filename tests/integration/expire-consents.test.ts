// The expire-consents job kind: a consent whose period has ended no longer carries queued work. The
// real gateway parts on SQLite, a consent registered over HTTP, the job run as the scheduler runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createExpireConsentsJob } from '../../src/scheduler/jobs/expire-consents.ts';
import type { JobContext } from '../../src/scheduler/job.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { CHILD, fullCasusinformatie } from '../support/keten-messages.ts';
import { ManualClock } from '../support/manual-clock.ts';


const PROVIDER = 'jeugdhulp-de-brug';
let cfg: TestConfig;
let gw: GatewayParts;
const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));

function context(): JobContext {
  return {
    schedule: { id: 's1', name: 'nightly-expiry', cron: '0 1 * * *', timeZone: 'Europe/Amsterdam', jobKind: 'expire-consents', params: {}, paused: false, cursor: null, version: 1, createdAt: 0, updatedAt: 0, createdBy: 'operator-demo' },
    runId: 'r1',
    actorId: 'ketenpoort',
    signal: new AbortController().signal,
    progress: () => Promise.resolve(),
  };
}

beforeAll(async () => {
  // Receivers' endpoints go nowhere and the dispatcher does not run: the delivery stays pending.
  cfg = writeTestConfig({ receiverUrl: 'http://127.0.0.1:9' });
  gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
});

afterAll(async () => {
  await gw.close();
  cfg.cleanup();
});

describe('expire-consents', () => {
  it('when a consent has ended, then the pending deliveries that rested on it are cancelled and audited, once', async () => {
    const auth = { authorization: `Bearer ${cfg.token(PROVIDER)}`, 'content-type': 'application/json' };
    const consent = await request(gw.app).post('/v1/consents').set(auth).send(JSON.stringify({
      bsn: CHILD.bsn,
      givers: [{ capacity: 'child', reference: 'Lotte' }, { capacity: 'custodial-parent', reference: 'moeder' }],
      custodianCount: 1,
      scope: { purposes: ['overdracht-hulpverlening'], receivers: { roles: ['school'] }, dataCategories: ['basisgegevens', 'hulpverlening'] },
      givenOn: '2026-11-20',
      validFrom: '2026-11-20',
      validUntil: '2026-11-24',
      evidence: { reference: 'dossier 2026-0412', form: 'written' },
    }));
    expect(consent.status).toBe(201);
    const sent = await request(gw.app).post('/v1/exchanges').set(auth).send(JSON.stringify({
      messageType: 'Casusinformatie', receiver: 'school-de-regenboog', purpose: 'overdracht-hulpverlening', message: fullCasusinformatie(),
    }));
    expect(sent.status).toBe(202);
    expect(sent.body.decision.consentIds).toEqual([consent.body.id]);

    const job = createExpireConsentsJob({ store: gw.store, committer: gw.committer, clock, logger: gw.logger });
    // Still in force on its last day: nothing happens.
    clock.set('2026-11-24T20:00:00Z');
    expect((await job.run(context())).counts).toEqual({ read: 0, accepted: 0, refused: 0, failed: 0 });
    expect((await gw.store.getOutbox(sent.body.exchangeId))?.status).toBe('pending');

    // The day after (Dutch date): the consent has ended, and the queued delivery goes with it.
    clock.set('2026-11-24T23:30:00Z');
    expect((await job.run(context())).counts).toEqual({ read: 1, accepted: 1, refused: 0, failed: 0 });
    expect(await gw.store.getOutbox(sent.body.exchangeId)).toMatchObject({ status: 'cancelled', payload: null });
    expect(await gw.store.getExchange(sent.body.exchangeId)).toMatchObject({ status: 'cancelled', reason: 'consent-expired' });
    const history = await gw.store.listAudit({ exchangeId: sent.body.exchangeId, limit: 10 });
    expect(history.at(-1)).toMatchObject({ action: 'delivery.cancel', outcome: 'cancelled', reason: 'consent-expired', consentIds: [consent.body.id] });

    // A second run finds the consent expired but nothing left to cancel.
    expect((await job.run(context())).counts).toEqual({ read: 1, accepted: 0, refused: 0, failed: 0 });
  });
});
