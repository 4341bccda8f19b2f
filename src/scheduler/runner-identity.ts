// Which process ran a job: recorded in every run, so that in a cluster an operator can tell which
// gateway instance did the work (and a run left "running" by a process that died can be traced).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export interface RunnerIdentity {
  readonly hostname: string;
  readonly pid: number;
  /** Unique per process start (a pid is reused after a restart; this is not). */
  readonly processId: string;
}

export function currentRunner(): RunnerIdentity {
  return { hostname: hostname(), pid: process.pid, processId: randomUUID() };
}

export function formatRunner(runner: RunnerIdentity): string {
  return `${runner.hostname}/${runner.pid}/${runner.processId}`;
}
