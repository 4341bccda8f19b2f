// The consent flow against the real server process (bin/ketenpoort.mjs serve, dispatcher running) and
// a real receiver on 127.0.0.1: refused without consent; allowed with the child's and the custodian's
// consent, the receiver getting only the released fields; a delivery that is still pending (the
// receiver answers 503 and the retry is a minute away) is cancelled by the revocation and never sent;
// the next attempt is refused as revoked; a statutory JW301 needs no consent; the privacy officer's
// export lists exactly these exchanges; and no log line carries the BSN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { CHILD, fullCasusinformatie } from '../support/keten-messages.ts';
import { readDemoMessage } from '../support/ijw-fixtures.ts';

let receiver: FakeReceiver;
let cfg: TestConfig;
let gateway: GatewayProcess;

async function call(path: string, party: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(gateway.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const casus = { messageType: 'Casusinformatie', receiver: 'school-de-regenboog', purpose: 'overdracht-hulpverlening', message: fullCasusinformatie() };

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  // A failed delivery waits a minute before its retry: long enough to be revoked while pending.
  cfg = writeTestConfig({ receiverUrl: receiver.url, delivery: { baseDelayMs: 60_000, maxDelayMs: 60_000, maxAttempts: 10, pollIntervalMs: 20 } });
  gateway = await startGatewayProcess(cfg.file);
}, 60_000);

afterAll(async () => {
  await gateway.stop();
  await receiver.close();
  cfg.cleanup();
});

describe('consent against the running gateway', () => {
  const ids: string[] = [];

  it('refuses without consent, allows with it (only released fields arrive), cancels the pending delivery on revocation, and refuses after it', async () => {
    const missing = await call('/v1/exchanges', 'jeugdhulp-de-brug', casus);
    expect(missing.body).toMatchObject({ status: 403, reason: 'consent-missing' });
    ids.push(missing.body.exchangeId);

    const consent = await call('/v1/consents', 'jeugdhulp-de-brug', {
      bsn: CHILD.bsn,
      givers: [{ capacity: 'child', reference: 'Lotte' }, { capacity: 'custodial-parent', reference: 'moeder' }],
      custodianCount: 1,
      scope: { purposes: ['overdracht-hulpverlening'], receivers: { roles: ['school'] } },
      givenOn: '2026-01-05',
      validFrom: '2026-01-05',
      evidence: { reference: 'dossier-e2e' },
    });
    expect(consent.status).toBe(201);

    const allowed = await call('/v1/exchanges', 'jeugdhulp-de-brug', casus);
    expect(allowed.status).toBe(202);
    ids.push(allowed.body.exchangeId);
    await receiver.waitFor(1);
    const arrived = receiver.received[0]!.json as { exchangeId: string; message: Record<string, unknown> };
    expect(arrived.exchangeId).toBe(allowed.body.exchangeId);
    expect(Object.keys(arrived.message).sort()).toEqual(['Basisgegevens', 'Contactpersoon', 'Diagnostiek', 'Hulpverlening', 'Kind', 'Veiligheid']);
    expect(JSON.stringify(arrived.message)).not.toContain('Interne notitie');

    receiver.respondWith(503);
    const pending = await call('/v1/exchanges', 'jeugdhulp-de-brug', casus);
    expect(pending.status).toBe(202);
    ids.push(pending.body.exchangeId);
    await receiver.waitFor(2); // the first attempt fails; the retry is a minute away
    await until('the failed attempt to be recorded', async () => (await call(`/v1/exchanges/${pending.body.exchangeId}`, 'jeugdhulp-de-brug')).body.history.length === 2);

    const revoked = await call(`/v1/consents/${consent.body.id}/revocation`, 'jeugdhulp-de-brug', { revokedBy: { capacity: 'custodial-parent', reference: 'moeder' } });
    expect(revoked.body.cancelledExchanges).toEqual([pending.body.exchangeId]);
    const status = await call(`/v1/exchanges/${pending.body.exchangeId}`, 'jeugdhulp-de-brug');
    expect(status.body).toMatchObject({ status: 'cancelled', reason: 'consent-revoked' });
    expect(status.body.history.map((h: { action: string; outcome: string }) => `${h.action}:${h.outcome}`)).toEqual(['exchange.submit:allowed', 'delivery.attempt:retry', 'delivery.cancel:cancelled']);

    const after = await call('/v1/exchanges', 'jeugdhulp-de-brug', casus);
    expect(after.body).toMatchObject({ status: 403, reason: 'consent-revoked' });
    ids.push(after.body.exchangeId);
  });

  it('lets a statutory JW301 through without consent, and the privacy officer\'s export lists exactly these exchanges', async () => {
    receiver.respondWith(201);
    const jw301 = readDemoMessage('jw301.json');
    jw301.Client.Bsn = CHILD.bsn;
    const statutory = await call('/v1/exchanges', 'gemeente-diemen', { messageType: 'JW301', receiver: 'jeugdhulp-de-brug', purpose: 'toewijzing', message: jw301 });
    expect(statutory.body.decision).toMatchObject({ outcome: 'allow', legalBasis: 'jw-7.4.0-lid-1', consentIds: [] });
    ids.push(statutory.body.exchangeId);

    const exported = await call('/v1/privacy/subject-access-export', 'privacy-officer-demo', { bsn: CHILD.bsn });
    expect(exported.body.exchanges.map((e: { exchangeId: string }) => e.exchangeId).sort()).toEqual([...ids].sort());
  });

  it('when the run is over, then no log line carries the BSN, and nothing was sent after the revocation', async () => {
    expect(receiver.received.map((r) => (r.json as { exchangeId: string }).exchangeId).filter((id) => id === ids[2])).toHaveLength(1);
    expect(await gateway.stop()).toBe(0);
    expect(gateway.lines.join('\n')).not.toContain(CHILD.bsn);
  });
});
