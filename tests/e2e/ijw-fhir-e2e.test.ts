// End to end, the real server process: a provider speaks iJw XML, the municipality's system receives
// iJw XML, the municipality answers in JSON, and the provider's FHIR server ends up holding the
// resources; a resend of the same exchange duplicates nothing.
//   provider (de Brug) --JW315 XML--> gateway --iJw XML--> municipality's receiver (Diemen, ijw-xml)
//   municipality (Diemen) --JW301 JSON--> gateway --FHIR transaction--> provider's FHIR server (fhir)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Organization, Patient, ServiceRequest } from '@medplum/fhirtypes';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import { FHIR_PROVIDER_TYPES, IJW_TO_GEMEENTE, writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { startFhirTestServer, type FhirTestServer } from '../support/fhir-test-server.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { xmllintValidate, xsdOf } from '../support/xmllint.ts';
import { ijwValidator, readSample, TODAY } from '../support/ijw-fixtures.ts';

let municipality: FakeReceiver;
let fhir: FhirTestServer;
let cfg: TestConfig;
let gateway: GatewayProcess;
const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });

function token(party: string): string {
  return execFileSync(process.execPath, [resolve(repoRoot, 'bin/ketenpoort.mjs'), 'token', '--party', party, '--config', cfg.file], { encoding: 'utf8' }).trim();
}

async function call(path: string, party: string, init: RequestInit & { contentType?: string } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(gateway.url + path, { ...init, headers: { authorization: `Bearer ${token(party)}`, 'content-type': init.contentType ?? 'application/json' } });
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

// Generous waits: on a loaded machine (CI runs the whole suite on two cores) the FHIR server's
// transactions take seconds; the test is about what arrives, not how fast.
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  municipality = await startFakeReceiver();
  fhir = await startFhirTestServer();
  cfg = writeTestConfig({
    // A FHIR transaction may take seconds under load: a 2 s delivery timeout would turn that into
    // retries and a dead letter.
    delivery: { timeoutMs: 20_000, maxAttempts: 6 },
    adapters: {
      // Each takes only what its adapter carries (src/exchange/adapter-coverage.ts).
      'gemeente-diemen': { kind: 'ijw-xml', endpoint: `${municipality.url}/ijw/berichten`, messageTypes: IJW_TO_GEMEENTE },
      'jeugdhulp-de-brug': { kind: 'fhir', endpoint: fhir.baseUrl, messageTypes: FHIR_PROVIDER_TYPES },
    },
  });
  gateway = await startGatewayProcess(cfg.file);
}, 60_000);

afterAll(async () => {
  await gateway.stop();
  await municipality.close();
  await fhir.close();
  cfg.cleanup();
});

