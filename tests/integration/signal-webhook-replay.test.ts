// A signal's webhook delivery that died is replayed by an operator like any dead letter (issue 10):
// it is the gateway's own notification (references and a pseudonym, no payload, no BSN), so no policy
// decides it again; it is sent as it was to the webhook configured today, and the replay is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { BSN, jw315 } from '../support/care-path-fixtures.ts';
import { check, startCarePathGateway, submitJson, type CarePathGateway } from '../support/care-path-api.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';

const actor = { id: 'operator-demo', trace: { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16) } };
let g: CarePathGateway;
let receiver: FakeReceiver;

const operatorCall = async (method: 'get' | 'post', path: string, body?: unknown): Promise<request.Response> => {
  const req = request(g.gw.app)[method](path).set({ authorization: `Bearer ${g.cfg.token('operator-demo')}` });
  const res = body === undefined ? await req : await req.set('content-type', 'application/json').send(body as object);
  return check(method.toUpperCase(), path.split('?')[0]!, res);
};

beforeAll(async () => {
  receiver = await startFakeReceiver();
  // Every delivery (the JW315 to Diemen, the signal to the webhook) fails at once and dies after one attempt.
  receiver.respondWith(500);
  g = await startCarePathGateway({ webhook: { endpoint: `${receiver.url}/signals` } }, { receiverUrl: receiver.url, delivery: { maxAttempts: 1 } }, '2026-01-09T10:00:00+01:00');
});

afterAll(async () => {
  await g.close();
  await receiver.close();
});

describe('replaying a signal webhook delivery', () => {
  it('when the webhook was down and the signal dead-lettered, then a replay sends it again once it is up, audited as the gateway\'s own', async () => {
    expect((await submitJson(g, 'JW315', jw315({ dag: '2026-01-09', bsn: BSN[3]!, products: [{ ref: 'HOOK-1' }] }))).status).toBe(202);
    // Monday 19 January: the answer (due Friday 16 January) is overdue.
    g.clock.set('2026-01-19T08:00:00+01:00');
    const { scheduleId } = await g.gw.scheduler.create({ name: 'watchdog', cron: '0 7 * * 1-5', jobKind: 'watchdog', params: {}, paused: true }, actor);
    await g.gw.scheduler.runNow(scheduleId, actor);
    await g.gw.scheduler.idle();
    await g.gw.dispatcher.runOnce();

    const dead = await operatorCall('get', '/v1/dead-letters?receiver=signal-webhook');
    expect(dead.status).toBe(200);
    const signals = dead.body.items as { exchangeId: string; messageType: string; replayable: boolean }[];
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((d) => d.messageType === 'signal' && d.replayable)).toBe(true);

    receiver.respondWith(200);
    const before = receiver.received.length;
    const replay = await operatorCall('post', '/v1/dead-letters/replay', { exchangeIds: signals.map((d) => d.exchangeId) });
    expect(replay.status).toBe(200);
    expect(replay.body.results).toEqual(signals.map((d) => ({ exchangeId: d.exchangeId, outcome: 'requeued' })));
    await g.gw.dispatcher.runOnce();
    const hooks = receiver.received.slice(before).filter((r) => r.url === '/signals');
    expect(hooks).toHaveLength(signals.length);
    // The overdue answer (OP274) and the missing retour (OP090), references only.
    expect(new Set(hooks.map((h) => (h.json as { message: { rule: string } }).message.rule))).toEqual(new Set(['OP274', 'OP090']));
    for (const hook of hooks) expect(hook.body).not.toMatch(/99990\d{4}/);
    for (const d of signals) {
      expect((await g.gw.store.getExchange(d.exchangeId))?.status).toBe('delivered');
      const history = (await g.gw.store.listAudit({ exchangeId: d.exchangeId, limit: 100 })).map((r) => `${r.action}:${r.outcome}:${r.reason ?? ''}`);
      expect(history).toContain('delivery.replay:requeued:gateway-signal');
      expect(history.at(-1)).toMatch(/^delivery\.attempt:delivered/);
    }
    // Replayed once, it is no dead letter any more.
    const again = await operatorCall('post', '/v1/dead-letters/replay', { exchangeIds: [signals[0]!.exchangeId] });
    expect(again.body.results).toEqual([{ exchangeId: signals[0]!.exchangeId, outcome: 'not-replayable', reason: 'not-a-dead-letter', detail: 'its delivery is delivered' }]);
  });
});
