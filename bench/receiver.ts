// Bench receiver: the system at the far end of a delivery. Runs in its own child process (forked by
// bench/run.ts) so its CPU is not charged to the gateway and it does not slow the load generator.
//
// POST <any path>   read the body, record (path, idempotency-key, arrival time), answer 201 at once
//                   with {"reference": <idempotency-key>} (the rest-json adapter keeps it as reference).
// GET  /stats       {"<path>": {count, unique, first, last}} per path, cheap enough to poll.
// GET  /arrivals?path=/x   {"keys": [...], "times": [...]} for one path (arrival order).
//
// Times are `performance.timeOrigin + performance.now()` in ms, comparable across the bench processes.
// The listening port is reported to the parent over IPC as {type: "listening", port}.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

interface PathLog {
  keys: string[];
  times: number[];
  unique: Set<string>;
}

const logs = new Map<string, PathLog>();
const now = (): number => performance.timeOrigin + performance.now();

function logFor(path: string): PathLog {
  let log = logs.get(path);
  if (log === undefined) {
    log = { keys: [], times: [], unique: new Set() };
    logs.set(path, log);
  }
  return log;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

let anonymous = 0;

function onRequest(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://receiver.invalid');
  if (req.method === 'POST') {
    // Drain the body; the content does not matter, only that it arrived whole.
    req.on('data', () => undefined);
    req.on('end', () => {
      const header = req.headers['idempotency-key'];
      const key = typeof header === 'string' && header.length > 0 ? header : `anonymous-${++anonymous}`;
      const log = logFor(url.pathname);
      log.keys.push(key);
      log.times.push(now());
      log.unique.add(key);
      sendJson(res, 201, { reference: key });
    });
    return;
  }
  if (req.method === 'GET' && url.pathname === '/stats') {
    const stats: Record<string, { count: number; unique: number; first: number | null; last: number | null }> = {};
    for (const [path, log] of logs) {
      stats[path] = { count: log.keys.length, unique: log.unique.size, first: log.times[0] ?? null, last: log.times.at(-1) ?? null };
    }
    sendJson(res, 200, stats);
    return;
  }
  if (req.method === 'GET' && url.pathname === '/arrivals') {
    const log = logs.get(url.searchParams.get('path') ?? '');
    sendJson(res, 200, { keys: log?.keys ?? [], times: log?.times ?? [] });
    return;
  }
  sendJson(res, 404, { error: 'not found' });
}

const server = createServer({ keepAliveTimeout: 65_000 }, onRequest);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.send?.({ type: 'listening', port });
});

// Never outlive the orchestrator (also when it is killed hard).
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group; run.ts decides when we stop.
