// The short CI version of the soak's receiver-down scenario (bench/soak/receiver-down-scenario.ts,
// where what is checked is stated): a receiver down for 4 s instead of 10 minutes, with a backoff
// scaled down to match. The long version: npm run soak.
import { describe, expect, it } from 'vitest';
import { receiverDownScenario } from '../../bench/soak/receiver-down-scenario.ts';

describe('a receiver down for a while', () => {
  it('when the receiver is down, then nothing is lost, retries keep to the backoff, deliveries out of attempts become dead letters, and replayed they are delivered once it is back', async () => {
    const result = await receiverDownScenario({
      downMs: 4_000,
      early: 20,
      late: 5,
      lateLeadMs: 400,
      delivery: { baseDelayMs: 100, maxDelayMs: 800, maxAttempts: 5, pollIntervalMs: 20 },
      slackMs: 1_500,
      settleLimitMs: 30_000,
    });
    console.info(result.name, JSON.stringify(result.figures));
    expect(result.failures).toStrictEqual([]);
    expect(result.figures.deadLetters).toBe(20);
    expect(result.figures.replayed).toBe(20);
  }, 60_000);
});
