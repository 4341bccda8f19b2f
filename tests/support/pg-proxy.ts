// A TCP proxy in front of the test PostgreSQL on 127.0.0.1, for tests that break or rewrite what passes
// around a COMMIT (commit-outcome-unknown, commit-then-fatal). The plumbing is here; each test wires
// its own data handlers (`wire`), which may cut both sides.
import net from 'node:net';
import { openStore } from '../../src/store/open-store.ts';
import type { ExchangeRow, Store } from '../../src/store/store.ts';
import { pgTestUrl } from './postgres.ts';

export interface PgProxy {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the proxy; `wire` connects each client socket's data to its upstream (and back). */
export async function startPgProxy(wire: (client: net.Socket, upstream: net.Socket, cut: () => void) => void): Promise<PgProxy> {
  const real = new URL(pgTestUrl as string);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(real.port || 5432), real.hostname);
    sockets.add(client).add(upstream);
    const cut = (): void => {
      client.destroy();
      upstream.destroy();
    };
    wire(client, upstream, cut);
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('close', () => { upstream.destroy(); sockets.delete(client); });
    upstream.on('close', () => { client.destroy(); sockets.delete(upstream); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => { resolve(); }));
    },
  };
}

/** A migrated store on `schema` reached through the proxy, and one reached directly (to see what committed). */
export async function storesBehindProxy(proxy: PgProxy, schema: string): Promise<{ store: Store; direct: Store }> {
  const real = new URL(pgTestUrl as string);
  const viaProxy = new URL(real);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  viaProxy.searchParams.set('schema', schema);
  const store = await openStore(viaProxy.toString());
  await store.migrate();
  const straight = new URL(real);
  straight.searchParams.set('schema', schema);
  return { store, direct: await openStore(straight.toString()) };
}

const decision = { outcome: 'allow', reason: 'allowed', rule: null, legalBasis: null, consentIds: [], releasedFields: [] } as never;

/** A queued exchange row with this id (what the batches of these tests insert). */
export const queuedExchange = (id: string): ExchangeRow => ({
  id, createdAt: 1, updatedAt: 1, sender: 'jeugdhulp-de-brug', receiver: 'gemeente-diemen', messageType: 'JW315', purpose: 'p',
  status: 'queued', subjectPseudonym: null, traceId: 't'.repeat(32), decision, reason: null, receiverReference: null, deliveredAt: null,
});
