// The audit log: append-only, hash-chained (architecture.md, Audit log). Each record's hash is the
// SHA-256 of its canonical JSON, which includes the previous record's hash, so changing, removing or
// reordering any record breaks every hash after it. Appends happen inside the caller's transaction,
// together with the outbox row they describe; if the append fails, the whole exchange fails closed.

import { createHash } from 'node:crypto';
import type { Store, StoreTx } from '../store/store.ts';
import type { AuditDraft, AuditRecord } from './audit-record.ts';
import { canonicalJson } from './canonical-json.ts';
import { GatewayError } from '../errors/gateway-error.ts';

export const genesisHash = '0'.repeat(64);

export function hashAuditRecord(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

export async function appendAudit(tx: StoreTx, draft: AuditDraft, now: Date): Promise<AuditRecord> {
  try {
    const head = await tx.auditHead();
    const unhashed: Omit<AuditRecord, 'hash'> = {
      ...stripUndefined(draft),
      seq: (head?.seq ?? 0) + 1,
      time: now.toISOString(),
      prevHash: head?.hash ?? genesisHash,
    };
    const record: AuditRecord = { ...unhashed, hash: hashAuditRecord(unhashed) };
    await tx.insertAudit(record);
    return record;
  } catch (cause) {
    throw new GatewayError('audit-write-failed', { cause });
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export interface ChainVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly firstBroken: { readonly seq: number; readonly problem: string } | null;
}

/** Walks the whole chain from seq 1 and names the first broken record. */
export async function verifyAuditChain(
  store: Store,
  options: { readonly pageSize?: number; readonly onProgress?: (checked: number) => void } = {},
): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 1000;
  let expectedSeq = 1;
  let prevHash = genesisHash;
  let checked = 0;
  for (;;) {
    const page = await store.readAuditChain(expectedSeq, pageSize);
    for (const record of page) {
      const broken = (problem: string): ChainVerification => ({
        ok: false,
        checked,
        head: checked === 0 ? null : { seq: expectedSeq - 1, hash: prevHash },
        firstBroken: { seq: record.seq, problem },
      });
      if (record.seq !== expectedSeq) return broken(`expected seq ${expectedSeq}, found ${record.seq} (a record is missing)`);
      if (record.prevHash !== prevHash) return broken('prevHash does not match the previous record');
      const { hash, ...rest } = record;
      if (hashAuditRecord(rest) !== hash) return broken('hash does not match the record (it was altered)');
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    options.onProgress?.(checked);
    if (page.length < pageSize) break;
  }
  return { ok: true, checked, head: checked === 0 ? null : { seq: expectedSeq - 1, hash: prevHash }, firstBroken: null };
}
