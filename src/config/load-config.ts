// Config is a schema: one file plus environment variables, validated against
// schemas/config.schema.json at startup, every problem reported at once, then frozen (conventions 10).
// Secrets have no defaults: outside demo mode the pseudonym secret must come from the environment or
// the file. In demo mode a random one is created once under the data folder.

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { KeyObject } from 'node:crypto';
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import type { CarePathConfig, DemoReceiverKind, GatewayConfig, IjwRetourMode, Party, PartyKey, StaffMember } from './config-types.ts';
import { publicKeysOf, type RawJwk } from './party-keys.ts';
import type { PartyRole, Regime } from '../kernel/party-role.ts';
import { defaultCatalogueFile } from '../../consent/legal-basis-catalogue.ts';
import { defaultConsentSettings, type CustodianRule, type TwelveToFifteenRule } from '../../consent/age-rules.ts';
import { ensureDemoState } from './demo-keys.ts';
import { repoRoot } from '../kernel/repo-root.ts';
import { schemaValidator } from '../validation/schema-registry.ts';
import { isGemeentecode } from '../validation/identifiers.ts';

export const defaultConfigFile = resolve(repoRoot, 'config/demo.json');

interface RawParty {
  id: string;
  role: PartyRole;
  name: string;
  identifiers: Party['identifiers'];
  adapter: Party['adapter'];
  regime?: Regime;
  designations?: string[];
  ijwRetour?: IjwRetourMode;
  source?: { kind: string; endpoint: string };
  jwks?: { keys: RawJwk[] };
  jwksFile?: string;
  jwksUri?: string;
  disabled?: boolean;
}
interface RawStaff {
  id: string;
  role: StaffMember['role'];
  name: string;
  organisation?: string;
  jwks?: { keys: RawJwk[] };
  jwksFile?: string;
}
interface RawRateLimit { perSecond: number; burst?: number }
interface RawConfig {
  dataDir?: string;
  demo?: boolean;
  demoReceivers?: DemoReceiverKind[];
  gateway: {
    audience: string; host?: string; port: number; bodyLimitBytes?: number; maxJsonDepth?: number;
    headersTimeoutMs?: number; bodyTimeoutMs?: number; requestTimeoutMs?: number; keepAliveTimeoutMs?: number;
  };
  store: { url: string; groupCommit?: { maxBatch?: number; maxWaitMs?: number } };
  policyFile: string;
  legalBasisCatalogueFile?: string;
  consent?: { custodians?: CustodianRule; twelveToFifteen?: { jeugdwet?: TwelveToFifteenRule; wgbo?: TwelveToFifteenRule } };
  pseudonymSecret: string;
  auth?: { maxTokenLifetimeSeconds?: number; clockToleranceSeconds?: number };
  delivery?: Partial<GatewayConfig['delivery']>;
  log?: { level?: GatewayConfig['log']['level'] };
  audit?: { signingKeyFile?: string; witnessFile?: string; witnessUrl?: string; witnessTimeoutMs?: number; checkpoint?: { enabled?: boolean; everyRecords?: number; everySeconds?: number } };
  scheduler?: { enabled?: boolean; reconcileIntervalMs?: number };
  console?: {
    publicUrl?: string;
    sessionMinutes?: number;
    idleMinutes?: number;
    oidc?: { issuer: string; clientId: string; clientSecret: string; scopes?: string[]; roleClaim?: string; nameClaim?: string; roleValues?: Partial<Record<StaffMember['role'], string[]>> };
  };
  carePath?: Partial<Omit<CarePathConfig, 'modes' | 'termSettings' | 'webhook'>> & {
    webhook?: { endpoint: string };
    mode?: CarePathConfig['modes']['mode'];
    rules?: CarePathConfig['modes']['rules'];
  } & CarePathConfig['termSettings'];
  statistics?: { suppressionThreshold?: number; refreshSeconds?: number };
  metrics?: { host?: string; port: number };
  subscriptions?: { allowedHosts?: string[]; allowPrivateNetworks?: boolean; maxPerParty?: number };
  regie?: { registrarRoles?: PartyRole[]; handoverTermWorkingDays?: number; withoutRegieSignalDays?: number; overdrachtOpenDays?: number };
  rateLimits?: { default?: RawRateLimit; routes?: Record<string, RawRateLimit>; parties?: Record<string, Record<string, RawRateLimit>> };
  backPressure?: { maxPendingDeliveries?: number; maxOldestPendingSeconds?: number; refreshSeconds?: number; retryAfterSeconds?: number };
  parties: RawParty[];
  staff?: RawStaff[];
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The HTTP server's timeouts (src/http/http-server.ts; README, "Configuration"). Headers: 20 s, ample
 * for a system client, short for a connection that drips them. Body: 20 s of silence from a request
 * that declared a body is answered 408 (within 30 s, checked four times per timeout). Request: 300 s
 * for the whole request, Node's own default: at the default 1 MiB body limit an upload of 3.5 KB/s
 * still fits. Keep-alive: 65 s, longer than the 60 s idle timeout of common load balancers, so that the
 * gateway does not close a connection the balancer is about to reuse.
 */
function httpTimeouts(gateway: RawConfig['gateway']): Pick<GatewayConfig['gateway'], 'headersTimeoutMs' | 'bodyTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'> {
  return {
    headersTimeoutMs: gateway.headersTimeoutMs ?? 20_000,
    bodyTimeoutMs: gateway.bodyTimeoutMs ?? 20_000,
    requestTimeoutMs: gateway.requestTimeoutMs ?? 300_000,
    keepAliveTimeoutMs: gateway.keepAliveTimeoutMs ?? 65_000,
  };
}

function configError(errors: FieldError[], file: string): GatewayError {
  const lines = errors.map((e) => `  ${e.pointer || '/'}: ${e.detail}`).join('\n');
  return new GatewayError('config-invalid', { detail: `${file} is invalid:\n${lines}`, errors });
}

/**
 * A required setting that may come from the environment says so where it is missing (found by a
 * new-user walk: "/pseudonymSecret: is required" did not say where a secret goes, nor which one).
 */
const environmentHints: Readonly<Record<string, string>> = {
  '/pseudonymSecret':
    'set it in the file or in KETENPOORT_PSEUDONYM_SECRET: a long random secret (e.g. `openssl rand -hex 32`), kept for good, as every child\'s pseudonym in the audit log is computed with it',
  '/store/url': 'set it in the file or in KETENPOORT_STORE_URL (sqlite:PATH or postgres://...)',
};

function withEnvironmentHint(error: FieldError): FieldError {
  const hint = environmentHints[error.pointer];
  return hint !== undefined && error.detail === 'is required' ? { ...error, detail: `is required: ${hint}` } : error;
}

/** Applies the environment on top of the file; only the documented variables are read. */
function applyEnvironment(raw: Record<string, unknown>, env: Environment): void {
  const gateway = (raw.gateway ??= {}) as Record<string, unknown>;
  const store = (raw.store ??= {}) as Record<string, unknown>;
  if (env.PORT !== undefined) gateway.port = /^\d+$/.test(env.PORT) ? Number(env.PORT) : env.PORT;
  if (env.KETENPOORT_HOST !== undefined) gateway.host = env.KETENPOORT_HOST;
  if (env.KETENPOORT_STORE_URL !== undefined) store.url = env.KETENPOORT_STORE_URL;
  if (env.KETENPOORT_PSEUDONYM_SECRET !== undefined) raw.pseudonymSecret = env.KETENPOORT_PSEUDONYM_SECRET;
  if (env.KETENPOORT_DATA_DIR !== undefined) raw.dataDir = env.KETENPOORT_DATA_DIR;
  if (env.KETENPOORT_LOG_LEVEL !== undefined) raw.log = { ...(raw.log as object | undefined), level: env.KETENPOORT_LOG_LEVEL };
  if (env.KETENPOORT_AUDIT_SIGNING_KEY_FILE !== undefined) raw.audit = { ...(raw.audit as object | undefined), signingKeyFile: env.KETENPOORT_AUDIT_SIGNING_KEY_FILE };
  const consoleRaw = (): Record<string, unknown> => (raw.console ??= {}) as Record<string, unknown>;
  const oidcRaw = (): Record<string, unknown> => (consoleRaw().oidc ??= {}) as Record<string, unknown>;
  if (env.KETENPOORT_PUBLIC_URL !== undefined) consoleRaw().publicUrl = env.KETENPOORT_PUBLIC_URL;
  if (env.KETENPOORT_OIDC_ISSUER !== undefined) oidcRaw().issuer = env.KETENPOORT_OIDC_ISSUER;
  if (env.KETENPOORT_OIDC_CLIENT_ID !== undefined) oidcRaw().clientId = env.KETENPOORT_OIDC_CLIENT_ID;
  if (env.KETENPOORT_OIDC_CLIENT_SECRET !== undefined) oidcRaw().clientSecret = env.KETENPOORT_OIDC_CLIENT_SECRET;
  if (env.KETENPOORT_AUDIT_WITNESS_FILE !== undefined) raw.audit = { ...(raw.audit as object | undefined), witnessFile: env.KETENPOORT_AUDIT_WITNESS_FILE };
  if (env.KETENPOORT_AUDIT_WITNESS_URL !== undefined) raw.audit = { ...(raw.audit as object | undefined), witnessUrl: env.KETENPOORT_AUDIT_WITNESS_URL };
  // A comma-separated list of demo receivers, or `none` (the schema checks each name).
  if (env.KETENPOORT_DEMO_RECEIVERS !== undefined) {
    const list = env.KETENPOORT_DEMO_RECEIVERS.trim();
    raw.demoReceivers = list === 'none' || list === '' ? [] : list.split(',').map((kind) => kind.trim());
  }
}

/**
 * The demo receivers (src/demo/demo-receivers.ts) listen where the demo parties' endpoints point: each
 * named kind needs a party of that adapter kind with an http endpoint on this machine and a port, and
 * a port serves one kind. Demo mode only: a real gateway delivers to real systems.
 */
function checkDemoReceivers(config: RawConfig, errors: FieldError[]): void {
  const kinds = config.demoReceivers ?? [];
  if (kinds.length === 0) return;
  if (config.demo !== true) {
    errors.push({ pointer: '/demoReceivers', detail: 'demo receivers are for the demo configuration only ("demo": true)' });
    return;
  }
  const kindByPort = new Map<number, string>();
  for (const kind of kinds) {
    const endpoints = config.parties.filter((p) => p.adapter.kind === kind && p.adapter.endpoint !== undefined).map((p) => demoEndpoint(p.adapter.endpoint ?? ''));
    if (endpoints.length === 0) errors.push({ pointer: '/demoReceivers', detail: `no party delivers with adapter "${kind}": nothing for its demo receiver to receive` });
    for (const endpoint of endpoints) {
      if (endpoint === undefined) {
        errors.push({ pointer: '/demoReceivers', detail: `a demo receiver "${kind}" listens on 127.0.0.1: every "${kind}" endpoint must be http://127.0.0.1:PORT/... (or localhost)` });
        continue;
      }
      const other = kindByPort.get(endpoint.port);
      if (other !== undefined && other !== kind) errors.push({ pointer: '/demoReceivers', detail: `port ${endpoint.port} is named by a "${other}" and a "${kind}" endpoint; a demo receiver takes one kind` });
      kindByPort.set(endpoint.port, kind);
    }
  }
}

/** The port of an endpoint on this machine (http, 127.0.0.1 or localhost, an explicit port), else undefined. */
export function demoEndpoint(endpoint: string): { readonly port: number; readonly path: string } | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname) || url.port === '') return undefined;
  return { port: Number(url.port), path: url.pathname };
}

