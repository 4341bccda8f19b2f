// `npm run bench`: the gateway against a plain node:http forwarding proxy (the baseline), under the
// same closed-loop load, on 127.0.0.1, in one bounded run. See bench/README.md for what each figure
// means.
//
// Processes (all children of this one, all stopped at the end, also on error or Ctrl-C):
//   receiver        bench/receiver.ts       the far end: 201 to every POST, records arrivals
//   gateway         bin/ketenpoort.mjs serve --config <temp>/bench-config.json  (as a user starts it)
//   baseline proxy  bench/baseline-proxy.ts forwards every POST to the receiver
//   load generator  bench/load.ts           one per target, in turn
//
// Flags: --duration S (10), --warmup S (2), --connections N (32), --only baseline|gateway,
//        --store sqlite|postgres (default sqlite), --pg-url URL (postgres; default
//        $KETENPOORT_BENCH_PG_URL, $KETENPOORT_TEST_PG_URL or postgres://postgres@127.0.0.1:5432/test).
//        Unknown flags are ignored.
//
// With --store postgres the gateway runs on PostgreSQL, twice: one process, then two processes on one
// database (each in a fresh schema), the load generator driving the two ports alternately.
//
// The jobs live in their own files: bench/support (options, children, the gateway, the message, /proc)
// and bench/jobs (measuring one target, the report, the PostgreSQL runs); this file runs them in order.

import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { drainLimitMs, measure, probe, type TargetFigures } from './jobs/measure.ts';
import { timeAuditVerify, type AuditVerifyFigures } from './jobs/audit-verify.ts';
import { timeLongChainVerify, type LongChainFigures } from './jobs/audit-long-chain.ts';
import { checkPostgres, dropPgSchemas, measurePostgres, redactedPgUrl } from './jobs/postgres.ts';
import { cpuModel, fmt, report } from './jobs/report.ts';
import { children, freePort, OutputTail, startForked, stopChild } from './support/children.ts';
import { mintToken, readyLimitMs, receiverParty, senderParty, startGateway, tokenRefreshMs, writeBenchConfig } from './support/gateway.ts';
import { benchMessage } from './support/message.ts';
import { parseOptions, UsageError, type Options } from './support/options.ts';
import { benchDir } from './support/paths.ts';
import { countDatabaseCpuApart } from './support/proc.ts';

// ---------------------------------------------------------------------------------------------------
// Cleanup: every child and the temp folder, once, whatever happens.

