// `npm run bench`, batch part: a pull-sync of many generated records (default 100,000) through the
// full pipeline of a real gateway process, and what it costs in memory.
//
//   source    a rest-json batch source (bench/support/batch-source.ts) in this process, generating the
//             records page by page on request: the demo JW315 from jeugdhulp-de-brug to
//             gemeente-diemen, each with its own message id; one in 1,000 has a purpose no rule allows
//   receiver  bench/receiver.ts, the far end of the deliveries (gemeente-diemen, rest-json)
//   gateway   bin/ketenpoort.mjs serve, as a user starts it, SQLite durable (WAL, synchronous=FULL)
//
// An operator schedule (pull-sync, pageSize 500) is created over the API and run now; the run is
// followed until it ends. Figures:
//   records/s     records read ÷ the run's own duration (startedAt → endedAt, as the gateway records
//                 it): parse, validate, route, decide, audit and enqueue of every record, committed
//   delivered/s   accepted records that reached the receiver ÷ time from the run's start to the last
//                 arrival (the dispatcher delivers while the sync runs)
//   peak RSS      VmHWM of the gateway process over its life (start-up included), and its RSS before
//                 the run, so the growth during the run is visible; sampled VmRSS every 250 ms too
//   CPU/record    the gateway's CPU time (all threads) during the run ÷ records read
//   group commit  the committer's transactions during the run (its /metrics histogram, on a port of
//                 its own) and the items they held
//
// KETENPOORT_BENCH_CPU_PROF=DIR starts the gateway under node --cpu-prof (as bench/run.ts does).
//
// Flags: --records N (100000), --page-size N (500). Unknown flags are ignored (npm run bench passes
// the same flags to bench/run.ts). Everything listens on 127.0.0.1; children are stopped at the end.

import { fork, spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBatchSource, type BatchSource } from './support/batch-source.ts';
import { jw315Record, sourceParty, batchReceiver } from './support/batch-records.ts';
import { freePort, sleep } from './support/children.ts';
import { benchDir, cli, repoRoot } from './support/paths.ts';
import { cpuSeconds, procStatusKb } from './support/proc.ts';

const { values } = parseArgs({ args: process.argv.slice(2), strict: false, options: { records: { type: 'string' }, 'page-size': { type: 'string' } } });
const total = Number(values.records ?? '100000');
const pageSize = Number(values['page-size'] ?? '500');
if (!Number.isInteger(total) || total < 1 || total > 10_000_000 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
  process.stderr.write('bench batch: --records must be 1..10000000 and --page-size 1..1000\n');
  process.exit(2);
}

const children: ChildProcess[] = [];
let tempDir: string | undefined;
let source: BatchSource | undefined;

/** Busy CPU ticks of the whole machine (100 per second per core), from /proc/stat. */
function machineBusyTicks(): number | undefined {
  try {
    const f = (/^cpu\s+(.+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '').split(/\s+/).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return user + nice + system + irq + softirq + steal;
  } catch {
    return undefined;
  }
}

/** The group committer's transactions and the items they committed so far (its Prometheus histogram). */
async function groupCommits(metricsPort: number): Promise<{ batches: number; items: number } | undefined> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    const batches = value('ketenpoort_group_commit_batch_size_count');
    const items = value('ketenpoort_group_commit_batch_size_sum');
    return Number.isFinite(batches) && Number.isFinite(items) ? { batches, items } : undefined;
  } catch {
    return undefined;
  }
}

const mb = (kb: number | undefined): number | null => (kb === undefined ? null : Math.round((kb / 1024) * 10) / 10);

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => { r(); }));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function cleanup(): Promise<void> {
  for (const child of children) await stopChild(child);
  await source?.close();
  if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
}

function token(configFile: string, party: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [cli, 'token', '--party', party, '--config', configFile], { cwd: repoRoot, env: { ...process.env, KETENPOORT_CONFIG: configFile } }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`ketenpoort token failed: ${stderr}`));
      else resolvePromise(stdout.trim());
    });
  });
}

