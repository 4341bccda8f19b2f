// Every ```sh block of README.md is executed as written against a started demo, so the README cannot
// drift from the product again (issue 13). The blocks of one walk run in one shell session (bash -e,
// variables carried from block to block, as in the reader's terminal), in README order:
//
//   - the demo (Five minutes, the demo receivers, iJw XML, status callbacks, consent, waiting times, operators),
//   - the care-path walk, the regie walk and the onboarding, each on a fresh data folder as the README asks.
//
// What the test changes, and only that: `localhost:8080` and the demo receivers' ports become the free
// ports this run got (PORT and a copy of config/demo.json with its endpoints moved, KETENPOORT_CONFIG),
// and `/tmp/` becomes the run's own folder. A block line `npm start [-- ARGS]` (with `VAR=value` in
// front, or `node bin/ketenpoort.mjs serve`) (re)starts the gateway as `node bin/ketenpoort.mjs serve
// ARGS` with the shell's exported variables: `npm start` adds only its prestart (building the console,
// tests/e2e/console-assets.test.ts). A block that cannot run here is listed in `notRun` with the reason;
// the test fails for a block that is neither run nor listed, and for a listed block the README no
// longer has. "Run by another test" is believed only when that test file names the block's marker.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { freePort, writeDemoConfigCopy } from '../support/demo-config.ts';

interface Block {
  /** The nearest heading above the block (## or ###), and the ## section it is in. */
  readonly heading: string;
  readonly section: string;
  readonly line: number;
  readonly text: string;
  /** An HTML comment right above the block, `<!-- name: ... -->`. */
  readonly marker: string | undefined;
}

function readmeBlocks(): Block[] {
  const lines = readFileSync(resolve(repoRoot, 'README.md'), 'utf8').split('\n');
  const blocks: Block[] = [];
  let heading = '';
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^(#{1,3}) (.*)$/.exec(line);
    if (h !== null) {
      heading = h[2]!;
      if (h[1]!.length <= 2) section = h[2]!;
      continue;
    }
    if (/^```/.test(line)) {
      const start = i;
      const body: string[] = [];
      for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
      if (line.trim() !== '```sh') continue;
      const marker = /^<!-- ([\w-]+)/.exec(lines[start - 1] ?? '')?.[1];
      blocks.push({ heading, section, line: start + 1, text: body.join('\n'), marker });
    }
  }
  return blocks;
}

const firstLine = (block: Block): string => block.text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';

/** Blocks not run here, by heading and first line, with the reason. */
const notRun: readonly { heading: string; first: string; reason: string; runBy?: { file: string; marker: string } }[] = [
  { heading: 'Ketenpoort', first: 'npm ci && npm start', reason: 'installs the packages (CI does, once); the start itself is what every session below does' },
  { heading: 'Ketenpoort', first: 'npm ci && npm run check', reason: 'the whole check: this test is part of it' },
  {
    heading: 'Running on PostgreSQL, several processes',
    first: "KETENPOORT_STORE_URL='postgres://ketenpoort:SECRET@db.example:5432/ketenpoort?schema=ketenpoort' npm start",
    reason: 'an example server (db.example); processes on a real PostgreSQL: tests/e2e/multi-process-postgres.test.ts',
  },
  {
    heading: 'Running on PostgreSQL, several processes',
    first: "export KETENPOORT_STORE_URL='postgres://ketenpoort:SECRET@db.example:5432/ketenpoort?schema=ketenpoort'",
    reason: 'an example server (db.example) and three background servers; the same on a real PostgreSQL: tests/e2e/multi-process-postgres.test.ts',
  },
  { heading: 'Operators: schedules, batch syncs, failed deliveries, the CLI', first: 'node bin/ketenpoort.mjs witness serve --file witness.jsonl --public-key gateway-audit.jwk --port 8090', reason: 'a server that runs until stopped (another party\'s)' },
  {
    heading: 'Changing the configuration of a running gateway', first: 'node bin/ketenpoort.mjs party disable jeugdhulp-de-brug',
    reason: 'needs an operator token ($OPERATOR_TOKEN) of staff the onboarding configuration does not have; the reload by CLI and SIGHUP: tests/e2e/config-reload-sighup.test.ts',
  },
  {
    heading: 'The TypeScript client for agency systems', first: 'npm run build --workspace @ketenpoort/client', reason: 'builds and packs the client package',
    runBy: { file: 'tests/e2e/onboarding-e2e.test.ts', marker: 'client-package-build' },
  },
  {
    heading: 'The token format', first: 'PARTY=jeugdhulp-de-brug', reason: 'needs a key made by `keys create --format pem` on a non-demo configuration',
    runBy: { file: 'tests/e2e/onboarding-e2e.test.ts', marker: 'token-openssl-example' },
  },
];

