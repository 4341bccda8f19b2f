import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (package) root: schemas, policy files and config live relative to it. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
