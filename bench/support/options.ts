// The request benchmark's flags (bench/README.md): parsed once, wrong usage is a UsageError (exit 2).
import { parseArgs } from 'node:util';

export interface Options {
  durationMs: number;
  warmupMs: number;
  connections: number;
  only: 'baseline' | 'gateway' | undefined;
  store: 'sqlite' | 'postgres';
  pgUrl: string;
}

export class UsageError extends Error {}

export function parseOptions(argv: string[]): Options {
  const { values, tokens } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      store: { type: 'string' },
      only: { type: 'string' },
      'pg-url': { type: 'string' },
    },
  });
  const known = new Set(['duration', 'warmup', 'connections', 'store', 'only', 'pg-url']);
  const unknown = tokens.filter((t) => t.kind === 'option' && !known.has(t.name)).map((t) => (t.kind === 'option' ? t.rawName : ''));
  if (unknown.length > 0) process.stdout.write(`bench: ignoring unknown flag(s): ${unknown.join(' ')}\n`);

  const number = (name: string, fallback: number, min: number, max: number, integer: boolean): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = typeof raw === 'string' ? Number(raw) : NaN;
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
    return n;
  };
  const rawStore = values.store ?? 'sqlite';
  if (rawStore !== 'sqlite' && rawStore !== 'postgres' && rawStore !== 'postgresql') {
    throw new UsageError(`--store ${String(rawStore)}: unknown store (sqlite or postgres)`);
  }
  const pgUrl = values['pg-url'] ?? process.env.KETENPOORT_BENCH_PG_URL ?? process.env.KETENPOORT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (typeof pgUrl !== 'string' || !/^postgres(ql)?:\/\//.test(pgUrl)) throw new UsageError('--pg-url must be a postgres:// URL');
  const only = values.only;
  if (only !== undefined && only !== 'baseline' && only !== 'gateway') throw new UsageError('--only must be baseline or gateway');
  return {
    durationMs: number('duration', 10, 1, 600, false) * 1000,
    warmupMs: number('warmup', 2, 0, 60, false) * 1000,
    connections: number('connections', 32, 1, 1024, true),
    only,
    store: rawStore === 'sqlite' ? 'sqlite' : 'postgres',
    pgUrl,
  };
}
