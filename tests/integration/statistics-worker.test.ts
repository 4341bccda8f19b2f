// The waiting-time tables computed in a worker thread (src/workers): the worker opens the gateway's
// store by its URL, on SQLite (a file, a second connection) and on PostgreSQL (a schema of its own),
// and hands back exactly what the computation on the main thread gives; a store it cannot read is a
// 503-kind error whose text names no database detail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { computeInWorker } from '../../src/workers/compute-in-worker.ts';
import { computeInTurns } from '../../src/statistics/waiting-time-statistics.ts';
import { viewCsv, viewJson, viewOf } from '../../src/statistics/statistics-view.ts';
import { createTermResolver } from '../../src/care-path/care-path-terms.ts';
import { generateCarePathHistory } from '../../src/cli/demo-care-path-history.ts';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';

const history = generateCarePathHistory(1_500, { gemeenten: ['0384', '0363'], aanbieders: ['42420001', '65656055'] });
// A region with its own terms, so the worker must get the term settings to agree.
const termSettings = { terms: { answer: { amount: 3, unit: 'werkdagen' as const } }, regions: [{ id: 'amstelland', gemeenten: ['0363'], terms: { answer: { amount: 8, unit: 'werkdagen' as const } } }] };

async function loaded(url: string): Promise<Store> {
  const store = await openStore(url);
  await store.migrate();
  const changes = [
    ...history.requests.map((fact) => ({ op: 'request' as const, fact })),
    ...history.toewijzingen.map((fact) => ({ op: 'toewijzing' as const, fact })),
    ...history.deliveries.map((fact) => ({ op: 'delivery' as const, fact })),
  ];
  await store.transaction((tx) => tx.applyCarePathChanges(changes));
  return store;
}

async function expectSameAsMainThread(url: string, store: Store): Promise<void> {
  const inWorker = await computeInWorker({ storeUrl: url, termSettings, threshold: 10 })();
  const onMain = await computeInTurns({ history: () => store.carePathHistory() }, createTermResolver(termSettings), 10)();
  const national = { kind: 'national' } as const;
  expect(viewJson(viewOf(inWorker, national, {}, 10), 'x').equals(viewJson(viewOf(onMain, national, {}, 10), 'x'))).toBe(true);
  expect(viewCsv(viewOf(inWorker, national, {}, 10)).equals(viewCsv(viewOf(onMain, national, {}, 10)))).toBe(true);
  expect(inWorker.measures['request-answer'].jsonEnds.length).toBeGreaterThan(100);
}

describe('statistics in a worker thread, SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-stats-worker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the worker computes over a SQLite file the gateway holds open, then it gives exactly the main thread\'s tables', async () => {
    const url = `sqlite:${join(dir, 'k.db')}`;
    const store = await loaded(url);
    try {
      await expectSameAsMainThread(url, store);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('when the store cannot be read, then the computation fails as store-unavailable, naming no database detail', async () => {
    const url = `sqlite:${join(dir, 'never-migrated.db')}`;
    const error = await computeInWorker({ storeUrl: url, termSettings: {}, threshold: 10 })().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('store-unavailable');
    expect((error as GatewayError).message + String((error as GatewayError).detail)).not.toMatch(/no such table|SQLITE|cp_/i);
  }, 60_000);
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('statistics in a worker thread, PostgreSQL'), () => {
  const schema = freshSchema('kp_stats');
  afterAll(async () => {
    if (pgTestUrl !== undefined) await dropSchema(schema);
  });

  it('when the worker computes over the gateway\'s PostgreSQL schema, then it gives exactly the main thread\'s tables', async () => {
    const url = pgStoreUrl(schema);
    const store = await loaded(url);
    try {
      await expectSameAsMainThread(url, store);
    } finally {
      await store.close();
    }
  }, 60_000);
});
