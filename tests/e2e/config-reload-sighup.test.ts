// SIGHUP (and `ketenpoort config reload`) reloads the configuration of a running `ketenpoort serve` (issue 13), as an operator would
// after `ketenpoort party add` or `keys rotate`: the real server process, a party added to its file, the
// signal, and the party's token accepted without a restart; a broken file after that is refused, logged
// with its errors, and the gateway goes on with what it had.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { generateAgencyKeyPair } from '../../src/auth/agency-keys.ts';
import { signPartyToken } from '../../src/auth/tokens.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';

let cfg: TestConfig | undefined;
let gateway: GatewayProcess | undefined;

afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  cfg?.cleanup();
  cfg = undefined;
});

/** The next log line (after `from`) with this message, within the time limit. */
async function logLine(process: GatewayProcess, message: string, from: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const line of process.lines.slice(from)) {
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed.message === message) return parsed;
      } catch {
        // not a JSON line
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no log line "${message}":\n${process.lines.slice(from).join('\n')}`);
}

describe('SIGHUP on a running gateway', () => {
  it('when a party is added to the file and the process gets SIGHUP, then its token works without a restart; a broken file then changes nothing', async () => {
    cfg = writeTestConfig();
    gateway = await startGatewayProcess(cfg.file);
    const pair = generateAgencyKeyPair('jeugdhulp-nieuw', 'ES256', new Date());
    const token = signPartyToken({ partyId: 'jeugdhulp-nieuw', key: pair.privateKey, kid: pair.kid, algorithm: pair.algorithm, audience: cfg.config.gateway.audience, lifetimeSeconds: 300 });
    const own = (): Promise<Response> => fetch(`${gateway?.url ?? ''}/v1/exchanges`, { headers: { authorization: `Bearer ${token}` } });
    expect((await own()).status).toBe(401);

    const raw = JSON.parse(readFileSync(cfg.file, 'utf8')) as { parties: unknown[] };
    writeFileSync(cfg.file, JSON.stringify({ ...raw, parties: [...raw.parties, { id: 'jeugdhulp-nieuw', role: 'aanbieder', name: 'Jeugdhulp Nieuw', identifiers: { agb: '42420077' }, adapter: { kind: 'inbox' }, jwks: { keys: [pair.publicJwk] } }] }, null, 2));
    let from = gateway.lines.length;
    gateway.child.kill('SIGHUP');
    expect(await logLine(gateway, 'configuration reloaded', from)).toMatchObject({ via: 'signal', changes: 'parties added jeugdhulp-nieuw' });
    expect((await own()).status).toBe(200);

    writeFileSync(cfg.file, '{ "parties": [');
    from = gateway.lines.length;
    gateway.child.kill('SIGHUP');
    const refused = await logLine(gateway, 'SIGHUP: the configuration file was not loaded; the running configuration is unchanged', from);
    expect(String(refused.errors)).toMatch(/cannot read config/);
    expect((await own()).status).toBe(200);
    expect(gateway.child.exitCode).toBeNull();
  });
});

/** The README's block (section "Changing the configuration of a running gateway"), as written there. */
const readmeBlock = `node bin/ketenpoort.mjs party disable jeugdhulp-de-brug
node bin/ketenpoort.mjs config reload --token "$OPERATOR_TOKEN"   # or: kill -HUP <pid of serve>
# reloaded: /path/to/gateway.json
#   parties changed: jeugdhulp-de-brug
`;

describe('ketenpoort config reload', () => {
  it('when the README\'s block disables a party and reloads, then the party is disabled at once; a refused reload exits 1 with its errors', async () => {
    expect(readFileSync(resolve(repoRoot, 'README.md'), 'utf8')).toContain('```sh\n' + readmeBlock + '```');
    cfg = writeTestConfig();
    gateway = await startGatewayProcess(cfg.file);
    const config = cfg.file;
    const url = gateway.url;
    const env = { ...process.env, KETENPOORT_CONFIG: config, KETENPOORT_URL: url, OPERATOR_TOKEN: cfg.token('operator-demo') };
    const brug = cfg.token('jeugdhulp-de-brug');
    const own = (): Promise<Response> => fetch(`${url}/v1/exchanges`, { headers: { authorization: `Bearer ${brug}` } });
    expect((await own()).status).toBe(200);

    // --norc and no BASH_ENV: the block runs as a user's script would, not after the machine's
    // bashrc (which bash reads when it thinks sshd started it, and which breaks under -u).
    const scriptEnv: NodeJS.ProcessEnv = { ...env };
    delete scriptEnv.BASH_ENV;
    const block = spawnSync('bash', ['--norc', '-euo', 'pipefail', '-c', readmeBlock], { cwd: repoRoot, encoding: 'utf8', env: scriptEnv });
    expect(block.stderr).toBe('');
    expect(block.status).toBe(0);
    expect(block.stdout).toContain(`reloaded: ${config}\n  parties changed: jeugdhulp-de-brug\n`);
    expect((await own()).status).toBe(401);

    const raw = JSON.parse(readFileSync(config, 'utf8')) as { gateway: Record<string, unknown> };
    writeFileSync(config, JSON.stringify({ ...raw, gateway: { ...raw.gateway, bodyLimitBytes: 2048 } }, null, 2));
    const refused = spawnSync(process.execPath, [resolve(repoRoot, 'bin/ketenpoort.mjs'), 'config', 'reload', '--json'], { cwd: repoRoot, encoding: 'utf8', env });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/config-reload-refused: .*\n {2}\/gateway\/bodyLimitBytes: is read at start-up only/);
  });
});
