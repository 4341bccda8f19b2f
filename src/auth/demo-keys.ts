// Demo mode only: on first start every demo party gets an ES256 key pair (public JWKS where the
// config points, private JWK under <dataDir>/demo-keys), and the gateway a random pseudonym secret.
// Nothing here runs unless the config says `"demo": true`.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';

function writeSecretFile(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
}

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
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = `${party.id}-demo-${randomBytes(4).toString('hex')}`;
    const publicJwk: JsonWebKey = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
    const privateJwk: JsonWebKey = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' };
    mkdirSync(dirname(jwksFile), { recursive: true });
    writeFileSync(jwksFile, JSON.stringify({ keys: [publicJwk] }, null, 2));
    mkdirSync(dirname(privateFile), { recursive: true, mode: 0o700 });
    writeFileSync(privateFile, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  if (raw.pseudonymSecret === undefined) {
    const secretFile = join(dataDir, 'demo-pseudonym-secret');
    if (!existsSync(secretFile)) writeSecretFile(secretFile, randomBytes(32).toString('hex'));
    raw.pseudonymSecret = readFileSync(secretFile, 'utf8').trim();
  }
}
