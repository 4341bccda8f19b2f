// The receiving system of the fault scenarios: a real HTTP server on 127.0.0.1 that counts deliveries
// by Idempotency-Key (the exchange id) with their arrival times, answers 201 (after an optional delay,
// so deliveries are in flight when a gateway is killed), and can go down and come back on the same
// port: down() closes the listener and every open connection (the gateway then meets ECONNREFUSED,
// as from a receiver that is off), up() listens again.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SoakReceiver {
  readonly url: string;
  /** Arrival times (Date.now()) by Idempotency-Key, in order. */
  readonly arrivals: ReadonlyMap<string, readonly number[]>;
  readonly withoutKey: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSoakReceiver(options: { readonly delayMs?: number } = {}): Promise<SoakReceiver> {
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
      const reference = `rcv-${++count}`;
      const answer = (): void => {
        if (res.destroyed) return;
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ reference }));
      };
      if ((options.delayMs ?? 0) <= 0) answer();
      else setTimeout(answer, options.delayMs);
    });
  });
  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  let listening = true;
  const down = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (!listening) {
        resolve();
        return;
      }
      listening = false;
      server.close(() => { resolve(); });
      server.closeAllConnections();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    get withoutKey() {
      return withoutKey;
    },
    down,
    async up() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    close: down,
  };
}
