// Demo mode only: on first start every demo party gets an ES256 key pair (public JWKS where the
// config points, private JWK under <dataDir>/demo-keys), and the gateway a random pseudonym secret.
// Nothing here runs unless the config says `"demo": true`.

import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { createFileOnce } from '../kernel/create-file-once.ts';

export function demoPrivateKeyFile(dataDir: string, partyId: string): string {
  return join(dataDir, 'demo-keys', `${partyId}.private.jwk.json`);
}

export function ensureDemoState(raw: Record<string, unknown>, configDir: string, dataDir: string): void {
  const parties = [raw.parties, raw.staff].flatMap((list) => (Array.isArray(list) ? (list as Record<string, unknown>[]) : []));
  for (const party of parties) {
    if (typeof party.id !== 'string' || typeof party.jwksFile !== 'string') continue;
    const jwksFile = resolve(configDir, party.jwksFile);
    const privateFile = demoPrivateKeyFile(dataDir, party.id);
    if (existsSync(jwksFile) && existsSync(privateFile)) continue;
    // The private key is created once (several processes may start together on one data folder);
    // the public JWKS is derived from whichever private key won.
    const partyId = party.id;
    const privateJwk = JSON.parse(
      createFileOnce(privateFile, () => {
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const kid = `${partyId}-demo-${randomBytes(4).toString('hex')}`;
        return JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' });
      }),
    ) as JsonWebKey & { kid: string };
    const publicJwk: JsonWebKey = { ...createPublicKey({ key: privateJwk, format: 'jwk' }).export({ format: 'jwk' }), kid: privateJwk.kid, alg: 'ES256', use: 'sig' };
    mkdirSync(dirname(jwksFile), { recursive: true });
    const temporary = `${jwksFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ keys: [publicJwk] }, null, 2));
    renameSync(temporary, jwksFile); // atomic replace: every process writes the same content
  }
  if (raw.pseudonymSecret === undefined) {
    const secretFile = join(dataDir, 'demo-pseudonym-secret');
    raw.pseudonymSecret = createFileOnce(secretFile, () => randomBytes(32).toString('hex')).trim();
  }
}
