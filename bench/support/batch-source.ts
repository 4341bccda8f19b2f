// A real batch source on 127.0.0.1: the rest-json pull contract (adapters/rest-json/rest-json-pull.ts)
// over generated records, produced on demand page by page (so a source of 100,000 records costs no
// memory here either). It records every page request, can be slowed down per page and told to fail.
// The batch bench runs it, and the pull-sync tests use it as their source: it lives with the bench so
// the bench imports nothing from tests/ (.dependency-cruiser.cjs, bench-not-into-tests).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SourceRecord {
  readonly id: string;
  readonly messageType: string;
  readonly receiver: string;
  readonly purpose: string;
  readonly message: unknown;
  readonly subject?: unknown;
}

export interface PageRequest {
  readonly after: string | null;
  readonly limit: number;
  readonly at: number;
}

export interface BatchSource {
  readonly url: string;
  readonly requests: PageRequest[];
  /** Answer pages after this many ms (default 0). */
  setDelay(ms: number): void;
  /** Answer with this HTTP status instead of a page (null: answer normally). */
  failWith(status: number | null): void;
  /** Called before each page is answered (a test may check what the gateway has committed by then). */
  onPage(hook: ((request: PageRequest) => void | Promise<void>) | undefined): void;
  /** Makes more records available (a source that grows between runs). */
  setTotal(total: number): void;
  close(): Promise<void>;
}

/** Record ids sort in record order: rec-0000001, rec-0000002, ... */
export const recordId = (index: number): string => `rec-${String(index).padStart(7, '0')}`;
const indexOf = (id: string): number => Number(id.slice(4));

export async function startBatchSource(options: { readonly total: number; readonly record: (index: number) => SourceRecord }): Promise<BatchSource> {
  const requests: PageRequest[] = [];
  let total = options.total;
  let delay = 0;
  let failure: number | null = null;
  let hook: ((request: PageRequest) => void | Promise<void>) | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://source.invalid');
      const after = url.searchParams.get('after');
      const limit = Number(url.searchParams.get('limit') ?? '100');
      const request = { after, limit, at: Date.now() };
      requests.push(request);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      await hook?.(request);
      if (failure !== null) {
        res.writeHead(failure, { 'content-type': 'application/json' });
        res.end('{"error":"source failure"}');
        return;
      }
      const start = after === null ? 1 : indexOf(after) + 1;
      const end = Math.min(total, start + limit - 1);
      const items: SourceRecord[] = [];
      for (let i = start; i <= end; i++) items.push(options.record(i));
      const body = JSON.stringify({ items, next: end >= start ? recordId(end) : after });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/export`,
    requests,
    setDelay: (ms) => { delay = ms; },
    failWith: (status) => { failure = status; },
    onPage: (h) => { hook = h; },
    setTotal: (n) => { total = n; },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => { resolve(); });
      }),
  };
}
