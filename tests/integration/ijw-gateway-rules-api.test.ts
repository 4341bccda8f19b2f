// The iJw rules the gateway holds by its design and configuration rather than by a rule check of its own
// (docs/ijw-rule-coverage.md: the "XSD / JSON Schema" rows OP192 and OP254 and the "gateway policy /
// design" rows OP047, OP286, OP090x2 and OP179), each through the HTTP API with the official samples
// (read from ../shared/reference/ijw-3.2, never copied), for every message type the rule names.
// Real HTTP receivers on 127.0.0.1; the gateway writes the receivers' retours (ijwRetour 'gateway'), so
// an answer in XML is the technical retour, checked against its XSD with xmllint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { xmllintValidate, xsdOf } from '../support/xmllint.ts';
import { ijwValidator, readSample, TODAY } from '../support/ijw-fixtures.ts';

/** The eight heen messages: who sends the official sample to whom, its retour (none for JW323 and JW325) and its first body class. */
const MESSAGES = [
  { type: 'JW301', retour: 'JW302', sender: 'gemeente-diemen', receiver: 'jeugdhulp-de-brug', body: 'Client' },
  { type: 'JW305', retour: 'JW306', sender: 'zorgaanbieder-horizon', receiver: 'gemeente-amsterdam', body: 'Client' },
  { type: 'JW307', retour: 'JW308', sender: 'zorgaanbieder-horizon', receiver: 'gemeente-amsterdam', body: 'Client' },
  { type: 'JW315', retour: 'JW316', sender: 'jeugdhulp-de-brug', receiver: 'gemeente-diemen', body: 'Client' },
  { type: 'JW317', retour: 'JW318', sender: 'zorgaanbieder-horizon', receiver: 'gemeente-diemen', body: 'Client' },
  { type: 'JW319', retour: 'JW320', sender: 'gemeente-diemen', receiver: 'zorgaanbieder-horizon', body: 'Antwoord' },
  { type: 'JW323', sender: 'zorgaanbieder-horizon', receiver: 'gemeente-diemen', body: 'Declaratie' },
  { type: 'JW325', sender: 'gemeente-diemen', receiver: 'zorgaanbieder-horizon', body: 'DeclaratieAntwoord' },
] as const;
const WITH_RETOUR = MESSAGES.filter((m) => 'retour' in m);
/** The body limit of this gateway: above every official sample (the largest is 7.6 KB), far below OP179's 25 MB. */
const BODY_LIMIT = 16_384;

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;
const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });

let serial = 0;
/** The official sample with its known defects repaired (JW315: a date that does not exist; JW317: an Einddatum before its start; JW323: a duplicate ProductReferentie) and a fresh Identificatie. */
function sample(type: string): string {
  let xml = readSample(`${type}.xml`).replaceAll('2027-06-31', '2027-06-30').replace('<jw317:Einddatum>2024-02-28<', '<jw317:Einddatum>2027-02-28<');
  if (type === 'JW323') {
    const refs = [...xml.matchAll(/<ijw:ReferentieNummer>([^<]*)</g)].map((m) => m[1]);
    const twice = refs.find((r, i) => refs.indexOf(r) !== i);
    if (twice !== undefined) xml = xml.replace(new RegExp(`(<ijw:ReferentieNummer>${twice}<[\\s\\S]*?<ijw:ReferentieNummer>)${twice}<`), '$1RN999<');
  }
  return xml.replace(/<ijw:Identificatie>[^<]*</, `<ijw:Identificatie>GR${String(++serial).padStart(10, '0')}<`);
}

/** One element of the first body class, written twice where the XSD allows it once. */
const repeatedElement = (xml: string, body: string): string => xml.replace(new RegExp(`(<(\\w+):${body}>\\s*)(<\\2:(\\w+)>[^<]*</\\2:\\4>)`), '$1$3$3');

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

/** The retour the gateway answered with: valid against its official XSD, in the JSON form. */
function validRetour(res: request.Response, retourType: string): Record<string, any> {
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  expect(res.headers['ijw-message-type']).toBe(retourType);
  expect(xmllintValidate(res.text, xsdOf(retourType))).toEqual({ valid: true, output: '' });
  return codec.parse(res.text).message as Record<string, any>;
}

/** How many requests reached the receivers, once the dispatcher delivered what earlier tests left. */
async function settled(): Promise<number> {
  await gw.dispatcher.runOnce();
  return receiver.received.length;
}

/** What reached the receivers since `before`, after the dispatcher ran. */
async function deliveredSince(before: number): Promise<string[]> {
  await gw.dispatcher.runOnce();
  return receiver.received.slice(before).map((r) => r.url);
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  cfg = writeTestConfig({
    receiverUrl: receiver.url,
    partySettings: Object.fromEntries(WITH_RETOUR.map((m) => [m.receiver, { ijwRetour: 'gateway' }])),
    extra: { gateway: { audience: 'https://ketenpoort.test', host: '127.0.0.1', port: 0, bodyLimitBytes: BODY_LIMIT } },
  });
  gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
});

