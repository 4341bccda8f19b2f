// W3C Trace Context (https://www.w3.org/TR/trace-context/): the gateway joins the caller's trace when
// a valid traceparent arrives and starts one otherwise; the Logboek Dataverwerkingen uses the same ids.
import { randomFillSync } from 'node:crypto';

export interface TraceContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
}

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

// Ids come from a pool of random bytes filled 4 KB at a time: one getrandom call per 256 spans instead
// of one per id (each call cost several microseconds on every request). Still the CSPRNG; each byte
// is handed out once.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

export function newSpanId(): string {
  return randomHex(8);
}

export function traceFromHeader(traceparent: string | undefined): TraceContext {
  const match = traceparent === undefined ? null : traceparentPattern.exec(traceparent.trim());
  const traceId = match?.[1];
  const parent = match?.[2];
  if (traceId !== undefined && parent !== undefined && !/^0+$/.test(traceId) && !/^0+$/.test(parent)) {
    return { traceId, spanId: newSpanId(), parentSpanId: parent };
  }
  return { traceId: randomHex(16), spanId: newSpanId() };
}

export function traceparentFor(trace: TraceContext, spanId: string = trace.spanId): string {
  return `00-${trace.traceId}-${spanId}-01`;
}
