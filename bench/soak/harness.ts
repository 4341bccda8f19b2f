// What every fault scenario (bench/soak/*-scenario.ts) works with: a gateway config on a store, real
// `ketenpoort serve` processes that can be killed, exchanges submitted over HTTP as a sender would,
// the store read directly (the scenarios check what was committed, not what the API says), and
// `ketenpoort audit verify`. Everything listens on 127.0.0.1. The CI tests (tests/e2e/faults-*.test.ts)
// and bench/soak.ts both run the scenarios through here; bench/ may not import tests/, so this has
// its own small helpers instead of tests/support's.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../../src/config/load-config.ts';
import { mintDemoToken } from '../../src/auth/tokens.ts';
import { freePort } from '../support/children.ts';
import { cli, repoRoot } from '../support/paths.ts';

export const sender = 'jeugdhulp-de-brug';
export const operator = 'operator-demo';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One scenario's verdict: what went wrong (empty when it passed) and what was measured. */
export interface ScenarioResult {
  readonly name: string;
  readonly failures: string[];
  readonly figures: Record<string, number | string>;
}

export function check(failures: string[], ok: boolean, what: string): void {
  if (!ok) failures.push(what);
}

// ---------------------------------------------------------------------------------------------------
// Config and tokens

export interface SoakConfig {
  readonly file: string;
  readonly dir: string;
  token(party: string): string;
  cleanup(): void;
}

/**
 * config/demo.json with a data folder of its own (fresh demo keys, the audit signing key and its
 * witness file), every party delivering rest-json to `${receiverUrl}/<party>`, the care path off (the
 * scenarios send one sample message again and again, which its process rules rightly refuse).
 */
export function writeSoakConfig(options: { readonly storeUrl?: string; readonly receiverUrl: string; readonly delivery: Record<string, number> }): SoakConfig {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-soak-'));
  const demo = JSON.parse(readFileSync(join(repoRoot, 'config', 'demo.json'), 'utf8')) as Record<string, unknown> & { parties: { id: string }[] };
  const config = {
    ...demo,
    dataDir: './data',
    gateway: { audience: 'https://ketenpoort.test', host: '127.0.0.1', port: 0 },
    store: { url: options.storeUrl ?? 'sqlite:${dataDir}/ketenpoort.db' },
    policyFile: join(repoRoot, 'consent', 'policy.default.json'),
    delivery: options.delivery,
    log: { level: 'warn' },
    carePath: { enabled: false },
    // Every party delivers to the soak's receiver: no demo receivers (their kinds are gone, and their
    // fixed ports would be shared between scenarios).
    demoReceivers: [],
    parties: demo.parties.map((p) => ({ ...p, adapter: { kind: 'rest-json', endpoint: `${options.receiverUrl}/${p.id}` } })),
  };
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  const loaded = loadConfig(file, {});
  // Demo tokens live at most 5 minutes: a long run asks for one per request and gets a fresh one
  // once the last is 4 minutes old (a soak of 10,000 exchanges ran into 401s without this).
  const tokens = new Map<string, { token: string; at: number }>();
  const token = (party: string): string => {
    const held = tokens.get(party);
    if (held !== undefined && Date.now() - held.at < 240_000) return held.token;
    const fresh = { token: mintDemoToken(loaded, party), at: Date.now() };
    tokens.set(party, fresh);
    return fresh.token;
  };
  return { file, dir, token, cleanup: () => { rmSync(dir, { recursive: true, force: true }); } };
}

/** The environment a gateway of the scenario runs in: the caller's, minus what would override the config. */
function gatewayEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const dropped = new Set(['PORT', 'KETENPOORT_HOST', 'KETENPOORT_STORE_URL', 'KETENPOORT_CONFIG', 'KETENPOORT_DATA_DIR', 'NODE_OPTIONS']);
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !dropped.has(k))), KETENPOORT_LOG_LEVEL: 'warn', ...extra };
}

// ---------------------------------------------------------------------------------------------------
// Gateway processes

export interface Gateway {
  readonly url: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last lines it wrote (stdout and stderr), for a failure's report. */
  readonly lines: string[];
  alive(): boolean;
  kill9(): Promise<void>;
  stop(): Promise<number | null>;
}

/** Every gateway a scenario started, so it can stop them all, also after a failure. */
const started = new Set<Gateway>();
// A run that is cut short (a test timeout, Ctrl-C on the soak) must not leave gateways behind.
process.once('exit', () => {
  for (const g of started) g.child.kill('SIGKILL');
});

/**
 * `ketenpoort serve --config FILE` on a free port of its own (PORT), until /health/ready says 200. The
 * log stays at warn: at info the gateway writes two lines per exchange, which would cost a long run
 * more than it tells.
 */
