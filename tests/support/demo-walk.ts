// The README walks run as a newcomer runs them: the demo configuration, the real server process, the
// CLI (tokens, schedules) as a child process, and the HTTP API with fetch. Shared by the e2e walks.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import type { GatewayProcess } from './gateway-process.ts';

const cliPath = resolve(repoRoot, 'bin/ketenpoort.mjs');

export interface DemoWalk {
  /** The CLI with the walk's data folder (and extra variables, e.g. KETENPOORT_URL). */
  readonly cli: (args: readonly string[], extraEnv?: Record<string, string>) => Promise<{ code: number; stdout: string; stderr: string }>;
  /** A demo token for the party, from `ketenpoort token`. */
  readonly token: (party: string) => Promise<string>;
  /** One API call to the running gateway; the body parsed as JSON. */
  readonly call: (method: string, path: string, bearer: string, body?: unknown) => Promise<{ status: number; body: any }>;
}

export function demoWalk(env: Record<string, string>, gateway: () => GatewayProcess | undefined): DemoWalk {
  const cli: DemoWalk['cli'] = (args, extraEnv = {}) =>
    new Promise((done) => {
      execFile(process.execPath, [cliPath, ...args], { cwd: repoRoot, timeout: 120_000, env: { ...process.env, ...env, ...extraEnv } }, (error, stdout, stderr) => {
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      });
    });
  return {
    cli,
    token: async (party) => {
      const run = await cli(['token', '--party', party]);
      expect(run.code, run.stderr).toBe(0);
      return run.stdout.trim();
    },
    call: async (method, path, bearer, body) => {
      const running = gateway();
      if (running === undefined) throw new Error('no gateway');
      const res = await fetch(running.url + path, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
    },
  };
}

/** A demo message from config/demo-messages (a fresh copy). */
export const demoMessage = (name: string): Record<string, any> => JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages', name), 'utf8')) as Record<string, any>;
