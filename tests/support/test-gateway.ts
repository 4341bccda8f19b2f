// Test configs: the demo config's parties and policy, with a temporary data folder (fresh demo keys
// and SQLite file) and rest-json endpoints pointing at a FakeReceiver.
//
// KETENPOORT_TEST_STORE_URL (optional, unset in CI): runs every test gateway on that store instead of
// its own SQLite file, e.g. to run the HTTP and e2e suites against PostgreSQL:
//   KETENPOORT_TEST_STORE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run tests/integration/http-api.test.ts
// A postgres:// URL without ?schema= gets a fresh schema per test config, dropped by cleanup().
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import type { GatewayConfig } from '../../src/config/config-types.ts';
import { mintDemoToken } from '../../src/auth/tokens.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import pg from 'pg';
import { freshSchema } from './postgres.ts';

/** The store for test gateways when KETENPOORT_TEST_STORE_URL is set (see above); undefined: SQLite. */
function storeOverride(): { readonly url: string; readonly drop?: () => Promise<void> } | undefined {
  const raw = process.env.KETENPOORT_TEST_STORE_URL?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^postgres(ql)?:/.test(raw)) return { url: raw };
  const url = new URL(raw);
  if (url.searchParams.has('schema')) return { url: raw };
  const schema = freshSchema('kp_tgw');
  url.searchParams.set('schema', schema);
  const drop = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: raw });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  };
  return { url: url.toString(), drop };
}

/** The iJw messages a municipality receives: for a municipality whose system speaks only iJw XML. */
export const IJW_TO_GEMEENTE: readonly string[] = ['JW302', 'JW305', 'JW307', 'JW315', 'JW317', 'JW320', 'JW323'];
/** What a provider on FHIR takes: the types the FHIR adapter maps that the policy lets reach a provider (ConsentNotice: the gateway's own). */
export const FHIR_PROVIDER_TYPES: readonly string[] = ['JW301', 'JW319', 'VeiligThuisOverdracht', 'ConsentNotice'];

export interface TestConfigOptions {
  /** Base URL of a FakeReceiver: every party then uses rest-json to `${receiverUrl}/<party id>`. */
  readonly receiverUrl?: string;
  /** Parties that keep the inbox adapter even when receiverUrl is set. */
  readonly inboxParties?: readonly string[];
  /** Adapters for particular parties (after receiverUrl is applied), e.g. ijw-xml or fhir to a test server. */
  readonly adapters?: Readonly<Record<string, { readonly kind: string; readonly endpoint?: string; readonly messageTypes?: readonly string[] }>>;
  /** Other settings for particular parties, merged into their config entries (e.g. `{ ijwRetour: 'gateway' }`). */
  readonly partySettings?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly delivery?: Record<string, number>;
  readonly port?: number;
  /** Batch sources per party id (pull-sync): `{kind, endpoint}`. */
  readonly sources?: Readonly<Record<string, { readonly kind: string; readonly endpoint: string }>>;
  readonly extra?: Record<string, unknown>;
  /**
   * The carePath config section. Default: care paths off. The suites that test the HTTP, batch and
   * delivery mechanics send the same sample messages again and again, which the care path's process
   * rules rightly refuse (TR056, TR347, TR374); the care path itself is tested through the HTTP API,
   * pull-sync and the XML folder source in tests/integration/care-path-*.test.ts, which pass this.
   */
  readonly carePath?: Record<string, unknown>;
}

export interface TestConfig {
  readonly file: string;
  readonly dir: string;
  readonly config: GatewayConfig;
  token(partyId: string): string;
  cleanup(): void;
}

export function writeTestConfig(options: TestConfigOptions = {}): TestConfig {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-test-'));
  const store = storeOverride();
  const demo = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo.json'), 'utf8')) as Record<string, unknown> & { parties: Record<string, unknown>[] };
  const parties = demo.parties.map((p) =>
    options.receiverUrl !== undefined && !(options.inboxParties ?? []).includes(p.id as string)
      ? { ...p, adapter: { kind: 'rest-json', endpoint: `${options.receiverUrl}/${String(p.id)}` } }
      : p,
  ).map((p) => (options.adapters?.[p.id as string] !== undefined ? { ...p, adapter: options.adapters[p.id as string] } : p))
    // The demo's folder source is relative to config/demo.json; this copy lives elsewhere.
    .map((p) => {
      const source = p.source as { kind: string; endpoint: string } | undefined;
      return source?.kind === 'ijw-xml-folder' ? { ...p, source: { ...source, endpoint: resolve(repoRoot, 'config', source.endpoint) } } : p;
    })
    .map((p) => (options.sources?.[p.id as string] !== undefined ? { ...p, source: options.sources[p.id as string] } : p))
    .map((p) => ({ ...p, ...options.partySettings?.[p.id as string] }));
  const raw = {
    ...demo,
    dataDir: './data',
    gateway: { audience: 'https://ketenpoort.test', host: '127.0.0.1', port: options.port ?? 0 },
    store: { url: store?.url ?? 'sqlite:${dataDir}/ketenpoort.db' },
    policyFile: resolve(repoRoot, 'consent/policy.default.json'),
    delivery: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 3, pollIntervalMs: 20, timeoutMs: 2000, ...options.delivery },
    log: { level: 'warn' },
    carePath: options.carePath ?? { enabled: false },
    // The demo receivers listen at the demo endpoints' fixed ports: off in test configs, whose parties
    // point elsewhere (a test that wants them passes demoReceivers in extra).
    demoReceivers: [],
    parties,
    ...options.extra,
  };
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(raw, null, 2));
  const config = loadConfig(file, {});
  return {
    file,
    dir,
    config,
    token: (partyId) => mintDemoToken(config, partyId),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      // Fire and forget: cleanup() is synchronous; a schema left behind only takes space in the test database.
      if (store?.drop !== undefined) void store.drop().catch(() => undefined);
    },
  };
}
