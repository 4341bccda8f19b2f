// Measuring one target: a probe request, then a load generator run against it, the drain of its
// deliveries at the receiver, and its figures (throughput, latency, errors, memory, CPU).
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { LoadJob, LoadResult } from '../load.ts';
import { forkTs, nextMessage, sleep, stopChild } from '../support/children.ts';
import { cpuSeconds, machineLoad, machineSample, procStatusKb, servingPid, type MachineLoad, type MachineSample } from '../support/proc.ts';
import { fillMessage } from '../support/distinct-message.ts';

/** How long the receiver may take, after the load, to see every accepted message. */
export const drainLimitMs = 10_000;

export interface TargetFigures {
  name: string;
  pid: number;
  /** Every process of a target that has several (peak RSS and CPU % are then sums over them). */
  pids?: number[];
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
  /**
   * CPU per exchange: user + system time of the target's processes (every thread: /proc/<pid>/stat)
   * from just before the load starts until the drain has ended, over the exchanges that reached the
   * receiver in that span (warm-up and window; each was accepted before it was delivered).
   */
  cpuSpanSeconds: number | null;
  exchangesInCpuSpan: number;
  cpuPerExchangeUs: number | null;
  /** Exchanges accepted and delivered per CPU-second of the target (the inverse of the above). */
  exchangesPerCpuSecond: number | null;
  warmup: LoadResult['warmup'];
  machine: MachineLoad | null;
}

interface ReceiverStats { [path: string]: { count: number; unique: number; first: number | null; last: number | null } }

async function receiverJson<T>(receiverPort: number, path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${receiverPort}${path}`);
  return (await res.json()) as T;
}

/** Probes use message numbers far above the load's (bench/support/distinct-message.ts), each its own. */
let probeNumber = 400_000;

export async function probe(name: string, url: string, body: string, token: string | undefined): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body: fillMessage(body, (probeNumber += 1)), signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status >= 200 && res.status < 300) {
    process.stdout.write(`  probe ${name}: ${res.status}\n`);
  } else {
    process.stdout.write(`  probe ${name}: ${res.status} (the load will count these as errors); body:\n    ${text.slice(0, 2000)}\n`);
  }
  return res.status;
}

export async function measure(options: {
  name: string;
  url: string;
  body: string;
  token: string | undefined;
  connections: number;
  warmupMs: number;
  durationMs: number;
  target: ChildProcess;
  targetPort: number;
  /** Further processes of the same target (several gateway processes on one database), with their URLs. */
  more?: readonly { child: ChildProcess; port: number; url: string }[];
  receiverPort: number;
  receiverPath: string;
  acceptedBefore: number;
  onLoadChild: (child: ChildProcess | undefined) => void;
}): Promise<TargetFigures> {
  const { name } = options;
  const more = options.more ?? [];
  const served = [servingPid(options.target.pid!, options.targetPort), ...more.map((m) => servingPid(m.child.pid!, m.port))];
  const pids = served.map((p) => p.pid);
  const { pid } = served[0]!;
  const verified = served.every((p) => p.verified);
  /** CPU seconds of all the target's processes (undefined if one cannot be read). */
  const targetCpu = (): number | undefined => {
    const each = pids.map(cpuSeconds);
    return each.some((v) => v === undefined) ? undefined : each.reduce<number>((a, b) => a + (b ?? 0), 0);
  };
  const processText = pids.length === 1 ? `pid ${pid}` : `${pids.length} processes, pids ${pids.join(', ')}`;
  process.stdout.write(`  ${name}: ${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured, ${options.connections} connections (${processText}${verified ? '' : ', listening socket not found: child pid'})\n`);
  const load = forkTs(`load-${name}`, 'load.ts', []);
  options.onLoadChild(load);
  const job: LoadJob = {
    label: name,
    url: options.url,
    ...(more.length > 0 ? { urls: [options.url, ...more.map((m) => m.url)] } : {}),
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
    cpuStart = { seconds: targetCpu(), at: performance.now() };
    machineStart = machineSample();
  };
  load.on('message', onWindow);
  const uniqueAtStart = (await receiverJson<ReceiverStats>(options.receiverPort, '/stats'))[options.receiverPath]?.unique ?? 0;
  const cpuBeforeLoad = targetCpu();
  load.send({ type: 'run', job });
  const { result } = await nextMessage<{ result: LoadResult }>(load, `load generator (${name})`, 'result', options.warmupMs + options.durationMs + 60_000);
  const cpuEnd = targetCpu();
  const machine = machineStart === undefined ? null : machineLoad(machineStart, machineSample());
  const cpuSpan = cpuStart === undefined ? 0 : (performance.now() - cpuStart.at) / 1000;
  load.off('message', onWindow);
  options.onLoadChild(undefined);
  await stopChild(load, 2_000);

  // Drain: wait until the receiver has seen as many distinct messages as the target accepted.
  const expected = options.acceptedBefore + result.warmup.accepted + result.accepted;
  const drainDeadline = Date.now() + drainLimitMs;
  let uniqueAtEnd = 0;
  for (;;) {
    const stats = await receiverJson<ReceiverStats>(options.receiverPort, '/stats');
    uniqueAtEnd = stats[options.receiverPath]?.unique ?? 0;
    if (uniqueAtEnd >= expected || Date.now() >= drainDeadline) break;
    await sleep(100);
  }
  const cpuAfterDrain = targetCpu();
  const cpuSpanSeconds = cpuBeforeLoad === undefined || cpuAfterDrain === undefined ? null : cpuAfterDrain - cpuBeforeLoad;
  const exchangesInCpuSpan = uniqueAtEnd - uniqueAtStart;
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
  // Several processes: memory is the sum over them (what the target costs the machine).
  const sumKb = (field: string): number | undefined => {
    const each = pids.map((p) => procStatusKb(p, field));
    return each.some((v) => v === undefined) ? undefined : each.reduce<number>((a, b) => a + (b ?? 0), 0);
  };
  const hwm = sumKb('VmHWM');
  const rss = sumKb('VmRSS');
  return {
    name,
    pid,
    ...(pids.length > 1 ? { pids } : {}),
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
    cpuSpanSeconds,
    exchangesInCpuSpan,
    cpuPerExchangeUs: cpuSpanSeconds !== null && exchangesInCpuSpan > 0 ? (cpuSpanSeconds / exchangesInCpuSpan) * 1e6 : null,
    exchangesPerCpuSecond: cpuSpanSeconds !== null && cpuSpanSeconds > 0 ? exchangesInCpuSpan / cpuSpanSeconds : null,
    warmup: result.warmup,
    machine,
  };
}
