import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/exchange/retry-policy.ts';
import { createGroupCommitter } from '../../src/store/group-commit.ts';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';

describe('retry delays', () => {
  const settings = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 8 };
  it('when attempts fail, then the delay doubles, stays within [half, full] of the step, and is capped', () => {
    expect(retryDelayMs(settings, 1, () => 0)).toBe(500);
    expect(retryDelayMs(settings, 1, () => 1)).toBe(1000);
    expect(retryDelayMs(settings, 3, () => 1)).toBe(4000);
    expect(retryDelayMs(settings, 30, () => 1)).toBe(60_000);
    const samples = Array.from({ length: 50 }, () => retryDelayMs(settings, 4));
    expect(new Set(samples).size).toBeGreaterThan(1); // jitter
    for (const s of samples) {
      expect(s).toBeGreaterThanOrEqual(4000);
      expect(s).toBeLessThanOrEqual(8000);
    }
  });
});

describe('group commit', () => {
  it.each([0, 1])('when many writers arrive together (maxWaitMs %i), then they share transactions and every one resolves after its commit', async (maxWaitMs) => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const committer = createGroupCommitter(store, { maxBatch: 16, maxWaitMs });
    const n = 100;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => committer.run((tx) => appendAudit(tx, { traceId: 't', spanId: 's', action: 'exchange.submit', outcome: 'allowed', actor: `p${i}` }, new Date()))),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(committer.stats().items).toBe(n);
    expect(committer.stats().batches).toBeLessThan(n / 4);
    expect((await verifyAuditChain(store)).ok).toBe(true);
    await store.close();
  });

  it('when one item in a batch fails, then only that item fails and its neighbours commit', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const committer = createGroupCommitter(store, { maxBatch: 8, maxWaitMs: 5 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        committer.run(async (tx) => {
          await appendAudit(tx, { traceId: 't', spanId: 's', action: 'exchange.submit', outcome: 'allowed', actor: `p${i}` }, new Date());
          if (i === 3) await tx.updateExchange('no-such-exchange', { updatedAt: 1 });
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const chain = await store.readAuditChain(1, 100);
    expect(chain.map((r) => r.actor)).toEqual(['p0', 'p1', 'p2', 'p4', 'p5']);
    await store.close();
  });
});