function loadPartyKeys(party: RawParty | RawStaff, pointer: string, baseDir: string, errors: FieldError[]): PartyKey[] {
  // A party that publishes its JWKS has no keys here: they are fetched when its tokens arrive.
  if ('jwksUri' in party && party.jwksUri !== undefined) return [];
  let jwks = party.jwks;
  if (party.jwksFile !== undefined) {
    const file = resolve(baseDir, party.jwksFile);
    try {
      jwks = JSON.parse(readFileSync(file, 'utf8')) as { keys: RawJwk[] };
    } catch (cause) {
      errors.push({ pointer: `${pointer}/jwksFile`, detail: `cannot read JWKS ${file}: ${(cause as Error).message}` });
      return [];
    }
  }
  const keys = publicKeysOf(jwks ?? { keys: [] }, `${pointer}/jwks`, errors);
  // No keys at all is allowed (the party receives but cannot authenticate yet); a JWKS without a usable one is a mistake.
  if (jwks !== undefined && keys.length === 0 && !errors.some((e) => e.pointer.startsWith(pointer))) {
    errors.push({ pointer, detail: 'party has no usable public key' });
  }
  const kids = new Set<string>();
  keys.forEach((key) => {
    // The verifier picks a key by kid: two keys with one kid would make one of them unreachable.
    if (kids.has(key.kid)) errors.push({ pointer: `${pointer}/jwks`, detail: `duplicate kid "${key.kid}"` });
    kids.add(key.kid);
  });
  return keys;
}

