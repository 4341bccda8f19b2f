import { describe, expect, it } from 'vitest';
import { isGatewayError, type FieldError } from '../../src/kernel/gateway-error.ts';
import { createIjwXmlParser, parseIjwXml } from '../../adapters/ijw-xml/ijw-xml-parser.ts';
import { readSample, sampleFiles } from '../support/ijw-fixtures.ts';

function refusal(xml: string): FieldError[] {
  try {
    parseIjwXml(xml);
  } catch (error) {
    if (isGatewayError(error) && error.code === 'invalid-input') return [...error.errors];
    throw error;
  }
  throw new Error('expected the XML to be refused');
}

const JW315 = readSample('JW315.xml');

describe('iJw XML to the JSON form', () => {
  it('when every official sample is parsed, then each gives its message type from the root namespace', () => {
    for (const file of sampleFiles()) {
      expect(parseIjwXml(readSample(file)).messageType).toBe(file.replace('.xml', ''));
    }
  });

  it('when a JW315 is parsed, then elements become keys, repeating elements arrays in their wrapper, and leading zeros stay', () => {
    const { messageType, message } = parseIjwXml(JW315);
    expect(messageType).toBe('JW315');
    const m = message as Record<string, any>;
    expect(m['Header']).toMatchObject({
      BerichtCode: '446',
      BerichtVersie: 3,
      BerichtSubversie: 2,
      Afzender: '42420001',
      Ontvanger: '0384',
      BerichtIdentificatie: { Identificatie: '123456789012', Dagtekening: '2026-04-01' },
    });
    expect(m['Client']['Bsn']).toBe('999900006');
    const products = m['Client']['AangevraagdeProducten']['AangevraagdProduct'];
    expect(Array.isArray(products)).toBe(true);
    expect(products).toHaveLength(2);
    expect(products[0]).toMatchObject({ BeschikkingNummer: 123, Omvang: { Volume: 2, Eenheid: '16', Frequentie: '4' }, Verwijzer: { Type: '01' } });
  });

  it('when a repeating element occurs once, then it is still an array', () => {
    const one = JW315.replace(/<jw315:AangevraagdProduct>[\s\S]*?<\/jw315:AangevraagdProduct>\s*(?=<jw315:AangevraagdProduct>)/, '');
    const products = (parseIjwXml(one).message as Record<string, any>)['Client']['AangevraagdeProducten']['AangevraagdProduct'];
    expect(products).toHaveLength(1);
    expect(products[0]['ReferentieAanbieder']).toBe('40A12341235');
  });

  it('when optional elements are absent, then their keys are absent', () => {
    const m = parseIjwXml(JW315.replace(/<jw315:Commentaar>Client Commentaar<\/jw315:Commentaar>/, '')).message as Record<string, any>;
    expect(Object.hasOwn(m['Client'], 'Commentaar')).toBe(false);
  });

  it('when texts use entities, character references or CDATA, then they are decoded as XML defines them', () => {
    const xml = JW315.replace('Client Commentaar', 'a &amp; b &lt;c&gt; &#233;&#x20AC; <![CDATA[&amp; raw]]>');
    expect((parseIjwXml(xml).message as Record<string, any>)['Client']['Commentaar']).toBe('a & b <c> é€ &amp; raw');
  });

  it('when the document is not well-formed, then it is refused as invalid input', () => {
    const errors = refusal(JW315.replace('</jw315:Header>', ''));
    expect(errors[0]).toMatchObject({ pointer: '', rule: 'OP192', keyword: 'xml' });
    expect(errors[0]?.detail).toMatch(/not well-formed/);
  });

  it('when the root namespace is not an iJw 3.2 message, then it is refused', () => {
    const errors = refusal(JW315.replaceAll('http://www.istandaarden.nl/ijw/3_2/jw315/schema', 'http://www.istandaarden.nl/ijw/3_1/jw315/schema'));
    expect(errors).toEqual([expect.objectContaining({ pointer: '', rule: 'OP192', keyword: 'xml' })]);
    expect(refusal('<Bericht/>')[0]?.detail).toMatch(/root element must be Bericht/);
  });

  it('when an element is in the wrong namespace, then it is refused with its pointer', () => {
    const xml = JW315.replace('<ijw:Identificatie>123456789012</ijw:Identificatie>', '<jw315:Identificatie>123456789012</jw315:Identificatie>');
    expect(refusal(xml)).toEqual([expect.objectContaining({ pointer: '/Header/BerichtIdentificatie/Identificatie' })]);
  });

  it('when elements are out of the XSD order or a single element repeats, then each is refused with its pointer', () => {
    const swapped = JW315.replace(
      /(<jw315:BerichtVersie>3<\/jw315:BerichtVersie>)(\s*)(<jw315:BerichtSubversie>2<\/jw315:BerichtSubversie>)/,
      '$3$2$1',
    );
    expect(refusal(swapped)).toEqual([expect.objectContaining({ pointer: '/Header/BerichtVersie', detail: expect.stringMatching(/out of order/) })]);
    const twice = JW315.replace('<jw315:Geslacht>1</jw315:Geslacht>', '<jw315:Geslacht>1</jw315:Geslacht><jw315:Geslacht>2</jw315:Geslacht>');
    expect(refusal(twice)).toEqual([expect.objectContaining({ pointer: '/Client/Geslacht', detail: expect.stringMatching(/more than once/) })]);
  });

  it('when an element carries an attribute or a DOCTYPE is present, then it is refused', () => {
    expect(refusal(JW315.replace('<jw315:Bsn>', '<jw315:Bsn id="x">'))).toEqual([expect.objectContaining({ detail: expect.stringMatching(/attribute id/) })]);
    expect(refusal(`<!DOCTYPE x [<!ENTITY e "e">]>${JW315.replace(/^<\?xml[^>]*>/, '')}`)[0]?.detail).toMatch(/DOCTYPE/);
  });

  it('when an element is named __proto__, then it becomes an own key (for the schema to refuse) and no prototype is touched', () => {
    const m = parseIjwXml(JW315.replace('<jw315:Bsn>', '<jw315:__proto__><jw315:polluted>x</jw315:polluted></jw315:__proto__><jw315:Bsn>')).message as Record<string, any>;
    const client = m['Client'] as Record<string, unknown>;
    expect(Object.hasOwn(client, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(client)).toBe(Object.prototype);
    expect(client['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Without a prefix, fast-xml-parser refuses the name outright.
    expect(refusal(JW315.replace('<jw315:Bsn>', '<__proto__>x</__proto__><jw315:Bsn>'))[0]?.pointer).toBe('');
  });

  it('when elements nest absurdly deep, then the document is refused before it costs stack', () => {
    const deep = JW315.replace('<jw315:Bsn>', `<jw315:X>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</jw315:X><jw315:Bsn>`);
    expect(refusal(deep)[0]?.pointer).toBe('');
  });

  it('when an element is unknown to the schema, then it is kept as a key for the schema to report', () => {
    const m = parseIjwXml(JW315.replace('<jw315:Bsn>', '<jw315:Extra>x</jw315:Extra><jw315:Bsn>')).message as Record<string, any>;
    expect(m['Client']['Extra']).toBe('x');
  });

  it('when a number is not an integer, then the text is kept for the schema to report', () => {
    const m = parseIjwXml(JW315.replace('<jw315:BeschikkingNummer>123<', '<jw315:BeschikkingNummer>12.5<')).message as Record<string, any>;
    expect(m['Client']['AangevraagdeProducten']['AangevraagdProduct'][0]['BeschikkingNummer']).toBe('12.5');
  });

  it('when a parser is created, then it knows all 14 message types', () => {
    expect(createIjwXmlParser().knownTypes()).toHaveLength(14);
  });
});
