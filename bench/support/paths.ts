// Where the bench finds itself, the repository and the CLI a user starts the gateway with.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/ (the forked processes, receiver.ts, load.ts and baseline-proxy.ts, live here). */
export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(benchDir, '..');
export const cli = join(repoRoot, 'bin', 'ketenpoort.mjs');
