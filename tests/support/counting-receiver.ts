// A real HTTP receiver on 127.0.0.1 that counts deliveries by Idempotency-Key (the exchange id the
// gateway sends) and remembers when each arrived. It can answer after a delay, so that deliveries
// are in flight for a while (a process killed then has rows it delivered but could not settle).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingReceiver {
  readonly url: string;
  /** Arrival times (Date.now()) by Idempotency-Key, in order. */
  readonly arrivals: ReadonlyMap<string, readonly number[]>;
  /** Requests that came without an Idempotency-Key. */
  readonly withoutKey: number;
  close(): Promise<void>;
}

export async function startCountingReceiver(options: { readonly delayMs?: number } = {}): Promise<CountingReceiver> {
  const arrivals = new Map<string, number[]>();
  let withoutKey = 0;
  let count = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string' && key !== '') {
        const times = arrivals.get(key) ?? [];
        times.push(Date.now());
        arrivals.set(key, times);
      } else {
        withoutKey++;
      }
      count++;
      const reference = `rcv-${count}`;
      const answer = (): void => {
        if (res.destroyed) return;
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ reference }));
      };
      if (options.delayMs === undefined || options.delayMs <= 0) answer();
      else setTimeout(answer, options.delayMs);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    arrivals,
    get withoutKey() {
      return withoutKey;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
