// From nothing to a signed exchange on a non-demo configuration, with the CLI only (issue 13,
// README "Onboarding an agency"): an empty config, `party add`, `keys create`, `serve`, `token --key`,
// a 202. Then the README's curl + openssl token, run as written; the client package built and packed
// as the README says, installed from its tarball in an agency project, and the README's Node example; a rotation with no overlap (the old
// key refused, the new one accepted); a disabled receiver and a disabled sender after a restart.
// Real processes, a real shell, real openssl.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';

const run = promisify(execFile);
const bin = resolve(repoRoot, 'bin/ketenpoort.mjs');
const audience = 'https://ketenpoort.example.nl';

let dir: string;
let configFile: string;
let env: Record<string, string>;
let gateway: GatewayProcess | undefined;

interface Result { code: number; stdout: string; stderr: string }

async function cli(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A JW315 from De Brug to Diemen with its own BerichtIdentificatie (the care path refuses a repeat). */
function exchangeFile(name: string, identificatie: string, receiver = 'gemeente-diemen'): string {
  const message = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as { Header: { BerichtIdentificatie: { Identificatie: string } } };
  message.Header.BerichtIdentificatie.Identificatie = identificatie;
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ messageType: 'JW315', receiver, purpose: 'verzoek-toewijzing', message }));
  return file;
}

async function submit(token: string, file: string): Promise<{ status: number; body: { exchangeId?: string; code?: string; detail?: string } }> {
  if (gateway === undefined) throw new Error('no gateway');
  const res = await fetch(`${gateway.url}/v1/exchanges`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: readFileSync(file, 'utf8') });
  return { status: res.status, body: (await res.json()) as { exchangeId?: string } };
}

async function restart(): Promise<void> {
  if (gateway !== undefined) expect(await gateway.stop()).toBe(0);
  gateway = await startGatewayProcess(configFile, env);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ketenpoort-onboarding-'));
  configFile = join(dir, 'gateway.json');
  // The README's empty configuration; the policy by absolute path, the port the system's choice. Care
  // paths off: this test sends the demo JW315 again and again, which their process rules rightly
  // refuse (as in tests/support/test-gateway.ts); they are tested through the API elsewhere.
  writeFileSync(
    configFile,
    JSON.stringify({ gateway: { audience, port: 0 }, store: { url: 'sqlite:${dataDir}/ketenpoort.db' }, policyFile: resolve(repoRoot, 'consent/policy.default.json'), carePath: { enabled: false }, parties: [] }, null, 2),
    { mode: 0o640 },
  );
  env = { KETENPOORT_CONFIG: configFile, KETENPOORT_PSEUDONYM_SECRET: randomBytes(32).toString('hex') };
});

