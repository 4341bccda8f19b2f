// `npm run bench`: the request benchmark (bench/run.ts: the gateway against a plain forwarding proxy),
// then the batch benchmark (bench/batch.ts: a pull-sync of 100,000 records). Both get the same flags
// and ignore the ones they do not know. --no-batch runs only the first, --batch-only only the second.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const own = new Set(['--no-batch', '--batch-only']);
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
process.exit(code);
