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
//        --store sqlite (the only store for now; postgres: exit 2). Unknown flags are ignored.

import { fork, spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { LoadJob, LoadResult } from './load.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');
const cli = join(repoRoot, 'bin', 'ketenpoort.mjs');
const senderParty = 'jeugdhulp-de-brug';
const receiverParty = 'gemeente-diemen';
const tokenLifetimeSeconds = 300;
const tokenRefreshMs = 240_000;
const drainLimitMs = 10_000;
const readyLimitMs = 60_000;

// ---------------------------------------------------------------------------------------------------
// Options

interface Options {
  durationMs: number;
  warmupMs: number;
  connections: number;
  only: 'baseline' | 'gateway' | undefined;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  const { values, tokens } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      store: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const known = new Set(['duration', 'warmup', 'connections', 'store', 'only']);
  const unknown = tokens.filter((t) => t.kind === 'option' && !known.has(t.name)).map((t) => (t.kind === 'option' ? t.rawName : ''));
  if (unknown.length > 0) process.stdout.write(`bench: ignoring unknown flag(s): ${unknown.join(' ')}\n`);

  const number = (name: string, fallback: number, min: number, max: number, integer: boolean): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = typeof raw === 'string' ? Number(raw) : NaN;
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
    return n;
  };
  const store = values.store;
  if (store !== undefined && store !== 'sqlite') {
    if (store === 'postgres' || store === 'postgresql') {
      throw new UsageError('--store postgres: the bench does not support postgres yet (only sqlite)');
    }
    throw new UsageError(`--store ${String(store)}: unknown store (only sqlite is supported)`);
  }
  const only = values.only;
  if (only !== undefined && only !== 'baseline' && only !== 'gateway') throw new UsageError('--only must be baseline or gateway');
  return {
    durationMs: number('duration', 10, 1, 600, false) * 1000,
    warmupMs: number('warmup', 2, 0, 60, false) * 1000,
    connections: number('connections', 32, 1, 1024, true),
    only,
  };
}

// ---------------------------------------------------------------------------------------------------
// Cleanup: every child and the temp folder, once, whatever happens.

const children: { name: string; child: ChildProcess }[] = [];
let tempDir: string | undefined;
let cleaning: Promise<void> | undefined;
const timers: NodeJS.Timeout[] = [];

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (!alive(child)) return Promise.resolve(true);
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => { resolvePromise(false); }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise(true);
    });
  });
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (!alive(child)) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, graceMs)) return;
  child.kill('SIGKILL');
  await waitForExit(child, 2_000);
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const t of timers) clearTimeout(t);
    // The gateway gets a few seconds for its graceful shutdown (it drains and closes the store).
    await Promise.all(children.map(({ name, child }) => stopChild(child, name === 'gateway' ? 6_000 : 2_000)));
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
  })();
  return cleaning;
}

// ---------------------------------------------------------------------------------------------------
// Children

/** Keeps the last lines a child wrote, for the report (the gateway logs at warn). */
class OutputTail {
  lines: string[] = [];
  total = 0;
  private partial = '';
  constructor(private readonly keep: number) {}
  push(chunk: Buffer): void {
    const text = this.partial + chunk.toString('utf8');
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }
  flush(): void {
    if (this.partial !== '') this.add(this.partial);
    this.partial = '';
  }
  private add(line: string): void {
    this.total++;
    this.lines.push(line);
    if (this.lines.length > this.keep) this.lines.shift();
  }
}

