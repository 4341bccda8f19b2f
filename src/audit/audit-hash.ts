// How the audit chain is hashed, shared by the writer (audit-log.ts) and the verifier
// (chain-verifier.ts): each record's hash is the SHA-256 of its canonical JSON, which includes the
// previous record's hash; the first record links to the genesis hash.

import { createHash } from 'node:crypto';
import type { AuditRecord } from '../kernel/audit-record.ts';
import { canonicalJson } from './canonical-json.ts';

export const genesisHash = '0'.repeat(64);

export function hashAuditRecord(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}
