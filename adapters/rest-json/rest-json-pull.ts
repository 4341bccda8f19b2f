// The rest-json batch source: a paged JSON export endpoint of an agency's system, read by scheduled
// pull-syncs. The contract (also in the README):
//
//   GET <endpoint>?limit=<n>[&after=<cursor>]     Accept: application/json
//   200 {"items": [<record>, ...], "next": "<cursor>" | null}
//
//   record = {"id": "<the source's own id, 1-200 chars>", "messageType", "receiver", "purpose",
//             "message", optional "subject" and "override"}   (the envelope of POST /v1/exchanges plus id)
//
// Items come in the source's order, at most <n> per page; `next` is the position after the page's
// last item (opaque to the gateway; null only while the source has given no position yet, i.e. an
// empty first page). A page with fewer than <n> items means: nothing more for now; the next run
// continues from `next`. Records may be re-served after a restart: the gateway recognises them by id.
//
// One page is read at a time, when the consumer asks for it, and a page body is capped in size, so a
// sync of any length holds at most one page.

import { GatewayError, type FieldError } from '../../src/kernel/gateway-error.ts';
import type { PullContext, PulledPage, PulledRecord } from '../adapter.ts';

const maxPageBytes = 64 * 1024 * 1024;
const maxIdLength = 200;

async function readCapped(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await response.body?.cancel();
    throw new GatewayError('source-unavailable', { detail: `the source's page is ${declared} bytes; at most ${limit} are read` });
  }
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) {
      await response.body.cancel().catch(() => undefined);
      throw new GatewayError('source-unavailable', { detail: `the source's page is over ${limit} bytes` });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function invalidPage(detail: string): GatewayError {
  return new GatewayError('source-unavailable', { detail: `the source answered an invalid page: ${detail}` });
}

function toRecord(item: unknown, index: number, position: string): PulledRecord {
  const fallbackId = `${position}#${index}`;
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return { id: fallbackId, unreadable: new GatewayError('invalid-input', { errors: [{ pointer: `/items/${index}`, detail: 'must be an object' }] }) };
  }
  const { id, ...envelope } = item as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0 || id.length > maxIdLength) {
    const errors: FieldError[] = [{ pointer: `/items/${index}/id`, detail: `must be a string of 1 to ${maxIdLength} characters` }];
    return { id: fallbackId, unreadable: new GatewayError('invalid-input', { errors }) };
  }
  // The rest is the envelope, exactly as a live sender would POST it; the pipeline validates it.
  return { id, contentType: 'application/json', body: Buffer.from(JSON.stringify(envelope), 'utf8') };
}

export async function* pullRestJson(cursor: string | undefined, ctx: PullContext, userAgent: string): AsyncGenerator<PulledPage> {
  let after = cursor;
  for (;;) {
    const url = new URL(ctx.endpoint);
    url.searchParams.set('limit', String(ctx.pageSize));
    if (after !== undefined) url.searchParams.set('after', after);
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json', 'user-agent': userAgent }, signal: ctx.signal });
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new GatewayError('source-unavailable', { detail: `network: ${code}`, cause: error });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new GatewayError('source-unavailable', { detail: `HTTP ${response.status}` });
    }
    let page: unknown;
    try {
      page = JSON.parse(await readCapped(response, maxPageBytes));
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw invalidPage('not JSON');
    }
    if (page === null || typeof page !== 'object') throw invalidPage('not an object');
    const { items, next } = page as { items?: unknown; next?: unknown };
    if (!Array.isArray(items)) throw invalidPage('items is not an array');
    if (items.length > ctx.pageSize) throw invalidPage(`${items.length} items where at most ${ctx.pageSize} were asked for`);
    if (next !== null && (typeof next !== 'string' || next.length === 0 || next.length > 1000)) throw invalidPage('next is not a cursor');
    if (next === null && items.length > 0) throw invalidPage('next is null after items');
    const position = after ?? 'start';
    const records = items.map((item, index) => toRecord(item, index, position));
    after = next ?? after;
    yield { records, cursor: after };
    if (items.length < ctx.pageSize) return;
  }
}
