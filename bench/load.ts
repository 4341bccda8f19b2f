// Bench load generator: closed-loop, keep-alive, N concurrent connections, one fixed body. Runs in its
// own child process (forked by bench/run.ts) so it never shares an event loop with the target.
//
// Protocol over IPC:
//   parent -> {type: "run", job: LoadJob}     run a warm-up, then the measured window; reply with
//   child  -> {type: "window"}                 the measured window starts now (after the warm-up)
//   child  -> {type: "result", result: LoadResult}
//   parent -> {type: "token", token}          replace the bearer token from now on (tokens live <= 300 s)
//
// Each of the N loops sends a request, waits for the whole response, and sends the next: so at most N
// requests are in flight, one per socket (Agent maxSockets = N). Latency is from request start to the
// last byte of the response. A loop stops starting requests when its phase ends; the phase is over
// when every loop's last request has completed.

import { Agent, request, type OutgoingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fillMessage } from './support/distinct-message.ts';

export interface LoadJob {
  readonly label: string;
  readonly url: string;
  /**
   * Several targets of one system (gateway processes on one database): connection i drives
   * urls[i mod n], so the processes are driven alternately with equal shares of the connections.
   * Default: [url].
   */
  readonly urls?: readonly string[];
  readonly body: string;
  readonly token?: string;
  readonly connections: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly timeoutMs: number;
}

export interface LatencySummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export interface LoadResult {
  readonly label: string;
  readonly connections: number;
  /** Warm-up: requests sent and 2xx answers (not in any figure except the drain target). */
  readonly warmup: { readonly sent: number; readonly accepted: number };
  /** Measured window: requests started in it (all of them completed or failed before the result). */
  readonly sent: number;
  readonly accepted: number;
  /** Window start (first send) and end (last completion), in ms on the shared clock (timeOrigin + now). */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly elapsedMs: number;
  readonly acceptedPerSec: number;
  /** Latency of every window request, 2xx or not, in ms. */
  readonly latency: LatencySummary;
  /** Non-2xx answers by status ("404"), and failures without an answer by code ("ECONNRESET", "timeout"). */
  readonly errors: Readonly<Record<string, number>>;
  /** The first body seen for each error key (truncated): the evidence for a bug report. */
  readonly errorSamples: Readonly<Record<string, string>>;
  /** exchangeId (gateway) or reference (baseline) of every 2xx answer in the window. */
  readonly acceptedIds: readonly string[];
}

interface Outcome {
  status: number;
  code?: string;
  body: string;
  ms: number;
}

const clock = (): number => performance.timeOrigin + performance.now();
const idPattern = /"(?:exchangeId|reference)"\s*:\s*"([^"]+)"/;
const sampleLimit = 2000;

let token: string | undefined;
/** The number of the last message sent (bench/support/distinct-message.ts); 0 is the probe's. */
let sequence = 0;

function percentiles(values: Float64Array): LatencySummary {
  if (values.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const sorted = values.slice().sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0, mean: sum / sorted.length };
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  token = job.token ?? token;
  const targets = (job.urls ?? [job.url]).map((u) => new URL(u));
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections, maxFreeSockets: job.connections });
  const baseHeaders: OutgoingHttpHeaders = { 'content-type': 'application/json', accept: 'application/json' };
  let headersFor: string | undefined;
  let headers: OutgoingHttpHeaders = baseHeaders;
  const currentHeaders = (): OutgoingHttpHeaders => {
    if (headersFor !== token) {
      headersFor = token;
      headers = token === undefined ? baseHeaders : { ...baseHeaders, authorization: `Bearer ${token}` };
    }
    return headers;
  };

  const once = (loop: number): Promise<Outcome> =>
    new Promise((resolve) => {
      const target = targets[loop % targets.length]!;
      // Each request its own message (bench/support/distinct-message.ts); numbered across jobs.
      const body = Buffer.from(fillMessage(job.body, (sequence += 1)));
      const started = performance.now();
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...currentHeaders(), 'content-length': body.length }, timeout: job.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started });
          });
          res.on('error', (error: NodeJS.ErrnoException) => {
            resolve({ status: 0, code: error.code ?? error.message, body: '', ms: performance.now() - started });
          });
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        resolve({ status: 0, code: error.code ?? error.message, body: '', ms: performance.now() - started });
      });
      req.end(body);
    });

  // Warm-up: same load, nothing recorded but the count (the gateway must deliver these too).
  const warmup = { sent: 0, accepted: 0 };
  const warmupEnd = performance.now() + job.warmupMs;
  await Promise.all(
    Array.from({ length: job.connections }, async (_, loop) => {
      while (performance.now() < warmupEnd) {
        const outcome = await once(loop);
        warmup.sent++;
        if (outcome.status >= 200 && outcome.status < 300) warmup.accepted++;
        else if (outcome.status === 0) await new Promise((r) => setTimeout(r, 10)); // no busy loop on refused sockets
      }
    }),
  );

  // Measured window.
  let latencyStore = new Float64Array(1 << 16);
  let sent = 0;
  let accepted = 0;
  const errors: Record<string, number> = {};
  const errorSamples: Record<string, string> = {};
  const acceptedIds: string[] = [];
  let missingIds = 0;
  const windowStart = clock();
  process.send?.({ type: 'window' });
  const windowEndAt = performance.now() + job.durationMs;
  await Promise.all(
    Array.from({ length: job.connections }, async (_, loop) => {
      while (performance.now() < windowEndAt) {
        const outcome = await once(loop);
        if (sent === latencyStore.length) {
          const bigger = new Float64Array(latencyStore.length * 2);
          bigger.set(latencyStore);
          latencyStore = bigger;
        }
        latencyStore[sent++] = outcome.ms;
        if (outcome.status >= 200 && outcome.status < 300) {
          accepted++;
          const id = idPattern.exec(outcome.body)?.[1];
          if (id !== undefined) acceptedIds.push(id);
          else missingIds++;
          continue;
        }
        const key = outcome.status === 0 ? (outcome.code ?? 'error') : String(outcome.status);
        errors[key] = (errors[key] ?? 0) + 1;
        errorSamples[key] ??= outcome.body.slice(0, sampleLimit);
        if (outcome.status === 0) await new Promise((r) => setTimeout(r, 10));
      }
    }),
  );
  const windowEnd = clock();
  agent.destroy();
  if (missingIds > 0) {
    errors['2xx-without-id'] = missingIds;
  }
  const elapsedMs = windowEnd - windowStart;
  return {
    label: job.label,
    connections: job.connections,
    warmup,
    sent,
    accepted,
    windowStart,
    windowEnd,
    elapsedMs,
    acceptedPerSec: elapsedMs > 0 ? (accepted * 1000) / elapsedMs : 0,
    latency: percentiles(latencyStore.subarray(0, sent)),
    errors,
    errorSamples,
    acceptedIds,
  };
}

type ParentMessage = { type: 'run'; job: LoadJob } | { type: 'token'; token: string };

// A worker when forked by run.ts (which imports only types from here).
if (process.send !== undefined) {
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'token') {
      token = message.token;
      return;
    }
    runJob(message.job).then(
      (result) => process.send?.({ type: 'result', result }),
      (error: unknown) => process.send?.({ type: 'failed', error: (error as Error).stack ?? String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => undefined); // run.ts stops us
}
