// `ketenpoort party` and `ketenpoort keys` in-process, on a config file in a temporary folder: every
// change validated by the validator `serve` uses before the file is replaced, refusals listing every
// error and leaving the file (and no temporary file) behind, usage errors exit 2, each command its own
// help. The whole path through real processes: tests/e2e/onboarding-e2e.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runPartyCommand } from '../../src/cli/party-command.ts';
import { runKeysCommand } from '../../src/cli/keys-command.ts';
import { prepareChange, readConfigDocument } from '../../src/config/config-file-edit.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { CliFailure } from '../../src/cli/cli-support.ts';
import { generateAgencyKeyPair, readAgencyPrivateKey } from '../../src/auth/agency-keys.ts';
import { createTokenVerifier, signPartyToken } from '../../src/auth/tokens.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';
import type { KeyObject } from 'node:crypto';

let dir: string;
let file: string;
let out = '';
let err = '';
const savedSecret = process.env.KETENPOORT_PSEUDONYM_SECRET;

beforeAll(() => {
  process.env.KETENPOORT_PSEUDONYM_SECRET = randomBytes(32).toString('hex');
});
afterAll(() => {
  if (savedSecret === undefined) delete process.env.KETENPOORT_PSEUDONYM_SECRET;
  else process.env.KETENPOORT_PSEUDONYM_SECRET = savedSecret;
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ketenpoort-party-cli-'));
  file = join(dir, 'gateway.json');
  writeFileSync(file, JSON.stringify({ gateway: { audience: 'https://ketenpoort.test', port: 0 }, store: { url: 'sqlite:${dataDir}/k.db' }, policyFile: resolve(repoRoot, 'consent/policy.default.json'), parties: [] }, null, 2));
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const party = (...args: string[]): Promise<number> => runPartyCommand([...args, '--config', file]);
const keys = (...args: string[]): Promise<number> => runKeysCommand([...args, '--config', file]);
const onlyConfigLeft = (): void => {
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
};
const addDiemen = (): Promise<number> => party('add', '--id', 'gemeente-diemen', '--role', 'gemeente', '--name', 'Gemeente Diemen', '--gemeentecode', '0384');

describe('ketenpoort party', () => {
  it('when an added party breaks several rules, then every error is listed with its pointer, exit 1, and the file is as it was', async () => {
    await addDiemen();
    const before = readFileSync(file, 'utf8');
    const refusal = party('add', '--id', 'jeugdhulp-de-brug', '--role', 'aanbieder', '--name', 'De Brug', '--oin', '00000001002220647001', '--adapter', 'rest-json');
    await expect(refusal).rejects.toBeInstanceOf(CliFailure);
    const failure = (await refusal.catch((e: unknown) => e)) as CliFailure;
    expect(failure.exitCode).toBe(1);
    expect(failure.message).toContain('/parties/1/identifiers/oin: must be an OIN');
    // The rest is checked by loadConfig's own rules; the schema's failure stops it before them, so a
    // second refusal shows them once the OIN is right.
    const second = (await party('add', '--id', 'jeugdhulp-de-brug', '--role', 'aanbieder', '--name', 'De Brug', '--adapter', 'rest-json').catch((e: unknown) => e)) as CliFailure;
    expect(second.message).toContain('/parties/1/identifiers: an aanbieder or GI needs its AGB code');
    expect(second.message).toContain('/parties/1/adapter/endpoint: adapter "rest-json" needs an endpoint');
    const duplicate = (await party('add', '--id', 'gemeente-diemen', '--role', 'gemeente', '--name', 'Again', '--gemeentecode', '0363').catch((e: unknown) => e)) as CliFailure;
    expect(duplicate.message).toContain('/parties/1/id: a party "gemeente-diemen" exists');
    expect(readFileSync(file, 'utf8')).toBe(before);
    onlyConfigLeft();
  });

  it('when a party is added with an adapter, a jwksUri and message types, then serve would load it so, and show and list print it', async () => {
    expect(await party('add', '--id', 'jeugdhulp-de-brug', '--role', 'aanbieder', '--name', 'De Brug', '--agb', '42420001', '--adapter', 'rest-json', '--endpoint', 'https://brug.example/in', '--message-types', 'JW301,JW305', '--jwks-uri', 'https://brug.example/jwks.json', '--regime', 'wgbo')).toBe(0);
    const loaded = loadConfig(file).parties[0];
    expect(loaded).toMatchObject({ id: 'jeugdhulp-de-brug', adapter: { kind: 'rest-json', endpoint: 'https://brug.example/in', messageTypes: ['JW301', 'JW305'] }, jwksUri: 'https://brug.example/jwks.json', regime: 'wgbo', disabled: false, keys: [] });
    out = '';
    await party('show', 'jeugdhulp-de-brug', '--json');
    expect(JSON.parse(out)).toMatchObject({ id: 'jeugdhulp-de-brug', status: 'enabled', keys: { jwksUri: 'https://brug.example/jwks.json' } });
    out = '';
    await party('list');
    expect(out).toMatch(/jeugdhulp-de-brug\s+aanbieder\s+De Brug\s+AGB 42420001\s+rest-json https:\/\/brug.example\/in\s+published at https:\/\/brug.example\/jwks.json\s+enabled/);
  });

  it('when a party is disabled and enabled, then the file says so, and doing it twice changes nothing', async () => {
    await addDiemen();
    expect(await party('disable', 'gemeente-diemen')).toBe(0);
    expect(loadConfig(file).parties[0]?.disabled).toBe(true);
    const text = readFileSync(file, 'utf8');
    out = '';
    await party('disable', 'gemeente-diemen', '--json');
    expect(JSON.parse(out)).toMatchObject({ id: 'gemeente-diemen', status: 'disabled', changed: false });
    expect(readFileSync(file, 'utf8')).toBe(text);
    await party('enable', 'gemeente-diemen');
    expect(readConfigDocument(file).raw.parties?.[0]).not.toHaveProperty('disabled');
    await expect(party('disable', 'nobody')).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('no party "nobody"') });
  });

  it('when the usage is wrong, then exit 2; with --help, each command prints its own usage', async () => {
    await expect(party('add', '--id', 'x')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('needs --role, --name') });
    await expect(party('add', '--colour', 'blue')).rejects.toMatchObject({ exitCode: 2 });
    await expect(party('frobnicate')).rejects.toMatchObject({ exitCode: 2 });
    await expect(party('show')).rejects.toMatchObject({ exitCode: 2 });
    expect(await runPartyCommand(['add', '--help'])).toBe(0);
    expect(out).toMatch(/^usage: ketenpoort party add --id ID --role ROLE --name NAME/);
    out = '';
    expect(await runPartyCommand(['disable', '--help'])).toBe(0);
    expect(out).toMatch(/^usage: ketenpoort party disable ID/);
    out = '';
    expect(await runKeysCommand(['rotate', '--help'])).toBe(0);
    expect(out).toMatch(/^usage: ketenpoort keys rotate --party ID/);
    expect(await runPartyCommand([])).toBe(2);
  });
});