afterAll(async () => {
  await gateway?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('onboarding an agency with the CLI only', () => {
  let jwkKid = '';
  let pemKid = '';

  it('when parties and a key are added to an empty config, then each change is validated and written, and a wrong one is refused with its errors and changes nothing', async () => {
    expect((await cli('party', 'list')).stdout).toContain('(none)');
    const diemen = await cli('party', 'add', '--id', 'gemeente-diemen', '--role', 'gemeente', '--name', 'Gemeente Diemen', '--gemeentecode', '0384');
    expect(diemen).toMatchObject({ code: 0, stdout: expect.stringContaining('added party gemeente-diemen') });
    const before = readFileSync(configFile, 'utf8');
    // A code not in the CBS list: refused, as JSON with --json, exit 1.
    const wrongCode = await cli('party', 'add', '--id', 'jeugdhulp-de-brug', '--role', 'aanbieder', '--name', 'De Brug', '--agb', '42420001', '--gemeentecode', '9999', '--json');
    expect(wrongCode.code).toBe(1);
    expect(JSON.parse(wrongCode.stdout)).toMatchObject({ refused: 'config-invalid', errors: [{ pointer: '/parties/1/identifiers/gemeentecode', detail: expect.stringContaining('CBS') }] });
    // (The other refusals, in-process: tests/unit/party-keys-commands.test.ts.)
    expect(readFileSync(configFile, 'utf8')).toBe(before);
    const brug = await cli('party', 'add', '--id', 'jeugdhulp-de-brug', '--role', 'aanbieder', '--name', 'Jeugdhulp De Brug', '--agb', '42420001');
    expect(brug.code).toBe(0);
    expect(statSync(configFile).mode & 0o777).toBe(0o640); // the file keeps its permissions

    const created = await cli('keys', 'create', '--party', 'jeugdhulp-de-brug', '--out', 'de-brug.private.jwk.json', '--json');
    expect(created.code).toBe(0);
    jwkKid = (JSON.parse(created.stdout) as { kid: string }).kid;
    expect(jwkKid).toMatch(/^jeugdhulp-de-brug-\d{8}-[0-9a-f]{8}$/);
    expect(created.stderr).toMatch(/only copy of the private key; the gateway keeps none/);
    const keyFile = join(dir, 'de-brug.private.jwk.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const privateKey = readFileSync(keyFile, 'utf8');
    expect(JSON.parse(privateKey)).toMatchObject({ kty: 'EC', crv: 'P-256', kid: jwkKid, d: expect.any(String) });
    // The config holds the public key only.
    expect(readFileSync(configFile, 'utf8')).toContain(jwkKid);
    expect(readFileSync(configFile, 'utf8')).not.toContain((JSON.parse(privateKey) as { d: string }).d);
    // Never over an existing file; the config is then not changed either.
    const config = readFileSync(configFile, 'utf8');
    const again = await cli('keys', 'create', '--party', 'jeugdhulp-de-brug', '--out', 'de-brug.private.jwk.json');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('never overwritten');
    expect(readFileSync(keyFile, 'utf8')).toBe(privateKey);
    expect(readFileSync(configFile, 'utf8')).toBe(config);

    const pem = await cli('keys', 'create', '--party', 'jeugdhulp-de-brug', '--format', 'pem', '--out', 'de-brug.pem', '--json');
    pemKid = (JSON.parse(pem.stdout) as { kid: string }).kid;
    expect(readFileSync(join(dir, 'de-brug.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const listed = JSON.parse((await cli('keys', 'list', '--party', 'jeugdhulp-de-brug', '--json')).stdout) as { keys: { kid: string; notAfter: string | null }[] };
    expect(listed.keys).toEqual([{ kid: jwkKid, algorithm: 'ES256', notAfter: null, valid: true }, { kid: pemKid, algorithm: 'ES256', notAfter: null, valid: true }]);
    const list = await cli('party', 'list');
    expect(list.stdout).toMatch(/jeugdhulp-de-brug\s+aanbieder\s+Jeugdhulp De Brug\s+AGB 42420001\s+inbox\s+2\s+enabled/);
    expect(list.stdout).toMatch(/gemeente-diemen\s+gemeente\s+Gemeente Diemen\s+gemeente 0384\s+inbox\s+none \(cannot authenticate\)\s+enabled/);
  }, 120_000);

  it('when the gateway starts on that config, then a token from `token --key` gets a signed exchange accepted (202)', async () => {
    await restart();
    // Not the demo: no token is minted without the agency's key.
    expect(await cli('token', '--party', 'jeugdhulp-de-brug')).toMatchObject({ code: 1, stderr: expect.stringContaining('demo') });
    const token = await cli('token', '--party', 'jeugdhulp-de-brug', '--key', 'de-brug.private.jwk.json');
    expect(token.code).toBe(0);
    const answer = await submit(token.stdout.trim(), exchangeFile('first.json', '000000000001'));
    expect(answer).toMatchObject({ status: 202, body: { exchangeId: expect.any(String) } });
  }, 60_000);

  it("when the README's curl + openssl token example runs as written, then the gateway accepts it (202)", async () => {
    const readme = readFileSync(resolve(repoRoot, 'README.md'), 'utf8');
    const block = /<!-- token-openssl-example[^>]*-->\n```sh\n([\s\S]*?)```\n<!-- \/token-openssl-example -->/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // The example's inputs, set for this gateway; the rest of the script exactly as in the README.
    const script = (block ?? '')
      .split('\n')
      .filter((line) => !/^(PARTY|KID|KEY|AUDIENCE|GATEWAY)=/.test(line))
      .join('\n')
      .replaceAll('/tmp/jw315.json', exchangeFile('openssl.json', '000000000002'));
    const { stdout } = await run('sh', ['-c', script], {
      cwd: dir,
      env: { ...process.env, PARTY: 'jeugdhulp-de-brug', KID: pemKid, KEY: 'de-brug.pem', AUDIENCE: audience, GATEWAY: gateway?.url ?? '' },
      timeout: 30_000,
    });
    const body = JSON.parse(stdout) as { exchangeId?: string; status?: string };
    expect(body).toMatchObject({ exchangeId: expect.any(String) });
    expect(body).not.toHaveProperty('code');
  }, 60_000);

  it("when the README's client package is built and packed as written and its Node example runs in an agency project, then the exchange is accepted and its status read back", async () => {
    const readme = readFileSync(resolve(repoRoot, 'README.md'), 'utf8');
    const build = /<!-- client-package-build[^>]*-->\n```sh\n([\s\S]*?)```\n<!-- \/client-package-build -->/.exec(readme)?.[1];
    const example = /<!-- client-node-example[^>]*-->\n```js\n([\s\S]*?)```\n<!-- \/client-node-example -->/.exec(readme)?.[1];
    expect(build).toBeDefined();
    expect(example).toBeDefined();
    // The build block as written, in this repository: it leaves the package's tarball in /tmp.
    const tarball = '/tmp/ketenpoort-client-0.1.0.tgz';
    rmSync(tarball, { force: true });
    await run('sh', ['-c', build ?? ''], { cwd: repoRoot, timeout: 120_000 });
    // `npm install` of the tarball in the agency's project, without the registry: the tarball's own
    // files (so what `files` leaves out is missing here too), and openapi-fetch from this repository.
    const project = join(dir, 'agency-project');
    const installed = join(project, 'node_modules/@ketenpoort/client');
    mkdirSync(installed, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
    symlinkSync(resolve(repoRoot, 'node_modules/openapi-fetch'), join(project, 'node_modules/openapi-fetch'));
    copyFileSync(join(dir, 'de-brug.private.jwk.json'), join(project, 'de-brug.private.jwk.json'));
    const message = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as { Header: { BerichtIdentificatie: { Identificatie: string } } };
    message.Header.BerichtIdentificatie.Identificatie = '000000000007';
    writeFileSync(join(project, 'jw315.json'), JSON.stringify(message));
    writeFileSync(join(project, 'agency.mjs'), example ?? '');

    const { stdout } = await run(process.execPath, ['agency.mjs'], { cwd: project, env: { ...process.env, GATEWAY: gateway?.url ?? '' }, timeout: 30_000 });
    expect(stdout).toMatch(/^accepted [0-9a-f-]{36}\nstatus (queued|delivered)\n$/);
  }, 180_000);

  it('when the keys are rotated without overlap and Diemen is disabled, then after a restart the old key is refused, the new one works, and nothing is submitted to Diemen; later changes take effect through an operator\'s config reload', async () => {
    const rotated = await cli('keys', 'rotate', '--party', 'jeugdhulp-de-brug', '--overlap', '0s', '--out', 'de-brug-2.private.jwk.json', '--json');
    expect(rotated.code).toBe(0);
    const rotation = JSON.parse(rotated.stdout) as { kid: string; expiring: { kid: string }[] };
    expect(rotation.expiring.map((e) => e.kid)).toEqual([jwkKid, pemKid]);
    expect((await cli('party', 'disable', 'gemeente-diemen')).stdout).toContain('party gemeente-diemen is disabled');
    const shown = await cli('party', 'show', 'jeugdhulp-de-brug');
    expect(shown.stdout).toMatch(new RegExp(`${jwkKid}\\s+ES256\\s+expired`));
    expect(shown.stdout).toMatch(new RegExp(`${rotation.kid}\\s+ES256\\s+valid`));
    // An operator of its own, for the operator commands (config reload) outside the demo.
    const ops = await cli('staff', 'add', '--id', 'beheer-ops', '--role', 'operator', '--name', 'Team Beheer', '--out', 'ops.private.jwk.json');
    expect(ops.code, ops.stderr).toBe(0);
    await restart();

    const old = await cli('token', '--party', 'jeugdhulp-de-brug', '--key', 'de-brug.private.jwk.json');
    const refused = await submit(old.stdout.trim(), exchangeFile('old-key.json', '000000000003'));
    expect(refused).toMatchObject({ status: 401, body: { code: 'invalid-token', detail: expect.stringMatching(/expired .*rotated/) } });
    const fresh = await cli('token', '--party', 'jeugdhulp-de-brug', '--key', 'de-brug-2.private.jwk.json');
    const toDisabled = await submit(fresh.stdout.trim(), exchangeFile('to-disabled.json', '000000000004'));
    expect(toDisabled).toMatchObject({ status: 422, body: { code: 'receiver-disabled' } });

    // Retire the expired keys; enable Diemen, disable De Brug: its tokens are refused, however well signed.
    expect((await cli('keys', 'retire', '--party', 'jeugdhulp-de-brug', '--kid', jwkKid)).code).toBe(0);
    expect((await cli('keys', 'retire', '--party', 'jeugdhulp-de-brug', '--kid', pemKid)).code).toBe(0);
    expect((await cli('keys', 'retire', '--party', 'jeugdhulp-de-brug', '--kid', pemKid)).code).toBe(1);
    expect((await cli('party', 'enable', 'gemeente-diemen')).code).toBe(0);
    expect((await cli('party', 'disable', 'jeugdhulp-de-brug')).code).toBe(0);
    // No restart: the operator reloads the configuration with the CLI and a token of its own.
    const opsToken = (await cli('token', '--party', 'beheer-ops', '--key', 'ops.private.jwk.json', '--audience', audience)).stdout.trim();
    const reload = (): Promise<Result> => cli('config', 'reload', '--url', gateway?.url ?? '', '--token', opsToken);
    const reloaded = await reload();
    expect(reloaded.code, reloaded.stderr).toBe(0);
    expect(reloaded.stdout).toMatch(/^reloaded: .*\n {2}parties changed: gemeente-diemen, jeugdhulp-de-brug\n$/);
    const disabled = await submit((await cli('token', '--party', 'jeugdhulp-de-brug', '--key', 'de-brug-2.private.jwk.json')).stdout.trim(), exchangeFile('disabled.json', '000000000005'));
    expect(disabled).toMatchObject({ status: 401, body: { code: 'party-disabled' } });
    expect((await cli('party', 'enable', 'jeugdhulp-de-brug')).code).toBe(0);
    expect((await reload()).stdout).toContain('parties changed: jeugdhulp-de-brug');
    const back = await submit((await cli('token', '--party', 'jeugdhulp-de-brug', '--key', 'de-brug-2.private.jwk.json')).stdout.trim(), exchangeFile('back.json', '000000000006'));
    expect(back).toMatchObject({ status: 202 });
  }, 180_000);
});
