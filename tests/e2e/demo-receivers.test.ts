// The demo receivers (README, "The demo receivers"): `serve` in demo mode starts a REST/JSON system, a
// municipality's iJw XML system and a real FHIR R4 server (Medplum in memory) on 127.0.0.1, so every
// adapter delivers; one switched off shows the retries, the dead letter and the replay; a taken port is
// reported and the gateway starts all the same. The real server process, real HTTP, the demo config
// (its endpoints moved to free ports, tests/support/demo-config.ts).
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { mintDemoToken } from '../../src/auth/tokens.ts';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { writeDemoConfigCopy, type DemoConfigCopy } from '../support/demo-config.ts';
import { demoMessage } from '../support/demo-walk.ts';

const copies: DemoConfigCopy[] = [];
/** The FHIR receiver loads the R4 definitions at start-up (about 4 s alone, several times that on a busy 2-core machine). */
const startupMs = 90_000;
let gateway: GatewayProcess | undefined;

afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});
afterAll(() => {
  for (const copy of copies) rmSync(copy.dir, { recursive: true, force: true });
});

async function demoCopy(change?: (raw: Record<string, any>) => void): Promise<DemoConfigCopy & { token: (party: string) => string }> {
  const copy = await writeDemoConfigCopy(change);
  copies.push(copy);
  return { ...copy, token: (party) => mintDemoToken(loadConfig(copy.file, {}), party) };
}

/** One exchange to each adapter's demo party: Kompas (fhir), Utrecht (ijw-xml), Horizon (rest-json). */
function exchangesToEveryAdapter(tag: string): { sender: string; envelope: Record<string, unknown> }[] {
  const jw301 = demoMessage('jw301.json');
  jw301.Header.Ontvanger = '75750001';
  jw301.Header.BerichtIdentificatie.Identificatie = `KOMPAS${tag}`;
  const jw315 = demoMessage('jw315.json');
  jw315.Header.Ontvanger = '0344';
  jw315.Header.BerichtIdentificatie.Identificatie = `UTRECHT${tag}`;
  return [
    { sender: 'gemeente-diemen', envelope: { messageType: 'JW301', receiver: 'jeugdzorg-kompas', purpose: 'toewijzing', message: jw301 } },
    { sender: 'jeugdhulp-de-brug', envelope: { messageType: 'JW315', receiver: 'gemeente-utrecht', purpose: 'verzoek-toewijzing', message: jw315 } },
    {
      sender: 'veilig-thuis-amsterdam',
      envelope: {
        messageType: 'VeiligThuisOverdracht', receiver: 'zorgaanbieder-horizon', purpose: 'hulp-na-melding',
        message: { VeiligThuisReferentie: `VT-${tag}`, Datum: '2026-12-04', Kind: { Bsn: '999900018' }, Veiligheid: { Beoordeling: 'structureel-onveilig' }, Contactpersoon: { Naam: 'J. de Vries', Telefoon: '020-1234567' } },
      },
    },
  ];
}

