// The bench's child processes: one registry (so the run can stop them all, also on an error), starting
// a forked TypeScript child and waiting for its messages, and stopping a child with a grace period.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { benchDir, repoRoot } from './paths.ts';

/** Every child the run started (stopped by the run's cleanup). */
export const children: { name: string; child: ChildProcess }[] = [];

export function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (!alive(child)) return Promise.resolve(true);
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => { resolvePromise(false); }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise(true);
    });
  });
}

export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (!alive(child)) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, graceMs)) return;
  child.kill('SIGKILL');
  await waitForExit(child, 2_000);
}

// ---------------------------------------------------------------------------------------------------
// Children

/** Keeps the last lines a child wrote, for the report (the gateway logs at warn). */
export class OutputTail {
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

export function forkTs(name: string, file: string, args: string[]): ChildProcess {
  const child = fork(join(benchDir, file), args, {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  children.push({ name, child });
  return child;
}

export function nextMessage<T>(child: ChildProcess, name: string, type: string, ms: number): Promise<T> {
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

export async function startForked(name: string, file: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = forkTs(name, file, args);
  const { port } = await nextMessage<{ port: number }>(child, name, 'listening', 20_000);
  return { child, port };
}

export function freePort(): Promise<number> {
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

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
