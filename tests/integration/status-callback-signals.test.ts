// Status callbacks for care-path signals (issue 13): when the watchdog raises a signal that names an
// exchange, the party that owes the awaited message hears of it through its subscription, in the
// transaction that raised it; references only (the signal's id, kind and rule), no BSN.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { BSN, jw315 } from '../support/care-path-fixtures.ts';
import { check, startCarePathGateway, submitJson, type CarePathGateway } from '../support/care-path-api.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';

const GEMEENTE = 'gemeente-diemen';
const actor = { id: 'operator-demo', trace: { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16) } };
let g: CarePathGateway;
let parties: FakeReceiver;
let hooks: FakeReceiver;

beforeAll(async () => {
  parties = await startFakeReceiver();
  hooks = await startFakeReceiver();
  g = await startCarePathGateway({}, { receiverUrl: parties.url, extra: { subscriptions: { allowedHosts: ['127.0.0.1'] } } }, '2026-01-09T10:00:00+01:00');
});

afterAll(async () => {
  await g.close();
  await parties.close();
  await hooks.close();
});

describe('status callbacks for signals', () => {
  it('when the watchdog raises signals a gemeente owes about an exchange, then its subscription gets one signed event per signal, without a BSN', async () => {
    const created = check('POST', '/v1/subscriptions', await request(g.gw.app).post('/v1/subscriptions').set({ authorization: `Bearer ${g.cfg.token(GEMEENTE)}`, 'content-type': 'application/json' }).send(JSON.stringify({ url: `${hooks.url}/signals`, events: ['signal.raised'] })));
    expect(created.status).toBe(201);
    const sent = await submitJson(g, 'JW315', jw315({ dag: '2026-01-09', bsn: BSN[3]!, products: [{ ref: 'HOOK-1' }] }));
    expect(sent.status).toBe(202);
    await g.gw.dispatcher.runOnce();
    // Monday 19 January: the answer (due Friday 16 January) and the retour are overdue.
    g.clock.set('2026-01-19T08:00:00+01:00');
    const { scheduleId } = await g.gw.scheduler.create({ name: 'watchdog', cron: '0 7 * * 1-5', jobKind: 'watchdog', params: {}, paused: true }, actor);
    await g.gw.scheduler.runNow(scheduleId, actor);
    await g.gw.scheduler.idle();
    const owed = (await g.gw.store.listSignals({ party: GEMEENTE, limit: 100 })).filter((s) => s.owedBy === GEMEENTE && s.refs.exchangeId !== undefined);
    expect(owed.length).toBeGreaterThan(0);
    // Both name the same JW315: in order, one after the other (the second waits while the first is pending).
    expect(await g.gw.dispatcher.runOnce()).toBe(1);
    expect(hooks.received.filter((r) => r.url === '/signals')).toHaveLength(1);
    while ((await g.gw.dispatcher.runOnce()) > 0);
    const got = hooks.received.filter((r) => r.url === '/signals');
    expect(got.map((r) => (r.json as { signalId: string }).signalId).sort()).toEqual(owed.map((s) => s.id).sort());
    for (const r of got) {
      const event = r.json as { type: string; exchangeId: string; signalId: string; rule: string; signalKind: string };
      const signal = owed.find((s) => s.id === event.signalId)!;
      expect(event).toMatchObject({ type: 'signal.raised', exchangeId: signal.refs.exchangeId, rule: signal.rule, signalKind: signal.kind });
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['ketenpoort-signature']))!;
      expect(createHmac('sha256', created.body.secret as string).update(`${t}.${r.body}`).digest('hex')).toBe(v1);
      expect(r.body).not.toContain(BSN[3]!);
    }
  });
});