function checkPartiesConsistent(parties: RawParty[], errors: FieldError[]): void {
  const today = new Date().toISOString().slice(0, 10);
  const seen = new Map<string, number>();
  // iJw routing and the sender check look parties up by code: two parties with one code would
  // silently make the last one win.
  const codes = new Map<string, string>();
  parties.forEach((p, i) => {
    const pointer = `/parties/${i}`;
    if (seen.has(p.id)) errors.push({ pointer: `${pointer}/id`, detail: `duplicate party id "${p.id}"` });
    seen.set(p.id, i);
    for (const [kind, code] of [['gemeentecode', p.identifiers.gemeentecode], ['agb', p.identifiers.agb]] as const) {
      if (code === undefined) continue;
      const owner = codes.get(code);
      if (owner !== undefined) errors.push({ pointer: `${pointer}/identifiers/${kind}`, detail: `${code} is already the code of party "${owner}"` });
      else codes.set(code, p.id);
    }
    if (p.role === 'gemeente' && p.identifiers.gemeentecode === undefined) {
      errors.push({ pointer: `${pointer}/identifiers`, detail: 'a gemeente needs its gemeentecode (iJw routing)' });
    }
    // The schema knows four digits; the CBS list knows which of them are municipalities (TR378). Here,
    // not only in `party add`: a code typed into the file by hand would route iJw messages to nobody.
    // A disabled party is kept for its history and sends nothing: a municipality merged away (its code
    // gone from a newer list) may stay in the file that way.
    const gemeentecode = p.identifiers.gemeentecode;
    if (p.disabled !== true && gemeentecode !== undefined && /^[0-9]{4}$/.test(gemeentecode) && !isGemeentecode(gemeentecode, today)) {
      errors.push({ pointer: `${pointer}/identifiers/gemeentecode`, detail: `${gemeentecode} is not a municipality in the CBS list` });
    }
    if ((p.role === 'aanbieder' || p.role === 'gi') && p.identifiers.agb === undefined) {
      errors.push({ pointer: `${pointer}/identifiers`, detail: 'an aanbieder or GI needs its AGB code (iJw routing)' });
    }
    if (p.adapter.kind !== 'inbox' && p.adapter.endpoint === undefined) {
      errors.push({ pointer: `${pointer}/adapter/endpoint`, detail: `adapter "${p.adapter.kind}" needs an endpoint` });
    }
    const keySources = (['jwks', 'jwksFile', 'jwksUri'] as const).filter((k) => p[k] !== undefined);
    if (keySources.length > 1) errors.push({ pointer, detail: `keys in one place only: ${keySources.join(' and ')} are both set` });
    if (p.jwksUri !== undefined && !isSafeFetchUrl(p.jwksUri)) {
      errors.push({ pointer: `${pointer}/jwksUri`, detail: 'must be https (plain http only for a server on this machine)' });
    }
  });
}

