// The status-callback adapter on its own against a real receiver on 127.0.0.1: the signed request it
// sends, and how a redirect, a failure status, a refused connection and a deadline are classified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { createStatusCallbackAdapter } from '../../adapters/status-callback/status-callback-adapter.ts';
import type { DeliveryMessage } from '../../adapters/adapter.ts';

const secret = 'whsec-test-0123456789abcdef';
const adapter = createStatusCallbackAdapter({
  subscriptionOf: (id) => Promise.resolve(id === 'sub-1' ? { secret, party: 'gemeente-diemen' } : undefined),
  partyDisabled: () => false,
  policy: { allowedHosts: [], allowPrivateNetworks: true },
  now: () => Date.UTC(2026, 11, 5, 9, 0, 0),
});

let receiver: FakeReceiver;

const event = { eventId: 'evt-1', subscriptionId: 'sub-1', type: 'exchange.delivered', exchangeId: 'ex-1' };
const message = (payload: unknown = event): DeliveryMessage => ({ exchangeId: 'evt-1', messageType: 'status-event', sender: 'ketenpoort', receiver: 'gemeente-diemen', purpose: 'status', payload });
const ctx = (signal = AbortSignal.timeout(5000)) => ({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', attempt: 1, signal });
const target = () => ({ partyId: 'gemeente-diemen', kind: 'status-callback', endpoint: `${receiver.url}/hook` });

beforeAll(async () => {
  receiver = await startFakeReceiver();
});
afterAll(async () => {
  await receiver.close();
});

describe('the status-callback adapter', () => {
  it('when it delivers an event, then the body is the event alone, signed over "<t>.<body>", and deliveries share one kept-alive connection', async () => {
    receiver.answerWith((res) => { res.writeHead(204).end(); });
    const before = receiver.connections();
    for (let i = 0; i < 2; i++) expect(await adapter.deliver(message(), target(), ctx())).toEqual({ status: 'delivered', reference: 'evt-1' });
    expect(receiver.connections() - before).toBe(1);
    const arrived = receiver.received.at(-1)!;
    expect(JSON.parse(arrived.body)).toEqual(event);
    const t = Date.UTC(2026, 11, 5, 9, 0, 0) / 1000;
    expect(arrived.headers['ketenpoort-signature']).toBe(`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${arrived.body}`).digest('hex')}`);
    expect(arrived.headers['ketenpoort-event-id']).toBe('evt-1');
    expect(arrived.headers['ketenpoort-event-type']).toBe('exchange.delivered');
    expect(arrived.headers['idempotency-key']).toBe('evt-1');
    expect(arrived.headers['content-type']).toBe('application/json');
  });

  it('when the subscriber answers a redirect, then it is not followed: permanent with the reason, one request only', async () => {
    receiver.answerWith((res) => { res.writeHead(302, { location: `${receiver.url}/elders` }).end(); });
    const before = receiver.received.length;
    expect(await adapter.deliver(message(), target(), ctx())).toEqual({ status: 'permanent', reason: 'HTTP 302: redirects are not followed' });
    expect(receiver.received.length - before).toBe(1);
  });

  it('when the subscriber answers 503, then retryable; 410, then permanent', async () => {
    receiver.answerWith(undefined);
    receiver.respondWith(503);
    expect(await adapter.deliver(message(), target(), ctx())).toEqual({ status: 'retryable', reason: 'HTTP 503' });
    receiver.respondWith(410);
    expect(await adapter.deliver(message(), target(), ctx())).toEqual({ status: 'permanent', reason: 'HTTP 410' });
  });

  it('when the subscriber does not answer before the deadline, then retryable with network: TimeoutError', async () => {
    receiver.answerWith(() => undefined);
    expect(await adapter.deliver(message(), target(), ctx(AbortSignal.timeout(200)))).toEqual({ status: 'retryable', reason: 'network: TimeoutError' });
  });

  it('when nothing listens, then retryable with the socket error; when the subscription is gone, then permanent and nothing is sent', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await adapter.deliver(message(), { ...target(), endpoint: `http://127.0.0.1:${port}/hook` }, ctx())).toEqual({ status: 'retryable', reason: 'network: ECONNREFUSED' });
    const before = receiver.received.length;
    expect(await adapter.deliver(message({ ...event, subscriptionId: 'sub-gone' }), target(), ctx())).toEqual({ status: 'permanent', reason: 'the subscription was deleted' });
    expect(receiver.received.length).toBe(before);
  });
});
