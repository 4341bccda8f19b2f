// Error texts for people (issue 15): each fault in an iJw message is one error, with the iJw rule code,
// the rule's Dutch wording from the reference, the element path in the XML for an XML submission (the
// JSON pointer for a JSON one), and never a schema's regular expression. One table of faults, sent as
// native XML and as a JSON envelope through the HTTP API (every answer checked against openapi.yaml).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { ijwValidator, sampleMessage, TODAY } from '../support/ijw-fixtures.ts';
import { OP192_TEXT } from '../../src/validation/ijw-schema-errors.ts';

let cfg: TestConfig;
let gw: GatewayParts;
const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });

type Msg = Record<string, any>;
const product = (m: Msg, i: number): Msg => m['Client']['ToegewezenProducten']['ToegewezenProduct'][i];

/** One fault each in the official JW301, and the one error it must give (pointer into the message). */
const FAULTS: readonly { name: string; inject: (m: Msg) => void; error: Record<string, string>; xml?: (xml: string) => string }[] = [
  {
    name: 'a Dagtekening with a time zone',
    inject: (m) => (m['Header']['BerichtIdentificatie']['Dagtekening'] = '2026-04-01+01:00'),
    error: { pointer: '/Header/BerichtIdentificatie/Dagtekening', rule: 'RS032', ruleText: 'Datum vullen zonder tijdzone.', detail: 'must be a date written YYYY-MM-DD, without a time or time zone' },
  },
  {
    name: 'an Einddatum of the first product with a time',
    inject: (m) => (product(m, 0)['Einddatum'] = '2026-07-14T00:00:00'),
    error: { pointer: '/Client/ToegewezenProducten/ToegewezenProduct/0/Einddatum', rule: 'RS032', ruleText: 'Datum vullen zonder tijdzone.', detail: 'must be a date written YYYY-MM-DD, without a time or time zone' },
  },
  {
    name: 'an Einddatum of the second product in UTC',
    inject: (m) => (product(m, 1)['Einddatum'] = '2026-07-19Z'),
    error: { pointer: '/Client/ToegewezenProducten/ToegewezenProduct/1/Einddatum', rule: 'RS032', ruleText: 'Datum vullen zonder tijdzone.', detail: 'must be a date written YYYY-MM-DD, without a time or time zone' },
  },
  {
    name: 'a BSN of eight digits',
    inject: (m) => (m['Client']['Bsn'] = '99990000'),
    error: { pointer: '/Client/Bsn', rule: 'RS037', ruleText: 'Vullen met 9 cijfers.', detail: 'must be a BSN of 9 digits' },
  },
  {
    name: 'a BSN that fails the 11-test',
    inject: (m) => (m['Client']['Bsn'] = '999900007'),
    error: { pointer: '/Client/Bsn', rule: 'CS002', ruleText: 'De waarde moet voldoen aan de 11-proef.', retourcode: '0001', detail: expect.any(String) },
  },
  {
    name: 'a blank Achternaam',
    inject: (m) => (m['Client']['Naam']['Geslachtsnaam']['Achternaam'] = '   '),
    error: { pointer: '/Client/Naam/Geslachtsnaam/Achternaam', rule: 'RS033', ruleText: 'Geen lege elementen in XML.', detail: 'must not be empty or blank' },
  },
  {
    name: 'an Identificatie of 13 characters',
    inject: (m) => (m['Header']['BerichtIdentificatie']['Identificatie'] = 'A'.repeat(13)),
    error: { pointer: '/Header/BerichtIdentificatie/Identificatie', rule: 'RS017', ruleText: 'Maximale lengte 12 posities', detail: 'must be at most 12 characters long' },
  },
  {
    name: 'BerichtVersie 4',
    inject: (m) => (m['Header']['BerichtVersie'] = 4),
    error: { pointer: '/Header/BerichtVersie', rule: 'CS025', ruleText: 'BerichtVersie vullen met 3.', detail: 'must be 3' },
  },
  {
    name: 'the BerichtCode of another message',
    inject: (m) => (m['Header']['BerichtCode'] = '446'),
    error: { pointer: '/Header/BerichtCode', rule: 'RS047', ruleText: 'Vullen met BerichtCode volgens de specificatie', detail: 'must be 436, the BerichtCode of a JW301' },
  },
  {
    name: 'Voorletters with a dot',
    inject: (m) => (m['Client']['Naam']['Voorletters'] = 'T.'),
    error: { pointer: '/Client/Naam/Voorletters', rule: 'RS045', ruleText: 'Aaneengesloten vullen (zonder punten of spaties).', detail: 'must be letters only, without dots or spaces' },
  },
  {
    name: 'a Geslacht not in its code list',
    inject: (m) => (m['Client']['Geslacht'] = '7'),
    error: { pointer: '/Client/Geslacht', rule: 'OP192', ruleText: OP192_TEXT, keyword: 'enum', detail: 'must be one of "0", "1", "2"' },
  },
  {
    name: 'an element the XSD does not know in the Client',
    inject: (m) => (m['Client']['Bijnaam'] = 'Tommie'),
    // The renderer writes only elements the XSD knows: in XML the fault goes in as text.
    xml: (xml) => xml.replace('</jw301:Client>', '<jw301:Bijnaam>Tommie</jw301:Bijnaam></jw301:Client>'),
    error: { pointer: '/Client/Bijnaam', rule: 'OP192', ruleText: OP192_TEXT, keyword: 'additionalProperties', detail: 'is not allowed here' },
  },
  {
    name: 'no Bsn',
    inject: (m) => delete m['Client']['Bsn'],
    error: { pointer: '/Client/Bsn', rule: 'OP192', ruleText: OP192_TEXT, keyword: 'required', detail: 'is required' },
  },
  {
    name: 'an Einddatum that does not exist',
    inject: (m) => (product(m, 0)['Einddatum'] = '2026-02-30'),
    error: { pointer: '/Client/ToegewezenProducten/ToegewezenProduct/0/Einddatum', rule: 'OP192', ruleText: OP192_TEXT, keyword: 'format', detail: 'must be a date that exists' },
  },
];

