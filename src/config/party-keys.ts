// A party's public keys from a JWKS: the config's inline `jwks`, a `jwksFile`, or the JWKS a party
// publishes at its `jwksUri` (src/auth/remote-jwks.ts). One set of rules for all three: EC P-256
// (ES256) or RSA (RS256) public keys only, never a private key, each with its kid and, when the
// gateway's own `notAfter` member is present, the instant after which tokens signed with it are refused.

import { createPublicKey, type JsonWebKey } from 'node:crypto';
import type { FieldError } from '../kernel/gateway-error.ts';
import type { PartyKey, SigningAlgorithm } from './config-types.ts';

export interface RawJwk extends JsonWebKey {
  kid: string;
  alg?: SigningAlgorithm;
  /** ISO 8601 date-time; the gateway's own member (keys rotate --overlap). */
  notAfter?: string;
}

export function algorithmOf(jwk: JsonWebKey): SigningAlgorithm | undefined {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'RSA') return 'RS256';
  return undefined;
}

/**
 * The usable public keys of a JWKS; each problem is added to `errors` under `pointer` (…/jwks/keys/k).
 * A JWKS from a party's own server is not checked by the config schema, so the shape is checked here.
 */
export function publicKeysOf(jwks: unknown, pointer: string, errors: FieldError[]): PartyKey[] {
  const list = (jwks as { keys?: unknown } | null)?.keys;
  if (jwks === null || typeof jwks !== 'object' || !Array.isArray(list)) {
    errors.push({ pointer, detail: 'not a JWKS (an object with a "keys" array)' });
    return [];
  }
  const keys: PartyKey[] = [];
  (list as unknown[]).forEach((entry, k) => {
    const at = `${pointer}/keys/${k}`;
    const jwk = entry as RawJwk | null;
    if (jwk === null || typeof jwk !== 'object' || typeof jwk.kid !== 'string' || jwk.kid === '') {
      errors.push({ pointer: at, detail: 'a key needs a kid' });
      return;
    }
    const algorithm = algorithmOf(jwk);
    if (algorithm === undefined || (jwk.alg !== undefined && jwk.alg !== algorithm)) {
      errors.push({ pointer: at, detail: 'only EC P-256 (ES256) and RSA (RS256) public keys are accepted' });
      return;
    }
    if ('d' in jwk) {
      errors.push({ pointer: `${at}/d`, detail: 'a private key does not belong in the party registry' });
      return;
    }
    const notAfterMs = jwk.notAfter === undefined ? undefined : Date.parse(jwk.notAfter);
    if (notAfterMs !== undefined && Number.isNaN(notAfterMs)) {
      errors.push({ pointer: `${at}/notAfter`, detail: 'must be a date-time' });
      return;
    }
    try {
      // The JWK's own members only: notAfter is ours, and Node's JWK import takes the key members.
      const { notAfter: _notAfter, ...members } = jwk;
      // KeyObjects once, when the keys are read: verifying with a PEM string costs ~10x more (toolchain.md).
      keys.push({ kid: jwk.kid, algorithm, key: createPublicKey({ key: members, format: 'jwk' }), ...(notAfterMs !== undefined ? { notAfterMs } : {}) });
    } catch (cause) {
      errors.push({ pointer: at, detail: `not a usable public key: ${(cause as Error).message}` });
    }
  });
  return keys;
}
