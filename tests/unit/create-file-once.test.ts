// Regression: three gateway processes starting together on one data folder crashed with EEXIST while
// creating the demo checkpoint key (found by the multi-process PostgreSQL test in CI).
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../../src/kernel/repo-root.ts';

const script = `
import { createFileOnce } from ${JSON.stringify(resolve(repoRoot, 'src/kernel/create-file-once.ts'))};
import { randomBytes } from 'node:crypto';
const at = Number(process.argv[2]);
while (Date.now() < at) {} // start together
process.stdout.write(createFileOnce(process.argv[1], () => randomBytes(2048).toString('hex')));
`;

describe('creating a file once', () => {
  it('when several processes create the same file at the same moment, then all read one whole content and none fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'once-'));
    const file = join(dir, 'secret');
    const at = Date.now() + 1500;
    const outputs = await Promise.all(
      Array.from({ length: 6 }, () =>
        new Promise<string>((resolvePromise, reject) => {
          execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file, String(at)], { cwd: repoRoot, timeout: 20_000 }, (error, stdout) => {
            if (error) reject(new Error(error.message));
            else resolvePromise(stdout);
          });
        }),
      ),
    );
    const content = readFileSync(file, 'utf8');
    expect(content).toHaveLength(4096);
    expect(new Set(outputs)).toEqual(new Set([content]));
    expect(readdirSync(dir)).toEqual(['secret']); // no temporary files left
  });
});
