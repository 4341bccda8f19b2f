// End to end: the real server process, a real receiver, real HTTP. A provider sends the demo JW315 to
// the municipality; it arrives with the same exchange id; a refused exchange is in the audit trail
// with its reason; the hash chain verifies; and the raw BSN appears in no log line of the whole run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, any>;
const bsn = jw315.Client.Bsn as string;

let receiver: FakeReceiver;
let cfg: TestConfig;
let gateway: GatewayProcess;

async function call(path: string, party: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const token = execFileSync(process.execPath, [resolve(repoRoot, 'bin/ketenpoort.mjs'), 'token', '--party', party, '--config', cfg.file], { encoding: 'utf8' }).trim();
  const res = await fetch(gateway.url + path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  cfg = writeTestConfig({ receiverUrl: receiver.url });
  gateway = await startGatewayProcess(cfg.file);
}, 60_000);

afterAll(async () => {
  await gateway.stop();
  await receiver.close();
  cfg.cleanup();
});

describe('the gateway as a process', () => {
  it('when the provider submits the demo JW315, then the municipality\'s receiver gets it with the same exchange id', async () => {
    const res = await call('/v1/exchanges', 'jeugdhulp-de-brug', {
      method: 'POST',
      body: JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 }),
    });
    expect(res.status).toBe(202);
    await receiver.waitFor(1);
    const arrived = receiver.received[0]!;
    expect(arrived.headers['idempotency-key']).toBe(res.body.exchangeId);
    expect((arrived.json as { exchangeId: string }).exchangeId).toBe(res.body.exchangeId);
    // The status follows once the delivery is recorded.
    let status = await call(`/v1/exchanges/${res.body.exchangeId}`, 'jeugdhulp-de-brug');
    for (let i = 0; i < 50 && status.body.status !== 'delivered'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await call(`/v1/exchanges/${res.body.exchangeId}`, 'jeugdhulp-de-brug');
    }
    expect(status.body.status).toBe('delivered');
  });

  it('when an exchange is refused, then the audit trail shows it with its reason, and the chain verifies', async () => {
    const refused = await call('/v1/exchanges', 'jeugdhulp-de-brug', {
      method: 'POST',
      body: JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'onderzoek', message: jw315 }),
    });
    expect(refused.status).toBe(403);
    const invalid = await call('/v1/exchanges', 'jeugdhulp-de-brug', {
      method: 'POST',
      body: JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: { ...jw315, Client: { ...jw315.Client, Bsn: '123456789' } } }),
    });
    expect(invalid.status).toBe(400);
    const audit = await call(`/v1/audit?exchangeId=${refused.body.exchangeId}`, 'jeugdhulp-de-brug');
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'exchange.submit', outcome: 'refused', reason: 'no-legal-basis', exchangeId: refused.body.exchangeId })]);
    const verification = await call('/v1/audit/verification', 'privacy-officer-demo');
    expect(verification.body).toMatchObject({ ok: true, firstBroken: null });
    expect(verification.body.checked).toBeGreaterThanOrEqual(4);
  });

  it('when the run is over, then no log line contains the raw BSN (valid or invalid) and the chain verifies offline', async () => {
    expect(await gateway.stop()).toBe(0);
    const text = gateway.lines.join('\n');
    expect(gateway.lines.length).toBeGreaterThan(3);
    expect(text).toContain('exchange decided');
    expect(text).not.toContain(bsn);
    expect(text).not.toContain('123456789');
    const out = execFileSync(process.execPath, [resolve(repoRoot, 'bin/ketenpoort.mjs'), 'audit', 'verify', '--config', cfg.file, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ ok: true });
  });
});
