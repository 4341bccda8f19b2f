// The regie register through HTTP (/v1/regie), on SQLite and on PostgreSQL: one regievoerder per child,
// registered by the gemeente (or the GI), found by the parties that exchanged about the child and by
// no one else (no oracle), handed over only on acceptance, ended only with a reason; two registrations
// at the same moment: one wins, the others get 409 naming its organisation. Every step is audited.
// The real app with supertest, a real receiver on 127.0.0.1, every answer checked against openapi.yaml.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { assertConformsToOpenApi, documentedOperations } from '../support/openapi-conformance.ts';
import { isRegiePath } from '../support/operator-paths.ts';
import { giMeasure, type SendExchange } from '../support/regie-setup.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';

const GEMEENTE = 'gemeente-diemen';
const PROVIDER = 'jeugdhulp-de-brug';
const OTHER_PROVIDER = 'zorgaanbieder-horizon';
const GI = 'gi-jeugdbescherming-west';
const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as { Client: { Bsn: string } } & Record<string, unknown>;
const CHILD = jw315.Client.Bsn;
const LONELY_CHILD = '999900031';
const ENDED_CHILD = '999900043';
const basis = 'jw-7.4.0-lid-1';
/** The regie operations the suites called (path templates), for the completeness check at the end. */
const exercised = new Set<string>();

