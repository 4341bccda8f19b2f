// Bearer JWTs (architecture.md step 1): each party signs with its own key; the gateway verifies with
// the party's public keys from the registry. Algorithms are pinned per key (ES256 or RS256, never
// `none`, never HS*), `aud` must be this gateway, `iss` names the party, `exp` is required and short.
// The authenticated party is the sender; nothing in a request body can change that.
// A key with a `notAfter` (the old key of a rotation) signs nothing after that instant; a party that
// publishes its JWKS at a `jwksUri` has its keys fetched (remote-jwks.ts); a disabled party's tokens are
// refused (party-disabled), however well signed.

import { createPrivateKey, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { GatewayConfig, PartyKey, Principal, SigningAlgorithm } from '../config/config-types.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import { demoPrivateKeyFile } from '../config/demo-keys.ts';
import { createRemoteJwks, defaultRemoteJwksSettings, type RemoteJwks, type RemoteJwksSettings } from './remote-jwks.ts';

export interface TokenVerifier {
  /**
   * The authenticated principal (an agency or a staff member); rejects with GatewayError
   * 'invalid-token' or 'party-disabled'.
   */
  verify(token: string): Promise<Principal>;
  /**
   * Forgets every verified token and every fetched JWKS: after a configuration reload a disabled
   * party's remembered token must be refused, and a changed jwksUri fetched anew.
   */
  forget(): void;
}

export interface TokenVerifierOptions {
  readonly now?: () => number;
  readonly remoteJwks?: RemoteJwksSettings;
}

function invalid(detail: string): GatewayError {
  return new GatewayError('invalid-token', { detail });
}

/**
 * Verified tokens are remembered until they expire: an agency system reuses one token for many
 * requests, and an ES256 verification costs ~80 µs (toolchain.md). Only a token string that has passed
 * full verification is cached, so the cache can never accept a token the verifier would refuse; its
 * expiry is checked again on every use. Bounded: the oldest entries go first.
 */
const verifiedCacheSize = 10_000;

export function createTokenVerifier(config: GatewayConfig, parties: PartyRegistry, options: TokenVerifierOptions = {}): TokenVerifier {
  const now = options.now ?? Date.now;
  const { clockToleranceSeconds } = config.auth;
  const verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  const remote = new Map<string, RemoteJwks>();
  const full = fullVerifier(config, parties, now, options.remoteJwks ?? defaultRemoteJwksSettings, remote);
  return {
    forget() {
      verified.clear();
      remote.clear();
    },
    async verify(token) {
      const hit = verified.get(token);
      if (hit !== undefined) {
        if (now() < hit.expiresAtMs) return hit.principal;
        verified.delete(token);
        throw invalid('jwt expired');
      }
      const { principal, exp, keyNotAfterMs } = await full(token);
      if (verified.size >= verifiedCacheSize) {
        const oldest = verified.keys().next().value;
        if (oldest !== undefined) verified.delete(oldest);
      }
      // Remembered no longer than the token lives, nor than its key may sign.
      verified.set(token, { principal, expiresAtMs: Math.min((exp + clockToleranceSeconds) * 1000, keyNotAfterMs ?? Number.POSITIVE_INFINITY) });
      return principal;
    },
  };
}

type FullVerification = { principal: Principal; exp: number; keyNotAfterMs: number | undefined };

function fullVerifier(config: GatewayConfig, parties: PartyRegistry, now: () => number, remoteSettings: RemoteJwksSettings, remote: Map<string, RemoteJwks>): (token: string) => Promise<FullVerification> {
  const { maxTokenLifetimeSeconds, clockToleranceSeconds } = config.auth;
  const keyOf = async (principal: Principal, kid: string | undefined): Promise<PartyKey | undefined> => {
    if (principal.role === 'agency' && principal.party.jwksUri !== undefined) {
      const { id, jwksUri } = principal.party;
      let jwks = remote.get(id);
      if (jwks === undefined) remote.set(id, (jwks = createRemoteJwks(id, jwksUri, now, remoteSettings)));
      return jwks.key(kid);
    }
    const keys: readonly PartyKey[] = principal.role === 'agency' ? principal.party.keys : principal.staff.keys;
    return kid === undefined && keys.length === 1 ? keys[0] : keys.find((k) => k.kid === kid);
  };
  return async (token) => {
    const decoded = jwt.decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload === 'string') throw invalid('not a JWT');
    const iss = decoded.payload.iss;
    const principal = typeof iss === 'string' ? parties.principal(iss) : undefined;
    if (principal === undefined) throw invalid('unknown issuer');
    if (principal.role === 'agency' && principal.party.disabled === true) {
      throw new GatewayError('party-disabled', { detail: `party "${principal.id}" is disabled at this gateway; its tokens are refused until an operator enables it again` });
    }
    const kid = decoded.header.kid;
    const key = await keyOf(principal, kid);
    if (key === undefined) throw invalid('unknown key id for this issuer');
    if (key.notAfterMs !== undefined && now() > key.notAfterMs) {
      throw invalid(`key "${key.kid}" expired at ${new Date(key.notAfterMs).toISOString()} (rotated); sign with the party's current key`);
    }
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, key.key, {
        algorithms: [key.algorithm],
        audience: config.gateway.audience,
        issuer: principal.id,
        clockTolerance: clockToleranceSeconds,
        complete: false,
      }) as jwt.JwtPayload;
    } catch (cause) {
      throw new GatewayError('invalid-token', { detail: (cause as Error).message, cause });
    }
    if (typeof claims.exp !== 'number') throw invalid('exp is required');
    const nowSeconds = Math.floor(now() / 1000);
    // Short-lived means short from now: a token may not claim to be issued in the future (that would
    // stretch exp - iat), nor expire later than the maximum lifetime from now.
    if (typeof claims.iat === 'number' && claims.iat > nowSeconds + clockToleranceSeconds) throw invalid('iat is in the future');
    const lifetime = Math.max(claims.exp - nowSeconds, typeof claims.iat === 'number' ? claims.exp - claims.iat : 0);
    if (lifetime > maxTokenLifetimeSeconds + clockToleranceSeconds) {
      throw invalid(`token lifetime exceeds ${maxTokenLifetimeSeconds} s`);
    }
    return { principal, exp: claims.exp, keyNotAfterMs: key.notAfterMs };
  };
}

