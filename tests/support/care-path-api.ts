// A gateway with care paths on (strict unless told otherwise), a clock the test sets, and the calls the
// care-path suites make: submit an iJw message as a JSON envelope or as native XML (asking for the
// retour as the answer), every response checked against openapi.yaml.
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { writeTestConfig, type TestConfig, type TestConfigOptions } from './test-gateway.ts';
import { assertConformsToOpenApi } from './openapi-conformance.ts';
import { ijwValidator, TODAY } from './ijw-fixtures.ts';
import { partyOf } from './care-path-fixtures.ts';

type Msg = Record<string, any>;

const PURPOSES: Record<string, string> = {
  JW301: 'toewijzing', JW305: 'regie-levering', JW307: 'regie-levering', JW315: 'verzoek-toewijzing', JW317: 'verzoek-wijziging', JW319: 'antwoord-verzoek', JW323: 'bekostiging-declaratie', JW325: 'bekostiging-declaratie',
  JW302: 'technische-bevestiging', JW306: 'technische-bevestiging', JW308: 'technische-bevestiging', JW316: 'technische-bevestiging', JW318: 'technische-bevestiging', JW320: 'technische-bevestiging',
};
const RETOURS = new Set(['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320']);

const validator = ijwValidator();
export const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });

/** A clock the test moves (ISO instant). */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: string): void {
    this.current = new Date(at);
  }
}

export interface CarePathGateway {
  readonly gw: GatewayParts;
  readonly cfg: TestConfig;
  readonly clock: TestClock;
  close(): Promise<void>;
}

export async function startCarePathGateway(carePath: Record<string, unknown> = {}, options: TestConfigOptions = {}, at = '2026-02-02T10:00:00+01:00'): Promise<CarePathGateway> {
  const cfg = writeTestConfig({ ...options, carePath });
  const clock = new TestClock(new Date(at));
  const gw = await buildGateway(cfg.config, { background: false, clock, logger: createLogger({ level: 'error', silent: true }) });
  return {
    gw,
    cfg,
    clock,
    close: async () => {
      await gw.close();
      cfg.cleanup();
    },
  };
}

/** The sending and receiving party of a message, from its header (a retour goes back to the heen message's sender). */
export function partiesOf(type: string, message: Msg): { sender: string; receiver: string } {
  const h = message['Header'];
  return RETOURS.has(type) ? { sender: partyOf(h['Ontvanger']), receiver: partyOf(h['Afzender']) } : { sender: partyOf(h['Afzender']), receiver: partyOf(h['Ontvanger']) };
}

export function check(method: string, path: string, res: request.Response): request.Response {
  assertConformsToOpenApi(method, path, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  return res;
}

export async function submitJson(g: CarePathGateway, type: string, message: Msg, sender = partiesOf(type, message).sender, receiver = partiesOf(type, message).receiver): Promise<request.Response> {
  const envelope = { messageType: type, receiver, purpose: PURPOSES[type], message };
  const res = await request(g.gw.app).post('/v1/exchanges').set({ authorization: `Bearer ${g.cfg.token(sender)}`, 'content-type': 'application/json' }).send(envelope);
  return check('POST', '/v1/exchanges', res);
}

/** Native XML, asking for the iJw retour as the answer (Accept: application/xml). */
export async function submitXml(g: CarePathGateway, type: string, message: Msg, sender = partiesOf(type, message).sender): Promise<request.Response> {
  const xml = codec.render(type, message);
  const res = await request(g.gw.app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${g.cfg.token(sender)}`, 'content-type': 'application/xml', accept: 'application/xml' })
    .buffer(true)
    .parse((r, done) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => done(null, r.headers['content-type']?.includes('json') ? JSON.parse(text) : text));
    })
    .send(xml);
  if (typeof res.body === 'string') res.text = res.body;
  return check('POST', '/v1/exchanges', res);
}

/**
 * Every RetourCode in a retour (in the JSON form), with the pointer of the class that carries it; none
 * for an answer that is no retour (undefined text: a JSON acknowledgement, when the receiver writes its
 * own retours).
 */
export function retourCodes(xml: string | undefined): { pointer: string; code: string }[] {
  const out: { pointer: string; code: string }[] = [];
  if (xml === undefined) return out;
  const walk = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${pointer}/${i}`));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'RetourCodes') for (const code of (v as { RetourCode: string[] }).RetourCode) out.push({ pointer, code });
        else walk(v, `${pointer}/${k}`);
      }
    }
  };
  walk(codec.parse(xml).message, '');
  return out;
}
