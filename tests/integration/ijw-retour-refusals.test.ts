// With Accept: application/xml, every refusal of a heen message that has a technical retour is
// answered with that retour (valid against the official XSD, checked with xmllint), the retourcodes
// on the classes the faults are in; where the message cannot be read far enough for a retour, the
// problem document says why and names the iJw rule. One fault injected into each official sample.
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
import { loadIjwPurposes } from '../../consent/ijw-purposes.ts';

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;
const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });

/** Each heen message type with a retour: who sends the official sample, and its first body class. */
const HEEN = [
  { type: 'JW301', retour: 'JW302', sender: 'gemeente-diemen', receiver: 'jeugdhulp-de-brug', body: 'Client' },
  { type: 'JW305', retour: 'JW306', sender: 'zorgaanbieder-horizon', receiver: 'gemeente-amsterdam', body: 'Client' },
  { type: 'JW307', retour: 'JW308', sender: 'zorgaanbieder-horizon', receiver: 'gemeente-amsterdam', body: 'Client' },
  { type: 'JW315', retour: 'JW316', sender: 'jeugdhulp-de-brug', receiver: 'gemeente-diemen', body: 'Client' },
  { type: 'JW317', retour: 'JW318', sender: 'zorgaanbieder-horizon', receiver: 'gemeente-diemen', body: 'Client' },
  { type: 'JW319', retour: 'JW320', sender: 'gemeente-diemen', receiver: 'zorgaanbieder-horizon', body: 'Antwoord' },
] as const;
const purposes = loadIjwPurposes();

let serial = 0;
/** The official sample with its known defects repaired (JW315: a date that does not exist; JW317: an Einddatum before its start) and a fresh Identificatie. */
function sample(type: string): string {
  const xml = readSample(`${type}.xml`).replaceAll('2027-06-31', '2027-06-30').replace('<jw317:Einddatum>2024-02-28<', '<jw317:Einddatum>2027-02-28<');
  return xml.replace(/<ijw:Identificatie>[^<]*</, `<ijw:Identificatie>RF${String(++serial).padStart(10, '0')}<`);
}

/** One fault each, in the header or in the first body class, and what the retour must say. */
interface Fault {
  readonly name: string;
  readonly inject: (xml: string, body: string) => string;
  /**
   * The retourcodes of the header and of the first body class, and of a class inside it where the
   * fault is; undefined: no retour, a problem document.
   */
  readonly codes?: { readonly header: string[]; readonly body: string[]; readonly inner?: { readonly path: readonly string[]; readonly codes: string[] } };
  readonly status: number;
  readonly foutcode?: string;
  /** Types the fault does not apply to. */
  readonly skip?: readonly string[];
}

const FAULTS: readonly Fault[] = [
  {
    name: 'a date with a time zone in the header (XSD: LDT_Datum)',
    inject: (x) => x.replace(/<ijw:Dagtekening>([0-9-]+)</, '<ijw:Dagtekening>$1+01:00<'),
    codes: { header: ['0001'], body: ['0233'] },
    status: 400,
  },
  {
    name: 'the header elements out of XSD order',
    inject: (x) => x.replace(/(<(\w+):BerichtCode>[^<]*<\/\2:BerichtCode>)(\s*)(<\2:BerichtVersie>[^<]*<\/\2:BerichtVersie>)/, '$4$3$1'),
    codes: { header: ['0001'], body: ['0233'] },
    status: 400,
  },
  {
    name: 'an element repeated in the body class that the XSD allows once',
    inject: (x, body) => x.replace(new RegExp(`(<(\\w+):${body}>\\s*)(<\\2:(\\w+)>[^<]*</\\2:\\4>)`), '$1$3$3'),
    codes: { header: ['0200'], body: ['0001'] },
    status: 400,
  },
  {
    name: 'an identifier that fails its check (BSN 11-test, CS002)',
    inject: (x) => x.replace(/Bsn>999900006</, 'Bsn>999900007<'),
    codes: { header: ['0200'], body: ['0001'] },
    status: 400,
    skip: ['JW319'],
  },
  {
    name: 'a gemeentecode not in the CBS list (TR378, retourcode S300)',
    inject: (x) => x.replace('<jw319:Gemeente>1916<', '<jw319:Gemeente>0999<'),
    codes: { header: ['0200'], body: ['0200'], inner: { path: ['Woonplaatsbeginsel'], codes: ['S300'] } },
    status: 400,
    skip: ['JW301', 'JW305', 'JW307', 'JW315', 'JW317'],
  },
  {
    name: 'a Dagtekening in the future (TR135, retourcode 8848)',
    inject: (x) => x.replace(/<ijw:Dagtekening>[0-9-]+</, '<ijw:Dagtekening>2099-01-01<'),
    codes: { header: ['8848'], body: ['0233'] },
    status: 400,
  },
  { name: 'XML that is not well-formed', inject: (x) => x.replace(/<\/(\w+):Header>/, ''), status: 400, foutcode: 'BRS14' },
  { name: 'a root element in no iJw message namespace', inject: (x) => x.replaceAll(/\/jw3[0-9]{2}\/schema/g, '/jw399/schema'), status: 400, foutcode: 'BRS13' },
  { name: 'no Header', inject: (x) => x.replace(/<(\w+):Header>[\s\S]*<\/\1:Header>/, ''), status: 400, foutcode: 'BRS13' },
];

