// `ketenpoort demo seed-care-paths [--paths N]` (demo configuration only): writes a generated history
// of care paths over the past year into the demo's store, so that the waiting-time statistics have
// figures to publish (a single walked-through path sits in a cell of one child, which is suppressed,
// as it must be). The history is spread over the demo's gemeenten and aanbieders; its references and
// ToewijzingNummers are kept apart from real ones (prefix `demo-`, numbers from 90,000,001) and the
// same N writes the same history again (an upsert, never a duplicate). These are facts only, as the
// gateway keeps them: no exchanges, no messages, no audit records, no BSN.

import { parseArgs } from 'node:util';
import { loadConfig, defaultConfigFile } from '../config/load-config.ts';
import { openStore, storeUrlForDisplay } from '../store/open-store.ts';
import { addCalendarDays } from '../kernel/dutch-working-days.ts';
import { dutchDate } from '../kernel/clock.ts';
import type { CarePathChange } from '../kernel/care-path-record.ts';
import { CliFailure } from './cli-support.ts';
import { generateCarePathHistory } from './demo-care-path-history.ts';

export const demoUsage = `usage: ketenpoort demo seed-care-paths [--paths N] [--until YYYY-MM-DD] [--config FILE] [--json]

  seed-care-paths   write a generated history of N care paths (default 2000) over the past year into
                    the demo's store, for the waiting-time statistics (demo configuration only); the
                    year ends today, or on the day --until names (to match the demo clock, serve --clock)

--json prints what was written as JSON (paths, facts, from, until, store) instead of a sentence.
exit codes: 0 written, 2 wrong usage or not the demo configuration
`;

export async function runDemoCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: [...argv], allowPositionals: true, options: { config: { type: 'string' }, paths: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  const [sub] = positionals;
  if (values.help === true || sub === undefined) {
    process.stdout.write(demoUsage);
    return sub === undefined && values.help !== true ? 2 : 0;
  }
  if (sub !== 'seed-care-paths') throw new CliFailure(`unknown demo command "${sub}" (see ketenpoort demo --help)`, 2);
  const paths = Number(values.paths ?? '2000');
  if (!Number.isInteger(paths) || paths < 1 || paths > 200_000) throw new CliFailure('--paths must be a whole number from 1 to 200000', 2);
  const config = loadConfig(values.config ?? process.env.KETENPOORT_CONFIG ?? defaultConfigFile);
  if (!config.demo) throw new CliFailure('seed-care-paths is for the demo configuration only: it writes generated care paths into the store', 2);

  const codes = (roles: readonly string[], pick: (p: (typeof config.parties)[number]) => string | undefined): string[] =>
    config.parties.filter((p) => roles.includes(p.role)).map(pick).filter((c): c is string => c !== undefined);
  // The generated year ends today, or on --until (a walkthrough on the demo clock, and tests, name it).
  const until = values.until;
  if (until !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`)) || new Date(`${until}T00:00:00Z`).toISOString().slice(0, 10) !== until)) {
    throw new CliFailure('--until must be a day, YYYY-MM-DD', 2);
  }
  const today = until ?? dutchDate(new Date());
  const history = generateCarePathHistory(paths, {
    gemeenten: codes(['gemeente'], (p) => p.identifiers.gemeentecode),
    aanbieders: codes(['aanbieder', 'gi'], (p) => p.identifiers.agb),
    // Requests over the past year up to today: the current month has figures too (answers and starts
    // that fall after today are simply later than the clock of a walkthrough that moves it on).
    firstDay: addCalendarDays(today, -365),
    spanDays: 366,
    numberOffset: 90_000_000,
    prefix: 'demo-',
  });
  const changes: CarePathChange[] = [
    ...history.requests.map((fact) => ({ op: 'request' as const, fact })),
    ...history.toewijzingen.map((fact) => ({ op: 'toewijzing' as const, fact })),
    ...history.deliveries.map((fact) => ({ op: 'delivery' as const, fact })),
  ];
  const store = await openStore(config.store.url);
  try {
    // The demo's own store, migrated as `serve` would (idempotent).
    await store.migrate();
    for (let i = 0; i < changes.length; i += 5_000) {
      const batch = changes.slice(i, i + 5_000);
      await store.transaction((tx) => tx.applyCarePathChanges(batch));
    }
  } finally {
    await store.close();
  }
  const from = history.requests.reduce((a, r) => (r.receivedDay < a ? r.receivedDay : a), today);
  if (values.json === true) process.stdout.write(`${JSON.stringify({ paths, facts: changes.length, from, until: today, store: storeUrlForDisplay(config.store.url) }, null, 2)}\n`);
  else process.stdout.write(`wrote ${paths} generated care paths (${changes.length} facts) from ${from} on into ${storeUrlForDisplay(config.store.url)}\n`);
  return 0;
}
