// An agency's signing keys as `ketenpoort keys` makes them: a key pair whose public half goes into the
// party's JWKS in the gateway's config and whose private half is written once, to a file for the
// agency (mode 0600, never overwritten); the gateway keeps no copy. The private key file is a JWK
// (with its kid and alg, so `ketenpoort token --key FILE` needs nothing else) or PKCS#8 PEM (for
// openssl and most JWT libraries; the kid is then given separately).

import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { SigningAlgorithm } from '../config/config-types.ts';

export type PrivateKeyFormat = 'jwk' | 'pem';

export interface PublicJwk extends JsonWebKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly use: 'sig';
  notAfter?: string;
}

export interface AgencyKeyPair {
  readonly kid: string;
  readonly algorithm: SigningAlgorithm;
  readonly publicJwk: PublicJwk;
  readonly privateKey: KeyObject;
}

/** A kid that says when the key was made and cannot collide: <party>-<yyyymmdd>-<8 hex>. */
export function newKid(partyId: string, at: Date): string {
  return `${partyId}-${at.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
}

export function generateAgencyKeyPair(partyId: string, algorithm: SigningAlgorithm, at: Date): AgencyKeyPair {
  const { privateKey, publicKey } = algorithm === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 3072 });
  const kid = newKid(partyId, at);
  return { kid, algorithm, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: algorithm, use: 'sig' } };
}

export function privateKeyText(pair: AgencyKeyPair, format: PrivateKeyFormat): string {
  if (format === 'pem') return pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return `${JSON.stringify({ ...pair.privateKey.export({ format: 'jwk' }), kid: pair.kid, alg: pair.algorithm }, null, 2)}\n`;
}

/** Writes the private key file; never over an existing file. Mode 0600: for the agency's eyes only. */
export function writePrivateKeyOnce(file: string, text: string): void {
  try {
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new GatewayError('invalid-input', {
      detail: code === 'EEXIST' ? `${file} exists; a private key is never overwritten: choose another --out` : `cannot write ${file}: ${(cause as Error).message}`,
      errors: [{ pointer: '/out', detail: code === 'EEXIST' ? 'exists' : 'cannot be written' }],
    });
  }
}

export interface AgencySigningKey {
  readonly key: KeyObject;
  readonly algorithm: SigningAlgorithm;
  /** From a JWK file; a PEM file carries none. */
  readonly kid?: string;
}

/** Reads an agency's private key: a JWK (as `keys create` writes it) or a PEM file. */
export function readAgencyPrivateKey(file: string): AgencySigningKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new GatewayError('invalid-input', { detail: `cannot read ${file}: ${(cause as Error).message}` });
  }
  let key: KeyObject;
  let kid: string | undefined;
  try {
    if (text.trimStart().startsWith('{')) {
      const jwk = JSON.parse(text) as JsonWebKey & { kid?: string };
      kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    } else {
      key = createPrivateKey(text);
    }
  } catch (cause) {
    throw new GatewayError('invalid-input', { detail: `${file} is not a private key (a JWK or PEM): ${(cause as Error).message}` });
  }
  const publicJwk = createPublicKey(key).export({ format: 'jwk' });
  const algorithm: SigningAlgorithm | undefined = publicJwk.kty === 'EC' && publicJwk.crv === 'P-256' ? 'ES256' : publicJwk.kty === 'RSA' ? 'RS256' : undefined;
  if (algorithm === undefined) throw new GatewayError('invalid-input', { detail: `${file} is neither an EC P-256 (ES256) nor an RSA (RS256) key` });
  return { key, algorithm, ...(kid !== undefined ? { kid } : {}) };
}
