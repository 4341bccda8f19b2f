// The long-chain audit-verify figure of `npm run bench` (issue 14's goal: ≥ 300,000 records/s): a fresh
// SQLite file with 200,000 audit records shaped as this run's gateway writes them
// (support/audit-records.ts), walked as `ketenpoort audit verify` walks a store it reaches by URL (two
// threads, the worker's start-up included) and, for comparison, in one thread; each walk in a fresh
// process (jobs/audit-walk-child.ts), so cold, as a CLI's only walk is. The two answers must be equal.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openStore } from '../../src/store/open-store.ts';
import { writeAuditRecords } from '../support/audit-records.ts';
import { benchDir } from '../support/paths.ts';

export interface LongChainWalk {
  readonly recordsPerSec: number;
  readonly seconds: number;
  /** CPU of all the walking process's threads (process.cpuUsage), per record. */
  readonly cpuMicrosPerRecord: number;
}

export interface LongChainFigures {
  readonly records: number;
  /** As `audit verify` walks it: two threads, cold. */
  readonly twoThreads: LongChainWalk;
  readonly oneThread: LongChainWalk;
  readonly intact: boolean;
}

const run = promisify(execFile);

async function walk(url: string, mode: 'two' | 'single'): Promise<{ figures: LongChainWalk; ok: boolean; answer: string }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(benchDir, 'jobs', 'audit-walk-child.ts'), url, mode], { maxBuffer: 1 << 24 });
  const line = JSON.parse(stdout.trim().split('\n').at(-1) as string) as { checked: number; ok: boolean; seconds: number; cpuSeconds: number; workerErrors: string[]; answer: unknown };
  if (line.workerErrors.length > 0) throw new Error(`the segment worker failed: ${line.workerErrors.join('; ')}`);
  return {
    figures: { recordsPerSec: line.checked / line.seconds, seconds: line.seconds, cpuMicrosPerRecord: (line.cpuSeconds * 1e6) / line.checked },
    ok: line.ok && line.checked > 0,
    answer: JSON.stringify(line.answer),
  };
}

export async function timeLongChainVerify(dir: string, records = 200_000): Promise<LongChainFigures> {
  const file = join(dir, 'audit-long-chain.db');
  const url = `sqlite:${file}`;
  try {
    const store = await openStore(url);
    try {
      await store.migrate();
      await writeAuditRecords(store, records, 'real');
    } finally {
      await store.close();
    }
    const two = await walk(url, 'two');
    const one = await walk(url, 'single');
    if (two.answer !== one.answer) throw new Error(`the two-thread walk's answer differs from the one-thread walk's: ${two.answer} vs ${one.answer}`);
    return { records, twoThreads: two.figures, oneThread: one.figures, intact: two.ok && one.ok };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}
