// A party's JWKS published at its own URL (`jwksUri`): fetched when its first token arrives, kept as
// long as the answer's Cache-Control max-age says (within bounds), fetched again for a kid it does not
// have (the party rotated), but at most once per `minRefetchMs`, so that tokens with made-up kids
// cannot make the gateway hammer the party's server. Fails closed: when nothing fresh is cached and
// the JWKS cannot be fetched, the party's tokens are refused (401).

import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import type { PartyKey } from '../config/config-types.ts';
import { publicKeysOf } from '../config/party-keys.ts';

export interface RemoteJwksSettings {
  /** Without a max-age: 5 minutes. */
  readonly defaultTtlMs: number;
  /** A max-age below this (or no-store, no-cache) counts as this: 60 s. */
  readonly minTtlMs: number;
  /** A max-age above this counts as this: 24 h, so a revoked key is gone within a day. */
  readonly maxTtlMs: number;
  /** At most one fetch per party in this time: 30 s. */
  readonly minRefetchMs: number;
  readonly timeoutMs: number;
  /** The largest JWKS read (bytes). */
  readonly maxBytes: number;
}

export const defaultRemoteJwksSettings: RemoteJwksSettings = {
  defaultTtlMs: 300_000,
  minTtlMs: 60_000,
  maxTtlMs: 86_400_000,
  minRefetchMs: 30_000,
  timeoutMs: 5_000,
  maxBytes: 256 * 1024,
};

export interface RemoteJwks {
  /** The key with this kid (or the only key when kid is undefined); undefined: the party has no such key. */
  key(kid: string | undefined): Promise<PartyKey | undefined>;
}

interface Cached {
  readonly keys: readonly PartyKey[];
  readonly freshUntilMs: number;
}

/** How long an answer may be used, from its Cache-Control header, within the bounds. */
export function ttlOf(cacheControl: string | null, settings: RemoteJwksSettings): number {
  const directives = (cacheControl ?? '').toLowerCase().split(',').map((d) => d.trim());
  if (directives.includes('no-store') || directives.includes('no-cache')) return settings.minTtlMs;
  const maxAge = directives.map((d) => /^max-age=(\d+)$/.exec(d)?.[1]).find((v) => v !== undefined);
  const ttl = maxAge === undefined ? settings.defaultTtlMs : Number(maxAge) * 1000;
  return Math.min(settings.maxTtlMs, Math.max(settings.minTtlMs, ttl));
}

export function createRemoteJwks(partyId: string, uri: string, now: () => number, settings: RemoteJwksSettings = defaultRemoteJwksSettings): RemoteJwks {
  let cached: Cached | undefined;
  let lastFetchMs = Number.NEGATIVE_INFINITY;
  let lastError: string | undefined;
  let inFlight: Promise<void> | undefined;

  const unavailable = (why: string): GatewayError =>
    new GatewayError('invalid-token', { detail: `the keys of party "${partyId}" cannot be fetched from ${uri} (${why}); nothing valid is cached` });

  async function fetchOnce(): Promise<void> {
    lastFetchMs = now();
    let response: Response;
    try {
      response = await fetch(uri, { headers: { accept: 'application/jwk-set+json, application/json' }, redirect: 'error', signal: AbortSignal.timeout(settings.timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      lastError = `cannot reach it: ${cause}`;
      return;
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      lastError = `it answered ${response.status}`;
      return;
    }
    if (Buffer.byteLength(text) > settings.maxBytes) {
      lastError = `the answer is larger than ${settings.maxBytes} bytes`;
      return;
    }
    let jwks: unknown;
    try {
      jwks = JSON.parse(text);
    } catch {
      lastError = 'the answer is not JSON';
      return;
    }
    const errors: FieldError[] = [];
    const keys = publicKeysOf(jwks, '', errors);
    if (keys.length === 0) {
      // A JWKS without a single usable key is a broken publication, not a revocation of every key:
      // keep what is cached (while fresh) and report why.
      lastError = `no usable key in it${errors.length > 0 ? `: ${errors.map((e) => `${e.pointer || '/'} ${e.detail}`).join('; ')}` : ''}`;
      return;
    }
    lastError = undefined;
    cached = { keys, freshUntilMs: now() + ttlOf(response.headers.get('cache-control'), settings) };
  }

  /** One fetch at a time; callers that arrive meanwhile wait for the same one. */
  function refresh(): Promise<void> {
    inFlight ??= fetchOnce().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  const mayFetch = (): boolean => now() - lastFetchMs >= settings.minRefetchMs;
  const pick = (keys: readonly PartyKey[], kid: string | undefined): PartyKey | undefined =>
    kid === undefined ? (keys.length === 1 ? keys[0] : undefined) : keys.find((k) => k.kid === kid);

  return {
    async key(kid) {
      const fresh = (): Cached | undefined => (cached !== undefined && now() < cached.freshUntilMs ? cached : undefined);
      if (fresh() === undefined) {
        if (inFlight !== undefined || mayFetch()) await refresh();
        const current = fresh();
        if (current === undefined) throw unavailable(lastError ?? 'a fetch failed less than 30 s ago');
        return pick(current.keys, kid);
      }
      const found = pick(fresh()?.keys ?? [], kid);
      if (found !== undefined) return found;
      // An unknown kid: perhaps the party rotated since the last fetch. Ask again, rate-limited.
      if (inFlight !== undefined || mayFetch()) await refresh();
      return pick(fresh()?.keys ?? [], kid);
    },
  };
}
