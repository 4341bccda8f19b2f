// The gateway on PostgreSQL, with one and with two processes on one database, each in a fresh schema
// that is dropped at the end (also on an error).
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { freePort, OutputTail, stopChild } from '../support/children.ts';
import { mintToken, receiverParty, startGateway, tokenRefreshMs, writeBenchConfig } from '../support/gateway.ts';
import type { Options } from '../support/options.ts';
import { measure, probe, type TargetFigures } from './measure.ts';
import { fmt } from './report.ts';

const pgSchemas: { url: string; schema: string }[] = [];

export function redactedPgUrl(url: string): string {
  const u = new URL(url);
  if (u.password !== '') u.password = '***';
  return u.toString();
}

async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function checkPostgres(url: string): Promise<void> {
  try {
    const version = await withPg(url, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v);
    process.stdout.write(`  PostgreSQL ${version ?? '?'} reachable\n`);
  } catch (error) {
    throw new Error(`PostgreSQL is unreachable at ${redactedPgUrl(url)} (--pg-url, KETENPOORT_BENCH_PG_URL or KETENPOORT_TEST_PG_URL): ${(error as Error).message}`);
  }
}

export async function dropPgSchemas(): Promise<void> {
  for (const { url, schema } of pgSchemas.splice(0)) {
    await withPg(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).catch((error: unknown) => {
      process.stderr.write(`bench: could not drop schema ${schema}: ${(error as Error).message}\n`);
    });
  }
}

export async function measurePostgres(
  processes: number,
  options: Options,
  dataDir: string,
  receiverPort: number,
  body: string,
  common: Omit<Parameters<typeof measure>[0], 'name' | 'url' | 'token' | 'target' | 'targetPort' | 'more' | 'receiverPath' | 'acceptedBefore'>,
): Promise<{ figures: TargetFigures; outputs: { name: string; output: OutputTail }[] }> {
  const name = processes === 1 ? 'gateway-pg' : `gateway-pg-x${processes}`;
  const schema = `kp_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const storeUrl = new URL(options.pgUrl);
  storeUrl.searchParams.set('schema', schema);
  pgSchemas.push({ url: options.pgUrl, schema });
  const receiverPath = `/${name}/${receiverParty}`;
  const started: { child: ChildProcess; port: number; url: string; configFile: string }[] = [];
  const outputs: { name: string; output: OutputTail }[] = [];
  // One after the other: the first start creates the demo keys and secret in the data dir the others share.
  for (let i = 0; i < processes; i++) {
    const port = await freePort();
    const configFile = writeBenchConfig(dataDir, port, receiverPort, { storeUrl: storeUrl.toString(), receiverPath, fileName: `bench-config-${name}-${i + 1}.json` });
    const output = new OutputTail(40);
    const t0 = Date.now();
    const child = await startGateway(configFile, dataDir, port, output);
    started.push({ child, port, url: `http://127.0.0.1:${port}/v1/exchanges`, configFile });
    outputs.push({ name: processes === 1 ? name : `${name} process ${i + 1}`, output });
    process.stdout.write(`  ${name}: process ${i + 1} on 127.0.0.1:${port} (pid ${child.pid}), schema ${schema}, ready after ${fmt((Date.now() - t0) / 1000, 1)} s\n`);
  }
  const first = started[0]!;
  let token = await mintToken(first.configFile, dataDir);
  let loadChild: ChildProcess | undefined;
  const refresh = setInterval(() => {
    mintToken(first.configFile, dataDir).then(
      (fresh) => {
        token = fresh;
        loadChild?.send({ type: 'token', token: fresh });
      },
      (error: unknown) => { process.stderr.write(`bench: token refresh failed: ${(error as Error).message}\n`); },
    );
  }, tokenRefreshMs);
  try {
    let acceptedBefore = 0;
    for (const [i, p] of started.entries()) {
      const status = await probe(processes === 1 ? name : `${name} process ${i + 1}`, p.url, body, token);
      if (status >= 200 && status < 300) acceptedBefore++;
    }
    const figures = await measure({
      ...common,
      onLoadChild: (child) => {
        loadChild = child;
        common.onLoadChild(child);
      },
      name,
      url: first.url,
      token,
      target: first.child,
      targetPort: first.port,
      more: started.slice(1).map(({ child, port, url }) => ({ child, port, url })),
      receiverPath,
      acceptedBefore,
    });
    return { figures, outputs };
  } finally {
    clearInterval(refresh);
    await Promise.all(started.map((p) => stopChild(p.child, 6_000)));
    await dropPgSchemas();
  }
}
