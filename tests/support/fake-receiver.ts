// A real HTTP receiver on 127.0.0.1 (conventions 13: outside parties are real local processes, not
// function stubs). It records what arrives and can be told to fail.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly json: unknown;
}

export interface FakeReceiver {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Status to answer with; default 201. */
  respondWith(status: number): void;
  /**
   * Answers every request this way instead (a redirect, a Location header, never answering: a
   * function that does nothing); undefined goes back to the status answer. Requests are recorded first.
   */
  answerWith(answer: ((res: ServerResponse) => void) | undefined): void;
  /** TCP connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  connections(): number;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeReceiver(port = 0): Promise<FakeReceiver> {
  const received: ReceivedRequest[] = [];
  let status = 201;
  let answer: ((res: ServerResponse) => void) | undefined;
  let connections = 0;
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = undefined;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, json });
      waiters.splice(0).forEach((w) => w());
      if (answer !== undefined) {
        answer(res);
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ reference: `rcv-${received.length}` }));
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    respondWith(s) {
      status = s;
    },
    answerWith(a) {
      answer = a;
    },
    connections: () => connections,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`receiver got ${received.length} of ${count} requests in ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
