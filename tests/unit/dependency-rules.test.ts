// The import rules (.dependency-cruiser.cjs) must be able to fail: a small tree laid out like the
// repository, with one deliberately wrong import per rule and a few allowed ones, is cruised with the
// repository's own config, the way `npm run lint` cruises the real tree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { repoRoot } from '../../src/kernel/repo-root.ts';

/** file -> the files it imports (relative to the tree's root). */
const tree: Record<string, readonly string[]> = {
  // allowed: each layer importing the layers below it
  'src/kernel/ok.ts': [],
  'src/store/store.ts': ['src/kernel/ok.ts'],
  'src/store/group-commit.ts': ['src/store/store.ts'],
  'src/store/open-store.ts': ['src/store/sqlite/sqlite-store.ts'],
  'src/store/sqlite/sqlite-store.ts': ['src/store/store.ts'],
  'src/validation/schemas.ts': ['src/kernel/ok.ts'],
  'consent/policy.ts': ['src/validation/schemas.ts', 'src/kernel/ok.ts'],
  'src/config/config.ts': ['consent/policy.ts'],
  'src/auth/tokens.ts': ['src/config/config.ts'],
  'src/exchange/submit.ts': ['consent/policy.ts', 'src/store/group-commit.ts', 'src/kernel/ok.ts'],
  'src/scheduler/job.ts': ['src/exchange/submit.ts'],
  'src/privacy/officer.ts': ['src/store/store.ts'],
  'src/http/app.ts': ['src/exchange/submit.ts', 'src/auth/tokens.ts'],
  'src/gateway.ts': ['src/http/app.ts', 'src/store/open-store.ts'],
  'src/cli/main.ts': ['src/gateway.ts', 'src/store/open-store.ts'],
  'adapters/rest-json/rest.ts': ['src/kernel/ok.ts'],
  'tests/support/helper.ts': ['src/gateway.ts'],
  // wrong, one per rule
  'src/kernel/bad.ts': ['src/exchange/submit.ts'],
  'src/store/sqlite/reads-policy.ts': ['consent/policy.ts'],
  'src/exchange/reads-sqlite.ts': ['src/store/sqlite/sqlite-store.ts'],
  'src/privacy/opens-store.ts': ['src/store/open-store.ts'],
  'src/audit/calls-use-case.ts': ['src/exchange/submit.ts'],
  'src/audit/reads-config.ts': ['src/config/config.ts'],
  'src/validation/reads-policy.ts': ['consent/policy.ts'],
  'adapters/fhir/uses-rest.ts': ['adapters/rest-json/rest.ts'],
  'src/exchange/calls-http.ts': ['src/http/app.ts'],
  'src/exchange/calls-privacy.ts': ['src/privacy/officer.ts'],
  'src/scheduler/calls-privacy.ts': ['src/privacy/officer.ts'],
  'src/http/builds-gateway.ts': ['src/gateway.ts'],
  'src/cli/uses-http.ts': ['src/http/app.ts'],
  'src/care-path/new-room.ts': ['src/kernel/ok.ts'],
  'src/observability/uses-fixture.ts': ['tests/support/helper.ts'],
  'scripts/generate.ts': ['tests/support/helper.ts'],
  'bench/run.ts': ['tests/support/helper.ts'],
  'src/audit/ping.ts': ['src/audit/pong.ts'],
  'src/audit/pong.ts': ['src/audit/ping.ts'],
  'tests/a/one.ts': ['tests/b/two.ts'],
  'tests/b/three.ts': ['tests/a/four.ts'],
  'tests/b/two.ts': [],
  'tests/a/four.ts': [],
};

