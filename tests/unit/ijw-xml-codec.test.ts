// The iJw codec in both directions against the official material (read from ../shared, never copied):
// every sample that validates against its XSD parses, passes its JSON Schema (two break an iJw rule on
// purpose, see message-validator.test.ts), renders back to XML that xmllint validates against the
// official XSD, and that is equivalent to the original: the same JSON form when parsed again, and the
// same elements in the same order.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { isGatewayError, type FieldError } from '../../src/kernel/gateway-error.ts';
import { createIjwCodec } from '../../adapters/ijw-xml/ijw-codec.ts';
import { DEFECTIVE_SAMPLES, ijwReference, ijwValidator, readSample, repoRoot, sampleFiles, TODAY } from '../support/ijw-fixtures.ts';
import { elementOutline, xmllintValidate, xsdOf } from '../support/xmllint.ts';

const validator = ijwValidator();
const codec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, TODAY) });

/** Samples that are XSD-valid but break an iJw rule (message-validator.test.ts says why). */
const RULE_BREAKERS: Readonly<Record<string, string>> = { 'JW317.xml': 'CS003', 'JW323.xml': 'TR101' };

function refusal(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (error) {
    if (isGatewayError(error)) return [...error.errors];
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the official samples through the codec and back', () => {
  const files = sampleFiles().filter((f) => DEFECTIVE_SAMPLES[f] === undefined);

  it('when the samples are listed, then the twelve that validate against their XSD are all here', () => {
    expect(files).toHaveLength(12);
    for (const file of files) expect(xmllintValidate(readSample(file), xsdOf(file.replace('.xml', ''))).valid).toBe(true);
  });

  for (const file of files) {
    it(`when ${file} is parsed, checked and rendered again, then xmllint validates the result and it is equivalent to the original`, () => {
      const original = readSample(file);
      const { messageType, message } = codec.parse(original);
      const errors = validator.validateMessage(messageType, message, TODAY);
      if (RULE_BREAKERS[file] === undefined) expect(errors).toEqual([]);
      else expect(errors.map((e) => e.rule)).toEqual([RULE_BREAKERS[file]]);

      const rendered = codec.render(messageType, message);
      const lint = xmllintValidate(rendered, xsdOf(messageType));
      expect(lint.output).not.toMatch(/error/i);
      expect(lint.valid).toBe(true);
      expect(codec.parse(rendered)).toEqual({ messageType, message });
      expect(elementOutline(rendered)).toEqual(elementOutline(original));
    });
  }

  it('when the defective JW315 and JW318 samples are parsed, then xmllint and the gateway both refuse them, at the same element', () => {
    expect(xmllintValidate(readSample('JW315.xml'), xsdOf('JW315')).output).toMatch(/ToewijzingEinddatum.*2027-06-31/);
    expect(validator.validateMessage('JW315', codec.parse(readSample('JW315.xml')).message, TODAY)).toEqual([
      expect.objectContaining({ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/0/ToewijzingEinddatum', rule: 'OP192', keyword: 'format' }),
      expect.objectContaining({ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/1/ToewijzingEinddatum', rule: 'OP192', keyword: 'format' }),
    ]);
    expect(xmllintValidate(readSample('JW318.xml'), xsdOf('JW318')).output).toMatch(/RetourCode/);
    expect(validator.validateMessage('JW318', codec.parse(readSample('JW318.xml')).message, TODAY)).toEqual([
      expect.objectContaining({ pointer: '/Client/Verzoek/RetourCode', rule: 'OP192', keyword: 'additionalProperties' }),
    ]);
  });
});

describe('rendering the JSON form', () => {
  const jw315 = JSON.parse(readFileSync(path.join(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, any>;

  it('when the keys of a JSON message come in another order, then the elements still come in XSD order', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reversed) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)])) : value;
    const inOrder = codec.render('JW315', jw315);
    expect(codec.render('JW315', reversed(jw315) as Record<string, unknown>)).toBe(inOrder);
    expect(xmllintValidate(inOrder, xsdOf('JW315')).valid).toBe(true);
    expect(inOrder.indexOf('<jw315:Header>')).toBeLessThan(inOrder.indexOf('<jw315:Client>'));
    expect(inOrder).toContain('<ijw:Identificatie>');
  });

  it('when optional values are absent, null or empty, then no element is written for them, and leading zeros stay', () => {
    const m = structuredClone(jw315);
    m.Client.Commentaar = '';
    m.Client.GezagsdragerBekend = null;
    delete m.Client.Naam.Voorletters;
    m.Client.Naam.Geslachtsnaam.Voorvoegsel = '';
    const xml = codec.render('JW315', m);
    expect(xml).not.toContain('Commentaar></');
    expect(xml).not.toMatch(/<jw315:Commentaar>[^<]*<\/jw315:Commentaar>\s*<jw315:AangevraagdeProducten/);
    expect(xml).not.toContain('GezagsdragerBekend');
    expect(xml).not.toContain('Voorletters');
    expect(xml).not.toContain('Voorvoegsel');
    expect(xml).toContain('<jw315:Ontvanger>0384</jw315:Ontvanger>');
    expect(xmllintValidate(xml, xsdOf('JW315')).valid).toBe(true);
  });

  it('when text holds markup characters or a carriage return, then it is escaped and parses back unchanged', () => {
    const m = structuredClone(jw315);
    m.Client.Commentaar = 'a < b & c > d\r\nregel "2"';
    const xml = codec.render('JW315', m);
    expect(xmllintValidate(xml, xsdOf('JW315')).valid).toBe(true);
    expect((codec.parse(xml).message as Record<string, any>).Client.Commentaar).toBe(m.Client.Commentaar);
  });

  it('when a message has an unknown key, a value of the wrong type or a character XML cannot carry, then each is refused with its pointer', () => {
    const m = structuredClone(jw315);
    m.Client.Bijnaam = 'Tommie';
    m.Client.Bsn = 999900006;
    m.Client.Commentaar = 'bel \u0007';
    m.Client.AangevraagdeProducten.AangevraagdProduct = { ReferentieAanbieder: 'x' };
    expect(refusal(() => codec.render('JW315', m)).map((e) => e.pointer).sort()).toEqual([
      '/Client/AangevraagdeProducten/AangevraagdProduct',
      '/Client/Bijnaam',
      '/Client/Bsn',
      '/Client/Commentaar',
    ]);
    expect(() => codec.render('JW999', {})).toThrow(/not an iJw 3.2 message type/);
  });
});

describe('the element order comes from the XSDs', () => {
  // An independent reading of the XSDs: every named complex type's xs:sequence, in order, must be the
  // property order of the generated schema the codec walks.
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true });
  type Node = Record<string, unknown>;
  const children = (node: Node): Node[] => (Object.entries(node).find(([k]) => k !== ':@')?.[1] as Node[] | undefined) ?? [];
  const nameOf = (node: Node): string => Object.keys(node).find((k) => k !== ':@') ?? '';
  const attrs = (node: Node): Record<string, string> => (node[':@'] ?? {}) as Record<string, string>;

  function sequences(xsdFile: string): Map<string, string[]> {
    const doc = parser.parse(readFileSync(path.join(ijwReference, 'xsd', xsdFile), 'utf8')) as Node[];
    const schema = doc.find((n) => nameOf(n) === 'xs:schema')!;
    const result = new Map<string, string[]>();
    for (const type of children(schema).filter((n) => nameOf(n) === 'xs:complexType')) {
      const sequence = children(type).find((n) => nameOf(n) === 'xs:sequence');
      result.set(attrs(type).name!, (sequence ? children(sequence) : []).filter((n) => nameOf(n) === 'xs:element').map((n) => attrs(n).name!));
    }
    return result;
  }

  it('when the XSD sequences are read directly, then each equals the property order of its generated schema', () => {
    let compared = 0;
    const basis = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/ijw/basisschema.schema.json'), 'utf8')) as { $defs: Record<string, { properties?: object }> };
    for (const [name, order] of sequences('basisschema.xsd')) {
      expect(Object.keys(basis.$defs[name]?.properties ?? {}), name).toEqual(order);
      compared++;
    }
    for (const type of codec.knownTypes()) {
      const schema = JSON.parse(readFileSync(path.join(repoRoot, `schemas/ijw/${type}.schema.json`), 'utf8')) as { properties: object; $defs: Record<string, { properties?: object }> };
      for (const [name, order] of sequences(`${type}.xsd`)) {
        const properties = schema.$defs[name]?.properties ?? (name === 'Root' || !schema.$defs[name] ? schema.properties : undefined);
        expect(Object.keys(properties ?? {}), `${type} ${name}`).toEqual(order);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