/** `${dataDir}` in the store URL and JWKS file paths stands for the data folder (demo and tests). */
function substituteDataDir(raw: Record<string, unknown>, dataDir: string): void {
  const sub = (v: unknown): unknown => (typeof v === 'string' ? v.replaceAll('${dataDir}', dataDir) : v);
  const store = raw.store as Record<string, unknown> | undefined;
  if (store) store.url = sub(store.url);
  for (const list of [raw.parties, raw.staff]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list as Record<string, unknown>[]) {
      if (typeof entry === 'object' && 'jwksFile' in entry) entry.jwksFile = sub(entry.jwksFile);
      const source = typeof entry === 'object' ? (entry.source as Record<string, unknown> | undefined) : undefined;
      if (source !== undefined && typeof source === 'object') source.endpoint = sub(source.endpoint);
    }
  }
  const audit = raw.audit as Record<string, unknown> | undefined;
  if (audit !== undefined && typeof audit === 'object') {
    if ('signingKeyFile' in audit) audit.signingKeyFile = sub(audit.signingKeyFile);
    if ('witnessFile' in audit) audit.witnessFile = sub(audit.witnessFile);
  }
}

/** https, or plain http to this machine only (a test server, a local identity provider). */
function isSafeFetchUrl(url: string): boolean {
  return /^https:\/\//.test(url) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(url);
}

