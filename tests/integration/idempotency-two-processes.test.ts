// The same Idempotency-Key at two gateway processes at once (issue 16, "The edge"). Two gateways are
// built on one PostgreSQL schema, as two processes behind a load balancer would be; each has its own
// in-flight set, so only the store's unique key on (party, key) stands between them. The loser of the
// race must answer as one process would: the stored answer once the winner committed, or
// `idempotency-in-progress` (retryable) — never a permanent `idempotency-conflict` for the same body,
// and never the database's own words (`SQLSTATE 23505`).
//
// And on SQLite: a store failure is answered with the catalogue's title, not the store's detail.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, unknown>;
const body = JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 });
const otherBody = JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315, subject: { safetyRisk: false } });

/** Database words that must never reach a client. */
const databaseText = /SQLSTATE|SQLITE_|store: |constraint|duplicate key|violates/i;

function post(gw: GatewayParts, cfg: TestConfig, key: string, payload = body): Promise<request.Response> {
  return request(gw.app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${cfg.token('jeugdhulp-de-brug')}`, 'content-type': 'application/json', 'idempotency-key': key })
    .send(payload)
    .then((res) => {
      assertConformsToOpenApi('POST', '/v1/exchanges', { status: res.status, headers: res.headers, body: res.body, text: res.text });
      return res;
    });
}

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('one Idempotency-Key at two gateway processes on one PostgreSQL database'), () => {
  const schema = freshSchema('kp_idem');
  let cfg: TestConfig;
  const gateways: GatewayParts[] = [];

  beforeAll(async () => {
    cfg = writeTestConfig({ extra: { store: { url: pgStoreUrl(schema, { poolMax: '4' }) } } });
    for (let i = 0; i < 2; i++) gateways.push(await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) }));
  }, 60_000);

  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    cfg.cleanup();
    await dropSchema(schema);
  }, 30_000);

  it('when both processes get the same key and body at once, many times over, then every answer is the one stored answer or in-progress, never a conflict or database text, and one exchange is recorded per key', async () => {
    const rounds = 40;
    const perGateway = 2;
    const statuses = new Map<string, number>();
    let replayedAcrossProcesses = 0;
    for (let round = 0; round < rounds; round++) {
      const key = `race-${round}`;
      // All requests of a round in flight together, half at each process.
      const answers = await Promise.all(Array.from({ length: 2 * perGateway }, (_, i) => post(gateways[i % 2]!, cfg, key)));
      const accepted = new Set<string>();
      for (const res of answers) {
        const tag = res.status === 202 ? (res.headers['idempotent-replayed'] === 'true' ? '202 replayed' : '202') : `${res.status} ${String(res.body.code)}`;
        statuses.set(tag, (statuses.get(tag) ?? 0) + 1);
        expect(res.text).not.toMatch(databaseText);
        expect([202, 409]).toContain(res.status);
        if (res.status === 409) {
          expect(res.body.code).toBe('idempotency-in-progress');
          expect(res.headers['retry-after']).toBe('1');
        } else accepted.add(String(res.body.exchangeId));
      }
      // One exchange per key, whichever process answered.
      expect(accepted.size).toBe(1);
      const fresh = answers.filter((r) => r.status === 202 && r.headers['idempotent-replayed'] !== 'true');
      expect(fresh).toHaveLength(1);
      // A 202 replayed by the process that did not commit the key (its in-flight set never saw it).
      const winner = answers.indexOf(fresh[0]!) % 2;
      replayedAcrossProcesses += answers.filter((r, i) => i % 2 !== winner && r.headers['idempotent-replayed'] === 'true').length;
      // After the race, each process answers the stored answer.
      for (const gw of gateways) {
        const again = await post(gw, cfg, key);
        expect(again.status).toBe(202);
        expect(again.body.exchangeId).toBe([...accepted][0]);
      }
    }
    console.info(`two processes, ${rounds} keys x ${2 * perGateway} requests: ${[...statuses].map(([k, n]) => `${n} x ${k}`).join(', ')}; ${replayedAcrossProcesses} replayed by the other process`);
    expect(replayedAcrossProcesses).toBeGreaterThan(0);

    // In the database: one allowed submission per key, and one idempotency row per key.
    const rows = await withPgClient(async (c) => {
      const submitted = await c.query(`SELECT count(*)::int AS n FROM "${schema}".audit WHERE action = 'exchange.submit' AND outcome = 'allowed'`);
      const keys = await c.query(`SELECT count(*)::int AS n FROM "${schema}".idempotency WHERE key LIKE 'race-%'`);
      return { submitted: (submitted.rows[0] as { n: number }).n, keys: (keys.rows[0] as { n: number }).n };
    });
    expect(rows).toStrictEqual({ submitted: rounds, keys: rounds });
  }, 120_000);

  it('when the two processes get the same key with different bodies at once, then the one that did not commit answers idempotency-conflict (no database text)', async () => {
    for (let round = 0; round < 10; round++) {
      const key = `differ-${round}`;
      const [a, b] = await Promise.all([post(gateways[0]!, cfg, key, body), post(gateways[1]!, cfg, key, otherBody)]);
      const answers = [a, b];
      expect(answers.filter((r) => r.status === 202)).toHaveLength(1);
      const loser = answers.find((r) => r.status !== 202)!;
      expect(loser.status).toBe(409);
      expect(['idempotency-conflict', 'idempotency-in-progress']).toContain(loser.body.code);
      for (const res of answers) expect(res.text).not.toMatch(databaseText);
    }
  }, 60_000);
});

describe('store failures at the edge', () => {
  let cfg: TestConfig;
  let gw: GatewayParts;

  beforeAll(async () => {
    cfg = writeTestConfig();
    gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
  });

  afterAll(() => {
    cfg.cleanup();
  });

  it('when the store fails under a submission, then the answer is 503 store-unavailable with the catalogue title and none of the store detail', async () => {
    await gw.store.close();
    const res = await post(gw, cfg, 'after-close');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'store-unavailable', title: 'The store is unavailable' });
    expect(res.body.detail).toBeUndefined();
    expect(res.text).not.toMatch(databaseText);
  });
});
