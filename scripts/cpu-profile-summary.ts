// Summarises a V8 CPU profile (.cpuprofile, as `node --cpu-prof` and the benches' KETENPOORT_BENCH_CPU_PROF
// write it) by self time: per function, per file, and, with --callers PATTERN, the call chains that
// spend the self time of the frames matching PATTERN (a native call, such as a statement's step or
// the COMMIT of better-sqlite3's exec, counts for the function that called it).
//
//   node --import tsx scripts/cpu-profile-summary.ts PROFILE [--per N] [--top K] [--callers REGEX] [--depth D]
//   node --import tsx scripts/cpu-profile-summary.ts PROFILE --per N --compare OTHER --per-other M
//
// --per N divides by N (records or exchanges of the run) and prints µs per item beside the share of
// the busy time (idle left out). --compare prints two profiles side by side, each per its own count.
// Paths are shortened to the repository's (src/, adapters/, consent/, bench/) or the package's name.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Summary {
  /** Microseconds of every sample, idle included. */
  readonly totalUs: number;
  readonly idleUs: number;
  readonly byFunction: ReadonlyMap<string, number>;
  readonly byFile: ReadonlyMap<string, number>;
  readonly profile: CpuProfile;
}

export function shortUrl(url: string): string {
  if (url === '') return '';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (modules !== null) return `${modules[1]}/${modules[2]}`;
  const own = /\/((?:src|adapters|consent|bench|bin|scripts)\/.*)$/.exec(url);
  return own?.[1] ?? url;
}

const frameName = (f: CallFrame): string => `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}`.trim();

/** Self time per sample: V8 gives each sample the delta to the next one. */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  return self;
}

export function summarise(profile: CpuProfile): Summary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfTimes(profile)) {
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined) continue;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const fn = frameName(frame);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const file = frame.url === '' ? `(${frame.functionName})` : shortUrl(frame.url);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  return { totalUs, idleUs, byFunction, byFile, profile };
}

/** The call chains (innermost first, `depth` frames) that hold the self time of frames matching `pattern`. */
export function callers(profile: CpuProfile, pattern: RegExp, depth: number): [string, number][] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const chains = new Map<string, number>();
  for (const [id, us] of selfTimes(profile)) {
    const node = nodes.get(id);
    if (node === undefined || !pattern.test(frameName(node.callFrame))) continue;
    const parts: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined && parts.length < depth; cur = parent.get(cur)) {
      const f = nodes.get(cur)?.callFrame;
      if (f !== undefined) parts.push(`${frameName(f)}:${f.lineNumber + 1}:${f.columnNumber + 1}`);
    }
    const key = parts.join('\n      <- ');
    chains.set(key, (chains.get(key) ?? 0) + us);
  }
  return [...chains].sort((a, b) => b[1] - a[1]);
}

const read = (file: string): CpuProfile => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { per: { type: 'string' }, top: { type: 'string' }, callers: { type: 'string' }, depth: { type: 'string' }, compare: { type: 'string' }, 'per-other': { type: 'string' } },
  });
  const file = positionals[0];
  if (file === undefined) {
    process.stderr.write('usage: cpu-profile-summary.ts PROFILE [--per N] [--top K] [--callers REGEX] [--depth D] [--compare OTHER --per-other M]\n');
    process.exit(2);
  }
  const per = Number(values.per ?? '1');
  const top = Number(values.top ?? '30');
  const unit = per === 1 ? 'ms' : 'µs/item';
  const scale = (us: number, n: number): string => (n === 1 ? (us / 1000).toFixed(0) : (us / n).toFixed(1));
  const a = summarise(read(file));
  const busy = a.totalUs - a.idleUs;
  process.stdout.write(`${file}: ${(a.totalUs / 1e6).toFixed(2)} s sampled, idle ${(a.idleUs / 1e6).toFixed(2)} s, busy ${(busy / 1e6).toFixed(2)} s${per === 1 ? '' : `, ${scale(busy, per)} µs busy per item`}\n`);

  if (values.compare !== undefined) {
    const perOther = Number(values['per-other'] ?? String(per));
    const b = summarise(read(values.compare));
    process.stdout.write(`${values.compare}: busy ${((b.totalUs - b.idleUs) / 1e6).toFixed(2)} s, ${scale(b.totalUs - b.idleUs, perOther)} µs busy per item\n\n  first   second  (µs per item, self time)\n`);
    const keys = new Set([...a.byFunction.keys(), ...b.byFunction.keys()]);
    const rows = [...keys].map((k): [string, number, number] => [k, (a.byFunction.get(k) ?? 0) / per, (b.byFunction.get(k) ?? 0) / perOther]);
    rows.sort((x, y) => Math.max(y[1], y[2]) - Math.max(x[1], x[2]));
    for (const [k, x, y] of rows.slice(0, top)) process.stdout.write(`${x.toFixed(1).padStart(7)} ${y.toFixed(1).padStart(8)}  ${k}\n`);
    return;
  }
  if (values.callers !== undefined) {
    const chains = callers(a.profile, new RegExp(values.callers), Number(values.depth ?? '6'));
    for (const [chain, us] of chains.slice(0, top)) process.stdout.write(`${scale(us, per).padStart(8)} ${unit}  ${chain}\n`);
    return;
  }
  const table = (title: string, m: ReadonlyMap<string, number>): void => {
    process.stdout.write(`\n${title} (self time, ${unit}, share of busy)\n`);
    for (const [k, us] of [...m].sort((x, y) => y[1] - x[1]).slice(0, top)) {
      process.stdout.write(`${scale(us, per).padStart(8)} ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${k}\n`);
    }
  };
  table('by function', a.byFunction);
  table('by file', a.byFile);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Piped into head: stop quietly when the reader has had enough.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main();
}
