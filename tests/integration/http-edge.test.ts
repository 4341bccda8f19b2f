// The HTTP edge under requests no well-behaved client sends, against a real listening gateway on
// 127.0.0.1 with raw sockets where a client library would refuse to send them: bodies that are not
// UTF-8, bodies that are declared and never come, requests Node's parser refuses, and BSNs in paths,
// query parameters and headers that must not come back in the answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startGateway, type RunningGateway } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { answerClientError } from '../../src/http/http-server.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, unknown>;
const envelope = { messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 };
const BSN = '123456782'; // passes the 11-test

// Short timeouts, so that the tests wait for them in well under a second.
const timeouts = { headersTimeoutMs: 500, bodyTimeoutMs: 300, requestTimeoutMs: 1500 };

let cfg: TestConfig;
let gw: RunningGateway;
let port: number;

beforeAll(async () => {
  cfg = writeTestConfig({ extra: { gateway: { audience: 'https://ketenpoort.test', host: '127.0.0.1', port: 0, ...timeouts } } });
  gw = await startGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
  port = Number(new URL(gw.url).port);
});

afterAll(async () => {
  await gw.stop();
  cfg.cleanup();
});

const bearer = (party = 'jeugdhulp-de-brug'): string => `Bearer ${cfg.token(party)}`;

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly body: Record<string, any>;
  /** Milliseconds from the first byte sent to the server closing the connection. */
  readonly closedAfterMs: number;
}

/**
 * Sends the pieces over one raw TCP connection (delayMs apart), and reads until the server closes it
 * (or gives up after giveUpMs, failing the test).
 */
function raw(pieces: readonly (string | Buffer)[], options: { delayMs?: number; giveUpMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolvePromise, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const started = Date.now();
    const giveUp = setTimeout(() => { socket.destroy(); reject(new Error(`no close within ${options.giveUpMs ?? 5000} ms; got: ${Buffer.concat(chunks).toString('latin1')}`)); }, options.giveUpMs ?? 5000);
    const timers: NodeJS.Timeout[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      for (const timer of timers) clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const bodyText = rest.join('\r\n\r\n');
      let body: Record<string, any> = {};
      try { body = JSON.parse(bodyText) as Record<string, any>; } catch { /* not JSON: the assertions say so */ }
      resolvePromise({ status: Number(statusLine.split(' ')[1]), headers, text: bodyText, body, closedAfterMs: Date.now() - started });
    });
    socket.on('connect', () => {
      pieces.forEach((piece, i) => {
        timers.push(setTimeout(() => { if (!socket.destroyed) socket.write(piece); }, i * (options.delayMs ?? 0)));
      });
    });
  });
}

function expectProblem(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ type: `https://ketenpoort.nl/problems/${code}`, status, code });
  expect(answer.body.traceId).toMatch(/^[0-9a-f]{32}$/);
}

const post = (path: string, headers: Record<string, string>, body: Buffer): Promise<Response> =>
  fetch(`${gw.url}${path}`, { method: 'POST', headers, body });

describe('a body that is not UTF-8', () => {
  // {"messageType":"JW<0xFF>315", ...}: the bad byte at offset 17.
  const prefix = Buffer.from('{"messageType":"JW');
  const withBadByte = (bad: number[]): Buffer => Buffer.concat([prefix, Buffer.from(bad), Buffer.from(JSON.stringify(envelope).slice(18))]);

  it('when a submitted JSON message holds a byte that is not UTF-8, then 400 problem+json names its byte offset and nothing is replaced or stored', async () => {
    const before = (await gw.parts.store.listExchanges({ party: 'jeugdhulp-de-brug', limit: 1000 })).length;
    for (const bad of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80]]) {
      const res = await post('/v1/exchanges', { authorization: bearer(), 'content-type': 'application/json' }, withBadByte(bad));
      const body = (await res.json()) as Record<string, any>;
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body).toMatchObject({ code: 'invalid-json', byteOffset: prefix.length, errors: [{ pointer: '', rule: 'utf-8' }] });
      expect(body.detail).toContain(`offset ${prefix.length}`);
    }
    expect((await gw.parts.store.listExchanges({ party: 'jeugdhulp-de-brug', limit: 1000 })).length).toBe(before);
  });

  it('when a body is cut off inside a multi-byte character, then the offset is where that character starts', async () => {
    const body = Buffer.concat([Buffer.from('{"a":"caf'), Buffer.from([0xc3])]);
    const res = await post('/v1/policy/explain', { authorization: bearer(), 'content-type': 'application/json' }, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid-json', byteOffset: 9 });
  });

  it('when the JSON body of another route (consents, policy explain) is not UTF-8, then it is the same 400 with the offset', async () => {
    const bad = Buffer.concat([Buffer.from('{"bsn":"'), Buffer.from([0x80]), Buffer.from('"}')]);
    for (const path of ['/v1/consents', '/v1/policy/explain']) {
      const res = await post(path, { authorization: bearer(), 'content-type': 'application/json' }, bad);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'invalid-json', byteOffset: 8 });
    }
  });

  it('when a native iJw XML message is not UTF-8, then 400 problem+json with the byte offset', async () => {
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><a>'), Buffer.from([0xe9]), Buffer.from('</a>')]);
    const res = await post('/v1/exchanges', { authorization: bearer(), 'content-type': 'application/xml' }, xml);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid-input', byteOffset: 41, errors: [{ pointer: '', rule: 'utf-8' }] });
  });

  it('when the body is well-formed UTF-8 with multi-byte characters and a byte order mark, then it is read as it is', async () => {
    const text = JSON.stringify({ ...envelope, receiver: 'gemeente-diemen-ü' });
    const res = await post('/v1/exchanges', { authorization: bearer(), 'content-type': 'application/json' }, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    // Read, then refused for what it says (not a party id), not for how it is encoded.
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid-input', errors: [expect.objectContaining({ pointer: '/receiver' })] });
  });
});

