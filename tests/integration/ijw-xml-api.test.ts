// Native iJw XML through the HTTP API (supertest against the real app, SQLite on disk, a real receiver
// on 127.0.0.1 for the municipality on the ijw-xml adapter). Every response is checked against
// openapi.yaml; every XML the gateway writes is checked with xmllint against the official XSD.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import { IJW_TO_GEMEENTE, writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { xmllintValidate, xsdOf } from '../support/xmllint.ts';
import { ijwValidator, readSample, TODAY, validMessage } from '../support/ijw-fixtures.ts';

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;
const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });

/** The official JW315 sample with its impossible ToewijzingEinddatum (2027-06-31) corrected. */
const officialJw315 = (): string => readSample('JW315.xml').replaceAll('2027-06-31', '2027-06-30');
/** The same message with another BerichtIdentificatie, so that tests do not share a pairing key. */
const jw315With = (identificatie: string): string => officialJw315().replace('<ijw:Identificatie>123456789012</ijw:Identificatie>', `<ijw:Identificatie>${identificatie}</ijw:Identificatie>`);

const auth = (party: string): Record<string, string> => ({ authorization: `Bearer ${cfg.token(party)}` });

function check(res: request.Response): request.Response {
  assertConformsToOpenApi('POST', '/v1/exchanges', { status: res.status, headers: res.headers, body: res.body, text: res.text });
  return res;
}

async function submitXml(xml: string, party: string, headers: Record<string, string> = {}): Promise<request.Response> {
  const res = await request(gw.app)
    .post('/v1/exchanges')
    .set({ ...auth(party), 'content-type': 'application/xml', ...headers })
    .buffer(true)
    .parse((r, done) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => done(null, r.headers['content-type']?.includes('json') ? JSON.parse(text) : text));
    })
    .send(xml);
  if (typeof res.body === 'string') res.text = res.body;
  return check(res);
}

function expectValidXml(xml: string, messageType: string): Record<string, any> {
  const lint = xmllintValidate(xml, xsdOf(messageType));
  expect(lint.output).toBe('');
  expect(lint.valid).toBe(true);
  const parsed = codec.parse(xml);
  expect(parsed.messageType).toBe(messageType);
  return parsed.message as Record<string, any>;
}

beforeAll(async () => {
  receiver = await startFakeReceiver();
  cfg = writeTestConfig({
    receiverUrl: receiver.url,
    // Diemen's system speaks iJw XML only: it takes no chain notices through it (src/exchange/adapter-coverage.ts).
    adapters: { 'gemeente-diemen': { kind: 'ijw-xml', endpoint: `${receiver.url}/ijw/gemeente-diemen`, messageTypes: IJW_TO_GEMEENTE } },
    // Amsterdam lets the gateway write its retours; Diemen (the default) writes its own.
    partySettings: { 'gemeente-amsterdam': { ijwRetour: 'gateway' } },
  });
  gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
});

afterAll(async () => {
  await gw.close();
  await receiver.close();
  cfg.cleanup();
});