function forkTs(name: string, file: string, args: string[]): ChildProcess {
  const child = fork(join(benchDir, file), args, {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  children.push({ name, child });
  return child;
}

function nextMessage<T>(child: ChildProcess, name: string, type: string, ms: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${name}: no "${type}" message within ${ms / 1000} s`));
    }, ms);
    const onMessage = (message: { type?: string; error?: string }): void => {
      if (message.type === type) {
        finish();
        resolvePromise(message as T);
      } else if (message.type === 'failed') {
        finish();
        reject(new Error(`${name} failed: ${message.error ?? '?'}`));
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      finish();
      reject(new Error(`${name} exited (${signal ?? String(code)}) before "${type}"`));
    };
    const finish = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

async function startForked(name: string, file: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = forkTs(name, file, args);
  const { port } = await nextMessage<{ port: number }>(child, name, 'listening', 20_000);
  return { child, port };
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => { resolvePromise(port); });
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------------------------------------------
// Gateway

function writeBenchConfig(dataDir: string, gatewayPort: number, receiverPort: number): string {
  const demo = JSON.parse(readFileSync(join(repoRoot, 'config', 'demo.json'), 'utf8')) as Record<string, unknown>;
  const parties = demo.parties as { id: string; adapter: unknown }[];
  const receiver = parties.find((p) => p.id === receiverParty);
  if (receiver === undefined) throw new Error(`config/demo.json has no party "${receiverParty}"`);
  if (!parties.some((p) => p.id === senderParty)) throw new Error(`config/demo.json has no party "${senderParty}"`);
  receiver.adapter = { kind: 'rest-json', endpoint: `http://127.0.0.1:${receiverPort}/${receiverParty}` };
  const config = {
    ...demo,
    demo: true,
    dataDir,
    gateway: { ...(demo.gateway as object), host: '127.0.0.1', port: gatewayPort },
    store: { ...(demo.store as object), url: 'sqlite:${dataDir}/ketenpoort.db' },
    policyFile: join(repoRoot, 'consent', 'policy.default.json'),
    log: { ...(demo.log as object | undefined), level: 'warn' },
    parties,
  };
  const file = join(dataDir, 'bench-config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** The environment a user would have, minus the variables that would override the bench config. */
function gatewayEnv(dataDir: string): NodeJS.ProcessEnv {
  const dropped = new Set(['PORT', 'KETENPOORT_HOST', 'KETENPOORT_STORE_URL', 'KETENPOORT_LOG_LEVEL', 'KETENPOORT_CONFIG', 'NODE_OPTIONS']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !dropped.has(name)));
  return { ...env, KETENPOORT_DATA_DIR: dataDir };
}

async function startGateway(configFile: string, dataDir: string, port: number, output: OutputTail): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'serve', '--config', configFile], {
    cwd: repoRoot,
    env: gatewayEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push({ name: 'gateway', child });
  child.stdout.on('data', (chunk: Buffer) => { output.push(chunk); });
  child.stderr.on('data', (chunk: Buffer) => { output.push(chunk); });
  const deadline = Date.now() + readyLimitMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!alive(child)) {
      await sleep(100); // let the last output arrive
      output.flush();
      throw new Error(`gateway exited (${child.signalCode ?? String(child.exitCode)}) before it was ready:\n${output.lines.join('\n')}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return child;
    } catch (error) {
      last = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    await sleep(200);
  }
  output.flush();
  throw new Error(`gateway not ready within ${readyLimitMs / 1000} s (last: ${last}):\n${output.lines.join('\n')}`);
}

function mintToken(configFile: string, dataDir: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [cli, 'token', '--party', senderParty, '--config', configFile, '--lifetime', String(tokenLifetimeSeconds)],
      { cwd: repoRoot, env: gatewayEnv(dataDir), timeout: 30_000 },
      (error, stdout, stderr) => {
        const token = stdout.trim();
        if (error !== null || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
          reject(new Error(`ketenpoort token failed: ${error?.message ?? 'not a JWT'}\n${stderr}${stdout}`));
          return;
        }
        resolvePromise(token);
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------------
// The message

interface Message { body: string; source: string; dagtekeningChanged: boolean }


function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The demo JW315, grown to a realistic ~2 KB by requesting more products (a provider asking for
 * several products for one child in one message is common), each with its own ReferentieAanbieder.
 */
function benchMessage(): Message {
  const file = join(repoRoot, 'config', 'demo-messages', 'jw315.json');
  const message = JSON.parse(readFileSync(file, 'utf8')) as {
    Header: { BerichtIdentificatie: { Dagtekening: string } };
    Client: { AangevraagdeProducten: { AangevraagdProduct: Record<string, unknown>[] } };
  };
  // The Dagtekening must not be in the future (UTC today is never after the Dutch today).
  let dagtekeningChanged = false;
  const id = message.Header.BerichtIdentificatie;
  if (id.Dagtekening > todayUtc()) {
    id.Dagtekening = todayUtc();
    dagtekeningChanged = true;
  }
  const products = message.Client.AangevraagdeProducten.AangevraagdProduct;
  const template = products[0];
  const envelopeOf = (): string => JSON.stringify({ messageType: 'JW315', receiver: receiverParty, purpose: 'verzoek-toewijzing', message });
  for (let n = products.length; template !== undefined && Buffer.byteLength(envelopeOf()) < 2048; n++) {
    // Another product each time: the same product twice in overlapping periods is refused (iJw TR386).
    const product = (template.Product ?? {}) as Record<string, unknown>;
    products.push({ ...structuredClone(template), ReferentieAanbieder: `40A1234${String(1240 + n)}`, Product: { ...product, Code: `55A${String(20 + n)}` } });
  }
  return { body: envelopeOf(), source: 'config/demo-messages/jw315.json, grown to ~2 KB with more requested products', dagtekeningChanged };
}

// ---------------------------------------------------------------------------------------------------
// /proc: which process serves a port, its peak RSS and CPU time

function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${hexPort}`) === true && f[3] === '0A') return f[9];
    }
  }
  return undefined;
}

