// The regievoerder hears of exchanges about the child (issue 12): a rule with the side effect
// notify-regievoerder (consent/policy.default.json) makes the gateway send the child's regievoerder a
// RegieNotificatie, metadata only (who sent which message type to whom, and when), decided by its own
// rule (regie-notificatie, legal basis regievoering-jeugd) and audited. The sender of the exchange
// learns nothing about who has the regie (not in its 202, its exchange list or its audit records); a
// regievoerder that is itself a party to the exchange gets no notice; a regievoerder whose system
// cannot take the notice gets none and that refusal is audited; no party can submit a notice itself.
// On SQLite and PostgreSQL: the real app with supertest, real receivers on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';

const GEMEENTE = 'gemeente-diemen';
const PROVIDER = 'jeugdhulp-de-brug';
const GI = 'gi-jeugdbescherming-west';
const NARROW = 'zorgaanbieder-horizon';
const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as { Client: { Bsn: string } } & Record<string, any>;
const CHILD = jw315.Client.Bsn;

/** The demo JW315 for another child, with its own message identification. */
function requestFor(bsn: string, id: string): Record<string, any> {
  const m = structuredClone(jw315) as Record<string, any>;
  m.Client.Bsn = bsn;
  m.Header.BerichtIdentificatie.Identificatie = id;
  return m;
}