/** The element path in the XML of a pointer into the JSON form. */
const pathOf = (pointer: string): string => `/Bericht${pointer.replace(/\/([0-9]+)(?=\/|$)/g, (_, n: string) => `[${Number(n) + 1}]`)}`;

/** What no text for people may hold: a regular expression of the schema. */
const PATTERN_TRACES = [/must match pattern/, /\^\(\?/, /\[0-9\]/, /\{[0-9]+\}/, /\\[dstnr]/];

function faulty(inject: (m: Msg) => void): Msg {
  const m = sampleMessage('JW301');
  inject(m);
  return m;
}

function checked(res: request.Response): request.Response {
  assertConformsToOpenApi('POST', '/v1/exchanges', { status: res.status, headers: res.headers, body: res.body, text: res.text });
  for (const trace of PATTERN_TRACES) expect(JSON.stringify(res.body)).not.toMatch(trace);
  return res;
}

beforeAll(async () => {
  cfg = writeTestConfig();
  gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
});

afterAll(async () => {
  await gw.close();
  cfg.cleanup();
});

describe('an iJw fault sent as native XML', () => {
  for (const fault of FAULTS) {
    it(`when a JW301 has ${fault.name}, then the answer has exactly one error, with the rule, its Dutch wording and the element path in the XML`, async () => {
      const res = checked(
        await request(gw.app)
          .post('/v1/exchanges')
          .set({ authorization: `Bearer ${cfg.token('gemeente-diemen')}`, 'content-type': 'application/xml' })
          .send(fault.xml !== undefined ? fault.xml(codec.render('JW301', sampleMessage('JW301'))) : codec.render('JW301', faulty(fault.inject))),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ ...fault.error, path: pathOf(fault.error['pointer']!) }]);
    });
  }
});

describe('a fault only XML can have', () => {
  it('when the header elements are out of XSD order, then one error names OP192 (found by the XML parser) and the element path', async () => {
    const xml = codec.render('JW301', sampleMessage('JW301')).replace(/(<jw301:BerichtCode>436<\/jw301:BerichtCode>)(\s*)(<jw301:BerichtVersie>3<\/jw301:BerichtVersie>)/, '$3$2$1');
    const res = checked(
      await request(gw.app)
        .post('/v1/exchanges')
        .set({ authorization: `Bearer ${cfg.token('gemeente-diemen')}`, 'content-type': 'application/xml' })
        .send(xml),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { pointer: '/Header/BerichtCode', path: '/Bericht/Header/BerichtCode', rule: 'OP192', ruleText: OP192_TEXT, keyword: 'xml', detail: expect.stringMatching(/^element BerichtCode is out of order/) },
    ]);
  });
});

describe('an iJw fault sent in a JSON envelope', () => {
  for (const fault of FAULTS) {
    it(`when a JW301 has ${fault.name}, then the answer has exactly one error, with the rule, its Dutch wording and the JSON pointer`, async () => {
      const envelope = { messageType: 'JW301', receiver: 'jeugdhulp-de-brug', purpose: 'toewijzing', message: faulty(fault.inject) };
      const res = checked(
        await request(gw.app)
          .post('/v1/exchanges')
          .set({ authorization: `Bearer ${cfg.token('gemeente-diemen')}`, 'content-type': 'application/json' })
          .send(JSON.stringify(envelope)),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ ...fault.error, pointer: `/message${fault.error['pointer']!}` }]);
    });
  }
});
