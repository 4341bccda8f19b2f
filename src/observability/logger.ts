// Operational logs: winston, JSON lines, with the request and trace ids of the current request
// (AsyncLocalStorage). Privacy by design: code never logs payloads or BSNs, and as a second line of
// defence every line is scrubbed of BSNs before it is written: a nine-digit token that passes the
// 11-test (src/kernel/bsn.ts). Only such a token is masked: trace and span ids, UUIDs, hashes and
// longer numbers hold their digits inside a longer token and are written as they are.

import winston from 'winston';
import { AsyncLocalStorage } from 'node:async_hooks';
import { isBsn, maskBsns, maskedBsn } from '../kernel/bsn.ts';

export interface RequestContext {
  readonly requestId: string;
  readonly traceId: string;
  readonly spanId: string;
  party?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The value with every BSN in it masked (exported for its tests). */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskBsns(value);
  // A BSN logged as a number (its leading zeros lost, nine digits left).
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e8 && value < 1e9 && isBsn(String(value))) return maskedBsn;
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any log line should be: drop it rather than write it unscrubbed.
  if (depth > 8) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: scrub(value.message, depth + 1), stack: scrub(value.stack, depth + 1) };
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

const withContext = winston.format((info) => {
  const ctx = requestContext.getStore();
  if (ctx !== undefined) {
    info.requestId ??= ctx.requestId;
    info.traceId ??= ctx.traceId;
    info.spanId ??= ctx.spanId;
    if (ctx.party !== undefined) info.party ??= ctx.party;
  }
  return info;
});

const scrubBsn = winston.format((info) => {
  for (const key of Object.keys(info)) info[key] = scrub(info[key]);
  return info;
});

export type Logger = winston.Logger;

export function createLogger(options: { readonly level: string; readonly silent?: boolean }): Logger {
  return winston.createLogger({
    level: options.level,
    silent: options.silent ?? false,
    format: winston.format.combine(withContext(), scrubBsn(), winston.format.timestamp(), winston.format.json()),
    defaultMeta: { service: 'ketenpoort' },
    // stdout, one JSON object per line; the process supervisor keeps the logs.
    // winston's Console is a TransportStream subclass from its own package copy; the typed-lint rule
    // cannot see that through winston's declaration merging.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    transports: [new winston.transports.Console()],
  });
}
