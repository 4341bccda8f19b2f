// Retour messages built by the gateway: valid against the official retour XSD (xmllint), a copy of the
// heen message with the right RetourCodes on the right classes.
import { describe, expect, it } from 'vitest';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import { ijwValidator, readDemoMessage, readSample, TODAY, validMessage } from '../support/ijw-fixtures.ts';
import { xmllintValidate, xsdOf } from '../support/xmllint.ts';

const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });

function retour(heenType: string, heen: Record<string, unknown>, outcome: Parameters<typeof codec.buildRetourXml>[0]['outcome']) {
  const built = codec.buildRetourXml({ heenType, heen, outcome, identificatieRetour: 'R00000000001', dagtekeningRetour: TODAY });
  if (built === undefined) return undefined;
  const lint = xmllintValidate(built.xml, xsdOf(built.messageType));
  expect(lint.output).toBe('');
  expect(lint.valid).toBe(true);
  return { ...built, message: codec.parse(built.xml).message as Record<string, any> };
}

const codesOf = (node: any): string[] => node.RetourCodes.RetourCode;

describe('retours for accepted heen messages', () => {
  for (const heenType of ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319']) {
    it(`when a ${heenType} is accepted, then its retour validates against the official XSD, says 0200 on every class it holds, and holds no client (OP065)`, () => {
      const heen = validMessage(heenType);
      const built = retour(heenType, heen, { accepted: true })!;
      expect(built.messageType).toBe(codec.retourTypeOf(heenType));
      const header = built.message.Header;
      expect(header).toMatchObject({
        Afzender: heen.Header.Afzender,
        Ontvanger: heen.Header.Ontvanger,
        BerichtIdentificatie: heen.Header.BerichtIdentificatie,
        IdentificatieRetour: 'R00000000001',
        DagtekeningRetour: TODAY,
        XsdVersieRetour: heen.Header.XsdVersie,
      });
      expect(header.BerichtCode).toBe(String(Number(heen.Header.BerichtCode) + 1));
      const all = JSON.stringify(built.message);
      expect([...all.matchAll(/"RetourCode":\["(\w+)"\]/g)].map((m) => m[1]).every((c) => c === '0200')).toBe(true);
      expect(built.message.Client).toBeUndefined();
      if (heen.Client === undefined) expect(codesOf(built.message.Antwoord)).toEqual(['0200']);
    });
  }
});

