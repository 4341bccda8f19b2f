// The party's bearer token, as the gateway expects it (README, "The token format"): a JWS compact
// serialisation with header {alg, typ: JWT, kid} and claims iss = sub = the party id, aud = the
// gateway's audience, iat, exp (at most 300 s later by default) and a random jti. Signed with
// node:crypto only; ES256 signatures are r‖s (64 bytes, RFC 7518 §3.4), not DER.
import { createPrivateKey, randomUUID, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type SigningAlgorithm = 'ES256' | 'RS256';

/** The agency's private key as `ketenpoort keys create` writes it: a JWK (with kid and alg) or PKCS#8 PEM. */
export interface PartySigningKey {
  readonly key: KeyObject;
  readonly algorithm: SigningAlgorithm;
  /** The kid of the public half in the party's JWKS at the gateway; absent only while the party has one key. */
  readonly kid?: string;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  throw new TypeError(`a party key is an EC P-256 (ES256) or RSA (RS256) private key, not ${key.asymmetricKeyType ?? 'unknown'}`);
}

/**
 * Reads the private key file `ketenpoort keys create` wrote for the agency. A JWK file carries its kid
 * and alg; for a PEM file pass the kid `keys create` printed.
 */
export function readPrivateKeyFile(file: string, kid?: string): PartySigningKey {
  const text = readFileSync(file, 'utf8');
  if (text.trimStart().startsWith('{')) {
    const jwk = JSON.parse(text) as JsonWebKey & { kid?: string; alg?: string };
    const key = createPrivateKey({ key: jwk, format: 'jwk' });
    const algorithm = algorithmOf(key);
    if (jwk.alg !== undefined && jwk.alg !== algorithm) throw new TypeError(`${file}: alg ${jwk.alg} does not fit its ${algorithm} key`);
    const chosen = kid ?? jwk.kid;
    return { key, algorithm, ...(chosen !== undefined ? { kid: chosen } : {}) };
  }
  const key = createPrivateKey(text);
  return { key, algorithm: algorithmOf(key), ...(kid !== undefined ? { kid } : {}) };
}

export interface PartyTokenOptions {
  readonly partyId: string;
  readonly signingKey: PartySigningKey;
  /** The gateway's `gateway.audience`. */
  readonly audience: string;
  /** Seconds the token lives (the gateway refuses more than its auth.maxTokenLifetimeSeconds, 300 by default). */
  readonly lifetimeSeconds?: number;
  /** Now, in ms since the epoch (default Date.now()). */
  readonly now?: number;
}

/** One signed token; `createKetenpoortClient` makes and reuses them for you. */
export function signPartyToken(options: PartyTokenOptions): string {
  const { partyId, signingKey, audience } = options;
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const header = { alg: signingKey.algorithm, typ: 'JWT', ...(signingKey.kid !== undefined ? { kid: signingKey.kid } : {}) };
  const claims = { iss: partyId, sub: partyId, aud: audience, iat, exp: iat + (options.lifetimeSeconds ?? 300), jti: randomUUID() };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(input), signingKey.algorithm === 'ES256' ? { key: signingKey.key, dsaEncoding: 'ieee-p1363' } : signingKey.key);
  return `${input}.${base64url(signature)}`;
}
