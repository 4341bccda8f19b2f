// A witness for another party to run (`ketenpoort witness serve`): it keeps the gateway's signed
// audit checkpoints in an append-only file of its own (audit/witness.ts) and answers over HTTP at
// /checkpoints: POST one checkpoint (JSON; 201 new, 200 already held, 409 another checkpoint for that
// seq, 400 not a checkpoint or not signed by the gateway's key), GET every checkpoint held, as JSON
// lines. It takes only what the gateway's public key verifies, so nobody without the signing key can
// fill it, and it never changes or drops what it holds: a rewritten chain cannot match it.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { checkpointOf, createFileWitness, witnessLine, parseWitness } from '../audit/witness.ts';
import { verifyCheckpointSignature } from '../audit/checkpoint-signing.ts';
import type { AuditCheckpoint } from '../store/store.ts';
import { GatewayError, isGatewayError } from '../kernel/gateway-error.ts';
import { bodyText } from '../exchange/parse-body.ts';
import { problemFromError } from '../kernel/problem.ts';

export const witnessPath = '/checkpoints';
const maxBody = 4096;

export interface WitnessServer {
  /** The witness URL to configure as audit.witnessUrl (…/checkpoints). */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, error: GatewayError): void {
  answer(res, error.status, problemFromError(error, { instance: witnessPath }));
}

/** The body as text (strict UTF-8: a bad byte is refused with its offset), or undefined when too large. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody) return undefined;
    chunks.push(chunk);
  }
  return bodyText(Buffer.concat(chunks), 'invalid-json');
}

export async function startWitnessServer(options: {
  readonly file: string;
  readonly publicKey: { readonly key: KeyObject; readonly keyId: string };
  readonly host: string;
  readonly port: number;
}): Promise<WitnessServer> {
  const file = createFileWitness(options.file);
  const held = new Map<number, AuditCheckpoint>();
  if (existsSync(options.file)) {
    const contents = parseWitness(options.file, readFileSync(options.file, 'utf8'));
    if (contents.unreadable.length > 0) throw new GatewayError('config-invalid', { detail: `${options.file} line ${contents.unreadable[0]?.line}: ${contents.unreadable[0]?.problem}` });
    for (const entry of contents.entries) held.set(entry.seq, entry);
  }
  // One append at a time, so two POSTs of one seq cannot both be new.
  let queue: Promise<unknown> = Promise.resolve();

  const post = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let text: string | undefined;
    try {
      text = await readBody(req);
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      refuse(res, error);
      return;
    }
    if (text === undefined) { refuse(res, new GatewayError('payload-too-large', { detail: `a checkpoint is at most ${maxBody} bytes` })); return; }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      refuse(res, new GatewayError('invalid-json'));
      return;
    }
    const checkpoint = checkpointOf(parsed);
    if (checkpoint === undefined) { refuse(res, new GatewayError('invalid-input', { detail: 'not a checkpoint: exactly seq, hash, signedAt, keyId, signature' })); return; }
    if (checkpoint.keyId !== options.publicKey.keyId || !verifyCheckpointSignature(checkpoint, options.publicKey.key)) {
      refuse(res, new GatewayError('invalid-input', { detail: `not signed by the key ${options.publicKey.keyId} this witness holds for` }));
      return;
    }
    const stored = (queue = queue.then(async () => {
      const earlier = held.get(checkpoint.seq);
      if (earlier !== undefined) return witnessLine(earlier) === witnessLine(checkpoint) ? 'held' : 'other';
      await file.append(checkpoint);
      held.set(checkpoint.seq, checkpoint);
      return 'new';
    }));
    const outcome = await stored;
    if (outcome === 'other') { refuse(res, new GatewayError('conflict', { detail: `this witness holds another checkpoint for seq ${checkpoint.seq}` })); return; }
    answer(res, outcome === 'new' ? 201 : 200, checkpoint);
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handle = async (): Promise<void> => {
      if (path !== witnessPath) { refuse(res, new GatewayError('not-found')); return; }
      if (req.method === 'POST') { await post(req, res); return; }
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/jsonl' });
        res.end([...held.values()].sort((a, b) => a.seq - b.seq).map(witnessLine).join(''));
        return;
      }
      res.setHeader('allow', 'GET, POST');
      refuse(res, new GatewayError('method-not-allowed'));
    };
    handle().catch((error: unknown) => {
      process.stderr.write(`ketenpoort witness: ${(error as Error).stack ?? String(error)}\n`);
      if (!res.headersSent) refuse(res, new GatewayError('internal'));
      else res.destroy();
    });
  });
  server.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}${witnessPath}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.close(() => { resolve(); });
      server.closeAllConnections();
    }),
  };
}
