// Baseline: the plain node:http forwarding proxy of docs/toolchain.md ("about 10.5k req/s, p99 about
// 8 ms" on this kind of machine). Every POST is forwarded, body and all, to the receiver over a
// keep-alive agent; the client gets the receiver's status and body back. No auth, no validation, no
// policy, no storage, no audit: the ceiling for "take a request, hand it on" in Node on this machine.
//
// The one thing it adds is an Idempotency-Key (a random UUID) on the forwarded request, as the gateway
// does with its exchange id, so the bench counts deliveries of both targets the same way.
//
// Usage (forked by bench/run.ts): baseline-proxy.ts <receiverPort> <receiverPath> <maxSockets>
// Reports {type: "listening", port} over IPC.

import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

const [portArg, pathArg, socketsArg] = process.argv.slice(2);
const receiverPort = Number(portArg);
const receiverPath = pathArg ?? '/baseline';
const agent = new Agent({ keepAlive: true, maxSockets: Number(socketsArg ?? 32) });

function forward(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const upstream = request(
      {
        host: '127.0.0.1',
        port: receiverPort,
        path: receiverPath,
        method: 'POST',
        agent,
        headers: {
          'content-type': req.headers['content-type'] ?? 'application/json',
          'content-length': body.length,
          'idempotency-key': randomUUID(),
        },
      },
      (upstreamRes) => {
        const parts: Buffer[] = [];
        upstreamRes.on('data', (chunk: Buffer) => parts.push(chunk));
        upstreamRes.on('end', () => {
          const answer = Buffer.concat(parts);
          res.writeHead(upstreamRes.statusCode ?? 502, {
            'content-type': upstreamRes.headers['content-type'] ?? 'application/json',
            'content-length': answer.length,
          });
          res.end(answer);
        });
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) return;
      const answer = JSON.stringify({ error: 'bad gateway', detail: error.message });
      res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
    upstream.end(body);
  });
}

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  if (req.method === 'POST') {
    forward(req, res);
    return;
  }
  // Health for the orchestrator's readiness wait.
  res.writeHead(req.url === '/health/ready' ? 200 : 404, { 'content-length': 0 });
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.send?.({ type: 'listening', port });
});

process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => undefined); // run.ts stops us
