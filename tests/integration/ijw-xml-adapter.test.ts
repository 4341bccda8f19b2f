// The ijw-xml adapter against a real receiver on 127.0.0.1: what it sends, and how each kind of
// failure is classified (the dispatcher retries the retryable ones and dead-letters the rest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import { createIjwXmlAdapter } from '../../adapters/ijw-xml/ijw-xml-adapter.ts';
import type { DeliveryMessage } from '../../adapters/adapter.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { xmllintValidate, xsdOf } from '../support/xmllint.ts';
import { ijwValidator, TODAY, validMessage } from '../support/ijw-fixtures.ts';

const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });
const adapter = createIjwXmlAdapter({ render: (type, message) => codec.render(type, message), knownTypes: () => codec.knownTypes() });
let receiver: FakeReceiver;

const message = (overrides: Partial<DeliveryMessage> = {}): DeliveryMessage => ({
  exchangeId: '6f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10',
  messageType: 'JW301',
  sender: 'gemeente-diemen',
  receiver: 'jeugdhulp-de-brug',
  purpose: 'toewijzing',
  payload: validMessage('JW301'),
  ...overrides,
});
const ctx = () => ({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', attempt: 1, signal: AbortSignal.timeout(5000) });

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
});
afterAll(async () => {
  await receiver.close();
});

describe('the ijw-xml adapter', () => {
  it('when it delivers a JW301, then the receiver gets XML that xmllint validates, with the exchange id and the trace', async () => {
    receiver.respondWith(201);
    const result = await adapter.deliver(message(), { partyId: 'jeugdhulp-de-brug', kind: 'ijw-xml', endpoint: `${receiver.url}/ijw` }, ctx());
    expect(result).toEqual({ status: 'delivered', reference: '6f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10' });
    const arrived = receiver.received.at(-1)!;
    expect(arrived.headers['idempotency-key']).toBe('6f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10');
    expect(arrived.headers.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(xmllintValidate(arrived.body, xsdOf('JW301')).valid).toBe(true);
  });

  it('when the receiver answers 503 or 429, then retryable; 400 or 422, then permanent', async () => {
    const target = { partyId: 'p', kind: 'ijw-xml', endpoint: `${receiver.url}/ijw` };
    for (const [status, expected] of [[503, 'retryable'], [429, 'retryable'], [400, 'permanent'], [422, 'permanent']] as const) {
      receiver.respondWith(status);
      expect((await adapter.deliver(message(), target, ctx())).status, String(status)).toBe(expected);
    }
    receiver.respondWith(201);
  });

  it('when nothing listens at the endpoint, then retryable with the network reason', async () => {
    const result = await adapter.deliver(message(), { partyId: 'p', kind: 'ijw-xml', endpoint: `http://127.0.0.1:${await closedPort()}/ijw` }, ctx());
    expect(result).toMatchObject({ status: 'retryable', reason: expect.stringMatching(/^network: /) });
  });

  it('when the message is no iJw message or holds what XML cannot carry, then permanent with the reason, and nothing is sent', async () => {
    const before = receiver.received.length;
    const target = { partyId: 'p', kind: 'ijw-xml', endpoint: `${receiver.url}/ijw` };
    expect(await adapter.deliver(message({ messageType: 'VT-OVERDRACHT', payload: { kind: {} } }), target, ctx())).toMatchObject({ status: 'permanent', reason: expect.stringMatching(/not deliverable as iJw XML/) });
    const bad = validMessage('JW301');
    bad.Client.Commentaar = 'bel \u0007';
    expect(await adapter.deliver(message({ payload: bad }), target, ctx())).toMatchObject({ status: 'permanent', reason: expect.stringMatching(/\/Client\/Commentaar/) });
    expect(receiver.received.length).toBe(before);
  });
  describe('over node:http (adapters/http-post.ts)', () => {
    afterAll(() => {
      receiver.answerWith(undefined);
    });

    it('when the receiver answers with a Location, then that is the reference; three deliveries in a row share one kept-alive connection', async () => {
      receiver.answerWith((res) => { res.writeHead(201, { location: '/berichten/77' }).end('<ok/>'); });
      const target = { partyId: 'p', kind: 'ijw-xml', endpoint: `${receiver.url}/ijw` };
      await adapter.deliver(message(), target, ctx()); // a kept-alive connection to start from
      const before = receiver.connections();
      for (let i = 0; i < 3; i++) expect(await adapter.deliver(message(), target, ctx())).toEqual({ status: 'delivered', reference: '/berichten/77' });
      expect(receiver.connections() - before).toBe(0);
    });

    it('when the receiver answers a redirect, then it is not followed: permanent, and only the one request arrived', async () => {
      receiver.answerWith((res) => { res.writeHead(307, { location: `${receiver.url}/elders` }).end(); });
      const before = receiver.received.length;
      const result = await adapter.deliver(message(), { partyId: 'p', kind: 'ijw-xml', endpoint: `${receiver.url}/ijw` }, ctx());
      expect(result).toEqual({ status: 'permanent', reason: 'HTTP 307: redirects are not followed' });
      expect(receiver.received.length - before).toBe(1);
    });

    it('when the receiver does not answer before the deadline, then retryable with network: TimeoutError', async () => {
      receiver.answerWith(() => undefined); // never answers; the deadline ends the request and its socket
      const result = await adapter.deliver(message(), { partyId: 'p', kind: 'ijw-xml', endpoint: `${receiver.url}/ijw` }, { ...ctx(), signal: AbortSignal.timeout(200) });
      expect(result).toEqual({ status: 'retryable', reason: 'network: TimeoutError' });
    });
  });
});
