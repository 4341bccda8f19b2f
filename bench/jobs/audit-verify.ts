// The audit-verify figure: the chain the run produced, verified as `ketenpoort audit verify` does over
// the store read directly (src/audit/audit-log.ts verifyAuditChain: pages of 1,000 records, every hash
// recomputed from the record's canonical form and linked to the previous one), timed in this process
// once the load has drained. The CLI's start-up (the tsx loader, opening the config) is left out: it is
// a constant, and the figure is the verifier's rate. The chain is walked twice: the first (cold) pass
// pays the JIT's warm-up and the page cache, which over a run's short chain is most of its time; the
// second (warm) pass is the rate `audit verify` keeps over a long chain. Both are printed.
import { performance } from 'node:perf_hooks';
import { verifyAuditChain } from '../../src/audit/audit-log.ts';
import { openStore } from '../../src/store/open-store.ts';
import { auditVerifyInWorker } from '../../src/workers/verify-segments-in-worker.ts';

export interface AuditVerifyFigures {
  records: number;
  /** The warm pass. */
  seconds: number;
  recordsPerSec: number | null;
  coldSeconds: number;
  coldRecordsPerSec: number | null;
  /** The warm pass per CPU-second of this process (process.cpuUsage): what a loaded machine does not skew. */
  recordsPerCpuSec: number | null;
  intact: boolean;
}

export async function timeAuditVerify(storeUrl: string): Promise<AuditVerifyFigures> {
  const store = await openStore(storeUrl);
  try {
    const pass = async (): Promise<{ checked: number; ok: boolean; seconds: number; cpuSeconds: number }> => {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      // As the CLI walks it: by two threads when the chain is long enough (parallel-chain-walk.ts).
      const parallel = auditVerifyInWorker(storeUrl);
      const result = await verifyAuditChain(store, parallel !== undefined ? { parallel } : {});
      const cpu = process.cpuUsage(cpu0);
      return { checked: result.checked, ok: result.ok, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
    };
    const cold = await pass();
    const warm = await pass();
    const rate = (p: { checked: number; seconds: number }): number | null => (p.seconds > 0 ? p.checked / p.seconds : null);
    return {
      records: warm.checked,
      seconds: warm.seconds,
      recordsPerSec: rate(warm),
      coldSeconds: cold.seconds,
      coldRecordsPerSec: rate(cold),
      recordsPerCpuSec: warm.cpuSeconds > 0 ? warm.checked / warm.cpuSeconds : null,
      intact: cold.ok && warm.ok,
    };
  } finally {
    await store.close();
  }
}
