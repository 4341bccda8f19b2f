// `npm run bench`: the request benchmark (bench/run.ts: the gateway against a plain forwarding proxy),
// then the batch benchmark (bench/batch.ts: a pull-sync of 100,000 records), then the list reads at
// volume (bench/lists.ts: 1,000,000 exchanges and 2,000,000 audit records), then the care-path
// benchmark (bench/care-path.ts: waiting-time statistics over 100,000 care paths). All get the same
// flags and ignore the ones they do not know. --no-batch, --no-lists and --no-care-path leave one
// out; --batch-only and --care-path-only run just that one.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const own = new Set(['--no-batch', '--batch-only', '--no-lists', '--no-care-path', '--care-path-only']);
const passOn = args.filter((a) => !own.has(a));

function run(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, file), ...passOn], { stdio: 'inherit' });
    child.on('exit', (code, signal) => { resolve(code ?? (signal === null ? 1 : 128)); });
  });
}

/** A results file written by this invocation (its date at or after `since`), else undefined. */
function resultsOf(file: string, since: number): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(readFileSync(join(benchDir, 'results', file), 'utf8')) as Record<string, unknown>;
    return Date.parse(String(json.date)) >= since ? json : undefined;
  } catch {
    return undefined;
  }
}

const f = (n: unknown, digits = 0): string => (typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-');

/** The hot-path figures of issue 14, gathered from what this invocation measured (bench/README.md). */
function summary(since: number): string {
  type Target = { acceptedPerSec?: number; latencyMs?: { p99?: number }; cpuPerExchangeUs?: number | null; exchangesPerCpuSecond?: number | null };
  const lines: string[] = [];
  const sqlite = resultsOf('latest.json', since);
  if (sqlite !== undefined) {
    const t = sqlite.targets as Record<string, Target | undefined>;
    const ratios = sqlite.ratios as { acceptedPerSec?: number };
    const audit = sqlite.auditVerify as { recordsPerSec?: number } | null;
    const long = sqlite.auditVerifyLongChain as { records?: number; twoThreads?: { recordsPerSec?: number } } | null | undefined;
    lines.push(
      `  SQLite: accepted ${f(ratios.acceptedPerSec, 3)}× the forwarder (${f(t.gateway?.acceptedPerSec)}/s vs ${f(t.baseline?.acceptedPerSec)}/s), ` +
        `p99 ${f(t.gateway?.latencyMs?.p99, 1)} ms, CPU ${f(t.gateway?.cpuPerExchangeUs)} µs per accepted and delivered exchange`,
      `  audit verify: ${f(audit?.recordsPerSec)} records/s warm over the run's chain; ${f(long?.twoThreads?.recordsPerSec)} records/s cold over ${f(long?.records)} records shaped as the run's, as the CLI walks them`,
    );
  }
  const batch = resultsOf('batch-latest.json', since);
  if (batch !== undefined) lines.push(`  pull-sync: ${f(batch.recordsPerSec)} records/s`);
  const pg = resultsOf('latest-postgres.json', since);
  if (pg !== undefined) {
    const t = pg.targets as Record<string, Target | undefined>;
    const eff = (pg.ratios as { efficiency?: { twoProcessesVsOne?: number } }).efficiency?.twoProcessesVsOne;
    lines.push(
      `  PostgreSQL: CPU ${f(t['gateway-pg']?.cpuPerExchangeUs)} µs per exchange with 1 process, ${f(t['gateway-pg-x2']?.cpuPerExchangeUs)} µs with 2; ` +
        `efficiency (exchanges per gateway CPU-second, 2 processes vs 1) ${f(eff, 2)}×`,
    );
  }
  return lines.length === 0 ? '' : `\nhot-path figures measured in this run (issue 14; bench/README.md):\n${lines.join('\n')}\n`;
}

const since = Date.now();
let code = 0;
const carePathOnly = args.includes('--care-path-only');
const batchOnly = args.includes('--batch-only');
if (!batchOnly && !carePathOnly) code = await run('run.ts');
// The other figures stand on their own: each runs even when the request benchmark failed.
if (!args.includes('--no-batch') && !carePathOnly) code = Math.max(code, await run('batch.ts'));
if (!batchOnly && !carePathOnly && !args.includes('--no-lists')) code = Math.max(code, await run('lists.ts'));
if (!batchOnly && !args.includes('--no-care-path')) code = Math.max(code, await run('care-path.ts'));
process.stdout.write(summary(since));
process.exit(code);
