// What an accepted and delivered exchange writes on SQLite (issue 14: a COMMIT is mostly the writing
// of the pages its batch dirtied). Runs N distinct JW315 exchanges (the request bench's message,
// bench/support/message.ts) through a real gateway on a fresh SQLite file: HTTP submit with C
// connections in flight, group commit, care path, audit, outbox, and delivery to a receiver that
// answers 201. Then it reports, per exchange:
//
// - the WAL frames (pages) and bytes written, with the commits they came in. Checkpoints are held off
//   for the whole run by a second connection that keeps a read transaction open on the empty WAL it
//   found at the start (SQLite then can neither copy a frame into the database file nor start the WAL
//   over), so the WAL file holds every frame the run wrote; each frame's page number is read from its
//   header and attributed to the table or index that owns the page at the end (the dbstat table);
// - the growth of each table and index in the database file (dbstat: bytes of pages, and of payload).
//
//   node --import tsx bench/write-volume.ts [--exchanges N] [--connections C] [--keys with|without|both]
//
// --keys: with an Idempotency-Key on every submit (as pull-sync sends), without (as the request bench
// sends), or both, one fresh gateway each (default both). The figures depend on how many exchanges
// share a commit (C, and the machine), so compare runs with the same C on the same machine.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config/load-config.ts';
import { mintDemoToken } from '../src/auth/tokens.ts';
import { startGateway } from '../src/gateway.ts';
import { createLogger } from '../src/observability/logger.ts';
import { benchMessage } from './support/message.ts';
import { fillMessage } from './support/distinct-message.ts';
import { senderParty, writeBenchConfig } from './support/gateway.ts';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const exchanges = Number(flag('exchanges', '500'));
const connections = Number(flag('connections', '32'));
const keys = flag('keys', 'both');
if (!Number.isInteger(exchanges) || exchanges < 1 || !Number.isInteger(connections) || connections < 1 || !['with', 'without', 'both'].includes(keys)) {
  process.stderr.write('usage: node --import tsx bench/write-volume.ts [--exchanges N] [--connections C] [--keys with|without|both]\n');
  process.exit(2);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The far end: 201 with the Idempotency-Key as reference, as bench/receiver.ts answers. */
async function startReceiver(): Promise<{ readonly port: number; readonly count: () => number; close(): Promise<void> }> {
  const seen = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      seen.add(key);
      const body = JSON.stringify({ reference: key });
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    count: () => seen.size,
    close: () => new Promise<void>((r) => { server.close(() => { r(); }); server.closeAllConnections(); }),
  };
}

function post(url: URL, agent: Agent, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { resolvePromise({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }); });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface WalFrames {
  readonly pages: readonly number[];
  readonly commits: number;
  readonly bytes: number;
}

/**
 * The frames of a WAL file (https://sqlite.org/fileformat2.html#walformat): a 32-byte header, then
 * frames of a 24-byte header and a page; a frame belongs to this WAL while its salts match the
 * header's. A commit frame has the database size after the commit in its header (non-zero).
 */
function readWal(file: string): WalFrames {
  const wal = readFileSync(file);
  if (wal.length < 32) return { pages: [], commits: 0, bytes: wal.length };
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const pages: number[] = [];
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    pages.push(wal.readUInt32BE(at));
    if (wal.readUInt32BE(at + 4) !== 0) commits += 1;
  }
  return { pages, commits, bytes: 32 + pages.length * (24 + pageSize) };
}

interface BtreeSize { readonly pages: number; readonly bytes: number; readonly payload: number }

function btreeSizes(db: Database.Database): Map<string, BtreeSize> {
  const rows = db.prepare<[], { name: string; pages: number; bytes: number; payload: number }>('SELECT name, count(*) AS pages, sum(pgsize) AS bytes, sum(payload) AS payload FROM dbstat GROUP BY name').all();
  return new Map(rows.map((r) => [r.name, { pages: r.pages, bytes: r.bytes, payload: r.payload }]));
}

interface Variant {
  readonly label: string;
  readonly withKeys: boolean;
  readonly commits: number;
  readonly frames: number;
  readonly walBytes: number;
  readonly framesByBtree: Map<string, number>;
  readonly growth: Map<string, BtreeSize>;
  readonly tableOf: Map<string, string>;
  readonly submitFrames: number;
}

