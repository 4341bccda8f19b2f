// The watchdog on a simulated clock (issue 10): a JW315 sent on the Friday before Easter and on the
// Friday before King's Day becomes overdue on exactly the right werkdag (5 werkdagen, OP274; Easter
// Monday, King's Day and Liberation Day are no werkdagen), the watchdog job turns it into a signal
// (stored, audited, counted, delivered to the webhook through the outbox), the parties concerned see
// it at GET /v1/signals and acknowledge it, and it closes itself when the JW301 arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { BSN, jw301, jw315 } from '../support/care-path-fixtures.ts';
import { check, codec, startCarePathGateway, submitJson, type CarePathGateway } from '../support/care-path-api.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { createPseudonymizer } from '../../src/audit/pseudonym.ts';

const actor = { id: 'operator-demo', trace: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) } };
const at = (day: string): string => `${day}T10:00:00+02:00`;

let g: CarePathGateway;
let receiver: FakeReceiver;
let scheduleId: string;

async function watchdogOn(day: string): Promise<{ read: number; accepted: number }> {
  g.clock.set(at(day));
  const started = await g.gw.scheduler.runNow(scheduleId, actor);
  await g.gw.scheduler.idle();
  const run = await g.gw.scheduler.getRun(scheduleId, started.runId);
  expect(run.status).toBe('succeeded');
  return run.counts;
}

const signalsOf = async (party: string, query = ''): Promise<request.Response> =>
  check('GET', '/v1/signals', await request(g.gw.app).get(`/v1/signals${query}`).set({ authorization: `Bearer ${g.cfg.token(party)}` }));

/**
 * A JW315 accepted on `day`, with its JW316 (0200) from the gemeente, so only the answer is awaited.
 * The retour holds no approved client (iJw OP065: the builder leaves it out; the gateway signals a retour that holds one).
 */
async function requestOn(day: string, bsn: string, ref: string): Promise<void> {
  g.clock.set(at(day));
  const message = jw315({ dag: day, bsn, products: [{ ref }] });
  expect((await submitJson(g, 'JW315', message)).status).toBe(202);
  const built = codec.buildRetourXml({ heenType: 'JW315', heen: message, outcome: { accepted: true }, identificatieRetour: `R${ref}`, dagtekeningRetour: day });
  const headerOnly = codec.parse(built!.xml).message;
  expect(headerOnly['Client']).toBeUndefined();
  expect((await submitJson(g, 'JW316', headerOnly)).status).toBe(202);
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  g = await startCarePathGateway({ webhook: { endpoint: `${receiver.url}/signals` } }, {}, at('2026-04-03'));
  scheduleId = (await g.gw.scheduler.create({ name: 'watchdog', cron: '0 7 * * 1-5', jobKind: 'watchdog', params: {}, paused: true }, actor)).scheduleId;
});

afterAll(async () => {
  await g.close();
  await receiver.close();
});