async function submit(url: string, bearer: string, envelope: unknown): Promise<string> {
  const res = await fetch(`${url}/v1/exchanges`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
  const body = (await res.json()) as { exchangeId?: string };
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body.exchangeId ?? '';
}

async function statusOf(url: string, bearer: string, id: string): Promise<string> {
  const res = await fetch(`${url}/v1/exchanges/${id}`, { headers: { authorization: `Bearer ${bearer}` } });
  return ((await res.json()) as { status: string }).status;
}

async function waitForStatus(url: string, bearer: string, id: string, wanted: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let status = await statusOf(url, bearer, id);
  while (status !== wanted && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    status = await statusOf(url, bearer, id);
  }
  expect(status, `exchange ${id}`).toBe(wanted);
}

const logLines = (g: GatewayProcess): Record<string, unknown>[] => g.lines.flatMap((l) => { try { return [JSON.parse(l) as Record<string, unknown>]; } catch { return []; } });

describe('the demo receivers', () => {
  it('when the demo starts with its receivers, then a delivery through fhir, ijw-xml and rest-json each arrives, and each receiver logs one line per delivery without a BSN', async () => {
    const demo = await demoCopy();
    gateway = await startGatewayProcess(demo.file, { KETENPOORT_DEMO_RECEIVERS: 'rest-json,ijw-xml,fhir' }, [], startupMs);
    const listening = logLines(gateway).filter((l) => l.message === 'demo receiver listening').map((l) => l.receiver);
    expect(listening.sort()).toEqual(['fhir', 'ijw-xml', 'rest-json']);
    const ids: string[] = [];
    for (const { sender, envelope } of exchangesToEveryAdapter('1')) ids.push(await submit(gateway.url, demo.token(sender), envelope));
    const operator = demo.token('gemeente-diemen');
    await waitForStatus(gateway.url, operator, ids[0]!, 'delivered');
    await waitForStatus(gateway.url, demo.token('jeugdhulp-de-brug'), ids[1]!, 'delivered');
    await waitForStatus(gateway.url, demo.token('veilig-thuis-amsterdam'), ids[2]!, 'delivered');
    // The FHIR server stored the transaction: Kompas's system has the child as a Patient.
    const patients = (await (await fetch(`${demo.endpoints['jeugdzorg-kompas']!.replace(/\/$/, '')}/Patient`)).json()) as { entry?: unknown[] };
    expect(patients.entry?.length).toBe(1);
    const received = logLines(gateway).filter((l) => l.message === 'demo receiver received a delivery');
    expect(received.map((l) => [l.receiver, l.exchangeId]).sort()).toEqual([['fhir', ids[0]], ['ijw-xml', ids[1]], ['rest-json', ids[2]]].sort());
    expect(received.find((l) => l.receiver === 'ijw-xml')).toMatchObject({ berichtCode: '446', status: 202 });
    expect(received.find((l) => l.receiver === 'rest-json')).toMatchObject({ messageType: 'VeiligThuisOverdracht', status: 201 });
    expect(received.find((l) => l.receiver === 'fhir')).toMatchObject({ resourceType: 'Bundle', bundleType: 'transaction', status: 200 });
    expect(JSON.stringify(received)).not.toContain('999900006');
    expect(JSON.stringify(received)).not.toContain('999900018');
  }, 180_000);

  it('when the FHIR receiver is switched off, then its delivery is retried and dead-lettered, and with the receiver back a replay delivers it', async () => {
    const demo = await demoCopy((raw) => { raw.delivery = { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 3 }; });
    gateway = await startGatewayProcess(demo.file, { KETENPOORT_DEMO_RECEIVERS: 'rest-json,ijw-xml' }, [], startupMs);
    expect(logLines(gateway).find((l) => l.message === 'demo receiver off: deliveries to its parties are retried and then dead-lettered')).toMatchObject({ receiver: 'fhir', parties: ['jeugdzorg-kompas'] });
    const [toKompas] = exchangesToEveryAdapter('2');
    const gemeente = demo.token('gemeente-diemen');
    const id = await submit(gateway.url, gemeente, toKompas!.envelope);
    await waitForStatus(gateway.url, gemeente, id, 'dead-letter');
    const operator = demo.token('operator-demo');
    const dead = (await (await fetch(`${gateway.url}/v1/dead-letters`, { headers: { authorization: `Bearer ${operator}` } })).json()) as { items: { exchangeId: string; attempts: number; errorClass: string }[] };
    expect(dead.items.find((d) => d.exchangeId === id)).toMatchObject({ attempts: 3, errorClass: 'network' });
    await gateway.stop();

    gateway = await startGatewayProcess(demo.file, { KETENPOORT_DEMO_RECEIVERS: 'rest-json,ijw-xml,fhir' }, [], startupMs);
    const replay = await fetch(`${gateway.url}/v1/dead-letters/replay`, { method: 'POST', headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' }, body: JSON.stringify({ exchangeIds: [id] }) });
    expect(replay.status, await replay.clone().text()).toBe(200);
    await waitForStatus(gateway.url, gemeente, id, 'delivered');
  }, 240_000);

  it("when a demo receiver's port is taken, then the gateway says which and starts all the same", async () => {
    const demo = await demoCopy();
    const port = Number(new URL(demo.endpoints['zorgaanbieder-horizon']!).port);
    const squatter: Server = createServer((_req, res) => { res.writeHead(503).end(); });
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r));
    try {
      gateway = await startGatewayProcess(demo.file, { KETENPOORT_DEMO_RECEIVERS: 'rest-json,ijw-xml' }, [], startupMs);
      const warning = logLines(gateway).find((l) => l.level === 'warn' && String(l.message).startsWith('demo receiver not started'));
      expect(warning).toMatchObject({ receiver: 'rest-json', port, code: 'EADDRINUSE' });
      expect(String(warning?.message)).toContain(`port ${port} is taken`);
      expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
      expect(logLines(gateway).some((l) => l.message === 'demo receiver listening' && l.receiver === 'ijw-xml')).toBe(true);
    } finally {
      await gateway?.stop();
      gateway = undefined;
      await new Promise<void>((r) => squatter.close(() => { r(); }));
    }
  }, 120_000);

  it('when demo receivers are asked for outside the demo, or by an unknown name, then the configuration is refused naming them', async () => {
    const notDemo = await demoCopy((raw) => { raw.demo = false; raw.pseudonymSecret = 'x'.repeat(64); });
    const refusal = (file: string, env: Record<string, string>): string => {
      try {
        loadConfig(file, env);
      } catch (error) {
        if (isGatewayError(error) && error.code === 'config-invalid') return error.detail ?? '';
        throw error;
      }
      return 'accepted';
    };
    expect(refusal(notDemo.file, { KETENPOORT_DATA_DIR: join(notDemo.dir, 'data') })).toContain('demo receivers are for the demo configuration only');
    const demo = await demoCopy();
    expect(refusal(demo.file, { KETENPOORT_DEMO_RECEIVERS: 'fhir,smtp' })).toContain('/demoReceivers/1');
    const noFhirParty = await demoCopy((raw) => { raw.parties = (raw.parties as { adapter: { kind: string } }[]).filter((p) => p.adapter.kind !== 'fhir'); });
    expect(refusal(noFhirParty.file, {})).toContain('no party delivers with adapter "fhir"');
    expect(loadConfig(demo.file, { KETENPOORT_DEMO_RECEIVERS: 'none' }).demoReceivers).toEqual([]);
  });
});

describe('the test gateway process', () => {
  it('when a gateway does not start in time, then startGatewayProcess kills it instead of leaving it running', async () => {
    const demo = await demoCopy();
    const failure = await startGatewayProcess(demo.file, {}, [], 1).then(() => undefined, (error: unknown) => error as Error);
    expect(failure?.message).toMatch(/did not start within 1 ms and was killed/);
    const pid = Number(/pid (\d+)/.exec(failure?.message ?? '')?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