let root: string;
/** The cruiser's report, one violation per line: "error rule-name: from → to [→ ...]". */
let report: string[];
let exitCode: number | null;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'layers-'));
  copyFileSync(resolve(repoRoot, 'tsconfig.json'), join(root, 'tsconfig.json'));
  for (const [file, imports] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    const up = '../'.repeat(dirname(file).split('/').length);
    const lines = imports.map((target, i) => `import { v as v${i} } from '${up}${target}';\nvoid v${i};`);
    writeFileSync(join(root, file), `${lines.join('\n')}\nexport const v = 1;\n`);
  }
  const run = spawnSync(
    process.execPath,
    [resolve(repoRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), '--config', resolve(repoRoot, '.dependency-cruiser.cjs'), 'src', 'adapters', 'consent', 'bench', 'scripts', 'tests'],
    { cwd: root, encoding: 'utf8' },
  );
  exitCode = run.status;
  // A cycle is printed over several lines ("a →" / "b →" / "a"): join them into one.
  report = run.stdout.replace(/→\s+/g, '→ ').split('\n').map((line) => line.trim()).filter((line) => /^(error|warn) /.test(line));
}, 60_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function reported(rule: string, from: string, to: string): boolean {
  return report.some((line) => line.replace(/^(error|warn) /, '').startsWith(`${rule}: ${from} → ${to}`));
}

describe('the import rules', () => {
  it('when a file imports against the layers, then lint fails and names the rule, the file and the import', () => {
    expect(exitCode).not.toBe(0);
    const expected: [string, string, string][] = [
      ['kernel-imports-nothing', 'src/kernel/bad.ts', 'src/exchange/submit.ts'],
      ['store-sees-only-kernel', 'src/store/sqlite/reads-policy.ts', 'consent/policy.ts'],
      ['store-implementations-behind-the-port', 'src/exchange/reads-sqlite.ts', 'src/store/sqlite/sqlite-store.ts'],
      ['store-factory-only-in-composition-roots', 'src/privacy/opens-store.ts', 'src/store/open-store.ts'],
      ['services-below-use-cases', 'src/audit/calls-use-case.ts', 'src/exchange/submit.ts'],
      ['audit-imports-no-other-service', 'src/audit/reads-config.ts', 'src/config/config.ts'],
      ['validation-imports-no-other-service', 'src/validation/reads-policy.ts', 'consent/policy.ts'],
      ['adapter-kinds-independent', 'adapters/fhir/uses-rest.ts', 'adapters/rest-json/rest.ts'],
      ['use-cases-below-entry', 'src/exchange/calls-http.ts', 'src/http/app.ts'],
      ['use-case-peers', 'src/exchange/calls-privacy.ts', 'src/privacy/officer.ts'],
      ['scheduler-not-into-privacy', 'src/scheduler/calls-privacy.ts', 'src/privacy/officer.ts'],
      ['http-gets-its-parts', 'src/http/builds-gateway.ts', 'src/gateway.ts'],
      ['cli-not-into-http', 'src/cli/uses-http.ts', 'src/http/app.ts'],
      ['every-product-folder-in-a-layer', 'src/care-path/new-room.ts', 'src/kernel/ok.ts'],
      ['product-not-into-tests-bench-scripts', 'src/observability/uses-fixture.ts', 'tests/support/helper.ts'],
      ['scripts-not-into-tests', 'scripts/generate.ts', 'tests/support/helper.ts'],
      ['bench-not-into-tests', 'bench/run.ts', 'tests/support/helper.ts'],
      ['no-cycles', 'src/audit/ping.ts', 'src/audit/pong.ts'],
      ['no-folder-cycles', 'tests/a', 'tests/b'],
    ];
    const missing = expected.filter(([rule, from, to]) => !reported(rule, from, to));
    expect(missing).toEqual([]);
  });

  it('when every import points down the layers, then no rule reports it', () => {
    const allowed = Object.entries(tree).filter(([file]) => !/bad|reads-|opens-|calls-|uses-|builds-|new-room|generate|bench|ping|pong|tests\/[ab]\//.test(file));
    const wrongly = report.filter((line) => allowed.some(([file]) => line.includes(`: ${file} → `)));
    expect(wrongly).toEqual([]);
    expect(allowed.length).toBeGreaterThan(15);
  });
});
