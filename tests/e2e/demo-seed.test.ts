// `ketenpoort demo seed-care-paths` as a process (demo configuration only): a generated history of
// care paths lands in the demo's store, once however often it is run, and the statistics then have
// published figures; outside the demo it is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { openStore } from '../../src/store/open-store.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';

const cliPath = resolve(repoRoot, 'bin/ketenpoort.mjs');
let cfg: TestConfig;

function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cliPath, ...args], { cwd: repoRoot, timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

beforeAll(() => {
  cfg = writeTestConfig();
});
afterAll(() => {
  cfg.cleanup();
});

describe('demo seed-care-paths', () => {
  it('when run twice on the demo, then the store holds the generated paths once, spread over the demo gemeenten', async () => {
    const run = await cli(['demo', 'seed-care-paths', '--paths', '400', '--config', cfg.file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^wrote 400 generated care paths \(\d+ facts\) from \d{4}-\d{2}-\d{2} on into sqlite:/);
    // The second time as JSON (--json): the same figures, for a program.
    const again = await cli(['demo', 'seed-care-paths', '--paths', '400', '--config', cfg.file, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const facts = Number(/\((\d+) facts\)/.exec(run.stdout)?.[1]);
    expect(JSON.parse(again.stdout)).toEqual({ paths: 400, facts, from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), store: cfg.config.store.url });
    const store = await openStore(cfg.config.store.url);
    try {
      const history = await store.carePathHistory();
      expect(history.requests).toHaveLength(400);
      expect(new Set(history.requests.map((r) => r.gemeente))).toEqual(new Set(cfg.config.parties.filter((p) => p.role === 'gemeente').map((p) => p.identifiers.gemeentecode)));
      expect(history.requests.every((r) => r.referentie.startsWith('demo-'))).toBe(true);
      expect(history.toewijzingen.every((t) => t.nummer > 90_000_000)).toBe(true);
    } finally {
      await store.close();
    }
  }, 240_000);

  it('when the configuration is not the demo, or the arguments are wrong, then it refuses (exit 2)', async () => {
    const real = { ...(JSON.parse(readFileSync(cfg.file, 'utf8')) as Record<string, unknown>), demo: false, pseudonymSecret: '0123456789abcdef'.repeat(3) };
    const file = join(cfg.dir, 'not-demo.json');
    writeFileSync(file, JSON.stringify(real));
    const refused = await cli(['demo', 'seed-care-paths', '--config', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('demo configuration only');
    expect((await cli(['demo', 'seed-care-paths', '--paths', 'many', '--config', cfg.file])).code).toBe(2);
    expect((await cli(['demo', 'plant-trees', '--config', cfg.file])).code).toBe(2);
  }, 120_000);
});