async function main(): Promise<number> {
  process.stdout.write(`\nbench batch: a pull-sync of ${total.toLocaleString('en')} records through the full pipeline (pages of ${pageSize})\n`);
  tempDir = mkdtempSync(join(tmpdir(), 'ketenpoort-batch-'));

  // The receiver, in its own process.
  const receiver = fork(join(benchDir, 'receiver.ts'), [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(receiver);
  const receiverPort = await new Promise<number>((resolvePromise, reject) => {
    receiver.once('message', (m: { type?: string; port?: number }) => { if (m.type === 'listening' && m.port !== undefined) resolvePromise(m.port); });
    receiver.once('exit', () => { reject(new Error('receiver exited')); });
  });

  // One record in 1,000 is refused by the policy: the refusal path runs too.
  source = await startBatchSource({ total, record: (i) => jw315Record(i, i % 1000 === 500 ? 'refused' : 'ok', 'distinct') });

  const port = await freePort();
  const metricsPort = await freePort();
  const demo = JSON.parse(readFileSync(join(repoRoot, 'config', 'demo.json'), 'utf8')) as Record<string, unknown>;
  const parties = (demo.parties as { id: string; adapter: unknown; source?: unknown }[]).map((p) =>
    p.id === batchReceiver
      ? { ...p, adapter: { kind: 'rest-json', endpoint: `http://127.0.0.1:${receiverPort}/${batchReceiver}` } }
      : p.id === sourceParty
        ? { ...p, source: { kind: 'rest-json', endpoint: source?.url } }
        : p,
  );
  const configFile = join(tempDir, 'batch-config.json');
  writeFileSync(
    configFile,
    JSON.stringify({ ...demo, dataDir: tempDir, gateway: { ...(demo.gateway as object), host: '127.0.0.1', port }, store: { url: 'sqlite:${dataDir}/ketenpoort.db' }, metrics: { host: '127.0.0.1', port: metricsPort }, policyFile: join(repoRoot, 'consent', 'policy.default.json'), log: { level: 'warn' }, demoReceivers: [], parties }, null, 2),
  );
  const dropped = new Set(['PORT', 'KETENPOORT_HOST', 'KETENPOORT_STORE_URL', 'KETENPOORT_LOG_LEVEL', 'KETENPOORT_CONFIG', 'NODE_OPTIONS']);
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !dropped.has(k))), KETENPOORT_DATA_DIR: tempDir };
  // KETENPOORT_BENCH_CPU_PROF=DIR: the gateway writes a V8 CPU profile of its main thread into DIR
  // when it stops (node --cpu-prof), as in the request benchmark (bench/support/gateway.ts).
  const profileDir = process.env.KETENPOORT_BENCH_CPU_PROF;
  const profile = profileDir === undefined || profileDir === '' ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir];
  const gateway = spawn(process.execPath, [...profile, cli, 'serve', '--config', configFile], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(gateway);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (gateway.exitCode !== null) throw new Error('the gateway exited before it was ready');
    const ready = await fetch(`${base}/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (i > 300) throw new Error('the gateway was not ready within 60 s');
    await sleep(200);
  }
  const pid = gateway.pid ?? 0;
  const operator = await token(configFile, 'operator-demo');
  const headers = { authorization: `Bearer ${operator}`, 'content-type': 'application/json' };
  const created = (await (await fetch(`${base}/v1/schedules`, { method: 'POST', headers, body: JSON.stringify({ name: 'bench-batch', cron: '0 0 1 1 *', jobKind: 'pull-sync', params: { party: sourceParty, pageSize }, paused: true }) })).json()) as { scheduleId: string };

  const rssBeforeKb = procStatusKb(pid, 'VmRSS');
  const hwmBeforeKb = procStatusKb(pid, 'VmHWM');
  const started = performance.now();
  const busyStart = machineBusyTicks();
  const ours = (): number => [process.pid, pid, receiver.pid ?? 0].reduce((sum, p) => sum + (cpuSeconds(p) ?? 0), 0);
  const oursStart = ours();
  const gatewayCpuStart = cpuSeconds(pid);
  const commitsStart = await groupCommits(metricsPort);
  const run0 = (await (await fetch(`${base}/v1/schedules/${created.scheduleId}/runs`, { method: 'POST', headers })).json()) as { runId: string };
  let maxRssKb = rssBeforeKb ?? 0;
  let run: { status: string; startedAt: string; endedAt: string | null; durationMs: number | null; counts: { read: number; accepted: number; refused: number; failed: number }; error: string | null };
  let lastPrint = 0;
  for (;;) {
    await sleep(250);
    maxRssKb = Math.max(maxRssKb, procStatusKb(pid, 'VmRSS') ?? 0);
    run = (await (await fetch(`${base}/v1/schedules/${created.scheduleId}/runs/${run0.runId}`, { headers })).json()) as typeof run;
    if (performance.now() - lastPrint > 5000) {
      lastPrint = performance.now();
      process.stdout.write(`  ${run.counts.read.toLocaleString('en')} records read, RSS ${mb(procStatusKb(pid, 'VmRSS'))} MB\n`);
    }
    if (run.status !== 'running') break;
    if (performance.now() - started > 30 * 60_000) throw new Error('the run took longer than 30 minutes');
  }
  const windowSeconds = (performance.now() - started) / 1000;
  const commitsEnd = await groupCommits(metricsPort);
  const commits = commitsStart === undefined || commitsEnd === undefined ? undefined : { batches: commitsEnd.batches - commitsStart.batches, items: commitsEnd.items - commitsStart.items };
  const busyEnd = machineBusyTicks();
  const machineBusyPercent = busyStart === undefined || busyEnd === undefined ? null : ((busyEnd - busyStart) / 100 / windowSeconds) * 100;
  const benchPercent = ((ours() - oursStart) / windowSeconds) * 100;
  const gatewayCpuSeconds = gatewayCpuStart === undefined ? null : (cpuSeconds(pid) ?? gatewayCpuStart) - gatewayCpuStart;
  const gatewayCpuPercent = gatewayCpuSeconds === null ? null : (gatewayCpuSeconds / windowSeconds) * 100;
  // Wait for the deliveries to drain (they run alongside the sync).
  const expected = run.counts.accepted;
  let stats: Record<string, { count: number; unique: number; first: number | null; last: number | null }> = {};
  const drainDeadline = Date.now() + 180_000;
  while (Date.now() < drainDeadline) {
    maxRssKb = Math.max(maxRssKb, procStatusKb(pid, 'VmRSS') ?? 0);
    stats = (await (await fetch(`http://127.0.0.1:${receiverPort}/stats`)).json()) as typeof stats;
    if ((stats[`/${batchReceiver}`]?.unique ?? 0) >= expected) break;
    await sleep(250);
  }
  const peakKb = procStatusKb(pid, 'VmHWM');
  const delivered = stats[`/${batchReceiver}`];
  const runSeconds = (run.durationMs ?? 0) / 1000;
  const runStartMs = Date.parse(run.startedAt);
  const deliveredSeconds = delivered?.last == null ? null : (delivered.last - runStartMs) / 1000;
  const figures = {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    records: total,
    pageSize,
    status: run.status,
    error: run.error,
    counts: run.counts,
    runSeconds,
    recordsPerSec: runSeconds > 0 ? run.counts.read / runSeconds : null,
    delivered: delivered?.unique ?? 0,
    duplicateDeliveries: (delivered?.count ?? 0) - (delivered?.unique ?? 0),
    deliveredSeconds,
    deliveredPerSec: deliveredSeconds !== null && deliveredSeconds > 0 ? (delivered?.unique ?? 0) / deliveredSeconds : null,
    rssBeforeRunMb: mb(rssBeforeKb),
    peakRssBeforeRunMb: mb(hwmBeforeKb),
    maxSampledRssDuringRunMb: mb(maxRssKb),
    peakRssMb: mb(peakKb),
    rssGrowthDuringRunMb: rssBeforeKb === undefined ? null : mb(maxRssKb - rssBeforeKb),
    gatewayCpuPercent,
    // Transactions of the group committer during the run (submits, refusals, the dispatcher's claims
    // and settles) and the items they held.
    groupCommits: commits === undefined ? null : { transactions: commits.batches, items: commits.items, perRecord: run.counts.read > 0 ? commits.batches / run.counts.read : null },
    // The gateway's CPU (all threads) from the run's start until it ended, per record read; the
    // dispatcher's deliveries during the run are included.
    gatewayCpuPerRecordUs: gatewayCpuSeconds === null || run.counts.read === 0 ? null : (gatewayCpuSeconds * 1e6) / run.counts.read,
    machine: machineBusyPercent === null ? null : { busyPercent: machineBusyPercent, benchPercent, otherPercent: Math.max(0, machineBusyPercent - benchPercent) },
  };
  const fmt = (n: number | null, d = 0): string => (n === null ? '-' : n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d }));
  process.stdout.write(
    `\n  run ${run.status}: read ${fmt(run.counts.read)}, accepted ${fmt(run.counts.accepted)}, refused ${fmt(run.counts.refused)}, failed ${fmt(run.counts.failed)} in ${fmt(runSeconds, 1)} s\n` +
      `  batch: ${fmt(figures.recordsPerSec)} records/s through the full pipeline; delivered ${fmt(figures.delivered)}/${fmt(expected)} ` +
      `(${fmt(figures.deliveredPerSec)}/s, ${figures.duplicateDeliveries} duplicates)\n` +
      `  gateway memory: RSS ${fmt(figures.rssBeforeRunMb, 1)} MB before the run, at most ${fmt(figures.maxSampledRssDuringRunMb, 1)} MB during it and the delivery drain ` +
      `(+${fmt(figures.rssGrowthDuringRunMb, 1)} MB); peak RSS (VmHWM) ${fmt(figures.peakRssMb, 1)} MB\n` +
      `  CPU during the run, in % of one core (${cpus().length * 100} % available): gateway ${fmt(gatewayCpuPercent)}, machine busy ${fmt(machineBusyPercent)}, ` +
      `other processes ${fmt(figures.machine?.otherPercent ?? null)}; gateway CPU ${fmt(figures.gatewayCpuPerRecordUs)} µs per record (deliveries during the run included)\n` +
      (figures.groupCommits === null ? '' : `  group commit during the run: ${fmt(figures.groupCommits.transactions)} transactions for ${fmt(figures.groupCommits.items)} items (submits, refusals, claims, settles), ${fmt(figures.groupCommits.perRecord, 2)} per record\n`),
  );
  if ((figures.machine?.otherPercent ?? 0) > 25) {
    process.stdout.write('  warning: other processes used the CPU during the run; the figures are low by an unknown amount (rerun on a quiet machine)\n');
  }
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(join(benchDir, 'results', 'batch-latest.json'), JSON.stringify(figures, null, 2) + '\n');
  process.stdout.write('  written bench/results/batch-latest.json\n');
  return run.status === 'succeeded' && figures.delivered >= expected ? 0 : 1;
}

process.on('SIGINT', () => { void cleanup().finally(() => process.exit(130)); });
main().then(
  async (code) => {
    await cleanup();
    process.exit(code);
  },
  async (error: unknown) => {
    process.stderr.write(`bench batch failed: ${(error as Error).message}\n`);
    await cleanup();
    process.exit(1);
  },
);
