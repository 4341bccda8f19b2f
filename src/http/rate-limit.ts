// Per-party rate limits at the edge (config rateLimits): one token bucket per (principal, route),
// checked after authentication and before the body is read, so a party over its limit costs the
// gateway almost nothing. Empty bucket: 429 rate-limited with Retry-After (when the next token comes).
//
// A route is "METHOD /v1/<area>" — the first path segment after /v1, so "GET /v1/exchanges" covers
// /v1/exchanges/{id} too; HEAD counts as GET. The limit that applies is the most specific one: the
// principal's for the route, the principal's "*", the route's, then the default. "*" and the default
// still give every route its own bucket. Limits are per process: behind a load balancer over N
// gateways a party gets up to N times its limit (documented in the README).

import type { RequestHandler } from 'express';
import type { RateLimit, RateLimitSettings } from '../config/config-types.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { localsOf } from './request-helpers.ts';

interface Bucket {
  tokens: number;
  at: number;
  readonly limit: RateLimit;
}

export interface RateLimiter {
  /** Takes a token for (principal, route): undefined when allowed, else the seconds until the next token. */
  take(principal: string, route: string): number | undefined;
  /** Buckets held (full ones are dropped now and then: a full bucket is the same as none). */
  size(): number;
}

/** Above this many buckets, full ones are swept (they are the same as no bucket). */
const sweepAbove = 10_000;

export function createRateLimiter(settings: RateLimitSettings, now: () => number): RateLimiter {
  const buckets = new Map<string, Bucket>();

  function limitFor(principal: string, route: string): RateLimit | undefined {
    const own = settings.parties[principal];
    return own?.[route] ?? own?.['*'] ?? settings.routes[route] ?? settings.default ?? undefined;
  }

  function refill(bucket: Bucket, t: number): void {
    const elapsed = Math.max(0, t - bucket.at) / 1000;
    bucket.tokens = Math.min(bucket.limit.burst, bucket.tokens + elapsed * bucket.limit.perSecond);
    bucket.at = t;
  }

  function sweep(t: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= bucket.limit.burst) buckets.delete(key);
    }
  }

  return {
    take(principal, route) {
      const limit = limitFor(principal, route);
      if (limit === undefined) return undefined;
      const t = now();
      const key = `${principal}\n${route}`;
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        if (buckets.size >= sweepAbove) sweep(t);
        bucket = { tokens: limit.burst, at: t, limit };
        buckets.set(key, bucket);
      } else {
        refill(bucket, t);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      return (1 - bucket.tokens) / limit.perSecond;
    },
    size: () => buckets.size,
  };
}

/** The route key of a request under /v1: "METHOD /v1/<area>" (an odd area is "other"). */
export function rateLimitRoute(method: string, originalUrl: string): string {
  const path = originalUrl.split('?')[0] ?? '';
  const area = /^\/v1\/([^/]*)/.exec(path)?.[1] ?? '';
  const m = method === 'HEAD' ? 'GET' : method;
  return `${m} /v1/${/^[a-z0-9-]{1,40}$/.test(area) ? area : 'other'}`;
}

/** The middleware, mounted under /v1 after authentication. Off (a pass-through) when nothing is configured. */
export function createRateLimit(deps: { readonly settings: RateLimitSettings; readonly metrics: GatewayMetrics; readonly now: () => number }): RequestHandler {
  const { settings, metrics } = deps;
  const configured = Object.keys(settings.routes).length > 0 || Object.keys(settings.parties).length > 0 || settings.default !== null;
  if (!configured) return (_req, _res, next) => { next(); };
  const limiter = createRateLimiter(settings, deps.now);
  // Metric labels stay bounded: a route only by name when the config names it.
  const named = new Set([...Object.keys(settings.routes), ...Object.values(settings.parties).flatMap((r) => Object.keys(r))]);
  return (req, res, next) => {
    const principal = localsOf(res).principal;
    if (principal === undefined) {
      next();
      return;
    }
    const route = rateLimitRoute(req.method, req.originalUrl);
    const wait = limiter.take(principal.id, route);
    if (wait === undefined) {
      next();
      return;
    }
    metrics.rateLimited.inc({ principal: principal.id, route: named.has(route) ? route : '*' });
    throw new GatewayError('rate-limited', { detail: `the limit for ${route} is reached`, retryAfterSeconds: Math.ceil(wait) });
  };
}
