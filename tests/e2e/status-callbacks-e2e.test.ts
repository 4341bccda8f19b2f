// End to end, crash safety of status callbacks (issue 13): the real server process on its SQLite file
// (and on PostgreSQL when configured), a real receiver on 127.0.0.1 that holds the first request for
// an event open; the process is killed (kill -9) while that event is in flight and started again on
// the same store. The event was written with the delivery it tells of, so it is not lost: after the
// lease it is sent again with the same event id and signature scheme, and a receiver that de-duplicates
// on the id takes it exactly once. Its lost attempt is audited (lease-expired).
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { openStore } from '../../src/store/open-store.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as { Client: { Bsn: string } } & Record<string, unknown>;
const PROVIDER = 'jeugdhulp-de-brug';

interface Arrival {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A receiver that leaves its first request unanswered (the sender dies meanwhile) and takes the rest. */
async function startHoldingReceiver(): Promise<{ url: string; arrivals: Arrival[]; waitFor(n: number): Promise<void>; close(): Promise<void> }> {
  const arrivals: Arrival[] = [];
  const held: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrivals.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (arrivals.length === 1) held.push(res);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    async waitFor(n) {
      for (let i = 0; i < 300 && arrivals.length < n; i++) await new Promise((r) => setTimeout(r, 50));
      expect(arrivals.length).toBeGreaterThanOrEqual(n);
    },
    close: () =>
      new Promise<void>((done) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function describeCrash(name: string, storeUrl: () => string | undefined, cleanupStore: () => Promise<void> = () => Promise.resolve()): void {
  describe(name, () => {
    let parties: FakeReceiver | undefined;
    let hooks: Awaited<ReturnType<typeof startHoldingReceiver>> | undefined;
    let cfg: TestConfig | undefined;
    let gateway: GatewayProcess | undefined;

    afterAll(async () => {
      await gateway?.stop();
      await parties?.close();
      await hooks?.close();
      cfg?.cleanup();
      await cleanupStore();
    });

    it('when the process is killed while an event is in flight and started again, then the event comes again with the same id and is taken once', async () => {
      parties = await startFakeReceiver();
      hooks = await startHoldingReceiver();
      const url = storeUrl();
      cfg = writeTestConfig({
        receiverUrl: parties.url,
        delivery: { leaseMs: 2000, timeoutMs: 1500, pollIntervalMs: 50 },
        extra: { subscriptions: { allowedHosts: ['127.0.0.1'] }, ...(url !== undefined ? { store: { url } } : {}) },
      });
      const config = cfg;
      gateway = await startGatewayProcess(config.file);
      const call = async (path: string, body?: unknown): Promise<{ status: number; body: any }> => {
        const res = await fetch(gateway!.url + path, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { authorization: `Bearer ${config.token(PROVIDER)}`, 'content-type': 'application/json' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
      };
      const subscribed = await call('/v1/subscriptions', { url: `${hooks.url}/events`, events: ['exchange.delivered'] });
      expect(subscribed.status).toBe(201);
      const sent = await call('/v1/exchanges', { messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 });
      expect(sent.status).toBe(202);

      // The exchange is delivered; its event goes out and is held by the receiver: then kill -9.
      await hooks.waitFor(1);
      await gateway.stop('SIGKILL');
      gateway = await startGatewayProcess(config.file);
      await hooks.waitFor(2);

      const [lost, again] = hooks.arrivals;
      const eventOf = (a: Arrival): { eventId: string; type: string; exchangeId: string } => JSON.parse(a.body) as { eventId: string; type: string; exchangeId: string };
      expect(eventOf(lost!)).toMatchObject({ type: 'exchange.delivered', exchangeId: sent.body.exchangeId });
      expect(eventOf(again!).eventId).toBe(eventOf(lost!).eventId);
      expect(again!.headers['idempotency-key']).toBe(eventOf(lost!).eventId);
      for (const a of [lost!, again!]) {
        const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(a.headers['ketenpoort-signature']))!;
        expect(createHmac('sha256', subscribed.body.secret as string).update(`${t}.${a.body}`).digest('hex')).toBe(v1);
        expect(a.body).not.toContain(jw315.Client.Bsn);
      }
      // A receiver that de-duplicates on the event id takes it once; nothing else was sent.
      await new Promise((r) => setTimeout(r, 500));
      expect(new Set(hooks.arrivals.map((a) => eventOf(a).eventId)).size).toBe(1);

      await gateway.stop();
      gateway = undefined;
      const store = await openStore(config.config.store.url);
      try {
        const eventId = eventOf(lost!).eventId;
        for (let i = 0; i < 50 && (await store.getOutbox(eventId))?.status !== 'delivered'; i++) await new Promise((r) => setTimeout(r, 100));
        expect(await store.getOutbox(eventId)).toMatchObject({ status: 'delivered', attempts: 2 });
        const history = (await store.listAudit({ exchangeId: eventId, limit: 100 })).map((r) => `${r.action}:${r.outcome}`);
        expect(history).toEqual(['delivery.attempt:lease-expired', 'delivery.attempt:delivered']);
      } finally {
        await store.close();
      }
    }, 90_000);
  });
}

describeCrash('status callbacks across kill -9, on SQLite', () => undefined);

const schema = freshSchema('kp_subs_e2e');
describe.skipIf(pgTestUrl === undefined)(pgSuiteName('on PostgreSQL'), () => {
  describeCrash('status callbacks across kill -9, on PostgreSQL', () => pgStoreUrl(schema), () => dropSchema(schema));
});
