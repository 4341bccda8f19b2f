// Builds the staff console (console/, Vite) into console/dist when it is missing or stale, so that the
// README's two commands stay two: `npm start` runs this before the gateway, and the browser tests call
// ensureConsoleBuilt() before they open a page.
//
//   node --import tsx scripts/build-console.ts [--force]
//
// Stale means: the SHA-256 over the console's sources (every file under console/ except dist and
// node_modules), package-lock.json and the shared texts it imports differs from the one recorded in console/dist/.build-hash. An
// unchanged tree costs one hash pass (tens of milliseconds). Vite builds into a temporary folder that
// is then renamed into place, under a lock folder, so a reader never sees half a build and two
// processes (a test run and `npm start`) never build at once.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const consoleRoot = path.join(repoRoot, 'console');
export const consoleDist = path.join(consoleRoot, 'dist');
const hashFile = '.build-hash';
const lockDir = path.join(consoleRoot, '.build-lock');
/** A lock older than this belongs to a build that died; a build takes seconds. */
const staleLockMs = 5 * 60 * 1000;
const skipped = new Set(['dist', 'node_modules', '.build-lock']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (skipped.has(entry.name) || entry.name.startsWith('.dist-') || entry.name.startsWith('dist.old-')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Files outside console/ that the console imports or that decide what it is built with. */
const sharedInputs = ['package-lock.json', 'consent/decision-texts.json'];

/** The hash a build of the current sources records. */
export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(consoleRoot), ...sharedInputs.map((f) => path.join(repoRoot, f))]) {
    hash.update(path.relative(repoRoot, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function builtHash(): string | undefined {
  try {
    return readFileSync(path.join(consoleDist, hashFile), 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function isConsoleBuildCurrent(): boolean {
  return existsSync(path.join(consoleDist, 'index.html')) && builtHash() === consoleSourceHash();
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = statSync(lockDir, { throwIfNoEntry: false });
      if (held !== undefined && Date.now() - held.mtimeMs > staleLockMs) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() - started > staleLockMs) throw new Error(`another console build holds ${lockDir}`);
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export interface BuildResult {
  readonly built: boolean;
  readonly ms: number;
}

/** Builds console/dist unless it is current. Safe to call from several processes at once. */
export async function ensureConsoleBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<BuildResult> {
  const started = Date.now();
  if (options.force !== true && isConsoleBuildCurrent()) return { built: false, ms: Date.now() - started };
  return withLock(async () => {
    // Another process may have built it while this one waited for the lock.
    if (options.force !== true && isConsoleBuildCurrent()) return { built: false, ms: Date.now() - started };
    const hash = consoleSourceHash();
    const temporary = path.join(consoleRoot, `.dist-${process.pid}-${Date.now()}`);
    const { build } = await import('vite');
    options.log?.('building the console (console/ -> console/dist) ...');
    try {
      await build({
        root: consoleRoot,
        configFile: path.join(consoleRoot, 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir: temporary, emptyOutDir: true },
      });
      writeFileSync(path.join(temporary, hashFile), `${hash}\n`);
      const previous = `${consoleDist}.old-${process.pid}`;
      if (existsSync(consoleDist)) renameSync(consoleDist, previous);
      renameSync(temporary, consoleDist);
      rmSync(previous, { recursive: true, force: true });
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
    const ms = Date.now() - started;
    options.log?.(`console built in ${(ms / 1000).toFixed(1)} s`);
    return { built: true, ms };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await ensureConsoleBuilt({ force: process.argv.includes('--force'), log: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    process.stderr.write(`The console could not be built: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
