// The soak (npm run soak): the fault scenarios of issue 16 at full size, each a real gateway process
// (or three) on 127.0.0.1 with a real receiver, SQLite files in a temporary folder and PostgreSQL
// schemas of their own (dropped afterwards). The same scenario code runs, small, in CI
// (tests/e2e/faults-*.test.ts); what each checks is stated at the top of its file in bench/soak/.
//
//   npm run soak -- [--exchanges N] [--receiver-down-minutes M] [--pg-url URL] [--only NAME,...]
//
// --exchanges            exchanges in each kill scenario (default 10000)
// --receiver-down-minutes how long the receiver is down (default 10; the backoff is scaled to it)
// --pg-url               PostgreSQL server (default KETENPOORT_BENCH_PG_URL, KETENPOORT_TEST_PG_URL or
//                        postgres://postgres@127.0.0.1:5432/test); its scenarios fail when unreachable
// --only                 kill-pg, kill-sqlite, pg-terminate, sqlite-full, receiver-down
//
// Prints one line per scenario (PASS or FAIL, what went wrong, the figures) and at the end
// "N passed, N failed"; the exit code is 1 when any failed, 2 on wrong usage. Every scenario is
// bounded in time (its waits have limits), so the run ends.
import { parseArgs } from 'node:util';
import { dropLeftoverSchemas, killAllGateways, withPg, type ScenarioResult } from './soak/harness.ts';
import { killScenario } from './soak/kill-scenario.ts';
import { pgTerminateScenario } from './soak/pg-terminate-scenario.ts';
import { receiverDownScenario } from './soak/receiver-down-scenario.ts';
import { sqliteFullScenario } from './soak/sqlite-full-scenario.ts';

const names = ['kill-pg', 'kill-sqlite', 'pg-terminate', 'sqlite-full', 'receiver-down'] as const;
type Name = (typeof names)[number];

function usage(message: string): never {
  process.stderr.write(`soak: ${message}\nusage: npm run soak -- [--exchanges N] [--receiver-down-minutes M] [--pg-url URL] [--only ${names.join(',')}]\n`);
  process.exit(2);
}

function options(): { exchanges: number; downMs: number; pgUrl: string; only: Set<Name> } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { exchanges: { type: 'string' }, 'receiver-down-minutes': { type: 'string' }, 'pg-url': { type: 'string' }, only: { type: 'string' } } }));
  } catch (error) {
    usage((error as Error).message);
  }
  const exchanges = Number(values.exchanges ?? 10_000);
  if (!Number.isInteger(exchanges) || exchanges < 30 || exchanges > 1_000_000) usage('--exchanges must be an integer from 30 to 1000000');
  const minutes = Number(values['receiver-down-minutes'] ?? 10);
  if (!Number.isFinite(minutes) || minutes < 0.05 || minutes > 120) usage('--receiver-down-minutes must be a number from 0.05 to 120');
  const pgUrl = String(values['pg-url'] ?? process.env.KETENPOORT_BENCH_PG_URL ?? process.env.KETENPOORT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  if (!/^postgres(ql)?:\/\//.test(pgUrl)) usage('--pg-url must be a postgres:// URL');
  const only = new Set<Name>();
  for (const n of String(values.only ?? names.join(',')).split(',').filter(Boolean)) {
    if (!(names as readonly string[]).includes(n)) usage(`--only: unknown scenario ${n}`);
    only.add(n as Name);
  }
  return { exchanges, downMs: Math.round(minutes * 60_000), pgUrl, only };
}

async function main(): Promise<number> {
  const o = options();
  const pgReachable = await withPg(o.pgUrl, (c) => c.query('SELECT 1')).then(() => true, () => false);
  // The backoff for the receiver-down scenario, scaled to the outage: all attempts of the early
  // exchanges are spent within about 0.4 of it (63 × base + 3 × max), so they are dead letters
  // before the receiver returns; the late ones are sent 1/30 of it before, while retries are short.
  const downDelivery = { baseDelayMs: Math.max(20, Math.round(o.downMs / 600)), maxDelayMs: Math.max(200, Math.round(o.downMs / 10)), maxAttempts: 10, pollIntervalMs: 100 };
  const scenarios: Record<Name, { needsPg: boolean; run: () => Promise<ScenarioResult> }> = {
    'kill-pg': { needsPg: true, run: () => killScenario({ store: 'postgres', pgUrl: o.pgUrl, exchanges: o.exchanges, processes: 3, kills: 2, concurrency: 12, settleLimitMs: 300_000 }) },
    'kill-sqlite': { needsPg: false, run: () => killScenario({ store: 'sqlite', exchanges: o.exchanges, processes: 1, kills: 2, concurrency: 8, settleLimitMs: 300_000 }) },
    'pg-terminate': { needsPg: true, run: () => pgTerminateScenario({ pgUrl: o.pgUrl, warmupMs: 5_000, faultMs: 30_000, everyMs: 10, concurrency: 8, recoveryLimitMs: 30_000, settleLimitMs: 120_000 }) },
    'sqlite-full': { needsPg: false, run: () => sqliteFullScenario({ ballastPages: 2_560, headroomPages: 400, fullAfter503s: 50, maxSubmissions: 20_000, concurrency: 8, afterRecovery: 200, recoveryLimitMs: 30_000, settleLimitMs: 120_000 }) },
    'receiver-down': {
      needsPg: false,
      run: () => receiverDownScenario({
        downMs: o.downMs,
        early: Math.min(1_000, Math.ceil(o.exchanges / 10)),
        late: 50,
        lateLeadMs: Math.round(o.downMs / 30),
        delivery: downDelivery,
        slackMs: 2_000 + Math.round(downDelivery.maxDelayMs / 10),
        settleLimitMs: 300_000,
      }),
    },
  };
  let passed = 0;
  let failed = 0;
  for (const name of names.filter((n) => o.only.has(n))) {
    const scenario = scenarios[name];
    const started = Date.now();
    let result: ScenarioResult;
    if (scenario.needsPg && !pgReachable) {
      result = { name, failures: ['PostgreSQL is unreachable (--pg-url)'], figures: {} };
    } else {
      process.stdout.write(`soak: ${name} ...\n`);
      result = await scenario.run().catch((error: unknown) => ({ name, failures: [`crashed: ${(error as Error).stack ?? String(error)}`], figures: {} }));
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    const ok = result.failures.length === 0;
    if (ok) passed++;
    else failed++;
    process.stdout.write(`${ok ? 'PASS' : 'FAIL'} ${name} (${seconds} s): ${result.name}${ok ? '' : `\n  failed: ${result.failures.join('\n  failed: ')}`}\n  ${JSON.stringify(result.figures)}\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

process.on('SIGINT', () => { void killAllGateways().then(dropLeftoverSchemas).finally(() => process.exit(130)); });
main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`soak: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