describe('iJw XML in, iJw XML and FHIR out', () => {
  let toewijzingExchange = '';

  it('when the provider submits the official JW315 as XML (date corrected), then the municipality\'s receiver gets valid iJw XML', async () => {
    // The official sample's ToewijzingEinddatum 2027-06-31 does not exist; 2027-06-30 is meant.
    const jw315 = readSample('JW315.xml').replaceAll('2027-06-31', '2027-06-30');
    const res = await call('/v1/exchanges', 'jeugdhulp-de-brug', { method: 'POST', body: jw315, contentType: 'application/xml' });
    expect(res.status).toBe(202);
    await municipality.waitFor(1);
    const arrived = municipality.received[0]!;
    expect(arrived.url).toBe('/ijw/berichten');
    expect(arrived.headers['idempotency-key']).toBe(res.body.exchangeId);
    const lint = xmllintValidate(arrived.body, xsdOf('JW315'));
    expect(lint.output).toBe('');
    expect(lint.valid).toBe(true);
    expect(codec.parse(arrived.body).message).toEqual(codec.parse(jw315).message);
  }, 120_000);

  it('when the municipality answers with a JW301 as JSON, then the provider\'s FHIR server holds the child, both organisations and the assignments', async () => {
    // The official JW301 sample is the answer to the JW315 sample (same child, the provider's references).
    const jw301 = codec.parse(readSample('JW301.xml')).message as Record<string, any>;
    // The first FHIR response is lost on the way back: the gateway must resend the same exchange.
    fhir.loseNextResponse(503);
    const res = await call('/v1/exchanges', 'gemeente-diemen', {
      method: 'POST',
      body: JSON.stringify({ messageType: 'JW301', receiver: 'jeugdhulp-de-brug', purpose: 'toewijzing', message: jw301 }),
    });
    expect(res.status).toBe(202);
    toewijzingExchange = res.body.exchangeId;
    const exchange = await until('the JW301 delivered', async () => {
      const status = await call(`/v1/exchanges/${toewijzingExchange}`, 'gemeente-diemen');
      return status.body.status === 'delivered' ? status.body : undefined;
    });
    expect(exchange.receiverReference).toMatch(/ServiceRequest\//);

    const products = jw301.Client.ToegewezenProducten.ToegewezenProduct as { ToewijzingNummer: number }[];
    const requests = await fhir.all<ServiceRequest>('ServiceRequest');
    expect(requests.map((r) => r.identifier?.find((i) => i.use === 'official')?.value).sort()).toEqual(products.map((p) => String(p.ToewijzingNummer)).sort());
    const patients = await fhir.all<Patient>('Patient');
    expect(patients.map((p) => p.identifier?.[0])).toEqual([{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '999900006' }]);
    const organisations = await fhir.all<Organization>('Organization');
    expect(organisations.map((o) => o.name).sort()).toEqual(['Gemeente Diemen', 'Jeugdhulp De Brug (demo)']);

    // It was sent twice (the first answer was lost), and is there once.
    const transactions = fhir.requests.filter((r) => (r.body as { identifier?: { value?: string } } | undefined)?.identifier?.value === toewijzingExchange);
    expect(transactions).toHaveLength(2);
    expect(transactions.map((t) => t.headers['idempotency-key'])).toEqual([toewijzingExchange, toewijzingExchange]);
  }, 120_000);

  it('when the answer is submitted again, replayed with its Idempotency-Key and delivered as a new exchange of the same toewijzing, then nothing is duplicated', async () => {
    const before = { s: (await fhir.all('ServiceRequest')).length, p: (await fhir.all('Patient')).length, o: (await fhir.all('Organization')).length };
    const jw301 = codec.parse(readSample('JW301.xml')).message;
    const body = JSON.stringify({ messageType: 'JW301', receiver: 'jeugdhulp-de-brug', purpose: 'toewijzing', message: jw301 });
    const first = await fetch(`${gateway.url}/v1/exchanges`, { method: 'POST', body, headers: { authorization: `Bearer ${token('gemeente-diemen')}`, 'content-type': 'application/json', 'idempotency-key': 'jw301-answer-1' } });
    const firstBody = (await first.json()) as { exchangeId: string };
    const again = await fetch(`${gateway.url}/v1/exchanges`, { method: 'POST', body, headers: { authorization: `Bearer ${token('gemeente-diemen')}`, 'content-type': 'application/json', 'idempotency-key': 'jw301-answer-1' } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { exchangeId: string }).exchangeId).toBe(firstBody.exchangeId);
    await until('the resubmitted JW301 delivered', async () => {
      const status = await call(`/v1/exchanges/${firstBody.exchangeId}`, 'gemeente-diemen');
      return status.body.status === 'delivered' ? true : undefined;
    });
    // The same toewijzing once more (a new exchange for the same ToewijzingNummers): still one of each.
    expect({ s: (await fhir.all('ServiceRequest')).length, p: (await fhir.all('Patient')).length, o: (await fhir.all('Organization')).length }).toEqual(before);
  }, 120_000);

  it('when the run is over, then no log line holds the child\'s BSN, and the audit chain verifies', async () => {
    expect(await gateway.stop()).toBe(0);
    expect(gateway.lines.join('\n')).not.toContain('999900006');
    const out = execFileSync(process.execPath, [resolve(repoRoot, 'bin/ketenpoort.mjs'), 'audit', 'verify', '--config', cfg.file, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ ok: true });
  });
});
