// The real server process, started the way a user starts it (bin/ketenpoort.mjs serve), with its
// JSON log lines captured so tests can read them.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from '../../src/kernel/repo-root.ts';

export interface GatewayProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Every line the process wrote to stdout and stderr so far. */
  readonly lines: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * `serve --config FILE` with `args` after it (e.g. `--clock`), and `env` over the test's environment.
 * The demo receivers are off unless the test asks for them (KETENPOORT_DEMO_RECEIVERS in `env`): they
 * listen at the fixed ports of the demo parties' endpoints, which gateways running side by side in
 * other test files would share. `startupTimeoutMs`: how long to wait for "ketenpoort listening".
 */
export async function startGatewayProcess(configFile: string, env: Record<string, string> = {}, args: readonly string[] = [], startupTimeoutMs = 30_000): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [resolve(repoRoot, 'bin/ketenpoort.mjs'), 'serve', '--config', configFile, ...args], {
    cwd: repoRoot,
    env: { ...process.env, KETENPOORT_LOG_LEVEL: 'info', KETENPOORT_DEMO_RECEIVERS: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => { r(code); }));
  const url = await new Promise<string>((resolveUrl, reject) => {
    // A gateway that does not start in time is killed, not left running behind the failed test.
    // The promise settles once the child is gone, so the error can say so.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, startupTimeoutMs);
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(line);
        try {
          const parsed = JSON.parse(line) as { message?: string; url?: string };
          if (parsed.message === 'ketenpoort listening' && parsed.url) {
            clearTimeout(timer);
            resolveUrl(parsed.url);
          }
        } catch {
          // not JSON: keep it in lines
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(timedOut
        ? `gateway (pid ${child.pid ?? '?'}) did not start within ${startupTimeoutMs} ms and was killed:\n${lines.join('\n')}`
        : `gateway exited with ${code}:\n${lines.join('\n')}`));
    });
  });
  return {
    url,
    child,
    lines,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