describe('a declared body that does not come', () => {
  const head = (headers: string): string => `POST /v1/exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${bearer()}\r\nContent-Type: application/json\r\n${headers}\r\n`;

  it('when a request declares a Content-Length and sends no body, then it is answered 408 problem+json after the body timeout and the connection is closed', async () => {
    const answer = await raw([head('Content-Length: 100\r\n')]);
    expectProblem(answer, 408, 'request-timeout');
    expect(answer.body.instance).toBe('/v1/exchanges');
    expect(answer.headers.connection).toBe('close');
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(timeouts.bodyTimeoutMs - 20);
    expect(answer.closedAfterMs).toBeLessThan(timeouts.bodyTimeoutMs * 1.25 + 400);
  });

  it('when a chunked request sends no chunk, or stops halfway through its Content-Length, then 408 too', async () => {
    expectProblem(await raw([head('Transfer-Encoding: chunked\r\n')]), 408, 'request-timeout');
    expectProblem(await raw([head('Transfer-Encoding: chunked\r\n'), '5\r\n{"mes\r\n']), 408, 'request-timeout');
    expectProblem(await raw([head('Content-Length: 100\r\n'), '{"messageType":']), 408, 'request-timeout');
  });

  it('when a request for an unknown route declares a body it does not send, then it gets its 404 at once and the connection is closed after the body timeout', async () => {
    const answer = await raw([`POST /v1/nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${bearer()}\r\nContent-Length: 50\r\n\r\n`]);
    expectProblem(answer, 404, 'not-found');
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(timeouts.bodyTimeoutMs - 20);
    expect(answer.closedAfterMs).toBeLessThan(timeouts.bodyTimeoutMs * 1.25 + 400);
  });

  it('when a legitimate upload is slow but keeps sending, then it is not cut off by the body timeout and is accepted', async () => {
    const body = Buffer.from(JSON.stringify(envelope));
    const parts = 6;
    const size = Math.ceil(body.length / parts);
    const pieces = Array.from({ length: parts }, (_, i) => body.subarray(i * size, (i + 1) * size));
    const startedAt = Date.now();
    const answer = await raw([head(`Content-Length: ${body.length}\r\nConnection: close\r\n`), ...pieces], { delayMs: 180 });
    expect(answer.status, answer.text).toBe(202);
    // The upload took longer than three body timeouts: only silence counts.
    expect(Date.now() - startedAt).toBeGreaterThan(timeouts.bodyTimeoutMs * 3);
  });

  it('when a body trickles in a byte at a time for longer than the request timeout, then 408 at the request timeout', async () => {
    const pieces = [head('Content-Length: 1000\r\n'), ...Array.from({ length: 40 }, () => 'x')];
    const answer = await raw(pieces, { delayMs: 100 });
    expectProblem(answer, 408, 'request-timeout');
    expect(answer.body.detail).toContain(`within ${timeouts.requestTimeoutMs} ms`);
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(timeouts.requestTimeoutMs - 50);
  });

  it('when the headers never finish, then 408 problem+json after the headers timeout', async () => {
    const answer = await raw(['GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n']);
    expectProblem(answer, 408, 'request-timeout');
    expect(answer.body.detail).toContain(`${timeouts.headersTimeoutMs} ms`);
    expect(answer.closedAfterMs).toBeLessThan(timeouts.headersTimeoutMs * 1.25 + 400);
  });

  it('when the body timeout has answered, then the gateway keeps serving other requests', async () => {
    const res = await fetch(`${gw.url}/v1/exchanges`, { headers: { authorization: bearer() } });
    expect(res.status).toBe(200);
  });
});

