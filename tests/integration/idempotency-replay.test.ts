// An Idempotency-Key repeated with the same body gets the answer first sent, to the byte, however long
// after: since migration 21 the idempotency row of an accepted exchange no longer holds its decision
// (the exchange row does; src/store/sql/idempotency-sql.ts), so the replay is rebuilt, and these tests
// pin that the rebuilt answer is the first one, also after the exchange was delivered (its row
// changed) and its payload purged after the retention period. The exchange row itself keeps its
// decision without the list of released fields, which is stored once per distinct list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { GatewayParts } from '../../src/gateway.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import type { TestConfig } from '../support/test-gateway.ts';
import { startGatewayWithReceiver, type GatewayWithReceiver } from '../support/gateway-with-receiver.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, unknown>;
const envelope = (overrides: Record<string, unknown> = {}): string =>
  JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315, ...overrides });

let cfg: TestConfig;
let gw: GatewayParts;
let setup: GatewayWithReceiver;

beforeAll(async () => {
  setup = await startGatewayWithReceiver();
  ({ cfg, gw } = setup);
});

afterAll(() => setup.close());

function submit(body: string, key: string): Promise<request.Response> {
  return request(gw.app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${cfg.token('jeugdhulp-de-brug')}`, 'content-type': 'application/json', 'idempotency-key': key })
    .send(body);
}

/** The idempotency row as stored (the test gateway's SQLite file; the store contract covers PostgreSQL). */
function storedRow(key: string): { response: string; decision_of: string | null } {
  const url = cfg.config.store.url;
  if (!url.startsWith('sqlite:') || url.includes(':memory:')) throw new Error(`this test reads the test gateway's SQLite file, not ${url}`);
  const db = new Database(url.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare<[string], { response: string; decision_of: string | null }>('SELECT response, decision_of FROM idempotency WHERE key = ?').get(key);
    if (row === undefined) throw new Error(`no idempotency row for key ${key}`);
    return row;
  } finally {
    db.close();
  }
}

describe('an Idempotency-Key repeated with the same body', () => {
  it('when the accepted exchange was delivered and its payload purged meanwhile, then the replay has the status, content type and body bytes first answered', async () => {
    const body = envelope();
    const first = await submit(body, 'replay-accepted');
    expect(first.status).toBe(202);
    const exchangeId = (first.body as { exchangeId: string }).exchangeId;
    expect((first.body as { decision: { releasedFields: string[] } }).decision.releasedFields.length).toBeGreaterThan(0);

    expect(await gw.dispatcher.runOnce()).toBe(1);
    await setup.receiver.waitFor(1);
    expect((await gw.store.getExchange(exchangeId))?.status).toBe('delivered');
    expect(await gw.store.purgePayloads(Date.now() + 10 * 365 * 86_400_000)).toBeGreaterThanOrEqual(1);
    expect((await gw.store.getOutbox(exchangeId))?.payload).toBeNull();

    // The exchange's own read answers the decision the 202 carried, to the JSON text (its list of
    // released fields is stored once for every exchange that shares it since migration 21).
    const read = await request(gw.app).get(`/v1/exchanges/${exchangeId}`).set({ authorization: `Bearer ${cfg.token('jeugdhulp-de-brug')}` });
    expect(read.status).toBe(200);
    expect(JSON.stringify((read.body as { decision: unknown }).decision)).toBe(JSON.stringify((first.body as { decision: unknown }).decision));

    const again = await submit(body, 'replay-accepted');
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.text).toBe(first.text);

    // The decision is stored once, in the exchange row; the idempotency row names that exchange.
    const row = storedRow('replay-accepted');
    expect(row.decision_of).toBe(exchangeId);
    expect((JSON.parse(row.response) as { decision: unknown }).decision).toBeNull();
  });

  it('when the exchange was refused, then the replay has the 403 problem body first answered, to the byte', async () => {
    const body = envelope({ purpose: 'onderzoek' });
    const first = await submit(body, 'replay-refused');
    expect(first.status).toBe(403);
    const again = await submit(body, 'replay-refused');
    expect(again.status).toBe(403);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.text).toBe(first.text);
    expect(storedRow('replay-refused').decision_of).toBeNull();
  });
});
