// One retour per heen message (issue 15): per receiver, the configuration says who writes the retour.
// ijwRetour 'gateway': the gateway's synchronous retour is the only one, and the receiver's own retour
// is refused; 'receiver' (the default): the gateway acknowledges plainly and forwards the receiver's
// retour. Real HTTP receivers on 127.0.0.1 for the municipalities and the provider (adapter ijw-xml).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { IJW_TO_GEMEENTE, writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { xmllintValidate, xsdOf } from '../support/xmllint.ts';
import { ijwValidator, readSample, TODAY } from '../support/ijw-fixtures.ts';

/** The iJw messages that reach a provider: the retours of its heen messages and the municipality's answers. */
const IJW_TO_AANBIEDER = ['JW301', 'JW306', 'JW308', 'JW316', 'JW318', 'JW319', 'JW325'];

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;
const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });

/** The official JW315 (its impossible date corrected) to a municipality, with its own Identificatie. */
const jw315 = (gemeentecode: string, identificatie: string): string =>
  readSample('JW315.xml')
    .replaceAll('2027-06-31', '2027-06-30')
    .replace('<jw315:Ontvanger>0384</jw315:Ontvanger>', `<jw315:Ontvanger>${gemeentecode}</jw315:Ontvanger>`)
    .replace('<ijw:Identificatie>123456789012</ijw:Identificatie>', `<ijw:Identificatie>${identificatie}</ijw:Identificatie>`);

/** The municipality's own JW316 (0200) for a JW315 as it arrived. */
const ownRetour = (arrivedXml: string): string =>
  codec.buildRetourXml({ heenType: 'JW315', heen: codec.parse(arrivedXml).message, outcome: { accepted: true }, identificatieRetour: 'GEM000000001', dagtekeningRetour: TODAY })!.xml;

async function submitXml(xml: string, party: string, accept = 'application/xml'): Promise<request.Response> {
  const res = await request(gw.app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/xml', accept })
    .buffer(true)
    .parse((r, done) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => done(null, r.headers['content-type']?.includes('json') ? JSON.parse(text) : text));
    })
    .send(xml);
  if (typeof res.body === 'string') res.text = res.body;
  assertConformsToOpenApi('POST', '/v1/exchanges', { status: res.status, headers: res.headers, body: res.body, text: res.text });
  return res;
}

/** Runs the dispatcher and returns what arrived at a path since `before`. */
async function deliveredTo(path: string, before: number): Promise<string[]> {
  await gw.dispatcher.runOnce();
  return receiver.received.slice(before).filter((r) => r.url === path).map((r) => r.body);
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  cfg = writeTestConfig({
    receiverUrl: receiver.url,
    adapters: {
      // Systems that speak iJw XML only (they take no chain notices: src/exchange/adapter-coverage.ts).
      'gemeente-diemen': { kind: 'ijw-xml', endpoint: `${receiver.url}/ijw/diemen`, messageTypes: IJW_TO_GEMEENTE },
      'gemeente-amsterdam': { kind: 'ijw-xml', endpoint: `${receiver.url}/ijw/amsterdam`, messageTypes: IJW_TO_GEMEENTE },
      'jeugdhulp-de-brug': { kind: 'ijw-xml', endpoint: `${receiver.url}/ijw/de-brug`, messageTypes: IJW_TO_AANBIEDER },
    },
    // Diemen lets the gateway write its retours; Amsterdam keeps the default and writes its own.
    partySettings: { 'gemeente-diemen': { ijwRetour: 'gateway' } },
  });
  gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
});

afterAll(async () => {
  await gw.close();
  await receiver.close();
  cfg.cleanup();
});

describe("a receiver with ijwRetour 'gateway'", () => {
  it('when a provider sends it a JW315, then the gateway answers with the JW316 and the receiver gets the JW315', async () => {
    const res = await submitXml(jw315('0384', 'ONE000000001'), 'jeugdhulp-de-brug');
    expect(res.status).toBe(202);
    expect(res.headers['ijw-message-type']).toBe('JW316');
    expect(res.headers['ijw-retour']).toBeUndefined();
    expect(xmllintValidate(res.text, xsdOf('JW316'))).toEqual({ valid: true, output: '' });
    const before = receiver.received.length;
    expect(await deliveredTo('/ijw/diemen', before)).toHaveLength(1);
  });

  it('when the receiver then sends its own JW316 for it, then that retour is refused with the reason (409), also as JSON, and the provider receives nothing more', async () => {
    const before = receiver.received.length;
    const heen = jw315('0384', 'ONE000000002');
    expect((await submitXml(heen, 'jeugdhulp-de-brug')).status).toBe(202);
    const [arrived] = await deliveredTo('/ijw/diemen', before);
    const refused = await submitXml(ownRetour(arrived!), 'gemeente-diemen', 'application/json');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'conflict', errors: [expect.objectContaining({ pointer: '/Header/BerichtIdentificatie' })] });
    expect(refused.body.detail).toMatch(/answered this JW315 with its retour on your behalf.*ijwRetour setting is 'gateway'/);
    const asJson = await request(gw.app)
      .post('/v1/exchanges')
      .set({ authorization: `Bearer ${cfg.token('gemeente-diemen')}`, 'content-type': 'application/json' })
      .send(JSON.stringify({ messageType: 'JW316', receiver: 'jeugdhulp-de-brug', purpose: 'technische-bevestiging', message: codec.parse(ownRetour(arrived!)).message }));
    expect(asJson.status).toBe(409);
    expect(asJson.body.errors).toEqual([expect.objectContaining({ pointer: '/message/Header/BerichtIdentificatie' })]);
    const after = receiver.received.length;
    expect(await deliveredTo('/ijw/de-brug', after)).toEqual([]);
  });
});

describe("a receiver with ijwRetour 'receiver' (the default)", () => {
  it('when a provider sends it a JW315 asking for XML, then the answer is a plain acknowledgement (no retour), and the receiver\'s own JW316 is forwarded to the provider', async () => {
    const before = receiver.received.length;
    const ack = await submitXml(jw315('0363', 'ONE000000003'), 'jeugdhulp-de-brug');
    expect(ack.status).toBe(202);
    expect(ack.headers['content-type']).toMatch(/^application\/json/);
    expect(ack.headers['ijw-retour']).toBe('receiver');
    expect(ack.headers['ijw-message-type']).toBeUndefined();
    expect(ack.body).toMatchObject({ status: 'queued', decision: { outcome: 'allow' } });
    const [arrived] = await deliveredTo('/ijw/amsterdam', before);
    expect(arrived).toBeDefined();

    const own = ownRetour(arrived!);
    const forwarded = await submitXml(own, 'gemeente-amsterdam', 'application/json');
    expect(forwarded.status).toBe(202);
    const [atProvider] = await deliveredTo('/ijw/de-brug', before);
    expect(xmllintValidate(atProvider!, xsdOf('JW316'))).toEqual({ valid: true, output: '' });
    expect(codec.parse(atProvider!).message).toEqual(codec.parse(own).message);
  });
});

describe('the ijwRetour setting', () => {
  it('when a party has an ijwRetour other than gateway or receiver, then the configuration is refused at startup, naming it', () => {
    let caught: unknown;
    try {
      writeTestConfig({ partySettings: { 'gemeente-diemen': { ijwRetour: 'both' } } }).cleanup();
    } catch (error) {
      caught = error;
    }
    expect(isGatewayError(caught) && caught.code === 'config-invalid').toBe(true);
    expect(JSON.stringify((caught as { errors: unknown }).errors)).toMatch(/\/parties\/0\/ijwRetour/);
  });
});
