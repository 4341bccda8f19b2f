// The audit-verify figure: the chain the run produced, verified as `ketenpoort audit verify` does over
// the store read directly (src/audit/audit-log.ts verifyAuditChain: pages of 1,000 records, every hash
// recomputed from the record's canonical form and linked to the previous one), timed in this process
// once the load has drained. The CLI's start-up (the tsx loader, opening the config) is left out: it is
// a constant, and the figure is the verifier's rate.
import { performance } from 'node:perf_hooks';
import { verifyAuditChain } from '../../src/audit/audit-log.ts';
import { openStore } from '../../src/store/open-store.ts';

export interface AuditVerifyFigures {
  records: number;
  seconds: number;
  recordsPerSec: number | null;
  intact: boolean;
}

export async function timeAuditVerify(storeUrl: string): Promise<AuditVerifyFigures> {
  const store = await openStore(storeUrl);
  try {
    const t0 = performance.now();
    const result = await verifyAuditChain(store);
    const seconds = (performance.now() - t0) / 1000;
    return { records: result.checked, seconds, recordsPerSec: seconds > 0 ? result.checked / seconds : null, intact: result.ok };
  } finally {
    await store.close();
  }
}
