// An audit chain held in an array: enough of StoreTx and Store to exercise appendAudit and
// verifyAuditChain through their ports, without a database.
import type { AuditRecord } from '../../src/kernel/audit-record.ts';
import type { Store, StoreTx } from '../../src/store/store.ts';

export function memoryAuditChain(records: AuditRecord[] = []): { records: AuditRecord[]; tx: StoreTx; store: Store } {
  const tx = {
    auditHead: () => Promise.resolve(records.length === 0 ? undefined : { seq: records.at(-1)!.seq, hash: records.at(-1)!.hash }),
    insertAudit: (r: AuditRecord) => {
      records.push(r);
      return Promise.resolve();
    },
  } as unknown as StoreTx;
  const store = {
    readAuditChainRows: (from: number, limit: number) =>
      Promise.resolve(records.filter((r) => r.seq >= from).slice(0, limit).map((record) => ({ record, mismatchedColumns: [] }))),
    listAuditCheckpoints: () => Promise.resolve([]),
  } as unknown as Store;
  return { records, tx, store };
}
