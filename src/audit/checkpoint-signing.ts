// Audit checkpoints (architecture.md, Audit log: "Periodic checkpoints are signed with the gateway's
// Ed25519 key"). A checkpoint states "the chain's record <seq> has hash <hash>", signed. Because every
// hash covers all records before it, a signed checkpoint fixes the whole chain up to that record: to
// rewrite or truncate it undetected one would need the private key, not just write access to the store.
//
// The signed bytes are the canonical JSON of {seq, hash, signedAt, keyId}; the key id is the key's
// RFC 7638 JWK thumbprint (SHA-256, base64url), so anyone with the public key can check which key signed.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createFileOnce } from '../kernel/create-file-once.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { AuditCheckpoint } from '../store/store.ts';
import { canonicalJson } from './canonical-json.ts';

export interface CheckpointSigner {
  readonly keyId: string;
  /** The public key as a JWK (kty OKP, crv Ed25519), with its kid. */
  readonly publicJwk: Readonly<Record<string, string>>;
  sign(statement: Omit<AuditCheckpoint, 'signature' | 'keyId'>): AuditCheckpoint;
  /** Signs a Merkle tree head (receipts.ts): "the first treeSize records have root rootHash". */
  signTreeHead(statement: Omit<SignedTreeHead, 'signature' | 'keyId'>): SignedTreeHead;
}

/** A signed tree head: the Merkle root (merkle.ts, hex) of the audit chain's first treeSize records. */
export interface SignedTreeHead {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt: string;
  readonly keyId: string;
  /** Ed25519, base64url, over the canonical JSON of {kind, treeSize, rootHash, signedAt, keyId}. */
  readonly signature: string;
}

/** What a tree head's signature covers; `kind` keeps it from ever reading as a checkpoint. */
export function treeHeadBytes(head: Omit<SignedTreeHead, 'signature'>): Buffer {
  return Buffer.from(
    canonicalJson({ kind: 'ketenpoort.audit-tree-head', treeSize: head.treeSize, rootHash: head.rootHash, signedAt: head.signedAt, keyId: head.keyId }),
    'utf8',
  );
}

export function verifyTreeHeadSignature(head: SignedTreeHead, publicKey: KeyObject): boolean {
  try {
    return verify(null, treeHeadBytes(head), publicKey, Buffer.from(head.signature, 'base64url'));
  } catch {
    return false;
  }
}

/** RFC 7638: SHA-256 over the required members of the public key in lexicographic order. */
export function jwkThumbprint(jwk: { readonly crv?: string; readonly kty?: string; readonly x?: string }): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
}

export function checkpointBytes(checkpoint: Omit<AuditCheckpoint, 'signature'>): Buffer {
  return Buffer.from(canonicalJson({ seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId }), 'utf8');
}

/** A verifier's public key from a JWK (e.g. the file `GET /v1/audit/signing-key` gave). */
export function publicKeyFromJwk(jwk: JsonWebKey): { readonly key: KeyObject; readonly keyId: string } {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new GatewayError('invalid-input', { detail: 'the audit signing key must be an Ed25519 public key (JWK kty OKP, crv Ed25519)' });
  }
  return { key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }), keyId: jwkThumbprint(jwk) };
}

export function verifyCheckpointSignature(checkpoint: AuditCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * Loads the private key (a JWK file). With `create` (demo mode) a missing file is created with a new
 * key, readable by the owner only. Anything else wrong with the file stops the gateway at startup.
 */
export function loadCheckpointSigner(file: string, options: { readonly create: boolean }): CheckpointSigner {
  if (!existsSync(file)) {
    if (!options.create) throw new GatewayError('config-invalid', { detail: `audit.signingKeyFile ${file} does not exist` });
    // Several processes may start together on one data folder: the first key created is everyone's.
    createFileOnce(file, () => JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })));
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new GatewayError('config-invalid', { detail: `audit.signingKeyFile ${file}: ${(cause as Error).message}`, cause });
  }
  return checkpointSignerFromJwk(text, `audit.signingKeyFile ${file}`);
}

/**
 * The signer of the key configured: the JWK text (the environment variable KETENPOORT_AUDIT_SIGNING_KEY)
 * or the file; undefined when neither is configured. The key never comes from the database.
 */
export function configuredCheckpointSigner(audit: { readonly signingKeyJwk: string | null; readonly signingKeyFile: string | null }, options: { readonly create: boolean }): CheckpointSigner | undefined {
  if (audit.signingKeyJwk !== null) return checkpointSignerFromJwk(audit.signingKeyJwk, 'KETENPOORT_AUDIT_SIGNING_KEY');
  return audit.signingKeyFile === null ? undefined : loadCheckpointSigner(audit.signingKeyFile, options);
}

/** The signer of an Ed25519 private JWK given as text; `source` names where it came from in errors (never the key). */
export function checkpointSignerFromJwk(text: string, source: string): CheckpointSigner {
  let jwk: JsonWebKey | null;
  let privateKey: KeyObject;
  try {
    jwk = JSON.parse(text) as JsonWebKey | null;
  } catch {
    throw new GatewayError('config-invalid', { detail: `${source} is not JSON (an Ed25519 private key as a JWK)` });
  }
  if (jwk === null || typeof jwk !== 'object' || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') {
    throw new GatewayError('config-invalid', { detail: `${source} is not an Ed25519 private key (JWK)` });
  }
  try {
    privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  } catch (cause) {
    throw new GatewayError('config-invalid', { detail: `${source}: ${(cause as Error).message}`, cause });
  }
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const keyId = jwkThumbprint(publicJwk);
  return {
    keyId,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: String(publicJwk.x), kid: keyId, alg: 'EdDSA', use: 'sig' },
    sign(statement) {
      const unsigned = { seq: statement.seq, hash: statement.hash, signedAt: statement.signedAt, keyId };
      return { ...unsigned, signature: sign(null, checkpointBytes(unsigned), privateKey).toString('base64url') };
    },
    signTreeHead(statement) {
      const unsigned = { treeSize: statement.treeSize, rootHash: statement.rootHash, signedAt: statement.signedAt, keyId };
      return { ...unsigned, signature: sign(null, treeHeadBytes(unsigned), privateKey).toString('base64url') };
    },
  };
}
