// What `keys create|rotate` and `staff add` share: the key options, and the order in which a new key
// pair and the configuration change that names its public half reach the disk. The change is
// validated first; the private key is written before the configuration is replaced (a key in the
// JWKS whose private half went nowhere would be of use to no one); a failed replace removes the
// private key again.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PreparedChange } from '../config/config-file-edit.ts';
import type { SigningAlgorithm } from '../config/config-types.ts';
import { privateKeyText, writePrivateKeyOnce, type AgencyKeyPair, type PrivateKeyFormat } from '../auth/agency-keys.ts';
import { CliFailure } from './cli-support.ts';

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CliFailure(`${option} must be ${allowed.join(' or ')}`, 2);
  return value as T;
}

/** --format (jwk or pem, default jwk) and --algorithm (ES256 or RS256, default ES256); wrong usage exits 2. */
export function keyOptions(values: { readonly format?: string | undefined; readonly algorithm?: string | undefined }): { format: PrivateKeyFormat; algorithm: SigningAlgorithm } {
  return {
    format: oneOf<PrivateKeyFormat>(values.format ?? 'jwk', ['jwk', 'pem'], '--format'),
    algorithm: oneOf<SigningAlgorithm>(values.algorithm ?? 'ES256', ['ES256', 'RS256'], '--algorithm'),
  };
}

/**
 * Writes the private key (to `out`, else <kid>.private.jwk.json or .pem in the working folder, once,
 * mode 0600), then commits the prepared change; says where the key went.
 */
export function writeKeyAndCommit(change: PreparedChange, pair: AgencyKeyPair, format: PrivateKeyFormat, out: string | undefined): string {
  const file = resolve(out ?? `${pair.kid}.private.${format === 'pem' ? 'pem' : 'jwk.json'}`);
  try {
    writePrivateKeyOnce(file, privateKeyText(pair, format));
  } catch (error) {
    change.abort();
    throw error;
  }
  try {
    change.commit();
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  }
  return file;
}