/** The sessions: which ## sections run, in one shell and against one gateway each. */
const sessionOf: Readonly<Record<string, string>> = {
  'Five minutes with the demo': 'demo',
  'iJw XML and FHIR': 'demo',
  'Status callbacks': 'demo',
  'Consent and legal basis': 'demo',
  'Waiting times, in the open': 'demo',
  'Operators: schedules, batch syncs, failed deliveries, the CLI': 'demo',
  'A care path in the demo: no request left unanswered': 'care-path',
  'One regievoerder per child': 'regie',
  'Onboarding an agency': 'onboarding',
};

const blocks = readmeBlocks();
const listed = (block: Block): (typeof notRun)[number] | undefined => notRun.find((n) => n.heading === block.heading && n.first === firstLine(block));
const runBlocks = (session: string): Block[] => blocks.filter((b) => listed(b) === undefined && sessionOf[b.section] === session);

const roots: string[] = [];
const gateways: GatewayProcess[] = [];
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const startLine = /^((?:[A-Z_]+=\S+\s+)*)(?:npm start(?: -- (.*))?|node bin\/ketenpoort\.mjs serve(?: (.*))?)$/;

interface Session {
  /** Runs one README block; returns its stdout (the block must exit 0). */
  run(block: Block): Promise<string>;
  readonly dir: string;
  gateway(): GatewayProcess | undefined;
}

/**
 * A reader's terminal: a folder that looks like the repository (its parts linked, `../shared` beside
 * it), a shell whose exported variables carry over, a gateway on a free port.
 */