describe('ketenpoort keys', () => {
  it('when a key is rotated, then the old key ends after the overlap, a key that ends sooner keeps its end, and retiring the last key leaves a party without keys', async () => {
    await addDiemen();
    const k1 = join(dir, 'k1.jwk.json');
    expect(await keys('create', '--party', 'gemeente-diemen', '--out', k1)).toBe(0);
    expect(err).toMatch(/only copy of the private key/);
    const started = Date.now();
    await keys('rotate', '--party', 'gemeente-diemen', '--overlap', '2h', '--out', join(dir, 'k2.jwk.json'));
    const [first, second] = loadConfig(file).parties[0]?.keys ?? [];
    expect(first?.notAfterMs).toBeGreaterThanOrEqual(started + 2 * 3_600_000);
    expect(first?.notAfterMs).toBeLessThan(Date.now() + 2 * 3_600_000 + 1);
    expect(second?.notAfterMs).toBeUndefined();
    out = '';
    await keys('rotate', '--party', 'gemeente-diemen', '--out', join(dir, 'k3.jwk.json'), '--json'); // default overlap 7d
    const rotation = JSON.parse(out) as { kid: string; expiring: { kid: string; notAfter: string }[] };
    expect(rotation.expiring.map((e) => e.kid)).toEqual([second?.kid]); // the first ends sooner already
    expect(Date.parse(rotation.expiring[0]?.notAfter ?? '')).toBeGreaterThan(Date.now() + 7 * 86_400_000 - 60_000);
    for (const k of loadConfig(file).parties[0]?.keys ?? []) await keys('retire', '--party', 'gemeente-diemen', '--kid', k.kid);
    expect(readConfigDocument(file).raw.parties?.[0]).not.toHaveProperty('jwks');
    expect(loadConfig(file).parties[0]?.keys).toEqual([]);
  });

  it("when a party's keys are in a jwksFile or published at a jwksUri, then keys refuses to change them; bad options are exit 2", async () => {
    await party('add', '--id', 'gemeente-diemen', '--role', 'gemeente', '--name', 'Diemen', '--gemeentecode', '0384', '--jwks-uri', 'https://diemen.example/jwks.json');
    await expect(keys('create', '--party', 'gemeente-diemen', '--out', join(dir, 'x.json'))).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('publishes its own keys') });
    expect(readdirSync(dir)).not.toContain('x.json');
    const raw = readConfigDocument(file).raw;
    writeFileSync(join(dir, 'diemen.jwks.json'), JSON.stringify({ keys: [] }));
    writeFileSync(file, JSON.stringify({ ...raw, parties: [{ ...raw.parties?.[0], jwksUri: undefined, jwksFile: 'diemen.jwks.json' }] }));
    await expect(keys('retire', '--party', 'gemeente-diemen', '--kid', 'k')).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('has its keys in the file diemen.jwks.json') });
    await expect(keys('create')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--party') });
    await expect(keys('rotate', '--party', 'gemeente-diemen', '--overlap', 'a week')).rejects.toMatchObject({ exitCode: 2 });
    await expect(keys('create', '--party', 'gemeente-diemen', '--algorithm', 'HS256')).rejects.toMatchObject({ exitCode: 2 });
    await expect(keys('retire', '--party', 'gemeente-diemen')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--kid') });
  });
});