function descendants(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        for (const c of readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim().split(/\s+/)) if (c !== '') out.push(Number(c));
      } catch {
        // no children file: nothing to add
      }
    }
  }
  return out;
}

/**
 * The PID that holds the listening socket: the child itself, or a descendant if the launcher ever
 * re-spawns (e.g. a `tsx` CLI wrapper). Falls back to the child's own PID.
 */
function servingPid(childPid: number, port: number): { pid: number; verified: boolean } {
  const inode = listeningInode(port);
  if (inode !== undefined) {
    for (const pid of descendants(childPid)) {
      try {
        if (readdirSync(`/proc/${pid}/fd`).some((fd) => {
          try {
            return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
          } catch {
            return false;
          }
        })) return { pid, verified: true };
      } catch {
        // process gone or not ours
      }
    }
  }
  return { pid: childPid, verified: false };
}

function procStatusKb(pid: number, field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] === undefined ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}

/** utime + stime of a process in seconds (clock ticks are 100 per second on Linux). */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Machine-wide CPU ticks from /proc/stat (100 per second per core): busy (user..softirq) and steal. */
function machineTicks(): { busy: number; steal: number } | undefined {
  try {
    const f = (/^cpu\s+(.+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '').split(/\s+/).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return { busy: user + nice + system + irq + softirq, steal };
  } catch {
    return undefined;
  }
}

interface MachineSample { at: number; ticks: { busy: number; steal: number } | undefined; ours: number }

/** CPU seconds of this process and every child that is still running (threads included). */
function ourCpuSeconds(): number {
  let sum = cpuSeconds(process.pid) ?? 0;
  for (const { child } of children) if (alive(child) && child.pid !== undefined) sum += cpuSeconds(child.pid) ?? 0;
  return sum;
}

function machineSample(): MachineSample {
  return { at: performance.now(), ticks: machineTicks(), ours: ourCpuSeconds() };
}

/**
 * Over a window, in % of one core (the machine has cores × 100 %): everything busy, the bench's own
 * processes, everything else, and hypervisor steal. "Other" and "steal" should be near 0 for figures
 * that compare with toolchain.md.
 */
interface MachineLoad { busyPercent: number; benchPercent: number; otherPercent: number; stealPercent: number }

function machineLoad(start: MachineSample, end: MachineSample): MachineLoad | null {
  const seconds = (end.at - start.at) / 1000;
  if (start.ticks === undefined || end.ticks === undefined || seconds <= 0) return null;
  const busy = (end.ticks.busy - start.ticks.busy) / 100 / seconds * 100;
  const bench = (end.ours - start.ours) / seconds * 100;
  return {
    busyPercent: busy,
    benchPercent: bench,
    otherPercent: Math.max(0, busy - bench),
    stealPercent: (end.ticks.steal - start.ticks.steal) / 100 / seconds * 100,
  };
}

// ---------------------------------------------------------------------------------------------------
// One target

interface TargetFigures {
  name: string;
  pid: number;
  pidVerified: boolean;
  sent: number;
  accepted: number;
  windowSeconds: number;
  acceptedPerSec: number;
  delivered: number;
  deliveredOf: number;
  deliveredPerSec: number;
  duplicateDeliveries: number;
  lastDeliveryAfterWindowMs: number | null;
  latencyMs: LoadResult['latency'];
  errors: Record<string, number>;
  errorSamples: Record<string, string>;
  peakRssMb: number | null;
  rssAtEndMb: number | null;
  cpuPercent: number | null;
  warmup: LoadResult['warmup'];
  machine: MachineLoad | null;
}

interface ReceiverStats { [path: string]: { count: number; unique: number; first: number | null; last: number | null } }

async function receiverJson<T>(receiverPort: number, path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${receiverPort}${path}`);
  return (await res.json()) as T;
}

async function probe(name: string, url: string, body: string, token: string | undefined): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status >= 200 && res.status < 300) {
    process.stdout.write(`  probe ${name}: ${res.status}\n`);
  } else {
    process.stdout.write(`  probe ${name}: ${res.status} (the load will count these as errors); body:\n    ${text.slice(0, 2000)}\n`);
  }
  return res.status;
}

async function measure(options: {
  name: string;
  url: string;
  body: string;
  token: string | undefined;
  connections: number;
  warmupMs: number;
  durationMs: number;
  target: ChildProcess;
  targetPort: number;
  receiverPort: number;
  receiverPath: string;
  acceptedBefore: number;
  onLoadChild: (child: ChildProcess | undefined) => void;
}): Promise<TargetFigures> {
  const { name } = options;
  const { pid, verified } = servingPid(options.target.pid!, options.targetPort);
  process.stdout.write(`  ${name}: ${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured, ${options.connections} connections (pid ${pid}${verified ? '' : ', listening socket not found: child pid'})\n`);
  const load = forkTs(`load-${name}`, 'load.ts', []);
  options.onLoadChild(load);
  const job: LoadJob = {
    label: name,
    url: options.url,
    body: options.body,
    ...(options.token !== undefined ? { token: options.token } : {}),
    connections: options.connections,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    timeoutMs: 15_000,
  };
  // The target's CPU time is sampled at the start and the end of the measured window.
  let cpuStart: { seconds: number | undefined; at: number } | undefined;
  let machineStart: MachineSample | undefined;
  const onWindow = (m: { type?: string }): void => {
    if (m.type !== 'window') return;
    cpuStart = { seconds: cpuSeconds(pid), at: performance.now() };
    machineStart = machineSample();
  };
  load.on('message', onWindow);
  load.send({ type: 'run', job });
  const { result } = await nextMessage<{ result: LoadResult }>(load, `load generator (${name})`, 'result', options.warmupMs + options.durationMs + 60_000);
  const cpuEnd = cpuSeconds(pid);
  const machine = machineStart === undefined ? null : machineLoad(machineStart, machineSample());
  const cpuSpan = cpuStart === undefined ? 0 : (performance.now() - cpuStart.at) / 1000;
  load.off('message', onWindow);
  options.onLoadChild(undefined);
  await stopChild(load, 2_000);

  // Drain: wait until the receiver has seen as many distinct messages as the target accepted.
  const expected = options.acceptedBefore + result.warmup.accepted + result.accepted;
  const drainDeadline = Date.now() + drainLimitMs;
  for (;;) {
    const stats = await receiverJson<ReceiverStats>(options.receiverPort, '/stats');
    if ((stats[options.receiverPath]?.unique ?? 0) >= expected || Date.now() >= drainDeadline) break;
    await sleep(100);
  }
  const arrivals = await receiverJson<{ keys: string[]; times: number[] }>(options.receiverPort, `/arrivals?path=${encodeURIComponent(options.receiverPath)}`);
  const firstArrival = new Map<string, number>();
  let duplicates = 0;
  arrivals.keys.forEach((key, i) => {
    if (firstArrival.has(key)) duplicates++;
    else firstArrival.set(key, arrivals.times[i]!);
  });
  let delivered = 0;
  let lastArrival = result.windowStart;
  for (const id of result.acceptedIds) {
    const t = firstArrival.get(id);
    if (t === undefined) continue;
    delivered++;
    if (t > lastArrival) lastArrival = t;
  }
  const deliverySpan = (lastArrival - result.windowStart) / 1000;
  const hwm = procStatusKb(pid, 'VmHWM');
  const rss = procStatusKb(pid, 'VmRSS');
  return {
    name,
    pid,
    pidVerified: verified,
    sent: result.sent,
    accepted: result.accepted,
    windowSeconds: result.elapsedMs / 1000,
    acceptedPerSec: result.acceptedPerSec,
    delivered,
    deliveredOf: result.accepted,
    deliveredPerSec: deliverySpan > 0 ? delivered / deliverySpan : 0,
    duplicateDeliveries: duplicates,
    lastDeliveryAfterWindowMs: delivered > 0 ? Math.max(0, lastArrival - result.windowEnd) : null,
    latencyMs: result.latency,
    errors: { ...result.errors },
    errorSamples: { ...result.errorSamples },
    peakRssMb: hwm === undefined ? null : hwm / 1024,
    rssAtEndMb: rss === undefined ? null : rss / 1024,
    cpuPercent: cpuStart?.seconds !== undefined && cpuEnd !== undefined && cpuSpan > 0 ? ((cpuEnd - cpuStart.seconds) / cpuSpan) * 100 : null,
    warmup: result.warmup,
    machine,
  };
}

// ---------------------------------------------------------------------------------------------------
// Report

function fmt(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return a / b;
}

function errorText(errors: Record<string, number>): string {
  const entries = Object.entries(errors);
  return entries.length === 0 ? '0' : entries.map(([k, v]) => `${k}×${v}`).join(' ');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

function report(targets: TargetFigures[]): Record<string, number | null> {
  const header = ['', 'accepted/s', 'delivered/s', 'delivered', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'peak RSS MB', 'CPU %'];
  const rows = targets.map((t) => [
    t.name,
    fmt(t.acceptedPerSec),
    fmt(t.deliveredPerSec),
    `${t.delivered}/${t.deliveredOf}`,
    fmt(t.latencyMs.p50, 2),
    fmt(t.latencyMs.p90, 2),
    fmt(t.latencyMs.p99, 2),
    fmt(t.latencyMs.max, 1),
    errorText(t.errors),
    fmt(t.peakRssMb, 1),
    fmt(t.cpuPercent),
  ]);
  process.stdout.write(`\n${table([header, ...rows])}\n`);

  const gateway = targets.find((t) => t.name === 'gateway');
  const baseline = targets.find((t) => t.name === 'baseline');
  const ratios: Record<string, number | null> = {};
  if (gateway !== undefined && baseline !== undefined) {
    ratios.acceptedPerSec = ratio(gateway.acceptedPerSec, baseline.acceptedPerSec);
    ratios.deliveredPerSec = ratio(gateway.deliveredPerSec, baseline.deliveredPerSec);
    ratios.p50 = ratio(gateway.latencyMs.p50, baseline.latencyMs.p50);
    ratios.p99 = ratio(gateway.latencyMs.p99, baseline.latencyMs.p99);
    ratios.peakRss = ratio(gateway.peakRssMb, baseline.peakRssMb);
    process.stdout.write(
      `\ngateway / baseline: accepted/s ${fmt(ratios.acceptedPerSec, 2)}×, delivered/s ${fmt(ratios.deliveredPerSec, 2)}×, ` +
        `p50 ${fmt(ratios.p50, 2)}×, p99 ${fmt(ratios.p99, 2)}×, peak RSS ${fmt(ratios.peakRss, 2)}×\n`,
    );
  }
  process.stdout.write('\n');
  for (const t of targets) {
    const m = t.machine;
    if (m !== null) {
      process.stdout.write(
        `${t.name} window, CPU in % of one core (${cpus().length * 100} % available): busy ${fmt(m.busyPercent)}, ` +
          `bench processes ${fmt(m.benchPercent)}, other processes ${fmt(m.otherPercent)}, steal ${fmt(m.stealPercent)}\n`,
      );
      if (m.otherPercent + m.stealPercent > 25) {
        process.stdout.write(`  warning: something else used the CPU during the ${t.name} window; its figures are low by an unknown amount (rerun on a quiet machine)\n`);
      }
    }
  }
  for (const t of targets) {
    if (t.delivered < t.deliveredOf) {
      process.stdout.write(`\n${t.name}: only ${t.delivered} of ${t.deliveredOf} accepted messages reached the receiver within ${drainLimitMs / 1000} s after the load\n`);
    }
    if (t.duplicateDeliveries > 0) process.stdout.write(`${t.name}: ${t.duplicateDeliveries} duplicate deliveries (same Idempotency-Key twice)\n`);
    for (const [key, body] of Object.entries(t.errorSamples)) {
      process.stdout.write(`\n${t.name}: ${t.errors[key] ?? 0}× ${key}; first response body:\n  ${body === '' ? '(empty)' : body}\n`);
    }
  }
  return ratios;
}

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
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
  // A hard bound on the whole run, whatever hangs.
  const hardLimitMs = 2 * (options.warmupMs + options.durationMs) + 2 * drainLimitMs + readyLimitMs + 60_000;
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
      `  store: sqlite (durability FULL), data dir ${tempDir}\n`,
  );

  const receiver = await startForked('receiver', 'receiver.ts', []);
  process.stdout.write(`  receiver on 127.0.0.1:${receiver.port} (pid ${receiver.child.pid})\n`);

  let gateway: { child: ChildProcess; port: number; configFile: string; token: string; output: OutputTail } | undefined;
  let loadChild: ChildProcess | undefined;
  if (runGateway) {
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

  const ratios = report(targets);
  if (gateway !== undefined) {
    gateway.output.flush();
    if (gateway.output.total > 0) {
      process.stdout.write(`\ngateway wrote ${gateway.output.total} log line(s) at warn or above; the last ${gateway.output.lines.length}:\n${gateway.output.lines.map((l) => `  ${l}`).join('\n')}\n`);
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
      store: 'sqlite',
      bodyBytes: Buffer.byteLength(message.body),
      messageSource: message.source,
    },
    targets: Object.fromEntries(targets.map((t) => [t.name, t])),
    ratios,
    gatewayLogLines: gateway?.output.total ?? null,
    runSeconds: (Date.now() - started) / 1000,
  };
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\nwritten bench/results/latest.json (run took ${fmt(results.runSeconds, 1)} s)\n`);
  return targets.every((t) => t.accepted > 0) ? 0 : 1;
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