async function runVariant(withKeys: boolean): Promise<Variant> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-write-volume-'));
  const receiver = await startReceiver();
  let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
  let pin: Database.Database | undefined;
  try {
    const config = loadConfig(writeBenchConfig(dir, 0, receiver.port), {});
    gateway = await startGateway(config, { logger: createLogger({ level: 'error', silent: true }) });
    const dbFile = join(dir, 'ketenpoort.db');

    // Start from an empty WAL, then hold checkpoints off (see the top of this file).
    pin = new Database(dbFile);
    for (let attempt = 0; ; attempt += 1) {
      const [result] = pin.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) break;
      if (attempt > 100) throw new Error('the WAL could not be truncated before the run (busy)');
      await sleep(20);
    }
    pin.exec('BEGIN');
    pin.prepare('SELECT count(*) FROM sqlite_schema').get();
    const before = btreeSizes(pin);

    const token = mintDemoToken(config, senderParty);
    const url = new URL('/v1/exchanges', gateway.url);
    const agent = new Agent({ keepAlive: true, maxSockets: connections });
    const template = benchMessage().body;
    let next = 0;
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: connections }, async () => {
        for (let n = next++; n < exchanges; n = next++) {
          const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
          if (withKeys) headers['idempotency-key'] = `write-volume-${String(n)}`;
          const answer = await post(url, agent, headers, fillMessage(template, n));
          if (answer.status !== 202) failures.push(`${String(answer.status)} ${answer.text.slice(0, 300)}`);
        }
      }),
    );
    agent.destroy();
    if (failures.length > 0) throw new Error(`${String(failures.length)} submits not accepted; the first: ${failures[0] ?? ''}`);
    const walFile = `${dbFile}-wal`;
    const submitFrames = readWal(walFile).pages.length;

    // The deliveries and their settles: until the receiver has every message and no row is pending.
    const watch = new Database(dbFile, { readonly: true });
    const deadline = Date.now() + 120_000;
    while (receiver.count() < exchanges || (watch.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n > 0) {
      if (Date.now() > deadline) throw new Error(`not delivered within 120 s (${String(receiver.count())} of ${String(exchanges)})`);
      await sleep(50);
    }
    watch.close();
    await sleep(300); // a settle in flight when the last row left pending
    const wal = readWal(walFile);

    // Attribute pages to b-trees as they are at the end (a fresh read, not the pinned snapshot).
    pin.exec('COMMIT');
    const owners = new Map(pin.prepare<[], { pageno: number; name: string }>('SELECT pageno, name FROM dbstat').all().map((r) => [r.pageno, r.name]));
    const tableOf = new Map(pin.prepare<[], { name: string; tbl_name: string }>("SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')").all().map((r) => [r.name, r.tbl_name]));
    const after = btreeSizes(pin);
    const framesByBtree = new Map<string, number>();
    for (const page of wal.pages) {
      const owner = page === 1 ? 'page 1 (file header, sqlite_schema)' : (owners.get(page) ?? '(freelist)');
      framesByBtree.set(owner, (framesByBtree.get(owner) ?? 0) + 1);
    }
    const growth = new Map<string, BtreeSize>();
    for (const [name, size] of after) {
      const was = before.get(name) ?? { pages: 0, bytes: 0, payload: 0 };
      growth.set(name, { pages: size.pages - was.pages, bytes: size.bytes - was.bytes, payload: size.payload - was.payload });
    }
    return { label: withKeys ? 'with Idempotency-Key' : 'without Idempotency-Key', withKeys, commits: wal.commits, frames: wal.pages.length, walBytes: wal.bytes, framesByBtree, growth, tableOf, submitFrames };
  } finally {
    pin?.close();
    await gateway?.stop();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const per = (x: number): string => (x / exchanges).toFixed(2);
const perBytes = (x: number): string => Math.round(x / exchanges).toLocaleString('en-US');

function report(v: Variant): void {
  const out = (line: string): void => { process.stdout.write(`${line}\n`); };
  out(`\n### ${v.label}: ${String(exchanges)} exchanges accepted and delivered, ${String(connections)} connections`);
  out(`WAL: ${String(v.frames)} frames (${per(v.frames)} per exchange; ${per(v.submitFrames)} by the time every submit was answered), ${perBytes(v.walBytes)} bytes per exchange, ${String(v.commits)} commits (${(exchanges / Math.max(1, v.commits)).toFixed(1)} exchanges per commit)`);
  const grown = [...v.growth.values()].reduce((sum, g) => ({ pages: sum.pages + g.pages, bytes: sum.bytes + g.bytes, payload: sum.payload + g.payload }), { pages: 0, bytes: 0, payload: 0 });
  out(`file: ${perBytes(grown.bytes)} bytes per exchange (${per(grown.pages)} pages; ${perBytes(grown.payload)} bytes of it payload)`);
  out('');
  out('| table | b-tree | WAL pages per exchange | file growth, bytes per exchange (payload) |');
  out('|---|---|---|---|');
  const names = new Set([...v.framesByBtree.keys(), ...[...v.growth].filter(([, g]) => g.pages !== 0).map(([n]) => n)]);
  const rows = [...names].map((name) => ({ name, table: v.tableOf.get(name) ?? '', frames: v.framesByBtree.get(name) ?? 0, growth: v.growth.get(name) }));
  rows.sort((a, b) => a.table.localeCompare(b.table) || (a.name === a.table ? -1 : b.name === b.table ? 1 : a.name.localeCompare(b.name)));
  for (const r of rows) out(`| ${r.table} | ${r.name === r.table ? '(table)' : r.name} | ${per(r.frames)} | ${r.growth === undefined ? '' : `${perBytes(r.growth.bytes)} (${perBytes(r.growth.payload)})`} |`);
  const byTable = new Map<string, number>();
  for (const r of rows) byTable.set(r.table || r.name, (byTable.get(r.table || r.name) ?? 0) + r.frames);
  out('');
  out(`WAL pages per exchange by table (indexes included): ${[...byTable].sort((a, b) => b[1] - a[1]).map(([t, f]) => `${t} ${per(f)}`).join(', ')}`);
}

const variants = keys === 'both' ? [false, true] : [keys === 'with'];
for (const withKeys of variants) report(await runVariant(withKeys));