async function openSession(name: string): Promise<Session> {
  const root = mkdtempSync(join(tmpdir(), `ketenpoort-readme-${name}-`));
  roots.push(root);
  const port = await freePort();
  let receiverPorts: Record<string, string> = {};
  const copy = await writeDemoConfigCopy((raw) => {
    raw.dataDir = join(root, 'repo', 'data');
  });
  roots.push(copy.dir);
  for (const [party, endpoint] of Object.entries(copy.endpoints)) {
    const original = (JSON.parse(readFileSync(resolve(repoRoot, 'config/demo.json'), 'utf8')) as { parties: { id: string; adapter: { endpoint?: string } }[] }).parties.find((p) => p.id === party)?.adapter.endpoint;
    if (original !== undefined) receiverPorts = { ...receiverPorts, [new URL(original).port]: new URL(endpoint).port };
  }
  const dir = join(root, 'repo');
  mkdirSync(dir);
  mkdirSync(join(dir, 'tmp'));
  for (const part of ['bin', 'config', 'consent', 'schemas', 'src', 'adapters', 'node_modules', 'package.json', 'openapi.yaml', 'console']) {
    if (existsSync(resolve(repoRoot, part))) symlinkSync(resolve(repoRoot, part), join(dir, part));
  }
  symlinkSync(resolve(repoRoot, '../shared'), join(root, 'shared'));
  const state = join(root, 'shell-state');
  writeFileSync(state, `export PORT=${port} KETENPOORT_CONFIG=${copy.file}\n`);
  const rewrite = (text: string): string => {
    let out = text.replaceAll('localhost:8080', `localhost:${port}`).replaceAll('/tmp/', `${dir}/tmp/`);
    for (const [from, to] of Object.entries(receiverPorts)) out = out.replaceAll(`localhost:${from}/`, `localhost:${to}/`);
    return out;
  };
  let gateway: GatewayProcess | undefined;
  const exported = (): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const m of readFileSync(state, 'utf8').matchAll(/^declare -x ([A-Za-z_][A-Za-z0-9_]*)="(.*)"$/gm)) env[m[1]!] = m[2]!.replace(/\\(["\\$`])/g, '$1');
    for (const m of readFileSync(state, 'utf8').matchAll(/^export (.*)$/gm)) for (const pair of m[1]!.split(' ')) { const [k, v] = pair.split('='); env[k!] = v!; }
    return env;
  };
  const start = async (line: string): Promise<void> => {
    const m = startLine.exec(line.trim())!;
    const shellEnv = exported();
    // The demo copy: its receivers as config/demo.json names them (the harness's default is none).
    const demoReceivers: Record<string, string> = (shellEnv.KETENPOORT_CONFIG ?? copy.file) === copy.file ? { KETENPOORT_DEMO_RECEIVERS: 'rest-json,ijw-xml,fhir' } : {};
    const env: Record<string, string> = { ...demoReceivers, ...shellEnv, PORT: String(port) };
    for (const assignment of m[1]!.trim().split(/\s+/).filter(Boolean)) {
      const [k, v] = assignment.split('=');
      env[k!] = v!;
    }
    if (gateway !== undefined) {
      expect(await gateway.stop('SIGINT'), 'the gateway stops cleanly on Ctrl-C').toBe(0);
      gateways.splice(gateways.indexOf(gateway), 1);
    }
    const args = (m[2] ?? m[3] ?? '').split(/\s+/).filter(Boolean);
    gateway = await startGatewayProcess(env.KETENPOORT_CONFIG ?? copy.file, env, args, 120_000);
    gateways.push(gateway);
  };
  const shell = (script: string): Promise<string> =>
    new Promise((done, fail) => {
      const wrapped = `. '${state}'\nset -e\nset -a\ncd '${dir}'\n${script}\nset +a\nexport -p > '${state}.next'\n`;
      execFile('bash', ['-c', wrapped], { cwd: dir, timeout: 150_000, maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } }, (error, stdout, stderr) => {
        if (error !== null) {
          fail(new Error(`exit ${String(error.code)}:\n--- script\n${script}\n--- stdout\n${stdout}\n--- stderr\n${stderr}\n--- gateway\n${gateway?.lines.slice(-30).join('\n') ?? ''}`));
          return;
        }
        writeFileSync(state, readFileSync(`${state}.next`, 'utf8'));
        done(stdout);
      });
    });
  return {
    dir,
    gateway: () => gateway,
    async run(block) {
      // Segments of shell between the gateway (re)starts.
      let out = '';
      let pending: string[] = [];
      const flush = async (): Promise<void> => {
        if (pending.some((l) => l.trim() !== '' && !l.trim().startsWith('#'))) out += await shell(rewrite(pending.join('\n')));
        pending = [];
      };
      for (const line of block.text.split('\n')) {
        if (startLine.test(line.trim())) {
          await flush();
          await start(line);
        } else {
          pending.push(line);
        }
      }
      if (gateway === undefined && pending.length > 0) await start('npm start');
      await flush();
      return out;
    },
  };
}

async function runSession(name: string): Promise<{ outputs: Map<Block, string>; session: Session }> {
  const session = await openSession(name);
  const outputs = new Map<Block, string>();
  for (const block of runBlocks(name)) outputs.set(block, await session.run(block));
  return { outputs, session };
}

const outputOf = (outputs: Map<Block, string>, heading: string, first: string | RegExp): string => {
  const block = [...outputs.keys()].find((b) => b.heading === heading && (typeof first === 'string' ? firstLine(b) === first : first.test(b.text)));
  expect(block, `a run block under "${heading}" starting ${String(first)}`).toBeDefined();
  return outputs.get(block!) ?? '';
};