let tempDir: string | undefined;
let cleaning: Promise<void> | undefined;
const timers: NodeJS.Timeout[] = [];

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const t of timers) clearTimeout(t);
    // The gateway gets a few seconds for its graceful shutdown (it drains and closes the store).
    await Promise.all(children.map(({ name, child }) => stopChild(child, name === 'gateway' ? 6_000 : 2_000)));
    await dropPgSchemas();
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
  })();
  return cleaning;
}
// ---------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const started = Date.now();
  const runGateway = options.only !== 'baseline';
  const runBaseline = options.only !== 'gateway';
  // A hard bound on the whole run, whatever hangs (PostgreSQL: the gateway is measured twice, 1 + 2 processes).
  const measured = options.store === 'postgres' ? 3 : 2;
  const starts = options.store === 'postgres' ? 3 : 1;
  const hardLimitMs = measured * (options.warmupMs + options.durationMs) + measured * drainLimitMs + starts * readyLimitMs + 60_000;
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: still running after ${hardLimitMs / 1000} s; giving up\n`);
    void cleanup().finally(() => process.exit(1));
  }, hardLimitMs);
  watchdog.unref();
  timers.push(watchdog);

  tempDir = mkdtempSync(join(tmpdir(), 'ketenpoort-bench-'));
  const message = benchMessage();
  process.stdout.write(
    `ketenpoort bench: node ${process.version}, ${cpus().length} cores (${cpuModel()})\n` +
      `  body: JW315 envelope, ${Buffer.byteLength(message.body)} bytes, from ${message.source}${message.dagtekeningChanged ? ' (Dagtekening set to today)' : ''}\n` +
      (options.store === 'sqlite'
        ? `  store: sqlite (durability FULL), data dir ${tempDir}\n`
        : `  store: postgres at ${redactedPgUrl(options.pgUrl)} (synchronous_commit as the server has it), a fresh schema per target; data dir ${tempDir}\n`),
  );
  if (options.store === 'postgres') {
    countDatabaseCpuApart();
    await checkPostgres(options.pgUrl);
  }

  const receiver = await startForked('receiver', 'receiver.ts', []);
  process.stdout.write(`  receiver on 127.0.0.1:${receiver.port} (pid ${receiver.child.pid})\n`);

  let gateway: { child: ChildProcess; port: number; configFile: string; token: string; output: OutputTail } | undefined;
  let loadChild: ChildProcess | undefined;
  if (runGateway && options.store === 'sqlite') {
    const port = await freePort();
    const configFile = writeBenchConfig(tempDir, port, receiver.port);
    const output = new OutputTail(40);
    const t0 = Date.now();
    const child = await startGateway(configFile, tempDir, port, output);
    const token = await mintToken(configFile, tempDir);
    gateway = { child, port, configFile, token, output };
    process.stdout.write(`  gateway on 127.0.0.1:${port} (pid ${child.pid}), ready after ${fmt((Date.now() - t0) / 1000, 1)} s; token minted for ${senderParty}\n`);
    // Tokens live at most 300 s: a long run gets a fresh one, pushed to the running load generator.
    const refresh = (): void => {
      const g = gateway;
      if (g === undefined) return;
      mintToken(g.configFile, tempDir!).then(
        (fresh) => {
          g.token = fresh;
          loadChild?.send({ type: 'token', token: fresh });
        },
        (error: unknown) => { process.stderr.write(`bench: token refresh failed: ${(error as Error).message}\n`); },
      );
      timers.push(setTimeout(refresh, tokenRefreshMs));
    };
    timers.push(setTimeout(refresh, tokenRefreshMs));
  }
  let baseline: { child: ChildProcess; port: number } | undefined;
  if (runBaseline) {
    baseline = await startForked('baseline', 'baseline-proxy.ts', [String(receiver.port), '/baseline', String(options.connections)]);
    process.stdout.write(`  baseline proxy on 127.0.0.1:${baseline.port} (pid ${baseline.child.pid})\n`);
  }

  const gatewayUrl = gateway === undefined ? '' : `http://127.0.0.1:${gateway.port}/v1/exchanges`;
  const baselineUrl = baseline === undefined ? '' : `http://127.0.0.1:${baseline.port}/v1/exchanges`;
  const probes = { baseline: 0, gateway: 0 };
  if (baseline !== undefined) probes.baseline = await probe('baseline', baselineUrl, message.body, undefined);
  if (gateway !== undefined) probes.gateway = await probe('gateway', gatewayUrl, message.body, gateway.token);

  const targets: TargetFigures[] = [];
  const common = {
    body: message.body,
    connections: options.connections,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    receiverPort: receiver.port,
    onLoadChild: (child: ChildProcess | undefined) => { loadChild = child; },
  };
  if (baseline !== undefined) {
    targets.push(await measure({
      ...common, name: 'baseline', url: baselineUrl, token: undefined, target: baseline.child, targetPort: baseline.port,
      receiverPath: '/baseline', acceptedBefore: probes.baseline >= 200 && probes.baseline < 300 ? 1 : 0,
    }));
  }
  if (gateway !== undefined) {
    targets.push(await measure({
      ...common, name: 'gateway', url: gatewayUrl, token: gateway.token, target: gateway.child, targetPort: gateway.port,
      receiverPath: `/${receiverParty}`, acceptedBefore: probes.gateway >= 200 && probes.gateway < 300 ? 1 : 0,
    }));
  }

  // The chain the SQLite run produced, verified as `ketenpoort audit verify` does, timed.
  let auditVerify: AuditVerifyFigures | null = null;
  if (gateway !== undefined) auditVerify = await timeAuditVerify(`sqlite:${join(tempDir, 'ketenpoort.db')}`);
  // And a long chain of records shaped as this run's (issue 14's goal is over ≥ 200,000), walked cold
  // as the CLI walks it, in a fresh process each (jobs/audit-long-chain.ts).
  let longChain: LongChainFigures | null = null;
  if (gateway !== undefined) longChain = await timeLongChainVerify(tempDir);

  const outputs: { name: string; output: OutputTail }[] = gateway === undefined ? [] : [{ name: 'gateway', output: gateway.output }];
  if (runGateway && options.store === 'postgres') {
    for (const processes of [1, 2]) {
      const run = await measurePostgres(processes, options, tempDir, receiver.port, message.body, common);
      targets.push(run.figures);
      outputs.push(...run.outputs);
    }
  }

  const byTarget = report(targets);
  if (auditVerify !== null) {
    process.stdout.write(
      `\naudit verify: ${fmt(auditVerify.recordsPerSec)} records/s warm (${fmt(auditVerify.records)} records of this run's chain in ${fmt(auditVerify.seconds, 3)} s; ` +
        `${fmt(auditVerify.recordsPerCpuSec)} records per CPU-second; the first, cold pass ${fmt(auditVerify.coldRecordsPerSec)} records/s in ${fmt(auditVerify.coldSeconds, 3)} s), ` +
        `${auditVerify.intact ? 'intact' : 'NOT INTACT'}\n`,
    );
  }
  if (longChain !== null) {
    const w = (x: LongChainFigures['twoThreads']): string => `${fmt(x.recordsPerSec)} records/s (${fmt(x.seconds, 2)} s, ${fmt(x.cpuMicrosPerRecord, 2)} µs CPU per record)`;
    process.stdout.write(
      `audit verify, long chain (${fmt(longChain.records)} records shaped as this run's, cold, as \`ketenpoort audit verify\` walks a store by URL): ` +
        `${w(longChain.twoThreads)} by two threads, the worker's start-up included; one thread ${w(longChain.oneThread)}; goal ≥ 300,000 records/s; ` +
        `${longChain.intact ? 'intact' : 'NOT INTACT'}\n`,
    );
  }
  for (const { name, output } of outputs) {
    output.flush();
    if (output.total > 0) {
      process.stdout.write(`\n${name} wrote ${output.total} log line(s) at warn or above; the last ${output.lines.length}:\n${output.lines.map((l) => `  ${l}`).join('\n')}\n`);
    }
  }

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpuModel: cpuModel(),
    cores: cpus().length,
    settings: {
      durationSeconds: options.durationMs / 1000,
      warmupSeconds: options.warmupMs / 1000,
      connections: options.connections,
      store: options.store,
      bodyBytes: Buffer.byteLength(message.body),
      messageSource: message.source,
    },
    targets: Object.fromEntries(targets.map((t) => [t.name, t])),
    // SQLite: gateway / baseline (as it always was); PostgreSQL: per gateway target.
    ratios: options.store === 'sqlite' ? (byTarget.gateway ?? {}) : byTarget,
    auditVerify,
    auditVerifyLongChain: longChain,
    gatewayLogLines: outputs.length === 0 ? null : outputs.reduce((n, o) => n + o.output.total, 0),
    runSeconds: (Date.now() - started) / 1000,
  };
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = options.store === 'sqlite' ? 'latest.json' : 'latest-postgres.json';
  writeFileSync(join(resultsDir, resultsFile), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\nwritten bench/results/${resultsFile} (run took ${fmt(results.runSeconds, 1)} s)\n`);
  return targets.every((t) => t.accepted > 0) && auditVerify?.intact !== false && longChain?.intact !== false ? 0 : 1;
}

let interrupted = false;
const onSignal = (signal: NodeJS.Signals): void => {
  if (interrupted) return;
  interrupted = true;
  process.stderr.write(`\nbench: ${signal}, stopping children and removing the temp folder\n`);
  void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main().then(
  async (code) => {
    await cleanup();
    process.exit(code);
  },
  async (error: unknown) => {
    if (interrupted) return; // the signal handler cleans up and exits
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await cleanup();
    process.exit(1);
  },
);
