// The short CI version of the soak's kill scenarios (bench/soak/kill-scenario.ts, where the guarantee
// is stated): kill -9 twice of one of three processes on PostgreSQL, and twice of the single SQLite
// process (restarted on the same file), during a stream of exchanges. The long version: npm run soak.
import { describe, expect, it } from 'vitest';
import { killScenario } from '../../bench/soak/kill-scenario.ts';
import { pgSuiteName, pgTestUrl } from '../support/postgres.ts';

describe('kill -9 of the single SQLite process', () => {
  it('when the only process is killed twice during a stream of exchanges and restarted on the same file, then every 202 is stored once and delivered, and the audit chain and witness verify', async () => {
    const result = await killScenario({ store: 'sqlite', exchanges: 100, processes: 1, kills: 2, concurrency: 6, settleLimitMs: 30_000 });
    console.info(result.name, JSON.stringify(result.figures));
    expect(result.failures).toStrictEqual([]);
    expect(result.figures.accepted).toBeGreaterThanOrEqual(100 - 2 * 6); // only requests in flight at a kill go unanswered
  }, 120_000);
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('kill -9 of one of three PostgreSQL processes'), () => {
  it('when one of three processes is killed twice during a stream of exchanges, then every 202 is stored once and delivered, and the audit chain and witness verify', async () => {
    const result = await killScenario({ store: 'postgres', pgUrl: pgTestUrl!, exchanges: 150, processes: 3, kills: 2, concurrency: 9, settleLimitMs: 30_000 });
    console.info(result.name, JSON.stringify(result.figures));
    expect(result.failures).toStrictEqual([]);
    expect(result.figures.heldByKilled).toBeGreaterThan(0);
  }, 120_000);
});
