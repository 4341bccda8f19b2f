import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { parseIjwXml } from '../../adapters/ijw-xml/ijw-xml-parser.ts';
import { DEFECTIVE_SAMPLES, ijwValidator, readDemoMessage, readSample, sampleFiles, sampleMessage, TODAY, validMessage } from '../support/ijw-fixtures.ts';

const validator = ijwValidator();

/**
 * Samples that validate against their XSD but break an iJw rule on purpose or by accident; the
 * gateway is right to refuse them.
 */
const SAMPLES_THAT_BREAK_A_RULE: Readonly<Record<string, { pointer: string; rule: string; why: string }>> = {
  'JW317.xml': {
    pointer: '/Client/Verzoek/NieuweProducten/NieuwProduct/0/Einddatum',
    rule: 'CS003',
    why: 'the NieuwProduct ends (2024-02-28) before its GewensteIngangsdatum (2026-11-01)',
  },
  'JW323.xml': {
    pointer: '/Declaratie/Clienten/Client/1/Prestaties/Prestatie/2',
    rule: 'TR101',
    why: 'two prestaties of the second client share ProductReferentie RN004 (a duplicate line; across messages TR314 forbids it too)',
  },
};

describe('iJw samples through parse, schema and rules', () => {
  for (const file of sampleFiles().filter((f) => DEFECTIVE_SAMPLES[f] === undefined)) {
    const expected = SAMPLES_THAT_BREAK_A_RULE[file];
    if (expected === undefined) {
      it(`when ${file} is validated as of ${TODAY}, then it passes its JSON Schema and the iJw rules`, () => {
        const { messageType, message } = parseIjwXml(readSample(file));
        expect(validator.validateMessage(messageType, message, TODAY)).toEqual([]);
      });
    } else {
      it(`when ${file} is validated, then it passes its JSON Schema but breaks ${expected.rule}: ${expected.why}`, () => {
        const { messageType, message } = parseIjwXml(readSample(file));
        expect(validator.validateMessage(messageType, message, TODAY)).toEqual([
          expect.objectContaining({ pointer: expected.pointer, rule: expected.rule, retourcode: '0001' }),
        ]);
      });
    }
  }

  it('when the JW315 sample with ToewijzingEinddatum 2027-06-31 is validated, then both impossible dates are refused with their pointers', () => {
    const { messageType, message } = parseIjwXml(readSample('JW315.xml'));
    expect(validator.validateMessage(messageType, message, TODAY)).toEqual([
      expect.objectContaining({ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/0/ToewijzingEinddatum', rule: 'OP192', keyword: 'format' }),
      expect.objectContaining({ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/1/ToewijzingEinddatum', rule: 'OP192', keyword: 'format' }),
    ]);
  });

  it('when the JW318 sample with RetourCode instead of RetourCodes is validated, then the stray element is refused', () => {
    const { messageType, message } = parseIjwXml(readSample('JW318.xml'));
    expect(validator.validateMessage(messageType, message, TODAY)).toEqual([
      expect.objectContaining({ pointer: '/Client/Verzoek/RetourCode', rule: 'OP192', keyword: 'additionalProperties' }),
    ]);
  });
});

describe('demo messages', () => {
  it('when the demo JW315 is validated as of 2026-11-23, then it passes', () => {
    const message = readDemoMessage('jw315.json');
    expect(message['Header']['Afzender']).toBe('42420001');
    expect(message['Header']['Ontvanger']).toBe('0384');
    expect(message['Header']['BerichtIdentificatie']['Dagtekening']).toBe('2026-04-01');
    expect(validator.validateMessage('JW315', message, TODAY)).toEqual([]);
  });

  it('when the demo JW301 is validated as of 2026-11-23, then it passes', () => {
    expect(validator.validateMessage('JW301', readDemoMessage('jw301.json'), TODAY)).toEqual([]);
  });
});

describe('schema bounds on a message', () => {
  it('when a string is longer than its maxLength, then the error points at it and names the iJw restriction (RS024, 36 positions)', () => {
    const m = validMessage('JW315');
    m['Client']['AangevraagdeProducten']['AangevraagdProduct'][0]['ReferentieAanbieder'] = 'x'.repeat(37);
    expect(validator.validateMessage('JW315', m, TODAY)).toEqual([
      { pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/0/ReferentieAanbieder', rule: 'RS024', ruleText: 'Maximale lengte 36 posities', detail: 'must be at most 36 characters long' },
    ]);
  });

  it('when an array has more items than maxItems, then the error points at the array', () => {
    const m = validMessage('JW315');
    const product = m['Client']['AangevraagdeProducten']['AangevraagdProduct'][1];
    m['Client']['AangevraagdeProducten']['AangevraagdProduct'] = Array.from({ length: 1001 }, () => product);
    expect(validator.validateMessage('JW315', m, TODAY)).toEqual([
      expect.objectContaining({ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct', rule: 'OP192', keyword: 'maxItems' }),
    ]);
  });

  it('when an object has an extra property, then the error points at that property', () => {
    const m = sampleMessage('JW301');
    m['Client']['Naam']['Bijnaam'] = 'Tommie';
    expect(validator.validateMessage('JW301', m, TODAY)).toEqual([
      expect.objectContaining({ pointer: '/Client/Naam/Bijnaam', rule: 'OP192', keyword: 'additionalProperties', detail: 'is not allowed here' }),
    ]);
  });

  it('when a JSON body carries a __proto__ key, then it is refused as an extra property', () => {
    const m = sampleMessage('JW301');
    const client = JSON.parse(`{"__proto__": {"admin": true}, ${JSON.stringify(m['Client']).slice(1)}`) as Record<string, unknown>;
    m['Client'] = client;
    expect(validator.validateMessage('JW301', m, TODAY)).toEqual([expect.objectContaining({ pointer: '/Client/__proto__', rule: 'OP192', keyword: 'additionalProperties' })]);
  });

  it('when a required element is missing, then the error points at the missing property', () => {
    const m = validMessage('JW315');
    delete m['Client']['AangevraagdeProducten']['AangevraagdProduct'][0]['Verwijzer'];
    expect(validator.validateMessage('JW315', m, TODAY)).toEqual([
      expect.objectContaining({ pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/0/Verwijzer', rule: 'OP192', keyword: 'required', detail: 'is required' }),
    ]);
  });

  it('when a required string is empty, then it is refused once, as iJw RS033 (minLength 1)', () => {
    const m = validMessage('JW315');
    m['Header']['BerichtIdentificatie']['Identificatie'] = '';
    const errors = validator.validateMessage('JW315', m, TODAY);
    expect(errors).toEqual([{ pointer: '/Header/BerichtIdentificatie/Identificatie', rule: 'RS033', ruleText: 'Geen lege elementen in XML.', detail: 'must not be empty or blank' }]);
  });

  it('when a code is not in its code list or a BSN loses its leading zero as a number, then each is pointed at', () => {
    const m = validMessage('JW315');
    m['Client']['Geslacht'] = '7';
    m['Client']['Bsn'] = 10000008;
    const errors = validator.validateMessage('JW315', m, TODAY);
    expect(errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/Client/Geslacht', rule: 'OP192', keyword: 'enum' }), expect.objectContaining({ pointer: '/Client/Bsn', rule: 'OP192', keyword: 'type' })]),
    );
  });

  it('when BerichtVersie or BerichtSubversie is not 3.2, then the error names CS025 or CS015', () => {
    const m = sampleMessage('JW301');
    m['Header']['BerichtVersie'] = 2;
    m['Header']['BerichtSubversie'] = 1;
    expect(validator.validateMessage('JW301', m, TODAY)).toEqual([
      expect.objectContaining({ pointer: '/Header/BerichtVersie', rule: 'CS025' }),
      expect.objectContaining({ pointer: '/Header/BerichtSubversie', rule: 'CS015' }),
    ]);
  });

  it('when a JW323 DeclaratieNummer holds other than letters and digits, then the error names CS319', () => {
    const m = validMessage('JW323');
    m['Declaratie']['DeclaratieNummer'] = 'DN-001';
    expect(validator.validateMessage('JW323', m, TODAY)).toEqual([expect.objectContaining({ pointer: '/Declaratie/DeclaratieNummer', rule: 'CS319' })]);
  });

  it('when the message type is unknown, then the validator refuses to guess', () => {
    expect(validator.knownTypes()).not.toContain('JW999');
    try {
      validator.validateMessage('JW999', {}, TODAY);
      expect.unreachable();
    } catch (error) {
      expect(isGatewayError(error) && error.code).toBe('unknown-message-type');
    }
  });
});

describe('envelope', () => {
  const valid = {
    messageType: 'JW315',
    sender: 'zorgaanbieder-a',
    receiver: 'gemeente-diemen',
    purpose: 'toewijzing',
    subject: { bsn: '999900006', birthDate: '2010-02-14', secretAddress: false, safetyRisk: false },
    message: { Header: {} },
  };

  it('when the envelope is complete and well-formed, then it passes', () => {
    expect(validator.validateEnvelope(valid)).toEqual([]);
    const { sender: _s, subject: _b, ...minimal } = valid;
    expect(validator.validateEnvelope(minimal)).toEqual([]);
  });

  it('when required members are missing, then each missing member is pointed at', () => {
    expect(validator.validateEnvelope({}).map((e) => e.pointer).sort()).toEqual(['/message', '/messageType', '/purpose', '/receiver']);
  });

  it('when members are malformed or unknown, then each is pointed at', () => {
    const errors = validator.validateEnvelope({
      ...valid,
      receiver: 'Gemeente Diemen',
      purpose: '1x',
      subject: { bsn: '99990000', birthDate: '2010-02-30', extra: 1 },
      override: { reasonCode: 'acute', justification: 'too short' },
      cc: 'x',
    });
    // /subject/bsn breaks both minLength and pattern: one pointer, two errors.
    expect([...new Set(errors.map((e) => e.pointer))].sort()).toEqual(['/cc', '/override/justification', '/purpose', '/receiver', '/subject/birthDate', '/subject/bsn', '/subject/extra']);
  });

  it('when an override lacks its justification, then it is refused', () => {
    expect(validator.validateEnvelope({ ...valid, override: { reasonCode: 'acute' } })).toEqual([expect.objectContaining({ pointer: '/override/justification', rule: 'required' })]);
  });

  it('when the message has more than 200 members, then it is refused', () => {
    const message = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]));
    expect(validator.validateEnvelope({ ...valid, message })).toEqual([expect.objectContaining({ pointer: '/message', rule: 'maxProperties' })]);
  });
});