describe("errors raised by Node's HTTP parser", () => {
  it('when the headers are larger than the server accepts, then 431 problem+json and the connection is closed', async () => {
    const answer = await raw([`GET /v1/exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expectProblem(answer, 431, 'headers-too-large');
    expect(answer.headers.connection).toBe('close');
    expect(answer.text).not.toContain('aaaa');
  });

  it('when the request line is malformed (method, target or version), then 400 problem+json malformed-request', async () => {
    for (const line of ['G@T / HTTP/1.1', `GET /v1/${BSN}\x01 HTTP/1.1`, 'GET / HTTP/9.9', 'NONSENSE']) {
      const answer = await raw([`${line}\r\nHost: 127.0.0.1\r\n\r\n`]);
      expectProblem(answer, 400, 'malformed-request');
      expect(answer.body.detail).toMatch(/request line|well-formed/);
      expect(answer.text).not.toContain(BSN);
    }
  });

  it('when Content-Length and Transfer-Encoding conflict or Content-Length is repeated, then 400 problem+json (no request smuggling)', async () => {
    for (const headers of ['Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', 'Content-Length: 5\r\nContent-Length: 6\r\n', 'Content-Length: 5x\r\n']) {
      const answer = await raw([`POST /v1/exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n0\r\n\r\n`]);
      expectProblem(answer, 400, 'malformed-request');
      expect(answer.body.detail).toContain('Content-Length');
    }
  });

  it('when a header name or value holds characters HTTP does not allow, then 400 problem+json and the value is not echoed', async () => {
    for (const header of [`Bad\x7fName: ${BSN}`, `X-Client: ${BSN}\x00`]) {
      const answer = await raw([`GET /v1/exchanges HTTP/1.1\r\nHost: 127.0.0.1\r\n${header}\r\n\r\n`]);
      expectProblem(answer, 400, 'malformed-request');
      expect(answer.body.detail).toContain('header');
      expect(answer.text).not.toContain(BSN);
    }
  });

  it('when the connection is reset or can no longer be written to, then the socket is only destroyed, nothing written', () => {
    const logger = createLogger({ level: 'error', silent: true });
    const settings = { ...timeouts, keepAliveTimeoutMs: 5000 };
    const socket = (writable: boolean): { writable: boolean; destroy: ReturnType<typeof vi.fn>; end: ReturnType<typeof vi.fn> } => ({ writable, destroy: vi.fn(), end: vi.fn() });
    const reset = socket(true);
    answerClientError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), reset as never, settings, logger);
    const closed = socket(false);
    answerClientError(Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_METHOD' }), closed as never, settings, logger);
    for (const s of [reset, closed]) {
      expect(s.destroy).toHaveBeenCalledOnce();
      expect(s.end).not.toHaveBeenCalled();
    }
  });
});

describe('no answer echoes a BSN', () => {
  const get = async (path: string, headers: Record<string, string> = { authorization: bearer() }): Promise<{ status: number; text: string; body: Record<string, any> }> => {
    const res = await fetch(`${gw.url}${path}`, { headers });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as Record<string, any> };
  };

  it('when a path segment of an unknown route is a BSN (plain or percent-encoded), then the 404 does not echo it', async () => {
    for (const path of [`/v1/clients/${BSN}`, `/v1/clients/${BSN}/dossier`, `/v1/clients/bsn-${BSN}`, '/v1/clients/%31%32%33%34%35%36%37%38%32']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.text, path).not.toContain(BSN);
      expect(answer.text, path).not.toContain('%31%32%33');
      expect(answer.body.instance, path).toContain('%5Bbsn%5D');
    }
  });

  it('when an unauthenticated request names a BSN in its path, then the 401 does not echo it either', async () => {
    const answer = await get(`/v1/exchanges/${BSN}`, {});
    expect(answer.status).toBe(401);
    expect(answer.text).not.toContain(BSN);
  });

  it('when an unknown query parameter is named like a BSN or carries one, then the 400 lists it masked', async () => {
    const named = await get(`/v1/signals?${BSN}=1`);
    expect(named.status).toBe(400);
    expect(named.text).not.toContain(BSN);
    expect(named.body.errors).toEqual([expect.objectContaining({ pointer: '/query/[bsn]' })]);
    const valued = await get(`/v1/signals?subject=${BSN}&bsn=${BSN}`);
    expect(valued.status).toBe(400);
    expect(valued.text).not.toContain(BSN);
  });

  it('when a header value that is echoed in a validation error holds a BSN, then it is masked', async () => {
    const res = await post('/v1/exchanges', { authorization: bearer(), 'content-type': `application/x-${BSN}` }, Buffer.from('{}'));
    const text = await res.text();
    expect(res.status).toBe(415);
    expect(text).not.toContain(BSN);
    expect((JSON.parse(text) as { detail: string }).detail).toContain('application/x-[bsn]');
  });

  it('when a submission carries a BSN where a message type, receiver or purpose belongs, then the errors do not echo it', async () => {
    for (const field of ['messageType', 'receiver', 'purpose']) {
      const res = await post('/v1/exchanges', { authorization: bearer(), 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ ...envelope, [field]: BSN })));
      const text = await res.text();
      expect(res.status, field).toBeGreaterThanOrEqual(400);
      expect(text, field).not.toContain(BSN);
    }
  });

  it('when an answer carries trace ids and exchange ids, then they are not masked', async () => {
    const traceId = '0af7651916cd43dd123456782c80319c';
    const res = await fetch(`${gw.url}/v1/nothing/${BSN}`, { headers: { authorization: bearer(), traceparent: `00-${traceId}-b7ad6b7169203331-01` } });
    expect(await res.json()).toMatchObject({ status: 404, traceId });
  });
});
