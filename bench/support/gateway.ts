// The gateway as a user starts it: its config (config/demo.json made to deliver to the receiver), its
// environment, `ketenpoort serve` until ready, and bearer tokens from `ketenpoort token`.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive, children, sleep, type OutputTail } from './children.ts';
import { cli, repoRoot } from './paths.ts';

export const senderParty = 'jeugdhulp-de-brug';
export const receiverParty = 'gemeente-diemen';
const tokenLifetimeSeconds = 300;
/** Tokens live at most 300 s: long runs mint a fresh one this often. */
export const tokenRefreshMs = 240_000;
export const readyLimitMs = 60_000;


/** Where a gateway variant stores its data and delivers to; the default is the SQLite run's. */
export interface ConfigVariant {
  readonly storeUrl: string;
  /** The receiver path its deliveries go to (each measured target has its own, for the counts). */
  readonly receiverPath: string;
  readonly fileName: string;
}

const sqliteVariant: ConfigVariant = { storeUrl: 'sqlite:${dataDir}/ketenpoort.db', receiverPath: `/${receiverParty}`, fileName: 'bench-config.json' };

export function writeBenchConfig(dataDir: string, gatewayPort: number, receiverPort: number, variant: ConfigVariant = sqliteVariant): string {
  const demo = JSON.parse(readFileSync(join(repoRoot, 'config', 'demo.json'), 'utf8')) as Record<string, unknown>;
  const parties = demo.parties as { id: string; adapter: unknown }[];
  const receiver = parties.find((p) => p.id === receiverParty);
  if (receiver === undefined) throw new Error(`config/demo.json has no party "${receiverParty}"`);
  if (!parties.some((p) => p.id === senderParty)) throw new Error(`config/demo.json has no party "${senderParty}"`);
  receiver.adapter = { kind: 'rest-json', endpoint: `http://127.0.0.1:${receiverPort}${variant.receiverPath}` };
  const config = {
    ...demo,
    demo: true,
    dataDir,
    gateway: { ...(demo.gateway as object), host: '127.0.0.1', port: gatewayPort },
    store: { ...(demo.store as object), url: variant.storeUrl },
    policyFile: join(repoRoot, 'consent', 'policy.default.json'),
    log: { ...(demo.log as object | undefined), level: 'warn' },
    // The bench measures the gateway: no demo receivers beside it (the FHIR one alone loads the R4
    // definitions, seconds of CPU on the machine under measurement).
    demoReceivers: [],
    parties,
  };
  const file = join(dataDir, variant.fileName);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** The environment a user would have, minus the variables that would override the bench config. */
function gatewayEnv(dataDir: string): NodeJS.ProcessEnv {
  const dropped = new Set(['PORT', 'KETENPOORT_HOST', 'KETENPOORT_STORE_URL', 'KETENPOORT_LOG_LEVEL', 'KETENPOORT_CONFIG', 'NODE_OPTIONS']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !dropped.has(name)));
  return { ...env, KETENPOORT_DATA_DIR: dataDir };
}

export async function startGateway(configFile: string, dataDir: string, port: number, output: OutputTail): Promise<ChildProcess> {
  // KETENPOORT_BENCH_CPU_PROF=DIR: the gateway writes a V8 CPU profile of its main thread into DIR
  // when it stops (node --cpu-prof; bench/README.md "Where the time is").
  const profileDir = process.env.KETENPOORT_BENCH_CPU_PROF;
  const profile = profileDir === undefined || profileDir === '' ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir];
  const child = spawn(process.execPath, [...profile, cli, 'serve', '--config', configFile], {
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

export function mintToken(configFile: string, dataDir: string): Promise<string> {
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