describe('a native iJw XML submission', () => {
  it('when a provider submits the official JW315 (date corrected) as XML, then its header gives the route and purpose, and the municipality receives valid iJw XML', async () => {
    const res = await submitXml(jw315With('XML000000001'), 'jeugdhulp-de-brug');
    expect(res.status).toBe(202);
    expect(res.body.decision).toMatchObject({ outcome: 'allow', purpose: 'verzoek-toewijzing', rule: { id: 'ijw-verzoek-toewijzing' } });
    const exchange = await gw.store.getExchange(res.body.exchangeId);
    expect(exchange).toMatchObject({ sender: 'jeugdhulp-de-brug', receiver: 'gemeente-diemen', messageType: 'JW315', purpose: 'verzoek-toewijzing' });

    const before = receiver.received.length;
    await gw.dispatcher.runOnce();
    await receiver.waitFor(before + 1);
    const arrived = receiver.received.at(-1)!;
    expect(arrived.url).toBe('/ijw/gemeente-diemen');
    expect(arrived.headers['content-type']).toMatch(/^application\/xml/);
    expect(arrived.headers['idempotency-key']).toBe(res.body.exchangeId);
    expect(arrived.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const delivered = expectValidXml(arrived.body, 'JW315');
    expect(delivered).toEqual(codec.parse(jw315With('XML000000001')).message);
    expect((await gw.store.getExchange(res.body.exchangeId))?.status).toBe('delivered');
  });

  it('when the sender asks for XML (Accept: application/xml) and the receiver lets the gateway write its retours, then the answer is the JW316 retour with 0200 on the header and no Client (iJw OP065), and a replay gets the same retour', async () => {
    const headers = { accept: 'application/xml', 'idempotency-key': 'xml-retour-1' };
    const toAmsterdam = jw315With('XML000000002').replace('<jw315:Ontvanger>0384</jw315:Ontvanger>', '<jw315:Ontvanger>0363</jw315:Ontvanger>');
    const res = await submitXml(toAmsterdam, 'jeugdhulp-de-brug', headers);
    expect(res.status).toBe(202);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['ijw-message-type']).toBe('JW316');
    expect(res.headers.location).toBe(`/v1/exchanges/${res.headers['exchange-id']}`);
    const retour = expectValidXml(res.text, 'JW316');
    expect(retour.Header).toMatchObject({ BerichtCode: '447', Afzender: '42420001', Ontvanger: '0363', BerichtIdentificatie: { Identificatie: 'XML000000002' }, RetourCodes: { RetourCode: ['0200'] } });
    expect(retour.Header.IdentificatieRetour).toBe(String(res.headers['exchange-id']).replaceAll('-', '').slice(0, 12));
    expect(retour.Client).toBeUndefined();
    const again = await submitXml(toAmsterdam, 'jeugdhulp-de-brug', headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(res.text);
  });

  it('when the defective official JW315 (2027-06-31) is submitted, then it is refused with the pointer and rule, as problem+json or as a JW316 retour with 0001 on the product lines', async () => {
    const problem = await submitXml(readSample('JW315.xml'), 'jeugdhulp-de-brug');
    expect(problem.status).toBe(400);
    expect(problem.body.code).toBe('invalid-input');
    expect(problem.body.errors).toEqual([
      expect.objectContaining({ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/0/ToewijzingEinddatum', rule: 'OP192', keyword: 'format' }),
      expect.objectContaining({ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/1/ToewijzingEinddatum', rule: 'OP192', keyword: 'format' }),
    ]);
    const asRetour = await submitXml(readSample('JW315.xml'), 'jeugdhulp-de-brug', { accept: 'application/xml' });
    expect(asRetour.status).toBe(400);
    const retour = expectValidXml(asRetour.text, 'JW316');
    expect(retour.Client.AangevraagdeProducten.AangevraagdProduct.map((p: any) => p.RetourCodes.RetourCode)).toEqual([['0001'], ['0001']]);
    expect(retour.Header.RetourCodes.RetourCode).toEqual(['0200']);
  });

  it('when the defective official JW318 (RetourCode for RetourCodes) is submitted, then it is refused with the pointer and rule', async () => {
    const res = await submitXml(readSample('JW318.xml'), 'gemeente-diemen');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/Client/Verzoek/RetourCode', rule: 'OP192', keyword: 'additionalProperties' })]);
  });

  it('when a rule with a retourcode is broken (TR135: Dagtekening in the future), then the retour carries that code on the header and 0233 below it', async () => {
    const future = jw315With('XML000000003').replace('<ijw:Dagtekening>2026-04-01</ijw:Dagtekening>', '<ijw:Dagtekening>2099-01-01</ijw:Dagtekening>');
    const problem = await submitXml(future, 'jeugdhulp-de-brug');
    expect(problem.status).toBe(400);
    expect(problem.body.errors).toEqual([expect.objectContaining({ pointer: '/Header/BerichtIdentificatie/Dagtekening', rule: 'TR135', retourcode: '8848' })]);
    const retour = expectValidXml((await submitXml(future, 'jeugdhulp-de-brug', { accept: 'application/xml' })).text, 'JW316');
    expect(retour.Header.RetourCodes.RetourCode).toEqual(['8848']);
    expect(retour.Client.RetourCodes.RetourCode).toEqual(['0233']);
  });

  it('when the Afzender is not the authenticated party, then 403 sender-mismatch pointing at /Header/Afzender', async () => {
    const res = await submitXml(jw315With('XML000000004'), 'gemeente-amsterdam');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'sender-mismatch', errors: [expect.objectContaining({ pointer: '/Header/Afzender' })] });
  });

  it('when the Ontvanger is no known party, then 422 unknown-receiver pointing at /Header/Ontvanger', async () => {
    const res = await submitXml(jw315With('XML000000005').replace('<jw315:Ontvanger>0384</jw315:Ontvanger>', '<jw315:Ontvanger>0518</jw315:Ontvanger>'), 'jeugdhulp-de-brug');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'unknown-receiver', errors: [expect.objectContaining({ pointer: '/Header/Ontvanger' })] });
  });

  it('when the policy refuses a native message (a GI may not send a JW317), then 403, and as XML the JW318 retour with 0001 on the header', async () => {
    const jw317 = validMessage('JW317');
    jw317.Header.Afzender = '43430001';
    const xml = codec.render('JW317', jw317);
    const problem = await submitXml(xml, 'gi-jeugdbescherming-west');
    expect(problem.status).toBe(403);
    expect(problem.body).toMatchObject({ code: 'policy-denied', reason: 'no-legal-basis' });
    const refused = await submitXml(xml, 'gi-jeugdbescherming-west', { accept: 'application/xml' });
    expect(refused.status).toBe(403);
    const retour = expectValidXml(refused.text, 'JW318');
    expect(retour.Header.RetourCodes.RetourCode).toEqual(['0001']);
    expect(retour.Client.RetourCodes.RetourCode).toEqual(['0233']);
  });

  it('when the body is not UTF-8 or says another charset, then 415; when it is not well-formed, then 400 with a pointer', async () => {
    expect((await submitXml(officialJw315(), 'jeugdhulp-de-brug', { 'content-type': 'application/xml; charset=iso-8859-1' })).status).toBe(415);
    const broken = await submitXml(officialJw315().replace('</jw315:Header>', ''), 'jeugdhulp-de-brug');
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0]).toMatchObject({ pointer: '', rule: 'OP192', keyword: 'xml' });
  });
});