function describeNotice(name: string, storeUrl: () => string | undefined, cleanupStore: () => Promise<void> = () => Promise.resolve()): void {
  describe(name, () => {
    let receiver: FakeReceiver;
    let cfg: TestConfig;
    let gw: GatewayParts;
    const auth = (party: string) => ({ authorization: `Bearer ${cfg.token(party)}` });
    const post = (path: string, party: string, body: unknown) =>
      request(gw.app).post(path).set({ ...auth(party), 'content-type': 'application/json' }).send(JSON.stringify(body));
    const submit = (message: Record<string, any>) => post('/v1/exchanges', PROVIDER, { messageType: 'JW315', receiver: GEMEENTE, purpose: 'verzoek-toewijzing', message });
    const inboxOf = async (party: string) => (await request(gw.app).get('/v1/inbox').set(auth(party))).body.items as Record<string, any>[];
    const notices = async () => (await gw.store.readAuditChain(1, 1_000_000)).filter((r) => r.messageType === 'RegieNotificatie');

    beforeAll(async () => {
      receiver = await startFakeReceiver();
      const url = storeUrl();
      cfg = writeTestConfig({
        receiverUrl: receiver.url,
        inboxParties: [GI],
        // A provider whose system takes only toewijzingen: it cannot take a regie notice.
        adapters: { [NARROW]: { kind: 'rest-json', endpoint: `${receiver.url}/${NARROW}`, messageTypes: ['JW301', 'JW319'] } },
        ...(url !== undefined ? { extra: { store: { url } } } : {}),
      });
      gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
      // The gemeente registers the regie of a child it has exchanged about.
      expect((await submit(requestFor(CHILD, 'RN0000000001'))).status).toBe(202);
      expect((await post('/v1/regie', GEMEENTE, { bsn: CHILD, party: GI, contactFunction: 'gezinsvoogd team West', legalBasis: 'regievoering-jeugd' })).status).toBe(201);
    }, 60_000);

    afterAll(async () => {
      await gw.close();
      await receiver.close();
      cfg.cleanup();
      await cleanupStore();
    });

    it('when a provider sends a request about a child whose regie the GI has, then the GI gets a notice with who, to whom, which type and when, and nothing else', async () => {
      const sent = await submit(jw315);
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      // The request to the gemeente and the notice to the GI's inbox.
      while ((await gw.dispatcher.runOnce()) > 0);
      const items = (await inboxOf(GI)).filter((i) => i.messageType === 'RegieNotificatie');
      expect(items).toHaveLength(1);
      const item = (await request(gw.app).get(`/v1/inbox/${items[0]!.exchangeId as string}`).set(auth(GI))).body as Record<string, any>;
      expect(item.message).toEqual({
        Kind: { Bsn: CHILD },
        Uitwisseling: {
          Afzender: { Id: PROVIDER, Naam: expect.any(String), Rol: 'aanbieder' },
          Ontvanger: { Id: GEMEENTE, Naam: expect.any(String), Rol: 'gemeente' },
          Berichttype: 'JW315',
          Tijdstip: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      });
      const [record] = await notices();
      expect(record).toMatchObject({ action: 'exchange.submit', outcome: 'allowed', actor: GI, counterparty: GI, purpose: 'regie', legalBasis: 'regievoering-jeugd', rule: 'regie-notificatie@1' });
      expect(record!.detail).toContain(sent.body.exchangeId as string);
    });

    it('then the provider that sent it learns nothing of who has the regie: not from its 202, its exchanges or its audit records', async () => {
      const sent = await submit(requestFor(CHILD, 'RN0000000002'));
      expect(sent.status).toBe(202);
      expect(JSON.stringify(sent.body)).not.toContain(GI);
      const exchanges = await request(gw.app).get('/v1/exchanges').set(auth(PROVIDER));
      expect(exchanges.status).toBe(200);
      expect(JSON.stringify(exchanges.body)).not.toContain(GI);
      expect(JSON.stringify(exchanges.body)).not.toContain('RegieNotificatie');
      const audit = await request(gw.app).get('/v1/audit').set(auth(PROVIDER));
      expect(audit.status).toBe(200);
      expect(JSON.stringify(audit.body)).not.toContain(GI);
    });

    it('when the regievoerder is itself the receiver, or the child has no regievoerder, then no notice', async () => {
      // Another child, its regie with the gemeente that receives the request.
      expect((await submit(requestFor('999900031', 'RN0000000013'))).status).toBe(202);
      expect((await post('/v1/regie', GEMEENTE, { bsn: '999900031', contactFunction: 'wijkteam Noord', legalBasis: 'regievoering-jeugd' })).status).toBe(201);
      const before = (await notices()).length;
      expect((await submit(requestFor('999900031', 'RN0000000003'))).status).toBe(202);
      // A child without regie.
      expect((await submit(requestFor('999900043', 'RN0000000004'))).status).toBe(202);
      expect((await notices()).length).toBe(before);
    });

    it("when the regievoerder's system cannot take the notice, then none is sent, the refusal is audited, and the exchange itself is accepted", async () => {
      expect((await submit(requestFor('999900055', 'RN0000000015'))).status).toBe(202);
      expect((await post('/v1/regie', GEMEENTE, { bsn: '999900055', party: NARROW, contactFunction: 'casemanager', legalBasis: 'regievoering-jeugd' })).status).toBe(201);
      const sent = await submit(requestFor('999900055', 'RN0000000005'));
      expect(sent.status).toBe(202);
      const refused = (await notices()).filter((r) => r.counterparty === NARROW);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ outcome: 'refused', reason: 'receiver-cannot-carry' });
    });

    it('when a party submits a RegieNotificatie itself, then 400 naming /messageType: only the gateway sends notices', async () => {
      const res = await post('/v1/exchanges', GEMEENTE, {
        messageType: 'RegieNotificatie', receiver: GI, purpose: 'regie',
        message: { Kind: { Bsn: CHILD }, Uitwisseling: { Afzender: { Id: 'x', Naam: 'x', Rol: 'x' }, Ontvanger: { Id: 'x', Naam: 'x', Rol: 'x' }, Berichttype: 'JW315', Tijdstip: '2026-12-01T10:00:00Z' } },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/messageType' })]);
    });
  });
}

describeNotice('the regie notice on SQLite', () => undefined);

const schema = freshSchema('kp_regie_notice');
describe.skipIf(pgTestUrl === undefined)(pgSuiteName('on PostgreSQL'), () => {
  describeNotice('the regie notice on PostgreSQL', () => pgStoreUrl(schema), () => dropSchema(schema));
});