describe('the watchdog on a simulated clock', () => {
  it('when a JW315 is sent on Good Friday 2026, then the answer is overdue on Tuesday 14 April (Easter Monday is no werkdag), not before', async () => {
    await requestOn('2026-04-03', BSN[0]!, 'EASTER-1');
    expect((await watchdogOn('2026-04-13')).accepted).toBe(0);
    expect((await signalsOf('gemeente-diemen')).body.items).toEqual([]);
    expect(await watchdogOn('2026-04-14')).toMatchObject({ read: 1, accepted: 1 });
    const list = (await signalsOf('gemeente-diemen')).body.items as Record<string, unknown>[];
    expect(list).toEqual([expect.objectContaining({ kind: 'answer', rule: 'OP274', dueDay: '2026-04-13', status: 'open', owedBy: 'gemeente-diemen', refs: expect.objectContaining({ referentieAanbieder: 'EASTER-1' }) })]);
  });

  it("when a JW315 is sent on the Friday before King's Day, then it is overdue on Wednesday 6 May, the sixth werkdag; a second run raises nothing twice", async () => {
    await requestOn('2026-04-24', BSN[1]!, 'KING-1');
    expect((await watchdogOn('2026-05-04')).accepted).toBe(0);
    // 5 May, Liberation Day: no werkdag (the default calendar), so not yet overdue.
    expect((await watchdogOn('2026-05-05')).accepted).toBe(0);
    expect(await watchdogOn('2026-05-06')).toMatchObject({ read: 1, accepted: 1 });
    expect(await watchdogOn('2026-05-06')).toMatchObject({ read: 0, accepted: 0 });
    const pseudonym = createPseudonymizer(g.cfg.config.pseudonymSecret)(BSN[1]!);
    const mine = (await signalsOf('gemeente-diemen', `?kind=answer&subject=${pseudonym}`)).body.items as Record<string, unknown>[];
    expect(mine).toEqual([expect.objectContaining({ rule: 'OP274', dueDay: '2026-05-04', subject: pseudonym, title: expect.any(String) })]);
    expect(JSON.stringify(mine)).not.toContain(BSN[1]!);
    // Only the parties concerned see it.
    expect((await signalsOf('zorgaanbieder-horizon')).body.items).toEqual([]);
    expect((await signalsOf('gemeente-amsterdam')).body.items).toEqual([]);
  });

  it('when signals are listed, then filters, cursor pages and unknown parameters behave', async () => {
    const first = await signalsOf('gemeente-diemen', '?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(typeof first.body.next).toBe('string');
    const second = await signalsOf('gemeente-diemen', `?limit=1&next=${String(first.body.next)}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.next).toBeNull();
    expect((await signalsOf('gemeente-diemen', '?status=closed')).body.items).toEqual([]);
    const unknown = await signalsOf('gemeente-diemen', '?stauts=open');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/query/stauts' })]);
    expect((await signalsOf('gemeente-diemen', '?subject=999990019')).status).toBe(400);
  });

  it('when the watchdog raised signals, then they are counted in /metrics, audited, and delivered to the webhook without a BSN', async () => {
    const metrics = await request(g.gw.metricsApp).get('/metrics');
    expect(metrics.text).toMatch(/ketenpoort_signals_total\{event="raised",kind="answer"\} 2/);
    expect(metrics.text).toMatch(/ketenpoort_signals\{status="open"\} 2/);
    const audit = await g.gw.store.readAuditChain(1, 100_000);
    expect(audit.filter((r) => r.action === 'signal.raise').map((r) => [r.outcome, r.counterparty, r.reason])).toEqual([
      ['raised', 'gemeente-diemen', 'answer'],
      ['raised', 'gemeente-diemen', 'answer'],
    ]);
    const before = receiver.received.length;
    await g.gw.dispatcher.runOnce();
    await receiver.waitFor(before + 2);
    const hooks = receiver.received.slice(before).filter((r) => r.url === '/signals');
    expect(hooks.map((r) => (r.json as { messageType: string; message: { rule: string } }).message.rule)).toEqual(['OP274', 'OP274']);
    expect(hooks.map((r) => (r.json as { messageType: string }).messageType)).toEqual(['signal', 'signal']);
    for (const hook of hooks) expect(hook.body).not.toMatch(/99990\d{4}/);
  });

  it('when a party acknowledges a signal with a note, then it is acknowledged and audited; a note with a BSN or another party is refused', async () => {
    const [signal] = (await signalsOf('gemeente-diemen', '?limit=1')).body.items as { id: string }[];
    const post = (party: string, body: unknown): request.Test =>
      request(g.gw.app).post(`/v1/signals/${signal!.id}/acknowledgement`).set({ authorization: `Bearer ${g.cfg.token(party)}`, 'content-type': 'application/json' }).send(body as object);
    const path = '/v1/signals/{signalId}/acknowledgement';
    const bsn = check('POST', path, await post('gemeente-diemen', { note: 'kind 999990019 gebeld' }));
    expect(bsn.status).toBe(400);
    expect(check('POST', path, await post('zorgaanbieder-horizon', { note: 'niet van ons' })).status).toBe(404);
    const ok = check('POST', path, await post('gemeente-diemen', { note: 'wordt vandaag beantwoord' }));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'gemeente-diemen', note: 'wordt vandaag beantwoord' });
    expect(check('POST', path, await post('gemeente-diemen', { note: 'nog eens' })).status).toBe(409);
    expect((await g.gw.store.readAuditChain(1, 100_000)).some((r) => r.action === 'signal.acknowledge' && r.actor === 'gemeente-diemen')).toBe(true);
  });

  it('when the JW301 arrives, then the signal closes itself as met by that exchange, and the watchdog does not raise it again', async () => {
    g.clock.set(at('2026-05-07'));
    const res = await submitJson(g, 'JW301', jw301({ dag: '2026-05-07', bsn: BSN[1]!, products: [{ nummer: 4242, ref: 'KING-1', ingang: '2026-05-11', eind: '2026-12-31' }] }));
    expect(res.status, res.text).toBe(202);
    const closed = (await signalsOf('gemeente-diemen', '?status=closed')).body.items as Record<string, unknown>[];
    expect(closed).toEqual([expect.objectContaining({ refs: expect.objectContaining({ referentieAanbieder: 'KING-1' }), closedReason: 'met', closedByExchange: res.body.exchangeId })]);
    expect((await g.gw.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'signal.close').map((r) => [r.outcome, r.reason, r.exchangeId])).toEqual([['closed', 'met', res.body.exchangeId]]);
    expect((await watchdogOn('2026-05-07')).accepted).toBe(0);
    expect((await request(g.gw.metricsApp).get('/metrics')).text).toMatch(/ketenpoort_signals_total\{event="closed",kind="answer"\} 1/);
  });
});