async function submitXml(xml: string, party: string): Promise<request.Response> {
  const res = await request(gw.app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/xml', accept: 'application/xml' })
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

/** The retour as the gateway answered it: valid against its official XSD, in the JSON form. */
function validRetour(res: request.Response, retourType: string): Record<string, any> {
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  expect(res.headers['ijw-message-type']).toBe(retourType);
  const lint = xmllintValidate(res.text, xsdOf(retourType));
  expect(lint.output).toBe('');
  expect(lint.valid).toBe(true);
  return codec.parse(res.text).message as Record<string, any>;
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  // The gateway writes the retours of the receivers here, so an accepted message is answered with one too.
  const gatewayWritesRetours = { ijwRetour: 'gateway' };
  cfg = writeTestConfig({
    receiverUrl: receiver.url,
    partySettings: Object.fromEntries(HEEN.map((h) => [h.receiver, gatewayWritesRetours])),
  });
  gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
});

afterAll(async () => {
  await gw.close();
  await receiver.close();
  cfg.cleanup();
});

describe.each(HEEN)('a refused $type asked to be answered in XML', ({ type, retour, sender, receiver, body }) => {
  it(`when the official ${type} is sent unchanged, then it is accepted and answered with a ${retour}`, async () => {
    const res = await submitXml(sample(type), sender);
    expect(res.status).toBe(202);
    const message = validRetour(res, retour);
    expect(message.Header.RetourCodes.RetourCode).toEqual(['0200']);
  });

  for (const fault of FAULTS.filter((f) => !(f.skip ?? []).includes(type))) {
    if (fault.codes !== undefined) {
      const { header, body: bodyCodes, inner } = fault.codes;
      it(`when it has ${fault.name}, then the answer is a ${retour} with ${header.join(',')} on the header and ${bodyCodes.join(',')} on ${body}`, async () => {
        const res = await submitXml(fault.inject(sample(type), body), sender);
        expect(res.status).toBe(fault.status);
        const message = validRetour(res, retour);
        expect(message.Header.RetourCodes.RetourCode).toEqual(header);
        expect(message[body].RetourCodes.RetourCode).toEqual(bodyCodes);
        if (inner !== undefined) expect(inner.path.reduce((node, key) => node[key], message[body]).RetourCodes.RetourCode).toEqual(inner.codes);
      });
    } else {
      it(`when it has ${fault.name}, then no retour can be made and the problem document says why, naming OP047 and ${fault.foutcode ?? ''}`, async () => {
        const res = await submitXml(fault.inject(sample(type), body), sender);
        expect(res.status).toBe(fault.status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.noRetour).toMatchObject({ rule: 'OP047', foutcode: fault.foutcode, ruleText: expect.stringContaining('geldende standaard') });
        expect(res.body.noRetour.reason).toMatch(/retour/);
        expect(res.headers['ijw-message-type']).toBeUndefined();
      });
    }
  }

  it(`when the policy refuses it (the child lives at a secret address, OP003; sent as JSON), then 403 and a ${retour} with 0001 on the header and 0233 on ${body}`, async () => {
    const message = codec.parse(sample(type)).message;
    const envelope = { messageType: type, receiver, purpose: purposes.get(type), message, subject: { secretAddress: true } };
    const res = await request(gw.app)
      .post('/v1/exchanges')
      .set({ authorization: `Bearer ${cfg.token(sender)}`, 'content-type': 'application/json', accept: 'application/xml' })
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => done(null, text));
      })
      .send(JSON.stringify(envelope));
    res.text = String(res.body);
    expect(res.status).toBe(403);
    const answered = validRetour(res, retour);
    expect(answered.Header.RetourCodes.RetourCode).toEqual(['0001']);
    expect(answered[body].RetourCodes.RetourCode).toEqual(['0233']);
  });
});