function describeRegie(name: string, storeUrl: () => string | undefined, cleanupStore: () => Promise<void> = () => Promise.resolve()): void {
  describe(name, () => {
    let receiver: FakeReceiver;
    let cfg: TestConfig;
    let gw: GatewayParts;

    const conform = (path: string, res: request.Response): request.Response => {
      const template = path.replace(/handovers\/[0-9a-f-]{36}\//, 'handovers/{handoverId}/');
      assertConformsToOpenApi('POST', template, { status: res.status, headers: res.headers, body: res.body, text: res.text });
      exercised.add(`POST ${template}`);
      return res;
    };
    const post = async (path: string, party: string, body: unknown): Promise<request.Response> =>
      conform(path, await request(gw.app).post(path).set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' }).send(JSON.stringify(body)));
    const register = (party: string, extra: Record<string, unknown> = {}) => post('/v1/regie', party, { bsn: CHILD, contactFunction: 'casemanager team Zuid', legalBasis: basis, ...extra });
    const lookup = (party: string, bsn = CHILD) => post('/v1/regie/lookup', party, { bsn });
    const send: SendExchange = async (party, envelope) => {
      const res = await request(gw.app).post('/v1/exchanges').set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' }).send(JSON.stringify(envelope));
      return { status: res.status, body: res.body };
    };
    const audit = async (action: string) => (await gw.store.readAuditChain(1, 1_000_000)).filter((r) => r.action === action);

    beforeAll(async () => {
      receiver = await startFakeReceiver();
      const url = storeUrl();
      cfg = writeTestConfig({ receiverUrl: receiver.url, ...(url !== undefined ? { extra: { store: { url } } } : {}) });
      gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
      // The provider asks the gemeente for a toewijzing about the child: it has exchanged about the child.
      const sent = await request(gw.app)
        .post('/v1/exchanges')
        .set({ authorization: `Bearer ${cfg.token(PROVIDER)}`, 'content-type': 'application/json' })
        .send(JSON.stringify({ messageType: 'JW315', receiver: GEMEENTE, purpose: 'verzoek-toewijzing', message: jw315 }));
      expect(sent.status).toBe(202);
      // The GI carries out an OTS for the child: the court's decision went through the gateway.
      await giMeasure(send, CHILD);
    }, 60_000);

    afterAll(async () => {
      await gw.close();
      await receiver.close();
      cfg.cleanup();
      await cleanupStore();
    });

    it('when a provider registers a regie, then 403 (a gemeente or GI registers), audited as refused', async () => {
      const res = await register(PROVIDER);
      expect(res.status).toBe(403);
      expect((await audit('regie.register')).at(-1)).toMatchObject({ outcome: 'refused', reason: 'not-a-registrar', actor: PROVIDER });
    });

    it('when a gemeente that has nothing to do with the child registers, then 403 (not-involved), audited, before the register is read', async () => {
      const res = await register('gemeente-amsterdam');
      expect(res.status).toBe(403);
      expect((await audit('regie.register')).at(-1)).toMatchObject({ outcome: 'refused', reason: 'not-involved', actor: 'gemeente-amsterdam' });
    });

    it('when a GI registers for a child it carries out no measure for, or one whose measure has ended, then 403 naming why, audited', async () => {
      const none = await register(GI, { bsn: LONELY_CHILD, party: GI });
      expect(none.status).toBe(403);
      expect(none.body.detail).toContain('NotificatieBeslissingRechtspraak');
      expect((await audit('regie.register')).at(-1)).toMatchObject({ outcome: 'refused', reason: 'no-measure', actor: GI });
      await giMeasure(send, ENDED_CHILD, { ingangsdatum: '2025-01-01', einddatum: '2025-12-31' });
      const ended = await register(GI, { bsn: ENDED_CHILD, party: GI });
      expect(ended.status).toBe(403);
      expect(ended.body.detail).toContain('not running today');
      expect((await audit('regie.register')).at(-1)).toMatchObject({ outcome: 'refused', reason: 'measure-ended', actor: GI });
      expect((await lookup(GI, ENDED_CHILD)).body).toEqual({ regie: null });
    });

    it('when the gemeente and the GI register at the same moment, then one wins and the others get 409 naming its organisation', async () => {
      const answers = await Promise.all([register(GEMEENTE), register(GI, { party: GI }), register(GEMEENTE), register(GI, { party: GI })]);
      const won = answers.filter((r) => r.status === 201);
      expect(won).toHaveLength(1);
      const winner = won[0]!.body as { party: string; partyName: string };
      for (const lost of answers.filter((r) => r.status !== 201)) {
        expect(lost.status).toBe(409);
        expect(lost.body.detail).toContain(winner.partyName);
      }
      const registered = (await audit('regie.register')).filter((r) => r.outcome === 'registered');
      expect(registered).toHaveLength(1);
      expect((await audit('regie.register')).filter((r) => r.reason === 'regie-exists')).toHaveLength(3);
      // From here on the GI has the regie (whoever won, the next steps need one holder).
      if (winner.party !== GI) {
        const h = await post('/v1/regie/handovers', GEMEENTE, { bsn: CHILD, toParty: GI, contactFunction: 'gezinsvoogd team West' });
        expect(h.status).toBe(201);
        expect((await post(`/v1/regie/handovers/${h.body.handoverId}/decision`, GI, { decision: 'accept' })).status).toBe(200);
      }
    });

    it('when a party that exchanged about the child looks up, then it gets the organisation and contact function, nothing else', async () => {
      const res = await lookup(PROVIDER);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ regie: { party: GI, partyName: expect.any(String), contactFunction: expect.any(String), since: expect.any(String) } });
      expect((await audit('regie.lookup')).at(-1)).toMatchObject({ actor: PROVIDER, outcome: 'read', reason: 'found' });
    });

    it('when another gemeente (a registrar role, but not this child\'s) looks up or tries to end it, then it is told nothing and may not (regression)', async () => {
      expect((await lookup('gemeente-amsterdam')).body).toEqual({ regie: null });
      expect((await post('/v1/regie/end', 'gemeente-amsterdam', { bsn: CHILD, reason: 'care-ended' })).status).toBe(404);
      expect((await lookup(PROVIDER)).body.regie.party).toBe(GI);
    });

    it('when a party that never exchanged about the child looks up, then the answer is the same as for a child without regie (no oracle), and both are audited truthfully', async () => {
      const outsider = await lookup(OTHER_PROVIDER);
      const unregistered = await lookup(PROVIDER, LONELY_CHILD);
      expect(outsider.status).toBe(200);
      expect(outsider.body).toEqual({ regie: null });
      expect(unregistered.body).toEqual(outsider.body);
      const lookups = await audit('regie.lookup');
      expect(lookups.at(-2)).toMatchObject({ actor: OTHER_PROVIDER, reason: 'not-entitled' });
      expect(lookups.at(-1)).toMatchObject({ actor: PROVIDER, reason: 'no-regie' });
    });

    it('when a handover is proposed wrongly (by an outsider, to oneself, to an unknown party, a BSN that fails the 11-test), then a clear 4xx and nothing written', async () => {
      expect((await post('/v1/regie/handovers', OTHER_PROVIDER, { bsn: CHILD, toParty: PROVIDER, contactFunction: 'team' })).status).toBe(404);
      const self = await post('/v1/regie/handovers', GI, { bsn: CHILD, toParty: GI, contactFunction: 'team' });
      expect(self.status).toBe(400);
      expect(self.body.errors[0].pointer).toBe('/toParty');
      const unknown = await post('/v1/regie/handovers', GI, { bsn: CHILD, toParty: 'no-such-party', contactFunction: 'team' });
      expect(unknown.status).toBe(400);
      const bad = await post('/v1/regie/handovers', GI, { bsn: '123456789', toParty: PROVIDER, contactFunction: '', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/bsn', '/contactFunction', '/extra']);
      expect(bad.text).not.toContain('123456789');
      expect((await lookup(PROVIDER)).body.regie.party).toBe(GI);
    });

    it('when the GI proposes a handover to the provider, then the GI stays responsible until the provider accepts; a second proposal waits; another party cannot answer', async () => {
      const proposed = await post('/v1/regie/handovers', GI, { bsn: CHILD, toParty: PROVIDER, contactFunction: 'casemanager ambulant team', note: 'Maatregel loopt af.' });
      expect(proposed.status).toBe(201);
      expect(proposed.body).toMatchObject({ fromParty: GI, toParty: PROVIDER, status: 'proposed' });
      expect((await post('/v1/regie/handovers', GEMEENTE, { bsn: CHILD, toParty: OTHER_PROVIDER, contactFunction: 'team' })).status).toBe(409);
      expect((await lookup(PROVIDER)).body.regie.party).toBe(GI);
      expect((await post(`/v1/regie/handovers/${proposed.body.handoverId}/decision`, OTHER_PROVIDER, { decision: 'accept' })).status).toBe(404);
      const accepted = await post(`/v1/regie/handovers/${proposed.body.handoverId}/decision`, PROVIDER, { decision: 'accept' });
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('accepted');
      expect((await lookup(PROVIDER)).body.regie).toMatchObject({ party: PROVIDER, contactFunction: 'casemanager ambulant team' });
      expect((await post(`/v1/regie/handovers/${proposed.body.handoverId}/decision`, PROVIDER, { decision: 'decline' })).status).toBe(409);
      expect((await audit('regie.handover')).map((r) => `${r.outcome}:${r.reason}`).filter((x) => !x.startsWith('refused'))).toEqual(expect.arrayContaining(['proposed:handover-proposed', 'accepted:handover-accepted']));
    });

    it('when a proposal is declined, then the regie stays where it was', async () => {
      const proposed = await post('/v1/regie/handovers', PROVIDER, { bsn: CHILD, toParty: OTHER_PROVIDER, contactFunction: 'team Noord' });
      expect(proposed.status).toBe(201);
      expect((await post(`/v1/regie/handovers/${proposed.body.handoverId}/decision`, OTHER_PROVIDER, { decision: 'decline', note: 'Geen plek.' })).body.status).toBe('declined');
      expect((await lookup(PROVIDER)).body.regie.party).toBe(PROVIDER);
    });

    it('when the regie is ended, then only with a reason from the list; afterwards the child has none and a new one can be registered', async () => {
      const bad = await post('/v1/regie/end', PROVIDER, { bsn: CHILD, reason: 'klaar' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ pointer: '/reason' });
      expect((await post('/v1/regie/end', OTHER_PROVIDER, { bsn: CHILD, reason: 'care-ended' })).status).toBe(404);
      expect((await post('/v1/regie/end', PROVIDER, { bsn: CHILD, reason: 'care-ended' })).status).toBe(200);
      expect((await lookup(PROVIDER)).body).toEqual({ regie: null });
      expect((await audit('regie.end')).at(-1)).toMatchObject({ outcome: 'ended', reason: 'care-ended', actor: PROVIDER, counterparty: PROVIDER });
      expect((await register(GEMEENTE)).status).toBe(201);
    });

    it('when the privacy officer exports the child\'s data (AVG art. 15), then it lists the regie history, every look-up with what the register knew, and the measure facts', async () => {
      const res = await request(gw.app)
        .post('/v1/privacy/subject-access-export')
        .set({ authorization: `Bearer ${cfg.token('privacy-officer-demo')}`, 'content-type': 'application/json' })
        .send(JSON.stringify({ bsn: CHILD }));
      expect(res.status).toBe(200);
      assertConformsToOpenApi('POST', '/v1/privacy/subject-access-export', { status: res.status, headers: res.headers, body: res.body, text: res.text });
      const history = res.body.regie as { party: string; until: string | null; endReason: string | null }[];
      expect(history.at(-1)).toMatchObject({ party: GEMEENTE, until: null, endReason: null });
      expect(history.filter((r) => r.endReason === 'handed-over').length).toBeGreaterThanOrEqual(1);
      expect(history.some((r) => r.party === PROVIDER && r.endReason === 'care-ended')).toBe(true);
      const lookups = res.body.regieLookups as { by: string; result: string }[];
      expect(lookups).toEqual(expect.arrayContaining([expect.objectContaining({ by: PROVIDER, result: 'found' }), expect.objectContaining({ by: OTHER_PROVIDER, result: 'not-entitled' })]));
      // The measure fact the gateway keeps for the register is the child's data too.
      expect(res.body.measures).toEqual([{ soort: 'ots', gi: GI, ingangsdatum: '2026-01-01', einddatum: null, exchangeId: expect.any(String) }]);
      expect(res.text).not.toContain(CHILD);
    });

    it('then the audit chain verifies and holds no BSN', async () => {
      const chain = await gw.store.readAuditChain(1, 1_000_000);
      expect(JSON.stringify(chain)).not.toContain(CHILD);
      const res = await request(gw.app).get('/v1/privacy/audit-verification').set({ authorization: `Bearer ${cfg.token('privacy-officer-demo')}` });
      expect(res.body.ok).toBe(true);
    });
  });
}

describeRegie('the regie register on SQLite', () => undefined);

describe('the regie API', () => {
  it('then every documented /v1/regie operation has been exercised by this suite', () => {
    const missing = documentedOperations().filter((op) => isRegiePath(op.pathTemplate) && !exercised.has(`${op.method} ${op.pathTemplate}`));
    expect(missing).toEqual([]);
  });
});

const schema = freshSchema('kp_regie');
describe.skipIf(pgTestUrl === undefined)(pgSuiteName('on PostgreSQL'), () => {
  describeRegie('the regie register on PostgreSQL', () => pgStoreUrl(schema), () => dropSchema(schema));
});