describe('retours are routed by pairing with their heen message', () => {
  const jw316For = (identificatie: string): string => {
    const heen = codec.parse(jw315With(identificatie)).message;
    return codec.buildRetourXml({ heenType: 'JW315', heen, outcome: { accepted: true }, identificatieRetour: 'GEM000000001', dagtekeningRetour: TODAY })!.xml;
  };

  it('when the municipality sends the JW316 for a JW315 that went through the gateway, then it goes back to the provider that sent the JW315', async () => {
    expect((await submitXml(jw315With('PAIR00000001'), 'jeugdhulp-de-brug')).status).toBe(202);
    const res = await submitXml(jw316For('PAIR00000001'), 'gemeente-diemen');
    expect(res.status).toBe(202);
    expect(res.body.decision).toMatchObject({ outcome: 'allow', purpose: 'technische-bevestiging' });
    expect(await gw.store.getExchange(res.body.exchangeId)).toMatchObject({ sender: 'gemeente-diemen', receiver: 'jeugdhulp-de-brug', messageType: 'JW316' });
  });

  it('when a JW316 answers no JW315 that went through the gateway, or comes from another party than its receiver, then it is refused', async () => {
    const unknown = await submitXml(jw316For('PAIR00000002'), 'gemeente-diemen');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/Header/BerichtIdentificatie' })]);
    expect(unknown.body.errors[0].rule).toBeUndefined();
    expect((await submitXml(jw315With('PAIR00000003'), 'jeugdhulp-de-brug')).status).toBe(202);
    const stranger = await submitXml(jw316For('PAIR00000003'), 'gemeente-amsterdam');
    expect(stranger.status).toBe(400);
    // The care path's rule: only the receiver of the heen message sends its retour (KP002), named also with care paths off.
    expect(stranger.body.errors).toEqual([expect.objectContaining({ pointer: '/Header/BerichtIdentificatie', rule: 'KP002' })]);
  });

  it('when a JSON retour names another receiver than the sender of its heen message, then it is refused at /receiver', async () => {
    expect((await submitXml(jw315With('PAIR00000004'), 'jeugdhulp-de-brug')).status).toBe(202);
    const heen = codec.parse(jw315With('PAIR00000004')).message;
    const retour = codec.parse(jw316For('PAIR00000004')).message;
    expect(heen.Header).toBeDefined();
    const res = await request(gw.app)
      .post('/v1/exchanges')
      .set({ ...auth('gemeente-diemen'), 'content-type': 'application/json' })
      .send(JSON.stringify({ messageType: 'JW316', receiver: 'zorgaanbieder-horizon', purpose: 'technische-bevestiging', message: retour }));
    check(res);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/receiver', rule: 'KP002' })]);
  });
});
