// The short CI versions of the soak's store faults (bench/soak/pg-terminate-scenario.ts and
// sqlite-full-scenario.ts, where what is checked is stated): PostgreSQL sessions terminated under
// load, and a SQLite database that is full. The long versions: npm run soak.
import { describe, expect, it } from 'vitest';
import { pgTerminateScenario } from '../../bench/soak/pg-terminate-scenario.ts';
import { sqliteFullScenario } from '../../bench/soak/sqlite-full-scenario.ts';
import { pgSuiteName, pgTestUrl } from '../support/postgres.ts';

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('PostgreSQL connections terminated under load'), () => {
  it("when the gateway's sessions are terminated again and again under load, then it answers 503 while it cannot write, every 202 is committed and delivered, and it accepts again by itself", async () => {
    const result = await pgTerminateScenario({ pgUrl: pgTestUrl!, warmupMs: 1_000, faultMs: 3_000, everyMs: 10, concurrency: 4, recoveryLimitMs: 15_000, settleLimitMs: 30_000 });
    console.info(result.name, JSON.stringify(result.figures));
    expect(result.failures).toStrictEqual([]);
    expect(result.figures.unavailable503).toBeGreaterThan(0);
  }, 90_000);
});

describe('a full SQLite database', () => {
  it('when the file reaches its maxPageCount, then submissions get 503 and nothing half-written is left, and once pages are freed the same process accepts again and delivers every 202', async () => {
    const result = await sqliteFullScenario({ ballastPages: 256, headroomPages: 40, fullAfter503s: 12, maxSubmissions: 600, concurrency: 4, afterRecovery: 10, recoveryLimitMs: 10_000, settleLimitMs: 30_000 });
    console.info(result.name, JSON.stringify(result.figures));
    expect(result.failures).toStrictEqual([]);
    expect(result.figures.unavailable503).toBeGreaterThan(0);
  }, 90_000);
});
