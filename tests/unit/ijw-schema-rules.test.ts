// The iJw rules the XSDs enforce, shown on the JSON Schemas generated from them (schemas/ijw/): each
// restrictie (RS) as the facet of the basisschema's simple types that carries it, a few of them also
// on a message, and the bedrijfsregels that are required elements. docs/ijw-rule-coverage.md cites
// this file for them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ijwReference, ijwValidator, repoRoot, TODAY, validMessage } from '../support/ijw-fixtures.ts';

type Schema = Record<string, any>;
const schema = (name: string): Schema => JSON.parse(readFileSync(path.join(repoRoot, 'schemas/ijw', `${name}.schema.json`), 'utf8')) as Schema;
const defs: Record<string, Schema> = schema('basisschema')['$defs'];
const def = (name: string): Schema => {
  const d = defs[name];
  if (d === undefined) throw new Error(`no ${name} in basisschema`);
  return d;
};
const accepts = (name: string, value: string): boolean => new RegExp(def(name)['pattern'] as string, 'u').test(value);

/** [rule, simple type, facet, value]: the XSD restriction behind each RS code that is a bound. */
const BOUNDS: readonly (readonly [string, string, 'minimum' | 'maximum' | 'maxLength', number])[] = [
  ['RS001', 'LDT_Nummer', 'minimum', 0],
  ['RS001', 'LDT_Volume', 'minimum', 0],
  ['RS001', 'LDT_Bedrag', 'minimum', 0],
  ['RS002', 'LDT_BerichtVersie', 'maximum', 99],
  ['RS002', 'LDT_RelatieVolgorde', 'maximum', 99],
  ['RS004', 'LDT_Huisnummer', 'maximum', 99999],
  ['RS005', 'LDT_Volume', 'maximum', 99999999],
  ['RS005', 'LDT_Budget', 'maximum', 99999999],
  ['RS006', 'LDT_Nummer', 'maximum', 999999999],
  ['RS008', 'LDT_Geslacht', 'maxLength', 1],
  ['RS009', 'LDT_SoortRelatie', 'maxLength', 2],
  ['RS010', 'LDT_BerichtCode', 'maxLength', 3],
  ['RS011', 'LDT_RetourCode', 'maxLength', 4],
  ['RS012', 'LDT_ProductCode', 'maxLength', 5],
  ['RS013', 'LDT_Voorletters', 'maxLength', 6],
  ['RS014', 'LDT_Postcode', 'maxLength', 8],
  ['RS015', 'LDT_BurgerServicenummer', 'maxLength', 9],
  ['RS016', 'LDT_Voorvoegsel', 'maxLength', 10],
  ['RS017', 'LDT_IdentificatieBericht', 'maxLength', 12],
  ['RS018', 'LDT_Telefoonnummer', 'maxLength', 15],
  ['RS019', 'LDT_Persoonsid', 'maxLength', 20],
  ['RS019', 'LDT_ReferentieNummer', 'maxLength', 20],
  ['RS020', 'LDT_Straatnaam', 'maxLength', 24],
  ['RS021', 'LDT_Taal', 'maxLength', 25],
  ['RS023', 'LDT_Organisatienaam', 'maxLength', 35],
  ['RS024', 'LDT_Referentie', 'maxLength', 36],
  ['RS025', 'LDT_NaamVerwijzer', 'maxLength', 64],
  ['RS026', 'LDT_Plaatsnaam', 'maxLength', 80],
  ['RS026', 'LDT_Emailadres', 'maxLength', 80],
  ['RS028', 'LDT_Naam', 'maxLength', 200],
  ['RS040', 'LDT_TotaalBedrag', 'maximum', 999999999999],
];

