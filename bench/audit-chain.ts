// `audit verify` over a long chain (issue 14): fills a fresh store with N audit records (default
// 200,000) through appendAudit, shaped as the request bench's run writes them (support/audit-records.ts:
// each exchange's submit record with the 33 released fields the policy gives the bench's JW315, its
// delivery record, a checkpoint record per 1,000; `--shape light`: the lighter records this script wrote
// before), then walks the chain with verifyAuditChain R times (default 3), each time in one thread (as
// a store in memory is walked) and then as `ketenpoort audit verify` walks a store it reaches by URL:
// by the main thread and a worker thread (src/audit/parallel-chain-walk.ts), the worker's start-up
// included. It prints records per second and per CPU-second of this process (process.cpuUsage, which
// counts all its threads) for each walk, and fails if the two answers differ. Walk 1 runs cold (the
// JIT's warm-up), as a CLI's only walk does; `npm run bench` prints that cold figure, each walk in a
// fresh process (jobs/audit-long-chain.ts).
//
//   node --import tsx bench/audit-chain.ts [--records N] [--runs R] [--shape real|light] [--store sqlite:FILE|postgres://...?schema=S]
//
// Default store: a fresh SQLite file under .bench/, removed afterwards. A PostgreSQL schema is used as
// given (a fresh one: the records are appended after whatever chain it holds) and left in place.

import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { verifyAuditChain } from '../src/audit/audit-log.ts';
import { repoRoot } from '../src/kernel/repo-root.ts';
import { openStore } from '../src/store/open-store.ts';
import { auditVerifyInWorker } from '../src/workers/verify-segments-in-worker.ts';
import { writeAuditRecords } from './support/audit-records.ts';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const records = Number(flag('records', '200000'));
const runs = Number(flag('runs', '3'));
const benchDir = path.join(repoRoot, '.bench');
const defaultFile = path.join(benchDir, `audit-chain-${process.pid}.db`);
const storeUrl = flag('store', `sqlite:${defaultFile}`);
const shape = flag('shape', 'real');
if (shape !== 'real' && shape !== 'light') throw new Error(`--shape real or light, not ${shape}`);
if (storeUrl === `sqlite:${defaultFile}`) mkdirSync(benchDir, { recursive: true });
const store = await openStore(storeUrl);
try {
  await store.migrate();
  const t0 = Date.now();
  await writeAuditRecords(store, records, shape);
  process.stderr.write(`  ${records} audit records (${shape}) written in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  // Each run walks the chain twice: in one thread (the walk of a store in memory), then as
  // `ketenpoort audit verify` walks a store it can reach by URL: the main thread and a worker thread
  // (src/audit/parallel-chain-walk.ts), the worker's start-up included. Both answers must be equal.
  const workerErrors: Error[] = [];
  const parallel = auditVerifyInWorker(storeUrl, (error) => workerErrors.push(error));
  const walks = [
    { name: 'single', parallel: undefined },
    { name: 'parallel', parallel },
  ] as const;
  for (let run = 1; run <= runs; run++) {
    const answers: string[] = [];
    for (const walk of walks) {
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      const result = await verifyAuditChain(store, walk.parallel === undefined ? {} : { parallel: walk.parallel });
      const cpu = process.cpuUsage(cpu0);
      const seconds = (performance.now() - start) / 1000;
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (!result.ok) throw new Error(`the chain does not verify: ${JSON.stringify(result.firstBroken ?? result.mismatchedColumns)}`);
      answers.push(JSON.stringify(result));
      process.stdout.write(
        `walk ${run} ${walk.name.padEnd(8)}: ${result.checked} records in ${seconds.toFixed(2)} s: ${Math.round(result.checked / seconds).toLocaleString('en')} records/s, ` +
          `${Math.round(result.checked / cpuSeconds).toLocaleString('en')} per CPU-second of all threads (${((cpuSeconds * 1e6) / result.checked).toFixed(2)} µs CPU per record)\n`,
      );
    }
    if (workerErrors.length > 0) throw new Error(`the segment worker failed: ${workerErrors.map((e) => e.message).join('; ')}`);
    if (answers[0] !== answers[1]) throw new Error(`the parallel walk's answer differs from the single walk's: ${answers[0]} vs ${answers[1]}`);
  }
} finally {
  await store.close();
  if (storeUrl === `sqlite:${defaultFile}`) for (const suffix of ['', '-wal', '-shm']) rmSync(`${defaultFile}${suffix}`, { force: true });
}