export async function startGateway(configFile: string, env: Record<string, string> = {}): Promise<Gateway> {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve', '--config', configFile], { cwd: repoRoot, env: gatewayEnv({ PORT: String(port), ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => { r(code); }));
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      if (lines.length > 200) lines.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`gateway exited (${String(child.exitCode ?? child.signalCode)}) before it was ready:\n${lines.join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway not ready within 60 s:\n${lines.join('\n')}`);
    }
    const status = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
    if (status === 200) break;
    await sleep(100);
  }
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  const gateway: Gateway = {
    url,
    child,
    pid: child.pid!,
    lines,
    alive,
    async kill9() {
      if (alive()) child.kill('SIGKILL');
      await exited;
      started.delete(gateway);
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      started.delete(gateway);
      return code;
    },
  };
  started.add(gateway);
  return gateway;
}

export async function killAllGateways(): Promise<void> {
  await Promise.all([...started].map((g) => g.kill9()));
}

// ---------------------------------------------------------------------------------------------------
// Submissions

const sample = JSON.parse(readFileSync(join(repoRoot, 'config', 'demo-messages', 'jw315.json'), 'utf8')) as Record<string, unknown>;
export const exchangeBody = JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: sample });

/** What one submission got: a 202 with its exchange id, another status (with the problem's code), or no answer. */
export type Submission =
  | { readonly kind: 'accepted'; readonly exchangeId: string; readonly at: number }
  | { readonly kind: 'status'; readonly status: number; readonly code: string; readonly problemJson: boolean; readonly at: number }
  | { readonly kind: 'no-answer'; readonly error: string; readonly at: number };

export async function submit(url: string, token: string, timeoutMs = 30_000): Promise<Submission> {
  try {
    const res = await fetch(`${url}/v1/exchanges`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: exchangeBody,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const answer = JSON.parse(text) as { exchangeId?: string; code?: string };
    if (res.status === 202 && typeof answer.exchangeId === 'string') return { kind: 'accepted', exchangeId: answer.exchangeId, at: Date.now() };
    const problemJson = (res.headers.get('content-type') ?? '').startsWith('application/problem+json');
    return { kind: 'status', status: res.status, code: answer.code ?? '?', problemJson, at: Date.now() };
  } catch (error) {
    return { kind: 'no-answer', error: (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name, at: Date.now() };
  }
}

/** A tally of submissions: the accepted ids in order, and the other answers by kind. */
export class Tally {
  readonly accepted: string[] = [];
  readonly statuses = new Map<string, number>();
  readonly noAnswer = new Map<string, number>();
  add(s: Submission): void {
    if (s.kind === 'accepted') this.accepted.push(s.exchangeId);
    else if (s.kind === 'status') this.statuses.set(`${s.status} ${s.code}${s.problemJson ? '' : ' (not problem+json)'}`, (this.statuses.get(`${s.status} ${s.code}${s.problemJson ? '' : ' (not problem+json)'}`) ?? 0) + 1);
    else this.noAnswer.set(s.error, (this.noAnswer.get(s.error) ?? 0) + 1);
  }
  count(prefix: string): number {
    return [...this.statuses].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
  }
  summary(): string {
    const parts = [`${this.accepted.length} × 202`, ...[...this.statuses].map(([k, v]) => `${v} × ${k}`), ...[...this.noAnswer].map(([k, v]) => `${v} × no answer (${k})`)];
    return parts.join(', ');
  }
}

// ---------------------------------------------------------------------------------------------------
// The store, read directly

export interface StoreReader {
  /** Rows of a query written with $1, $2 ... (translated for SQLite). */
  all<R>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export function sqliteReader(file: string): StoreReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    all: <R>(sql: string, params: unknown[] = []) => Promise.resolve(db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as R[]),
    close: () => { db.close(); return Promise.resolve(); },
  };
}

export async function pgReader(url: string, schema: string): Promise<StoreReader> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    all: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
    close: () => client.end(),
  };
}

export async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The schemas the scenarios created and have not dropped yet (dropped by dropLeftoverSchemas on Ctrl-C). */
const schemas = new Map<string, string>();

/** A fresh schema name and the store URL for it on the server `pgUrl`. */
export function pgSchemaUrl(pgUrl: string, prefix: string, options: Record<string, string> = {}): { schema: string; storeUrl: string } {
  const schema = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  schemas.set(schema, pgUrl);
  const url = new URL(pgUrl);
  url.searchParams.set('schema', schema);
  for (const [k, v] of Object.entries(options)) url.searchParams.set(k, v);
  return { schema, storeUrl: url.toString() };
}

