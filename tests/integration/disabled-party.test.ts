// A party disabled in the configuration (`ketenpoort party disable`): what was queued for it before
// is not delivered after the gateway starts again on the changed file (a dead letter saying why, the
// receiver on 127.0.0.1 gets nothing), new submissions to it are refused before any 202, and its own
// tokens are refused, as problem+json.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, unknown>;
const logger = createLogger({ level: 'error', silent: true });

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts | undefined;

beforeEach(async () => {
  receiver = await startFakeReceiver();
  cfg = writeTestConfig({ receiverUrl: receiver.url });
});

afterEach(async () => {
  await gw?.close();
  gw = undefined;
  await receiver.close();
  cfg.cleanup();
});

/** The same config file with gemeente-diemen disabled, beside it (the same data folder and store). */
function withDiemenDisabled(): string {
  const raw = JSON.parse(readFileSync(cfg.file, 'utf8')) as { parties: { id: string }[] };
  const file = join(cfg.dir, 'disabled.json');
  writeFileSync(file, JSON.stringify({ ...raw, parties: raw.parties.map((p) => (p.id === 'gemeente-diemen' ? { ...p, disabled: true } : p)) }));
  return file;
}

const submit = (app: GatewayParts['app'], token: string): request.Test =>
  request(app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${token}`, 'content-type': 'application/json' })
    .send(JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 }));

describe('a disabled party', () => {
  it('when a delivery to it was queued before it was disabled, then after a restart it is a dead letter, not a delivery', async () => {
    gw = await buildGateway(cfg.config, { background: false, logger });
    const accepted = await submit(gw.app, cfg.token('jeugdhulp-de-brug'));
    expect(accepted.status).toBe(202);
    const id = accepted.body.exchangeId as string;
    await gw.close();

    const disabledConfig = loadConfig(withDiemenDisabled(), {});
    gw = await buildGateway(disabledConfig, { background: false, logger });
    expect(await gw.dispatcher.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(0);
    const exchange = await request(gw.app).get(`/v1/exchanges/${id}`).set({ authorization: `Bearer ${cfg.token('jeugdhulp-de-brug')}` });
    expect(exchange.body.status).toBe('dead-letter');
    const audit = await gw.store.listAudit({ exchangeId: id, limit: 10 });
    expect(audit.find((r) => r.action === 'delivery.attempt')).toMatchObject({ outcome: 'dead-letter', detail: expect.stringContaining('the receiver "gemeente-diemen" is disabled') });
  });

  it('when something is submitted to it, then 422 receiver-disabled before any 202; its own token gets 401 party-disabled', async () => {
    gw = await buildGateway(loadConfig(withDiemenDisabled(), {}), { background: false, logger });
    const refused = await submit(gw.app, cfg.token('jeugdhulp-de-brug'));
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'receiver-disabled', errors: [{ pointer: '/receiver', detail: 'is disabled' }] });
    const own = await request(gw.app).get('/v1/exchanges').set({ authorization: `Bearer ${cfg.token('gemeente-diemen')}` });
    expect(own.status).toBe(401);
    expect(own.body).toMatchObject({ code: 'party-disabled', detail: expect.stringContaining('"gemeente-diemen" is disabled') });
    expect(receiver.received).toHaveLength(0);
  });
});