afterAll(async () => {
  await gw.close();
  await receiver.close();
  cfg.cleanup();
});

describe.each(MESSAGES)('OP192: a $type that does not meet the XSD', ({ type, sender, body }) => {
  it(`when a ${type} repeats an element of ${body} that its XSD allows once, then it is refused with an error naming OP192 at that element; the sample itself is accepted`, async () => {
    const res = await submitXml(repeatedElement(sample(type), body), sender, 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ rule: 'OP192', path: expect.stringMatching(new RegExp(`^/Bericht/${body}/`)) })]);
    expect((await submitXml(sample(type), sender, 'application/json')).status).toBe(202);
  });
});

describe.each(WITH_RETOUR)('OP047 and OP286: a $type with one fault is refused as a whole', ({ type, retour, sender, body }) => {
  it(`when a ${type} has a fault in ${body} only, then it is refused as a whole (OP047, OP286): the sender gets a ${retour} that rejects ${body} with 0001, and the receiver gets nothing`, async () => {
    const before = await settled();
    const res = await submitXml(repeatedElement(sample(type), body), sender);
    expect(res.status).toBe(400);
    const answered = validRetour(res, retour);
    expect(answered[body].RetourCodes.RetourCode).toEqual(['0001']);
    expect(await deliveredSince(before)).toEqual([]);
  });

  it(`when the same ${type} comes without the fault, then it is accepted and delivered (so the refusal above was the fault's)`, async () => {
    const before = await settled();
    const res = await submitXml(sample(type), sender);
    expect(res.status).toBe(202);
    expect(validRetour(res, retour).Header.RetourCodes.RetourCode).toEqual(['0200']);
    expect(await deliveredSince(before)).toHaveLength(1);
  });
});

describe.each(WITH_RETOUR)('OP090x2: a $type no retour can be made for', ({ type, sender }) => {
  it(`when a ${type} is not well-formed XML, then the gateway reports outside the berichtenverkeer: a problem document that says why no retour can be made (OP090x2), and nothing is delivered`, async () => {
    const before = await settled();
    const res = await submitXml(sample(type).replace(/<\/(\w+):Header>/, ''), sender);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['ijw-message-type']).toBeUndefined();
    expect(res.body.noRetour).toMatchObject({ reason: expect.stringMatching(/retour/), rule: 'OP047', foutcode: 'BRS14' });
    expect(await deliveredSince(before)).toEqual([]);
  });
});

describe('OP254: AGB-codes identify and route the aanbieder', () => {
  it('when a JW315 names as its Afzender no AGB-code (7 digits), then it is refused at /Header/Afzender', async () => {
    const res = await submitXml(sample('JW315').replace('<jw315:Afzender>42420001<', '<jw315:Afzender>4242001<'), 'jeugdhulp-de-brug', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/Header/Afzender' })]);
  });

  it('when a JW301 is addressed to an aanbieder by its AGB-code, then it reaches that aanbieder, and an AGB-code no party has is refused', async () => {
    const before = await settled();
    expect((await submitXml(sample('JW301'), 'gemeente-diemen', 'application/json')).status).toBe(202);
    expect(await deliveredSince(before)).toEqual(['/jeugdhulp-de-brug']);
    const unknown = await submitXml(sample('JW301').replace('<jw301:Ontvanger>42420001<', '<jw301:Ontvanger>12345678<'), 'gemeente-diemen', 'application/json');
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect(await deliveredSince(before + 1)).toEqual([]);
  });

  it('when a JW315 names as its Afzender the AGB-code of another aanbieder than the one sending, then it is refused', async () => {
    const before = await settled();
    const res = await submitXml(sample('JW315').replace('<jw315:Afzender>42420001<', '<jw315:Afzender>65656055<'), 'jeugdhulp-de-brug', 'application/json');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await deliveredSince(before)).toEqual([]);
  });
});

describe('OP179: files of at most 25 MB', () => {
  it('when a JW323 is larger than the configured body limit, then it is refused with 413 payload-too-large; the same declaration within the limit is accepted', async () => {
    const xml = sample('JW323');
    const padded = xml.replace(/<\/(\w+):Header>/, (end) => `${end}${' '.repeat(BODY_LIMIT)}`);
    const res = await submitXml(padded, 'zorgaanbieder-horizon', 'application/json');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'payload-too-large' });
    const within = xml.replace(/<\/(\w+):Header>/, (end) => `${end}${' '.repeat(BODY_LIMIT - xml.length - 100)}`);
    expect((await submitXml(within, 'zorgaanbieder-horizon', 'application/json')).status).toBe(202);
  });

  it('when the configuration sets no body limit, then the gateway takes 1 MiB, well below the 25 MB OP179 allows', () => {
    const plain = writeTestConfig();
    try {
      expect(plain.config.gateway.bodyLimitBytes).toBe(1_048_576);
      expect(plain.config.gateway.bodyLimitBytes).toBeLessThanOrEqual(25 * 1024 * 1024);
    } finally {
      plain.cleanup();
    }
  });
});