describe('ketenpoort keys for a staff member', () => {
  it("when an operator's key is rotated with the CLI, then the new key signs the operator's tokens and the old one is refused; the last key cannot be retired", async () => {
    const first = generateAgencyKeyPair('operator-jansen', 'ES256', new Date());
    const raw = readConfigDocument(file).raw;
    writeFileSync(file, JSON.stringify({ ...raw, staff: [{ id: 'operator-jansen', role: 'operator', name: 'J. Jansen', jwks: { keys: [first.publicJwk] } }] }));
    const next = join(dir, 'jansen.jwk.json');
    expect(await keys('rotate', '--party', 'operator-jansen', '--overlap', '0s', '--out', next)).toBe(0);
    const config = loadConfig(file);
    const verifier = createTokenVerifier(config, createPartyRegistry(config.parties, config.staff), { now: () => Date.now() + 1000 });
    const signing = readAgencyPrivateKey(next);
    const token = (key: KeyObject, kid: string): string => signPartyToken({ partyId: 'operator-jansen', key, kid, algorithm: 'ES256', audience: config.gateway.audience, lifetimeSeconds: 60 });
    expect(await verifier.verify(token(signing.key, signing.kid ?? ''))).toMatchObject({ id: 'operator-jansen', role: 'operator' });
    await expect(verifier.verify(token(first.privateKey, first.kid))).rejects.toMatchObject({ code: 'invalid-token', detail: expect.stringContaining('expired') });
    expect(await keys('retire', '--party', 'operator-jansen', '--kid', first.kid)).toBe(0);
    // A staff member without a key is not valid (the schema wants jwks or jwksFile): refused by the validator.
    await expect(keys('retire', '--party', 'operator-jansen', '--kid', signing.kid ?? '')).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('/staff/0') });
    expect(loadConfig(file).staff[0]?.keys.map((k) => k.kid)).toEqual([signing.kid]);
  });
});

describe('a change to the config file', () => {
  it('when the file was changed by someone else after it was read, then the change is not written over it', () => {
    const document = readConfigDocument(file);
    const change = prepareChange(document, { ...document.raw, parties: [] });
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`); // another operator's edit
    const theirs = readFileSync(file, 'utf8');
    expect(() => { change.commit(); }).toThrow(/changed by someone else meanwhile/);
    expect(readFileSync(file, 'utf8')).toBe(theirs);
    onlyConfigLeft();
  });
});
