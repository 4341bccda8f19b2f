// `npm run bench`: the request benchmark (bench/run.ts: the gateway against a plain forwarding proxy),
// then the batch benchmark (bench/batch.ts: a pull-sync of 100,000 records), then the list reads at
// volume (bench/lists.ts: 1,000,000 exchanges and 2,000,000 audit records). All get the same flags
// and ignore the ones they do not know. --no-batch skips the second, --batch-only runs only the
// second, --no-lists skips the third.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const own = new Set(['--no-batch', '--batch-only', '--no-lists']);
const passOn = args.filter((a) => !own.has(a));

function run(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, file), ...passOn], { stdio: 'inherit' });
    child.on('exit', (code, signal) => { resolve(code ?? (signal === null ? 1 : 128)); });
  });
}

let code = 0;
if (!args.includes('--batch-only')) code = await run('run.ts');
// The batch figure stands on its own: it runs even when the request benchmark failed.
if (!args.includes('--no-batch')) code = Math.max(code, await run('batch.ts'));
if (!args.includes('--batch-only') && !args.includes('--no-lists')) code = Math.max(code, await run('lists.ts'));
process.exit(code);