export async function dropPgSchema(pgUrl: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  await withPg(pgUrl, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  schemas.delete(schema);
}

export async function dropLeftoverSchemas(): Promise<void> {
  for (const [schema, pgUrl] of schemas) await dropPgSchema(pgUrl, schema).catch(() => undefined);
}

/**
 * What the store holds for the given exchanges: exchanges rows, outbox rows and statuses, and audit
 * submissions and successful deliveries, each counted per exchange id.
 */
export interface StoreCounts {
  readonly exchangeRows: Map<string, number>;
  readonly outboxStatus: Map<string, string>;
  readonly submitted: Map<string, number>;
  readonly delivered: Map<string, number>;
}

export async function storeCounts(reader: StoreReader): Promise<StoreCounts> {
  const bump = (m: Map<string, number>, k: string): void => { m.set(k, (m.get(k) ?? 0) + 1); };
  const exchangeRows = new Map<string, number>();
  for (const r of await reader.all<{ id: string }>('SELECT id FROM exchanges')) bump(exchangeRows, r.id);
  const outboxStatus = new Map<string, string>();
  for (const r of await reader.all<{ exchange_id: string; status: string }>('SELECT exchange_id, status FROM outbox')) outboxStatus.set(r.exchange_id, r.status);
  const submitted = new Map<string, number>();
  const delivered = new Map<string, number>();
  const audit = await reader.all<{ exchange_id: string; action: string; outcome: string }>(
    "SELECT exchange_id, action, outcome FROM audit WHERE exchange_id IS NOT NULL AND action IN ('exchange.submit', 'delivery.attempt')",
  );
  for (const r of audit) {
    if (r.action === 'exchange.submit' && r.outcome === 'allowed') bump(submitted, r.exchange_id);
    if (r.action === 'delivery.attempt' && r.outcome === 'delivered') bump(delivered, r.exchange_id);
  }
  return { exchangeRows, outboxStatus, submitted, delivered };
}

/**
 * The checks every scenario makes on its accepted exchanges: each is in the store once (one exchanges
 * row, one outbox row, one submission record), delivered (outbox and audit), and arrived at the
 * receiver. Returns how many were checked.
 */
export function checkAccepted(failures: string[], accepted: readonly string[], counts: StoreCounts, arrivals: ReadonlyMap<string, readonly number[]>): void {
  const list = (ids: string[]): string => `${ids.length} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', ...' : ''})`;
  check(failures, new Set(accepted).size === accepted.length, 'an exchange id was answered 202 twice');
  const notOnce = accepted.filter((id) => counts.exchangeRows.get(id) !== 1 || counts.submitted.get(id) !== 1);
  check(failures, notOnce.length === 0, `202'd exchanges not in the store exactly once: ${list(notOnce)}`);
  const undelivered = accepted.filter((id) => counts.outboxStatus.get(id) !== 'delivered' || counts.delivered.get(id) !== 1);
  check(failures, undelivered.length === 0, `202'd exchanges not delivered (outbox and one audit record): ${list(undelivered)}`);
  const missing = accepted.filter((id) => !arrivals.has(id));
  check(failures, missing.length === 0, `202'd exchanges that never reached the receiver: ${list(missing)}`);
}

/** Waits until every id has arrived at the receiver (or the time is up); returns the ones still missing. */
export async function waitForArrivals(ids: readonly string[], arrivals: ReadonlyMap<string, readonly number[]>, limitMs: number): Promise<string[]> {
  const deadline = Date.now() + limitMs;
  let missing = ids.filter((id) => !arrivals.has(id));
  while (missing.length > 0 && Date.now() < deadline) {
    await sleep(200);
    missing = missing.filter((id) => !arrivals.has(id));
  }
  return missing;
}

/** Waits until no outbox row is pending any more (delivered, dead or cancelled), or the time is up. */
export async function waitForSettled(reader: StoreReader, limitMs: number): Promise<number> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const [row] = await reader.all<{ n: number | string }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
    const pending = Number(row?.n ?? 0);
    if (pending === 0 || Date.now() >= deadline) return pending;
    await sleep(250);
  }
}

// ---------------------------------------------------------------------------------------------------
// audit verify

export interface AuditVerdict {
  readonly ok: boolean;
  readonly checked: number;
  readonly summary: string;
}

/** `ketenpoort audit verify --config FILE`: the chain, its signed checkpoints and the witness file. */
export function auditVerify(configFile: string, env: Record<string, string> = {}): Promise<AuditVerdict> {
  return new Promise((resolveVerdict) => {
    execFile(process.execPath, [cli, 'audit', 'verify', '--config', configFile, '--json'], { cwd: repoRoot, env: gatewayEnv(env), maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      try {
        const result = JSON.parse(stdout) as { ok: boolean; checked: number };
        resolveVerdict({ ok: result.ok && error === null, checked: result.checked, summary: stderr.trim().split('\n').at(-1) ?? '' });
      } catch {
        resolveVerdict({ ok: false, checked: 0, summary: `audit verify failed: ${error?.message ?? ''} ${stderr.slice(0, 2000)}` });
      }
    });
  });
}
