// `npm run bench`: the request benchmark (bench/run.ts: the gateway against a plain forwarding proxy),
// then the batch benchmark (bench/batch.ts: a pull-sync of 100,000 records), then the list reads at
// volume (bench/lists.ts: 1,000,000 exchanges and 2,000,000 audit records), then the care-path
// benchmark (bench/care-path.ts: waiting-time statistics over 100,000 care paths). All get the same
// flags and ignore the ones they do not know. --no-batch, --no-lists and --no-care-path leave one
// out; --batch-only and --care-path-only run just that one.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const own = new Set(['--no-batch', '--batch-only', '--no-lists', '--no-care-path', '--care-path-only']);
const passOn = args.filter((a) => !own.has(a));

function run(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, file), ...passOn], { stdio: 'inherit' });
    child.on('exit', (code, signal) => { resolve(code ?? (signal === null ? 1 : 128)); });
  });
}

let code = 0;
const carePathOnly = args.includes('--care-path-only');
const batchOnly = args.includes('--batch-only');
if (!batchOnly && !carePathOnly) code = await run('run.ts');
// The other figures stand on their own: each runs even when the request benchmark failed.
if (!args.includes('--no-batch') && !carePathOnly) code = Math.max(code, await run('batch.ts'));
if (!batchOnly && !carePathOnly && !args.includes('--no-lists')) code = Math.max(code, await run('lists.ts'));
if (!batchOnly && !args.includes('--no-care-path')) code = Math.max(code, await run('care-path.ts'));
process.exit(code);