describe('iJw restricties (RS) in the JSON Schemas', () => {
  for (const [rule, type, facet, value] of BOUNDS) {
    it(`when ${type} is read, then it carries ${rule} as ${facet} ${value}`, () => {
      expect(def(type)[facet]).toBe(value);
    });
  }

  it('when a string type is read, then none accepts the empty string (RS033, and RS031 for Commentaar)', () => {
    const strings = Object.entries(defs).filter(([name, d]) => name.startsWith('LDT_') && d['type'] === 'string');
    expect(strings.length).toBeGreaterThan(40);
    for (const [name, d] of strings) {
      const refuses = (d['minLength'] ?? 0) >= 1 || (Array.isArray(d['enum']) && !d['enum'].includes('')) || (typeof d['pattern'] === 'string' && !accepts(name, ''));
      expect(refuses, name).toBe(true);
    }
    expect(accepts('LDT_Commentaar', ' \t ')).toBe(false);
    expect(accepts('LDT_Commentaar', 'zie verslag')).toBe(true);
  });

  it('when dates and times carry a time zone, then RS032 and RS034 refuse them', () => {
    for (const d of ['2026-01-01Z', '2026-01-01+01:00']) expect(accepts('LDT_Datum', d)).toBe(false);
    expect(accepts('LDT_Datum', '2026-01-01')).toBe(true);
    for (const t of ['10:00:00Z', '10:00:00+01:00', '10:00:00-05:00']) expect(accepts('LDT_Tijd', t)).toBe(false);
    expect(accepts('LDT_Tijd', '10:00:00')).toBe(true);
  });

  it('when codes are checked for their digits, then RS035 (4), RS036 (8) and RS037 (9) hold', () => {
    expect([accepts('LDT_Gemeente', '0384'), accepts('LDT_Gemeente', '384'), accepts('LDT_Gemeente', '03a4')]).toEqual([true, false, false]);
    expect([accepts('LDT_AgbCode', '42420001'), accepts('LDT_AgbCode', '4242001')]).toEqual([true, false]);
    expect([accepts('LDT_BurgerServicenummer', '999900006'), accepts('LDT_BurgerServicenummer', '99990006'), accepts('LDT_BurgerServicenummer', '99990000 ')]).toEqual([true, false, false]);
  });

  it('when names and phone numbers hold dots, spaces or dashes, then RS045 (Voorletters) and RS046 (Telefoonnummer) refuse them', () => {
    expect([accepts('LDT_Voorletters', 'JK'), accepts('LDT_Voorletters', 'J.K.'), accepts('LDT_Voorletters', 'J K')]).toEqual([true, false, false]);
    expect([accepts('LDT_Telefoonnummer', '0612345678'), accepts('LDT_Telefoonnummer', '06-12345678')]).toEqual([true, false]);
  });

  it('when a version is not three whole numbers, then RS048 refuses it', () => {
    expect([accepts('LDT_Versie', '1.0.0'), accepts('LDT_Versie', '1.0'), accepts('LDT_Versie', '1.0.0.1'), accepts('LDT_Versie', '01.0.0')]).toEqual([true, false, false, false]);
  });

  it('when each message schema is read, then its BerichtCode is the one code the code list COD002 gives its type (RS047)', () => {
    const list = readFileSync(path.join(ijwReference, 'codelijsten/COD002VEKTIS_Berichtcode'), 'utf8');
    const codes = [...list.matchAll(/^\|\s*(JW3[0-9]{2})\s*\|\s*([0-9]{3})\s*\|/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(codes).toHaveLength(14);
    for (const [type, code] of codes) {
      expect(schema(type)['$defs']['Header']['properties']['BerichtCode']['pattern'], type).toBe(`^(?:${code})$`);
    }
  });

  it('when a message breaks RS017, RS032, RS033 or RS048, then the validator refuses it at that element', () => {
    const validator = ijwValidator();
    const cases: [string, (m: Record<string, any>) => void, string][] = [
      ['RS017', (m) => (m['Header']['BerichtIdentificatie']['Identificatie'] = '1234567890123'), '/Header/BerichtIdentificatie/Identificatie'],
      ['RS032', (m) => (m['Header']['BerichtIdentificatie']['Dagtekening'] = '2026-04-01Z'), '/Header/BerichtIdentificatie/Dagtekening'],
      ['RS033', (m) => (m['Client']['Naam']['Geslachtsnaam'] = ''), '/Client/Naam/Geslachtsnaam'],
      ['RS048', (m) => (m['Header']['XsdVersie']['BasisschemaXsdVersie'] = '1.0'), '/Header/XsdVersie/BasisschemaXsdVersie'],
    ];
    for (const [rule, breaks, pointer] of cases) {
      const m = validMessage('JW315');
      breaks(m);
      expect(validator.validateMessage('JW315', m, TODAY).map((e) => e.pointer), rule).toContain(pointer);
    }
  });
});

describe('bedrijfsregels the XSDs carry as required elements', () => {
  const jw301 = schema('JW301')['$defs'];

  it('when a JW301 Relatie is read, then it requires Soort (OP076) and Naam and Contact (OP130)', () => {
    expect(jw301['Relatie']['required']).toEqual(expect.arrayContaining(['Soort', 'Naam', 'Contact']));
    const validator = ijwValidator();
    for (const field of ['Soort', 'Naam', 'Contact']) {
      const m = validMessage('JW301');
      const relatie: Record<string, unknown> = m['Client']['Relaties']['Relatie'][0];
      m['Client']['Relaties']['Relatie'][0] = Object.fromEntries(Object.entries(relatie).filter(([key]) => key !== field));
      const pointers = validator.validateMessage('JW301', m, TODAY).map((e) => e.pointer);
      expect(pointers.length, field).toBeGreaterThan(0);
      expect(pointers.every((p) => p.startsWith('/Client/Relaties/Relatie/0')), `${field}: ${pointers.join(', ')}`).toBe(true);
    }
  });

  it('when a Contact is read, then it requires Soort, the kind of address (OP091)', () => {
    expect(jw301['Contact']['required']).toContain('Soort');
  });

  it('when a message with a Client is read, then the Client requires Bsn (OP079)', () => {
    for (const type of ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW323', 'JW325']) {
      expect(schema(type)['$defs']['Client']['required'], type).toContain('Bsn');
    }
  });

  it('when a JW323 is read, then it has one DeclaratiePeriode (OP280) and one or more clients (OP281)', () => {
    const jw323 = schema('JW323')['$defs'];
    expect(jw323['Declaratie']['required']).toContain('DeclaratiePeriode');
    expect(jw323['Declaratie']['properties']['DeclaratiePeriode']['type']).not.toBe('array');
    expect(jw323['Clienten']['properties']['Client']).toMatchObject({ type: 'array', minItems: 1 });
  });
});