describe("the README's shell blocks", () => {
  it('when the README is read, then every sh block is run here or listed with a reason, and a block said to be run elsewhere is named by that test', () => {
    expect(blocks.length).toBeGreaterThan(15);
    const neither = blocks.filter((b) => listed(b) === undefined && sessionOf[b.section] === undefined);
    expect(neither.map((b) => `README.md:${b.line} (${b.heading}): ${firstLine(b)}`), 'blocks neither run nor listed in notRun').toEqual([]);
    const stale = notRun.filter((n) => !blocks.some((b) => b.heading === n.heading && firstLine(b) === n.first));
    expect(stale.map((n) => `${n.heading}: ${n.first}`), 'listed blocks the README no longer has').toEqual([]);
    for (const entry of notRun.filter((n) => n.runBy !== undefined)) {
      const block = blocks.find((b) => b.heading === entry.heading && firstLine(b) === entry.first)!;
      expect(block.marker, `README.md:${block.line} carries the marker ${entry.runBy!.marker}`).toBe(entry.runBy!.marker);
      expect(readFileSync(resolve(repoRoot, entry.runBy!.file), 'utf8')).toContain(entry.runBy!.marker);
    }
  });

  it('when the demo blocks run as written (five minutes, the demo receivers, iJw XML, status callbacks, consent, waiting times, operators), then each exits 0 and shows what the README says', async () => {
    const started = Date.now();
    const { outputs } = await runSession('demo');
    const five = outputOf(outputs, 'Five minutes with the demo', /Mint demo tokens/);
    expect(five).toContain('"exchangeId"');
    expect(five).toMatch(/"status":403[\s\S]*"reason":"no-legal-basis"|"reason":"no-legal-basis"[\s\S]*"status":403/);
    expect(five).toMatch(/"status":400/);
    expect(five).toContain('/message/Client/Bsn');
    expect(five).toMatch(/HTTP\/1\.1 20\d/);
    const receivers = outputOf(outputs, 'The demo receivers', /One exchange through each adapter/);
    expect(receivers.trim().split('\n')).toEqual(['delivered', 'delivered', 'delivered', '1']);
    const off = outputOf(outputs, 'The demo receivers', /Two overdrachten to Horizon/);
    expect(off).toMatch(/"status": "dead-letter"/);
    expect(off).toMatch(/"attempts": 6/);
    expect(off.match(/zorgaanbieder-horizon/g)?.length).toBe(2);
    const xml = outputOf(outputs, 'iJw XML and FHIR', /samples\/JW315\.xml/);
    expect(xml).toContain('"exchangeId"');
    const callbacks = outputOf(outputs, 'Status callbacks', /v1\/subscriptions/);
    expect(callbacks).toContain('"secret"');
    expect(callbacks).toMatch(/HTTP\/1\.1 204/);
    const consent = outputOf(outputs, 'Consent and legal basis', /casusinformatie/);
    expect(consent).toContain('consent-missing');
    expect(consent).toContain('overdracht-hulpverlening@1');
    expect(consent).toContain('jw-7.3.11-lid-1');
    const operators = outputOf(outputs, 'Operators: schedules, batch syncs, failed deliveries, the CLI', /brug-sync/);
    expect(operators).toMatch(/succeeded\s+3\s+3\s+0\s+0/);
    console.log(`README demo session: ${Math.round((Date.now() - started) / 1000)} s`);
  }, 600_000);

  it('when the care-path walk runs as written, then the repeat is refused (TR056) and the watchdog raises the overdue answer (OP274)', async () => {
    const { outputs } = await runSession('care-path');
    const heading = 'A care path in the demo: no request left unanswered';
    expect(outputOf(outputs, heading, /De Brug asks Diemen/)).toContain('TR056');
    const signals = outputOf(outputs, heading, /The watchdog is a scheduled job/);
    expect(signals).toContain('OP274');
    expect(signals).toContain('OP090');
  }, 300_000);

  it('when the regie walk runs as written, then Diemen is found by De Brug and Horizon gets {"regie":null}', async () => {
    const { outputs } = await runSession('regie');
    const after = outputOf(outputs, 'One regievoerder per child', /The watchdog again/);
    expect(after).toContain('{"regie":null}');
    expect(after).toContain('regie-missing');
  }, 300_000);

  it('when the onboarding runs as written, then the agency\'s signed exchange is accepted (202)', async () => {
    const { outputs } = await runSession('onboarding');
    expect(outputOf(outputs, 'Onboarding an agency', /^TOKEN=/)).toContain('"exchangeId"');
  }, 180_000);
});
