// `ketenpoort staff add|list` in-process, on a config file in a temporary folder: a staff member is
// added with a key pair (the public key in the file, the private key written once), its token is one
// the gateway's verifier accepts as that role, and a clash, a wrong role or usage is refused without
// changing the file. The whole path with a running gateway: tests/e2e/onboarding-e2e.test.ts.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runStaffCommand } from '../../src/cli/staff-command.ts';
import { runPartyCommand } from '../../src/cli/party-command.ts';
import { CliFailure } from '../../src/cli/cli-support.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { readAgencyPrivateKey } from '../../src/auth/agency-keys.ts';
import { createTokenVerifier, signPartyToken } from '../../src/auth/tokens.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';

let dir: string;
let file: string;
let out = '';
let err = '';
const savedSecret = process.env.KETENPOORT_PSEUDONYM_SECRET;

beforeAll(() => { process.env.KETENPOORT_PSEUDONYM_SECRET = randomBytes(32).toString('hex'); });
afterAll(() => {
  if (savedSecret === undefined) delete process.env.KETENPOORT_PSEUDONYM_SECRET;
  else process.env.KETENPOORT_PSEUDONYM_SECRET = savedSecret;
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ketenpoort-staff-cli-'));
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

const staff = (...args: string[]): Promise<number> => runStaffCommand([...args, '--config', file]);

describe('ketenpoort staff', () => {
  it('when an operator is added, then the file holds the public key only, the private key is written once (0600), and its token is an operator\'s', async () => {
    const keyFile = join(dir, 'ops.private.jwk.json');
    expect(await staff('add', '--id', 'beheer-ops', '--role', 'operator', '--name', 'Team Beheer', '--organisation', 'Regio Amstelland', '--out', keyFile)).toBe(0);
    expect(out).toContain('added staff member beheer-ops (operator, Team Beheer)');
    expect(out).toContain(`a token: ketenpoort token --party beheer-ops --key ${keyFile} --audience https://ketenpoort.test`);
    expect(err).toMatch(/only copy of the private key/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const private_ = JSON.parse(readFileSync(keyFile, 'utf8')) as { d: string };
    expect(readFileSync(file, 'utf8')).not.toContain(private_.d);

    const config = loadConfig(file);
    expect(config.staff).toEqual([expect.objectContaining({ id: 'beheer-ops', role: 'operator', name: 'Team Beheer', organisation: 'Regio Amstelland' })]);
    const key = readAgencyPrivateKey(keyFile);
    const token = signPartyToken({ partyId: 'beheer-ops', key: key.key, kid: key.kid, algorithm: key.algorithm, audience: 'https://ketenpoort.test', lifetimeSeconds: 300 });
    const principal = await createTokenVerifier(config, createPartyRegistry(config.parties, config.staff)).verify(token);
    expect(principal).toMatchObject({ id: 'beheer-ops', role: 'operator' });

    out = '';
    expect(await staff('list', '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ staff: [{ id: 'beheer-ops', role: 'operator', name: 'Team Beheer', organisation: 'Regio Amstelland', keys: [key.kid] }] });
  });

  it('when the id is taken (by staff or a party), then it is refused with its pointer, exit 1, and the file and key folder stay as they were', async () => {
    expect(await runPartyCommand(['add', '--id', 'gemeente-diemen', '--role', 'gemeente', '--name', 'Diemen', '--gemeentecode', '0384', '--config', file])).toBe(0);
    expect(await staff('add', '--id', 'beheer-ops', '--role', 'operator', '--name', 'Ops', '--out', join(dir, 'a.jwk.json'))).toBe(0);
    const before = readFileSync(file, 'utf8');
    out = '';
    expect(await staff('add', '--id', 'beheer-ops', '--role', 'admin', '--name', 'Again', '--out', join(dir, 'b.jwk.json'), '--json')).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ refused: 'config-invalid', errors: [{ pointer: '/staff/1/id', detail: 'a staff member "beheer-ops" exists' }] });
    out = '';
    expect(await staff('add', '--id', 'gemeente-diemen', '--role', 'admin', '--name', 'Clash', '--out', join(dir, 'c.jwk.json'), '--json')).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ errors: [{ pointer: '/staff/1/id', detail: '"gemeente-diemen" is already a party id' }] });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(() => statSync(join(dir, 'b.jwk.json'))).toThrow();
  });

  it('when the role is an agency\'s or an option is missing, then it is wrong usage (exit 2) and nothing is written', async () => {
    await expect(staff('add', '--id', 'x-y', '--role', 'gemeente', '--name', 'X')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('party add') });
    await expect(staff('add', '--id', 'x-y', '--name', 'X')).rejects.toBeInstanceOf(CliFailure);
    await expect(staff('remove')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('unknown command "staff remove"') });
    await expect(staff('add', '--colour', 'blue')).rejects.toMatchObject({ exitCode: 2 });
    expect(loadConfig(file).staff).toEqual([]);
  });

  it('when the usage is asked for, then it is printed: exit 0 with --help (also after a command), exit 2 without a command', async () => {
    expect(await staff('--help')).toBe(0);
    expect(out).toMatch(/^usage: ketenpoort staff <command>/);
    out = '';
    expect(await staff('add', '--help')).toBe(0);
    expect(out).toMatch(/^usage: ketenpoort staff <command>/);
    out = '';
    expect(await staff()).toBe(2);
    expect(out).toMatch(/^usage: ketenpoort staff <command>/);
  });
});
