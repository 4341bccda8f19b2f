// W3C Trace Context (https://www.w3.org/TR/trace-context/): the gateway joins the caller's trace when
// a valid traceparent arrives and starts one otherwise; the Logboek Dataverwerkingen uses the same ids.
import { randomBytes } from 'node:crypto';

export interface TraceContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
}

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

export function traceFromHeader(traceparent: string | undefined): TraceContext {
  const match = traceparent === undefined ? null : traceparentPattern.exec(traceparent.trim());
  const traceId = match?.[1];
  const parent = match?.[2];
  if (traceId !== undefined && parent !== undefined && !/^0+$/.test(traceId) && !/^0+$/.test(parent)) {
    return { traceId, spanId: newSpanId(), parentSpanId: parent };
  }
  return { traceId: randomBytes(16).toString('hex'), spanId: newSpanId() };
}

export function traceparentFor(trace: TraceContext, spanId: string = trace.spanId): string {
  return `00-${trace.traceId}-${spanId}-01`;
}