function resolveStoreUrl(url: string, baseDir: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:' || isAbsolute(path)) return url;
  return `sqlite:${resolve(baseDir, path)}`;
}

/**
 * Loads, validates and freezes the configuration. Throws one GatewayError('config-invalid') listing
 * every problem. In demo mode, missing demo keys and the demo pseudonym secret are created first.
 */
export function loadConfig(file: string = defaultConfigFile, env: Environment = process.env): GatewayConfig {
  const absolute = resolve(file);
  const dir = dirname(absolute);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(absolute, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw configError([{ pointer: '', detail: `cannot read config: ${(cause as Error).message}` }], absolute);
  }
  applyEnvironment(raw, env);

  const dataDir = resolve(dir, typeof raw.dataDir === 'string' ? raw.dataDir : './data');
  substituteDataDir(raw, dataDir);
  if (raw.demo === true) ensureDemoState(raw, dir, dataDir);

  const schemaErrors = schemaValidator<RawConfig>('config.schema.json').check(raw);
  if (schemaErrors.length > 0) throw configError(schemaErrors.map(withEnvironmentHint), absolute);
  const config = raw as unknown as RawConfig;
  const errors: FieldError[] = [];
  checkPartiesConsistent(config.parties, errors);
  const parties: Party[] = config.parties.map((p, i) => ({
    id: p.id,
    role: p.role,
    name: p.name,
    identifiers: { ...p.identifiers },
    adapter: { ...p.adapter, ...(p.adapter.messageTypes !== undefined ? { messageTypes: [...p.adapter.messageTypes] } : {}) },
    regime: p.regime ?? 'jeugdwet',
    designations: [...(p.designations ?? [])],
    ijwRetour: p.ijwRetour ?? 'receiver',
    // A folder source is a path: relative to the config file, like every other path in it.
    ...(p.source !== undefined ? { source: { kind: p.source.kind, endpoint: /^https?:\/\//.test(p.source.endpoint) ? p.source.endpoint : resolve(dir, p.source.endpoint) } } : {}),
    keys: loadPartyKeys(p, `/parties/${i}`, dir, errors),
    ...(p.jwksUri !== undefined ? { jwksUri: p.jwksUri } : {}),
    disabled: p.disabled ?? false,
  }));
  const staff: StaffMember[] = (config.staff ?? []).map((m, i) => ({
    id: m.id,
    role: m.role,
    name: m.name,
    ...(m.organisation !== undefined ? { organisation: m.organisation } : {}),
    keys: loadPartyKeys(m, `/staff/${i}`, dir, errors),
  }));
  const partyIds = new Set(config.parties.map((p) => p.id));
  (config.staff ?? []).forEach((m, i) => {
    if (partyIds.has(m.id)) errors.push({ pointer: `/staff/${i}/id`, detail: `"${m.id}" is already a party id` });
  });
  const d = config.delivery ?? {};
  // A lease shorter than a delivery attempt would let a row be claimed again while it is still being delivered.
  if ((d.leaseMs ?? 30_000) <= (d.timeoutMs ?? 10_000)) {
    errors.push({ pointer: '/delivery/leaseMs', detail: 'must be longer than delivery.timeoutMs' });
  }
  const timeouts = httpTimeouts(config.gateway);
  // Node refuses a headers timeout above the request timeout; a body timeout above it would never fire.
  if (timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) errors.push({ pointer: '/gateway/headersTimeoutMs', detail: 'must not be longer than gateway.requestTimeoutMs' });
  if (timeouts.bodyTimeoutMs > timeouts.requestTimeoutMs) errors.push({ pointer: '/gateway/bodyTimeoutMs', detail: 'must not be longer than gateway.requestTimeoutMs' });
  const issuer = config.console?.oidc?.issuer;
  if (issuer !== undefined && !isSafeFetchUrl(issuer)) {
    errors.push({ pointer: '/console/oidc/issuer', detail: 'must be https (plain http only for a provider on this machine)' });
  }
  const signingKeyJwk = signingKeyFromEnvironment(env, config, errors);
  const audit = auditFiles(config, dir, dataDir, signingKeyJwk);
  if (audit.signingKeyFile !== null && !config.demo && storeFolder(config.store.url, dir) === dirname(audit.signingKeyFile)) {
    // Whoever can write the database could read the key beside it and sign a rewritten history.
    errors.push({ pointer: '/audit/signingKeyFile', detail: 'the signing key must not sit in the database\'s folder: keep it where the database administrator cannot read it' });
  }
  if (audit.signingKeyFile === null && audit.signingKeyJwk === null) {
    // Without a key nothing is signed, so nothing would be checkpointed or witnessed: say so at startup.
    if (config.audit?.checkpoint?.enabled === true) errors.push({ pointer: '/audit/checkpoint/enabled', detail: 'automatic checkpoints need a signing key (audit.signingKeyFile)' });
    if (config.audit?.witnessUrl !== undefined) errors.push({ pointer: '/audit/witnessUrl', detail: 'a witness receives signed checkpoints: it needs a signing key (audit.signingKeyFile)' });
  }
  checkEdgeLimits(config, new Set([...partyIds, ...staff.map((m) => m.id)]), errors);
  checkDemoReceivers(config, errors);
  if (errors.length > 0) throw configError(errors, absolute);

  const result: GatewayConfig = {
    demo: config.demo ?? false,
    demoReceivers: [...(config.demoReceivers ?? [])],
    source: { file: absolute, dir },
    dataDir,
    gateway: {
      audience: config.gateway.audience,
      host: config.gateway.host ?? '127.0.0.1',
      port: config.gateway.port,
      bodyLimitBytes: config.gateway.bodyLimitBytes ?? 1_048_576,
      maxJsonDepth: config.gateway.maxJsonDepth ?? 32,
      ...httpTimeouts(config.gateway),
    },
    store: {
      url: resolveStoreUrl(config.store.url, dir),
      groupCommit: { maxBatch: config.store.groupCommit?.maxBatch ?? 128, maxWaitMs: config.store.groupCommit?.maxWaitMs ?? 0 },
    },
    policyFile: resolve(dir, config.policyFile),
    legalBasisCatalogueFile: config.legalBasisCatalogueFile === undefined ? defaultCatalogueFile : resolve(dir, config.legalBasisCatalogueFile),
    consent: {
      custodians: config.consent?.custodians ?? defaultConsentSettings.custodians,
      twelveToFifteen: {
        jeugdwet: config.consent?.twelveToFifteen?.jeugdwet ?? defaultConsentSettings.twelveToFifteen.jeugdwet,
        wgbo: config.consent?.twelveToFifteen?.wgbo ?? defaultConsentSettings.twelveToFifteen.wgbo,
      },
    },
    pseudonymSecret: config.pseudonymSecret,
    auth: {
      maxTokenLifetimeSeconds: config.auth?.maxTokenLifetimeSeconds ?? 300,
      clockToleranceSeconds: config.auth?.clockToleranceSeconds ?? 30,
    },
    delivery: {
      maxAttempts: d.maxAttempts ?? 8,
      baseDelayMs: d.baseDelayMs ?? 1000,
      maxDelayMs: d.maxDelayMs ?? 300_000,
      leaseMs: d.leaseMs ?? 30_000,
      batchSize: d.batchSize ?? 64,
      concurrency: d.concurrency ?? 32,
      pollIntervalMs: d.pollIntervalMs ?? 100,
      timeoutMs: d.timeoutMs ?? 10_000,
      payloadRetentionHours: d.payloadRetentionHours ?? 24,
    },
    log: { level: config.log?.level ?? 'info' },
    audit,
    scheduler: { enabled: config.scheduler?.enabled ?? true, reconcileIntervalMs: config.scheduler?.reconcileIntervalMs ?? 10_000 },
    console: consoleSettings(config),
    carePath: carePathSettings(config.carePath),
    statistics: { suppressionThreshold: config.statistics?.suppressionThreshold ?? 10, refreshSeconds: config.statistics?.refreshSeconds ?? 300 },
    subscriptions: {
      allowedHosts: config.subscriptions?.allowedHosts ?? [],
      allowPrivateNetworks: config.subscriptions?.allowPrivateNetworks ?? false,
      maxPerParty: config.subscriptions?.maxPerParty ?? 10,
    },
    regie: {
      registrarRoles: config.regie?.registrarRoles ?? ['gemeente', 'gi'],
      handoverTermWorkingDays: config.regie?.handoverTermWorkingDays ?? 5,
      withoutRegieSignalDays: config.regie?.withoutRegieSignalDays ?? 10,
      overdrachtOpenDays: config.regie?.overdrachtOpenDays ?? 90,
    },
    ...edgeLimits(config),
    parties,
    staff,
  };
  return deepFreeze(result);
}

/** Limits at the edge that name things the schema cannot check: known principals, a port of its own. */
function checkEdgeLimits(config: RawConfig, principals: ReadonlySet<string>, errors: FieldError[]): void {
  for (const id of Object.keys(config.rateLimits?.parties ?? {})) {
    if (!principals.has(id)) errors.push({ pointer: `/rateLimits/parties/${id}`, detail: `"${id}" is not a party or staff id` });
  }
  const port = config.metrics?.port;
  if (port !== undefined && port !== 0 && port === config.gateway.port) {
    errors.push({ pointer: '/metrics/port', detail: 'must differ from gateway.port (metrics are never served on the API port)' });
  }
}

function edgeLimits(config: RawConfig): Pick<GatewayConfig, 'metrics' | 'rateLimits' | 'backPressure'> {
  // A burst of at least one request, and by default one second's worth.
  const limit = (raw: RawRateLimit): { perSecond: number; burst: number } => ({ perSecond: raw.perSecond, burst: raw.burst ?? Math.max(1, Math.ceil(raw.perSecond)) });
  const limits = (raw: Record<string, RawRateLimit> = {}): Record<string, { perSecond: number; burst: number }> =>
    Object.fromEntries(Object.entries(raw).map(([route, l]) => [route, limit(l)]));
  const r = config.rateLimits ?? {};
  const b = config.backPressure ?? {};
  return {
    metrics: config.metrics === undefined ? null : { host: config.metrics.host ?? '127.0.0.1', port: config.metrics.port },
    rateLimits: {
      default: r.default === undefined ? null : limit(r.default),
      routes: limits(r.routes),
      parties: Object.fromEntries(Object.entries(r.parties ?? {}).map(([id, routes]) => [id, limits(routes)])),
    },
    backPressure: {
      maxPendingDeliveries: b.maxPendingDeliveries ?? null,
      maxOldestPendingSeconds: b.maxOldestPendingSeconds ?? null,
      refreshMs: Math.round((b.refreshSeconds ?? 1) * 1000),
      retryAfterSeconds: b.retryAfterSeconds ?? 5,
    },
  };
}

function consoleSettings(config: RawConfig): GatewayConfig['console'] {
  const c = config.console ?? {};
  const oidc = c.oidc;
  const roleClaim = oidc?.roleClaim ?? 'groups';
  return {
    publicUrl: c.publicUrl ?? null,
    sessionSeconds: (c.sessionMinutes ?? 480) * 60,
    idleSeconds: (c.idleMinutes ?? 30) * 60,
    oidc:
      oidc === undefined
        ? null
        : {
            issuer: oidc.issuer,
            clientId: oidc.clientId,
            clientSecret: oidc.clientSecret,
            scopes: oidc.scopes ?? ['openid', 'profile', ...(roleClaim === 'groups' || roleClaim === 'roles' ? [roleClaim] : [])],
            roleClaim,
            nameClaim: oidc.nameClaim ?? 'name',
            roleValues: {
              'privacy-officer': oidc.roleValues?.['privacy-officer'] ?? ['privacy-officer'],
              operator: oidc.roleValues?.operator ?? ['operator'],
              admin: oidc.roleValues?.admin ?? ['admin'],
            },
          },
  };
}

function carePathSettings(raw: RawConfig['carePath'] = {}): CarePathConfig {
  const { enabled, mode, rules, migrationRequestDays, terms, calendar, regions, webhook } = raw;
  return {
    enabled: enabled ?? true,
    modes: { mode: mode ?? 'strict', rules: { ...rules } },
    migrationRequestDays: migrationRequestDays ?? 90,
    webhook: webhook === undefined ? null : { endpoint: webhook.endpoint },
    termSettings: { ...(terms !== undefined ? { terms } : {}), ...(calendar !== undefined ? { calendar } : {}), ...(regions !== undefined ? { regions } : {}) },
  };
}

function auditFiles(config: RawConfig, dir: string, dataDir: string, signingKeyJwk: string | null): GatewayConfig['audit'] {
  const signingKeyFile =
    config.audit?.signingKeyFile !== undefined
      ? resolve(dir, config.audit.signingKeyFile)
      : config.demo === true && signingKeyJwk === null
        ? resolve(dataDir, 'audit-signing-key.private.jwk.json')
        : null;
  // Where checkpoints are signed they are also witnessed: outside the database, by default beside it.
  const signed = signingKeyFile !== null || signingKeyJwk !== null;
  const witnessFile = config.audit?.witnessFile !== undefined ? resolve(dir, config.audit.witnessFile) : signed ? resolve(dataDir, 'audit.witness') : null;
  const checkpoint = config.audit?.checkpoint ?? {};
  return {
    signingKeyFile,
    signingKeyJwk,
    witnessFile,
    witnessUrl: config.audit?.witnessUrl ?? null,
    witnessTimeoutMs: config.audit?.witnessTimeoutMs ?? 5000,
    // 1,000 records: under a second of full load (bench: ~1,240 records/s), so at most that much is
    // protected by the chain only, for one signature, one row and one witness line per checkpoint.
    // 60 s: a quiet gateway's tail is witnessed within a minute.
    checkpoint: { enabled: (checkpoint.enabled ?? true) && signed, everyRecords: checkpoint.everyRecords ?? 1000, everySeconds: checkpoint.everySeconds ?? 60 },
  };
}

/** The key from KETENPOORT_AUDIT_SIGNING_KEY (an Ed25519 private JWK), checked for its shape; null when unset. */
function signingKeyFromEnvironment(env: Environment, config: RawConfig, errors: FieldError[]): string | null {
  const text = env.KETENPOORT_AUDIT_SIGNING_KEY;
  if (text === undefined || text.trim() === '') return null;
  if (config.audit?.signingKeyFile !== undefined) {
    errors.push({ pointer: '/audit/signingKeyFile', detail: 'KETENPOORT_AUDIT_SIGNING_KEY is set too: give the key one way only' });
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    jwk = undefined;
  }
  const k = jwk as Record<string, unknown> | null | undefined;
  if (k === null || k === undefined || typeof k !== 'object' || k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.d !== 'string' || typeof k.x !== 'string') {
    // Never echo the variable: it is a private key.
    errors.push({ pointer: '/audit/signingKey', detail: 'KETENPOORT_AUDIT_SIGNING_KEY is not an Ed25519 private key as a JWK (kty OKP, crv Ed25519, d, x)' });
    return null;
  }
  return text;
}

/** The folder of a SQLite store's file; undefined for PostgreSQL or an in-memory database. */
function storeFolder(url: string, dir: string): string | undefined {
  if (!url.startsWith('sqlite:')) return undefined;
  const path = url.slice('sqlite:'.length);
  return path === ':memory:' ? undefined : dirname(resolve(dir, path));
}

function deepFreeze<T>(value: T): T {
  // KeyObjects are native handles that cache internals on first use: freezing one breaks it.
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof KeyObject)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
