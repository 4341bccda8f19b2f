import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../../src/config/load-config.ts';
import { configuredCheckpointSigner, jwkThumbprint } from '../../src/audit/checkpoint-signing.ts';
import { mintDemoToken } from '../../src/auth/tokens.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { writeTestConfig } from '../support/test-gateway.ts';
import { partyRoles } from '../../src/kernel/party-role.ts';

const demo = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo.json'), 'utf8')) as Record<string, any>;

function write(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

function problems(file: string, env: Record<string, string> = {}): string[] {
  try {
    loadConfig(file, env);
  } catch (error) {
    if (isGatewayError(error) && error.code === 'config-invalid') return error.errors.map((e) => e.pointer);
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('when the demo config loads, then it has a party of every role, demo keys, and it is frozen', () => {
    const t = writeTestConfig();
    expect(new Set(t.config.parties.map((p) => p.role))).toEqual(new Set(partyRoles));
    expect(t.config.parties.every((p) => p.keys.length === 1)).toBe(true);
    expect(Object.isFrozen(t.config) && Object.isFrozen(t.config.gateway) && Object.isFrozen(t.config.parties[0])).toBe(true);
    expect(t.config.pseudonymSecret.length).toBeGreaterThanOrEqual(32);
    t.cleanup();
  });

  it('when several things are wrong, then every problem is reported at once', () => {
    const bad = { ...demo, demo: false, gateway: { audience: '', port: 70000 }, pseudonymSecret: undefined, parties: [{ ...demo.parties[0], role: 'bakker', jwksFile: undefined, jwks: { keys: [{ kty: 'EC', kid: 'k' }] } }] };
    const pointers = problems(write(bad));
    expect(pointers).toEqual(expect.arrayContaining(['/gateway/audience', '/gateway/port', '/pseudonymSecret', '/parties/0/role']));
  });

  it('when the pseudonym secret is missing outside the demo, then the error names the variable that can hold it, once', () => {
    const file = write({ ...demo, demo: false, pseudonymSecret: undefined });
    let detail = '';
    try {
      loadConfig(file, {});
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      const found = error.errors.filter((e) => e.pointer === '/pseudonymSecret');
      expect(found).toHaveLength(1);
      detail = found[0]?.detail ?? '';
      expect((error.detail ?? '').match(/KETENPOORT_PSEUDONYM_SECRET/g)).toHaveLength(1);
    }
    expect(detail).toMatch(/^is required: set it in the file or in KETENPOORT_PSEUDONYM_SECRET/);
    expect(problems(file, { KETENPOORT_PSEUDONYM_SECRET: 's'.repeat(64) })).not.toContain('/pseudonymSecret');
  });

  it('when PORT and the store URL come from the environment, then they override the file', () => {
    const t = writeTestConfig();
    const config = loadConfig(t.file, { PORT: '9999', KETENPOORT_STORE_URL: 'sqlite::memory:' });
    expect(config.gateway.port).toBe(9999);
    expect(config.store.url).toBe('sqlite::memory:');
    expect(problems(t.file, { PORT: 'eighty' })).toContain('/gateway/port');
    t.cleanup();
  });

  it('when a gemeente lacks its gemeentecode or a JWKS holds a private key, then the config is refused', () => {
    const t = writeTestConfig();
    const jwks = JSON.parse(readFileSync(t.config.parties[0]!.id && join(t.dir, 'data/demo-keys/gemeente-diemen.jwks.json'), 'utf8')) as { keys: Record<string, string>[] };
    const privateJwk = JSON.parse(readFileSync(join(t.dir, 'data/demo-keys/gemeente-diemen.private.jwk.json'), 'utf8')) as Record<string, string>;
    const parties = [{ ...demo.parties[0], identifiers: {}, jwksFile: undefined, jwks: { keys: [{ ...jwks.keys[0], d: privateJwk.d }] } }];
    const pointers = problems(write({ ...demo, demo: false, pseudonymSecret: 'x'.repeat(40), parties }));
    expect(pointers.length).toBeGreaterThanOrEqual(1);
    t.cleanup();
  });

  it('when two parties share an iJw code or the lease is not longer than a delivery attempt, then the config is refused', () => {
    const t = writeTestConfig();
    const raw = JSON.parse(readFileSync(t.file, 'utf8')) as Record<string, any>;
    raw.parties[1].identifiers.gemeentecode = raw.parties[0].identifiers.gemeentecode;
    raw.delivery = { ...raw.delivery, leaseMs: 2000, timeoutMs: 2000 };
    const file = join(t.dir, 'dup.json');
    writeFileSync(file, JSON.stringify(raw));
    expect(problems(file)).toEqual(expect.arrayContaining(['/parties/1/identifiers/gemeentecode', '/delivery/leaseMs']));
    t.cleanup();
  });

  it('when a party\'s gemeentecode has four digits but is no municipality in the CBS list, then the config is refused there', () => {
    const t = writeTestConfig();
    const raw = JSON.parse(readFileSync(t.file, 'utf8')) as Record<string, any>;
    const at = (raw.parties as { role: string }[]).findIndex((p) => p.role === 'gemeente');
    raw.parties[at].identifiers.gemeentecode = '9999';
    const file = join(t.dir, 'no-cbs.json');
    writeFileSync(file, JSON.stringify(raw));
    let detail = '';
    try {
      loadConfig(file, {});
    } catch (error) {
      detail = JSON.stringify((error as { errors?: unknown }).errors);
    }
    expect(detail).toContain(`"pointer":"/parties/${at}/identifiers/gemeentecode","detail":"9999 is not a municipality in the CBS list"`);
    raw.parties[at].identifiers.gemeentecode = '0014'; // Groningen: in the list
    writeFileSync(file, JSON.stringify(raw));
    expect(problems(file)).not.toContain(`/parties/${at}/identifiers/gemeentecode`);
    t.cleanup();
  });

  it('when a disabled party keeps the code of a municipality merged away, then the config is accepted (the party is kept for its history)', () => {
    const t = writeTestConfig();
    const raw = JSON.parse(readFileSync(t.file, 'utf8')) as Record<string, any>;
    const at = (raw.parties as { role: string }[]).findIndex((p) => p.role === 'gemeente');
    raw.parties[at].identifiers.gemeentecode = '0457'; // Weesp: part of Amsterdam since 2022
    raw.parties[at].disabled = true;
    const file = join(t.dir, 'weesp.json');
    writeFileSync(file, JSON.stringify(raw));
    expect(problems(file)).not.toContain(`/parties/${at}/identifiers/gemeentecode`);
    raw.parties[at].disabled = false;
    writeFileSync(file, JSON.stringify(raw));
    expect(problems(file)).toContain(`/parties/${at}/identifiers/gemeentecode`);
    t.cleanup();
  });

  it('when a party\'s OIN has twenty positions but no known register prefix or the wrong suffix, then the config is refused at that OIN', () => {
    const t = writeTestConfig();
    const raw = JSON.parse(readFileSync(t.file, 'utf8')) as Record<string, any>;
    const withOin = raw.parties.findIndex((p: { identifiers: { oin?: string } }) => p.identifiers.oin !== undefined);
    raw.parties[withOin].identifiers.oin = '00000012002220647000';
    const badPrefix = join(t.dir, 'oin-prefix.json');
    writeFileSync(badPrefix, JSON.stringify(raw));
    expect(problems(badPrefix)).toEqual([`/parties/${withOin}/identifiers/oin`]);
    raw.parties[withOin].identifiers.oin = '00000001002220647001';
    const badSuffix = join(t.dir, 'oin-suffix.json');
    writeFileSync(badSuffix, JSON.stringify(raw));
    expect(problems(badSuffix)).toEqual([`/parties/${withOin}/identifiers/oin`]);
    t.cleanup();
  });

  it('when the config is not the demo config, then no token can be minted', () => {
    const t = writeTestConfig();
    const raw = JSON.parse(readFileSync(t.file, 'utf8')) as Record<string, unknown>;
    const file = join(t.dir, 'prod.json');
    writeFileSync(file, JSON.stringify({ ...raw, demo: false, pseudonymSecret: 's'.repeat(64) }));
    const config = loadConfig(file, {});
    expect(() => mintDemoToken(config, 'gemeente-diemen')).toThrow(/demo/);
    t.cleanup();
  });

  it('when a party has a batch source and the audit and scheduler sections are set, then paths resolve against the config file and the defaults hold', () => {
    const t = writeTestConfig({ sources: { 'jeugdhulp-de-brug': { kind: 'ijw-xml-folder', endpoint: 'exports/brug' }, 'gemeente-diemen': { kind: 'rest-json', endpoint: 'https://diemen.example/export' } } });
    const brug = t.config.parties.find((p) => p.id === 'jeugdhulp-de-brug');
    expect(brug?.source).toEqual({ kind: 'ijw-xml-folder', endpoint: join(t.dir, 'exports/brug') });
    expect(t.config.parties.find((p) => p.id === 'gemeente-diemen')?.source).toEqual({ kind: 'rest-json', endpoint: 'https://diemen.example/export' });
    // Demo mode: the checkpoint key lives under the data folder; the scheduler runs, rereading every 10 s.
    expect(t.config.audit.signingKeyFile).toBe(join(t.config.dataDir, 'audit-signing-key.private.jwk.json'));
    // Signed checkpoints are witnessed outside the database: by default in audit.witness under the data folder.
    expect(t.config.audit.witnessFile).toBe(join(t.config.dataDir, 'audit.witness'));
    expect(t.config.scheduler).toEqual({ enabled: true, reconcileIntervalMs: 10_000 });
    const raw = JSON.parse(readFileSync(t.file, 'utf8')) as Record<string, unknown>;
    const prod = join(t.dir, 'prod.json');
    writeFileSync(prod, JSON.stringify({ ...raw, demo: false, pseudonymSecret: 's'.repeat(64), scheduler: { enabled: false, reconcileIntervalMs: 2000 } }));
    const config = loadConfig(prod, { KETENPOORT_AUDIT_SIGNING_KEY_FILE: 'keys/audit.jwk' });
    expect(config.audit.signingKeyFile).toBe(join(t.dir, 'keys/audit.jwk'));
    expect(config.audit.witnessFile).toBe(join(t.config.dataDir, 'audit.witness'));
    expect(loadConfig(prod, { KETENPOORT_AUDIT_SIGNING_KEY_FILE: 'keys/audit.jwk', KETENPOORT_AUDIT_WITNESS_FILE: '/mnt/witness/audit.witness' }).audit.witnessFile).toBe('/mnt/witness/audit.witness');
    expect(config.scheduler).toEqual({ enabled: false, reconcileIntervalMs: 2000 });
    // Checkpoints are signed automatically by default: every 1,000 records or 60 s; the other party's witness is optional.
    expect(config.audit).toMatchObject({ witnessUrl: null, witnessTimeoutMs: 5000, checkpoint: { enabled: true, everyRecords: 1000, everySeconds: 60 } });
    expect(loadConfig(prod, { KETENPOORT_AUDIT_SIGNING_KEY_FILE: 'keys/audit.jwk', KETENPOORT_AUDIT_WITNESS_URL: 'https://witness.example/checkpoints' }).audit.witnessUrl).toBe('https://witness.example/checkpoints');
    // Without a key nothing is signed: no checkpoints, no witness.
    expect(loadConfig(prod, {}).audit).toEqual({ signingKeyFile: null, signingKeyJwk: null, witnessFile: null, witnessUrl: null, witnessTimeoutMs: 5000, checkpoint: { enabled: false, everyRecords: 1000, everySeconds: 60 } });
    writeFileSync(prod, JSON.stringify({ ...raw, demo: false, pseudonymSecret: 's'.repeat(64), audit: { checkpoint: { enabled: true }, witnessUrl: 'https://witness.example/checkpoints' } }));
    expect(problems(prod)).toEqual(['/audit/checkpoint/enabled', '/audit/witnessUrl']);
    writeFileSync(prod, JSON.stringify({ ...raw, audit: { checkpoint: { everyRecords: 0, everySeconds: 86_401 }, witnessUrl: 'ftp://witness.example/' } }));
    expect(problems(prod)).toEqual(expect.arrayContaining(['/audit/checkpoint/everyRecords', '/audit/checkpoint/everySeconds', '/audit/witnessUrl']));
    t.cleanup();
  });

  it('when the signing key comes from KETENPOORT_AUDIT_SIGNING_KEY, then it is used instead of a file, checked at startup and never echoed; a key file in the database folder is refused outside demo mode', () => {
    const t = writeTestConfig();
    const raw = JSON.parse(readFileSync(t.file, 'utf8')) as Record<string, unknown>;
    const prod = join(t.dir, 'prod.json');
    writeFileSync(prod, JSON.stringify({ ...raw, demo: false, pseudonymSecret: 's'.repeat(64) }));
    const jwk = JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }));
    const config = loadConfig(prod, { KETENPOORT_AUDIT_SIGNING_KEY: jwk });
    expect(config.audit).toMatchObject({ signingKeyFile: null, signingKeyJwk: jwk, witnessFile: join(config.dataDir, 'audit.witness'), checkpoint: { enabled: true } });
    const signer = configuredCheckpointSigner(config.audit, { create: false });
    expect(signer?.keyId).toBe(jwkThumbprint(JSON.parse(jwk) as { crv: string; kty: string; x: string }));
    // Demo mode too: the variable wins over the demo key under the data folder.
    expect(loadConfig(t.file, { KETENPOORT_AUDIT_SIGNING_KEY: jwk }).audit).toMatchObject({ signingKeyFile: null, signingKeyJwk: jwk });
    // A public key, or not JSON: refused at startup, and the detail never repeats the variable.
    const publicOnly = JSON.stringify(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }));
    for (const bad of [publicOnly, 'not json {"d":"secret"}']) {
      try {
        loadConfig(prod, { KETENPOORT_AUDIT_SIGNING_KEY: bad });
        expect.unreachable();
      } catch (error) {
        expect(isGatewayError(error) && error.errors.map((e) => e.pointer)).toStrictEqual(['/audit/signingKey']);
        expect(JSON.stringify(error)).not.toContain('secret');
        expect((error as Error).message).not.toContain(bad);
      }
    }
    // Given both ways: which one? Refused.
    expect(problems(prod, { KETENPOORT_AUDIT_SIGNING_KEY: jwk, KETENPOORT_AUDIT_SIGNING_KEY_FILE: 'keys/audit.jwk' })).toStrictEqual(['/audit/signingKeyFile']);
    // Beside the SQLite database (data/ketenpoort.db), whoever can write the database could read the key.
    expect(problems(prod, { KETENPOORT_AUDIT_SIGNING_KEY_FILE: 'data/audit.jwk' })).toStrictEqual(['/audit/signingKeyFile']);
    expect(problems(prod, { KETENPOORT_AUDIT_SIGNING_KEY_FILE: 'keys/audit.jwk' })).toStrictEqual([]);
    writeFileSync(prod, JSON.stringify({ ...raw, scheduler: { reconcileIntervalMs: 1 }, parties: [{ ...(raw.parties as object[])[0], source: { kind: 'rest-json' } }] }));
    expect(problems(prod)).toEqual(expect.arrayContaining(['/scheduler/reconcileIntervalMs', '/parties/0/source/endpoint']));
    t.cleanup();
  });
});