describe('OP065: a retour holds only clients of whom it rejects a class', () => {
  const jw315 = readDemoMessage('jw315.json');

  it('when a JW315 is accepted, then its JW316 leaves the client out and is valid against the XSD without it', () => {
    expect(jw315.Client).toBeDefined();
    const built = retour('JW315', jw315, { accepted: true })!;
    expect(Object.keys(built.message)).toEqual(['Header']);
    expect(codesOf(built.message.Header)).toEqual(['0200']);
  });

  it('when one class of the client is rejected, then the client is sent back whole, with its codes (OP065)', () => {
    const built = retour('JW315', jw315, {
      accepted: false,
      errors: [{ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/1/ToewijzingEinddatum', detail: 'before its start', rule: 'CS003', retourcode: '0001' }],
    })!;
    expect(built.message.Client.Bsn).toBe(jw315.Client.Bsn);
    expect(built.message.Client.AangevraagdeProducten.AangevraagdProduct.map((p: any) => codesOf(p))).toEqual([['0200'], ['0001']]);
    expect(codesOf(built.message.Client)).toEqual(['0200']);
  });

  it('when the header is refused, then no class is assessed and the client stays in, with 0233 (OP065 leaves out approved clients only)', () => {
    const built = retour('JW315', jw315, { accepted: false, errors: [{ pointer: '/Header/BerichtIdentificatie/Dagtekening', detail: 'in the future', rule: 'TR135', retourcode: '8848' }] })!;
    expect(codesOf(built.message.Header)).toEqual(['8848']);
    expect(codesOf(built.message.Client)).toEqual(['0233']);
  });
});

describe('retours for refused heen messages', () => {
  const jw315 = readDemoMessage('jw315.json');
  const products = (m: any): any[] => m.Client.AangevraagdeProducten.AangevraagdProduct;

  it('when one product line breaks a rule, then that line carries the rule\'s retourcode and the rest 0200', () => {
    const built = retour('JW315', jw315, {
      accepted: false,
      errors: [{ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/1/ToewijzingEinddatum', detail: 'before its start', rule: 'CS003', retourcode: '0001' }],
    })!;
    expect(built.messageType).toBe('JW316');
    expect(codesOf(products(built.message)[1])).toEqual(['0001']);
    expect(codesOf(products(built.message)[0])).toEqual(['0200']);
    expect(codesOf(built.message.Client)).toEqual(['0200']);
    expect(codesOf(built.message.Header)).toEqual(['0200']);
  });

  it('when the header is refused (TR135, retourcode 8848), then the header says so and no body class is assessed (0233)', () => {
    const built = retour('JW315', jw315, { accepted: false, errors: [{ pointer: '/Header/BerichtIdentificatie/Dagtekening', detail: 'in the future', rule: 'TR135', retourcode: '8848' }] })!;
    expect(codesOf(built.message.Header)).toEqual(['8848']);
    expect(codesOf(built.message.Client)).toEqual(['0233']);
    expect(products(built.message).map(codesOf)).toEqual([['0233'], ['0233']]);
  });

  it('when the client class is refused, then the classes below it are not assessed, and several codes on one class are all listed', () => {
    const built = retour('JW315', jw315, {
      accepted: false,
      errors: [
        { pointer: '/Client/Bsn', detail: '11-test', rule: 'CS002', retourcode: '0001' },
        { pointer: '/Client/Geboortedatum/Datum', detail: 'x', rule: 'TR002', retourcode: '9063' },
      ],
    })!;
    expect(codesOf(built.message.Client)).toEqual(['0001', '9063']);
    expect(products(built.message).map(codesOf)).toEqual([['0233'], ['0233']]);
    expect(codesOf(built.message.Header)).toEqual(['0200']);
  });

  it('when a message is refused as a whole (policy or routing), then the header says 0001 and the body 0233', () => {
    const built = retour('JW315', jw315, { accepted: false, errors: [] })!;
    expect(codesOf(built.message.Header)).toEqual(['0001']);
    expect(codesOf(built.message.Client)).toEqual(['0233']);
  });

  it('when the defective official JW315 (2027-06-31) is refused, then the retour leaves the impossible dates out and stays valid', () => {
    const heen = codec.parse(readSample('JW315.xml')).message;
    const errors = validator.validateMessage('JW315', heen, TODAY);
    const built = retour('JW315', heen, { accepted: false, errors })!;
    expect(products(built.message).map((p) => p.ToewijzingEinddatum)).toEqual([undefined, undefined]);
    expect(products(built.message).map(codesOf)).toEqual([['0001'], ['0001']]);
  });

  it('when a required element is unusable, or the type has no technical retour, then no retour is made', () => {
    const broken = structuredClone(jw315);
    broken.Client.Bsn = 12;
    expect(codec.buildRetourXml({ heenType: 'JW315', heen: broken, outcome: { accepted: false, errors: [] }, identificatieRetour: 'R1', dagtekeningRetour: TODAY })).toBeUndefined();
    expect(codec.buildRetourXml({ heenType: 'JW323', heen: validMessage('JW323'), outcome: { accepted: true }, identificatieRetour: 'R1', dagtekeningRetour: TODAY })).toBeUndefined();
    expect(codec.buildRetourXml({ heenType: 'JW302', heen: validMessage('JW302'), outcome: { accepted: true }, identificatieRetour: 'R1', dagtekeningRetour: TODAY })).toBeUndefined();
    expect(codec.heenTypeOf('JW316')).toBe('JW315');
  });
});
