// One walk of the audit chain in a fresh process, as `ketenpoort audit verify` walks a store it reaches
// by URL (src/cli/audit-command.ts verifyStore: the main thread and, over a long chain, a worker
// thread, the worker's start-up included), or in one thread (`single`). Cold: the process has walked
// nothing before. Timed from the store open to the answer (the tsx loader's start-up and the config are
// left out, as in audit-verify.ts); prints one JSON line for jobs/audit-long-chain.ts.
//
//   node --import tsx bench/jobs/audit-walk-child.ts STORE_URL two|single
import { performance } from 'node:perf_hooks';
import { verifyAuditChain } from '../../src/audit/audit-log.ts';
import { openStore } from '../../src/store/open-store.ts';
import { auditVerifyInWorker } from '../../src/workers/verify-segments-in-worker.ts';

const [url, mode] = process.argv.slice(2);
if (url === undefined || (mode !== 'two' && mode !== 'single')) throw new Error('usage: audit-walk-child.ts STORE_URL two|single');
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const store = await openStore(url);
const workerErrors: string[] = [];
try {
  const parallel = mode === 'two' ? auditVerifyInWorker(url, (error) => workerErrors.push(error.message)) : undefined;
  const result = await verifyAuditChain(store, parallel !== undefined ? { parallel } : {});
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    `${JSON.stringify({ checked: result.checked, ok: result.ok, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, workerErrors, answer: result })}\n`,
  );
} finally {
  await store.close();
}
