// The audit log: append-only, hash-chained (architecture.md, Audit log). Each record's hash is the
// SHA-256 of its canonical JSON, which includes the previous record's hash, so changing, removing or
// reordering any record breaks every hash after it. Appends happen inside the caller's transaction,
// together with the outbox row they describe; if the append fails, the whole exchange fails closed.

import type { AuditChainRow, AuditCheckpoint, Store, StoreTx } from '../store/store.ts';
import type { AuditDraft, AuditRecord } from '../kernel/audit-record.ts';
import { genesisHash, hashAuditRecord } from './audit-hash.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import { forgetSharedLists } from '../kernel/audit-record-text.ts';
import { createChainVerifier, type ChainVerification, type ChainVerifier, type VerifierOptions } from './chain-verifier.ts';
import { readWitness, type Witness } from './witness.ts';
import { defaultMinRecords, walkInSegments, type ParallelChainWalk } from './parallel-chain-walk.ts';

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
    // A store that cannot serve (connection lost, disk full) says so: the 503 names the cause, not
    // the audit log, and a client or operator looks at the database rather than at the chain.
    if (cause instanceof GatewayError && cause.code === 'store-unavailable') throw cause;
    throw new GatewayError('audit-write-failed', { cause });
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export type { ChainVerification } from './chain-verifier.ts';
export type { ParallelChainWalk } from './parallel-chain-walk.ts';

/**
 * Walks the whole chain from seq 1 and names the first broken record; checks every signed checkpoint
 * against its record, and its signature when the public key is given (see chain-verifier.ts), and every
 * stored column beside a record against the record itself; given the witness, the checkpoints and the
 * chain's reach against it (witness-check.ts). Given `parallel` (the store's URL and a way to start a
 * worker thread) and a chain of at least its minRecords, two threads walk it (parallel-chain-walk.ts)
 * with the same answer.
 */
export async function verifyAuditChain(
  store: Store,
  options: {
    readonly pageSize?: number;
    readonly onProgress?: (checked: number) => void;
    readonly publicKey?: VerifierOptions['publicKey'];
    /** The witnesses outside the database, read just before the walk. */
    readonly witnesses?: readonly Witness[];
    readonly parallel?: ParallelChainWalk;
  } = {},
): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 1000;
  // The lists of released fields this walk's records share are this chain's (audit-record-text.ts).
  forgetSharedLists();
  const witnesses = options.witnesses !== undefined && options.witnesses.length > 0 ? await Promise.all(options.witnesses.map(readWitness)) : undefined;
  // Checkpoints first: the verifier checks each when its record passes. They are few (one per run of
  // the audit-checkpoint job).
  const checkpoints: AuditCheckpoint[] = [];
  for (let fromSeq = 0; ; ) {
    const page = await store.listAuditCheckpoints({ fromSeq, limit: pageSize });
    checkpoints.push(...page);
    if (page.length < pageSize) break;
    fromSeq = (page.at(-1)?.seq ?? fromSeq) + 1;
  }
  const newVerifier = (): ChainVerifier => {
    const verifier = createChainVerifier({
      withColumns: true,
      expectFirstSeq: 1,
      ...(options.publicKey !== undefined ? { publicKey: options.publicKey } : {}),
      ...(witnesses !== undefined ? { witnesses } : {}),
    });
    for (const checkpoint of checkpoints) verifier.addCheckpoint(checkpoint);
    return verifier;
  };
  const { parallel } = options;
  // One record read tells whether the chain is long enough for a second thread to pay.
  if (parallel !== undefined && (await store.readAuditChainRows(parallel.minRecords ?? defaultMinRecords, 1)).length > 0) {
    const verifier = newVerifier();
    const walked = await walkInSegments(store, verifier, { ...parallel, pageSize, ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}) });
    if (walked === 'done') return verifier.finish();
  }
  const verifier = newVerifier();
  // The next page is asked for before this one is checked: over PostgreSQL its round trip overlaps
  // the hashing (the SQLite store reads synchronously, when the walk next waits). Records are still
  // checked one by one in seq order, and the walk stops at the first broken one.
  let next: Promise<AuditChainRow[]> | undefined = store.readAuditChainRows(1, pageSize);
  while (next !== undefined && verifier.intact()) {
    const page: AuditChainRow[] = await next;
    const last = page.at(-1);
    next = page.length < pageSize || last === undefined ? undefined : store.readAuditChainRows(last.record.seq + 1, pageSize);
    for (const row of page) verifier.addRecord(row.record, row.mismatchedColumns);
    options.onProgress?.(verifier.checked());
  }
  // A page asked for beyond the first broken record is not needed; its failure is not the answer.
  next?.catch(() => undefined);
  return verifier.finish();
}