export interface PartyTokenRequest {
  readonly partyId: string;
  readonly key: KeyObject;
  /** The kid of the key's public half in the party's JWKS; absent: none in the header (a party with one key). */
  readonly kid?: string;
  readonly algorithm: SigningAlgorithm;
  /** The gateway's audience (gateway.audience in its config). */
  readonly audience: string;
  readonly lifetimeSeconds: number;
}

/**
 * A party's bearer token, as an agency's system makes it (README, "The token format"): header alg and
 * kid; claims iss = sub = the party id, aud, iat, exp, and a jti.
 */
export function signPartyToken(request: PartyTokenRequest): string {
  return jwt.sign({ jti: randomUUID() }, request.key, {
    algorithm: request.algorithm,
    ...(request.kid !== undefined ? { keyid: request.kid } : {}),
    issuer: request.partyId,
    subject: request.partyId,
    audience: request.audience,
    expiresIn: request.lifetimeSeconds,
  });
}

/** `ketenpoort token --party ID`: demo keys only; refuses outside the demo configuration. */
export function mintDemoToken(config: GatewayConfig, partyId: string, lifetimeSeconds = 300): string {
  if (!config.demo) {
    throw new GatewayError('demo-only', { detail: "without --key, tokens are minted only for the demo configuration's parties; sign with the party's own private key: ketenpoort token --party ID --key FILE (the file keys create wrote)" });
  }
  const party = [...config.parties, ...config.staff].find((p) => p.id === partyId);
  if (party === undefined) throw new GatewayError('not-found', { detail: `no party or staff member "${partyId}"` });
  const lifetime = Math.min(lifetimeSeconds, config.auth.maxTokenLifetimeSeconds);
  const jwk = JSON.parse(readFileSync(demoPrivateKeyFile(config.dataDir, partyId), 'utf8')) as JsonWebKey & { kid: string };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return signPartyToken({ partyId: party.id, key, kid: jwk.kid, algorithm: 'ES256', audience: config.gateway.audience, lifetimeSeconds: lifetime });
}
