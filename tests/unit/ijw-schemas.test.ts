import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateIjwSchemas, MESSAGE_TYPES, translateXsdPattern } from '../../scripts/generate-ijw-schemas.ts';
import { generateCbsGemeentecodes } from '../../scripts/generate-cbs-gemeentecodes.ts';
import { createMessageValidator } from '../../src/validation/message-validator.ts';
import { ijwReference, ijwValidator, repoRoot } from '../support/ijw-fixtures.ts';

type Schema = Record<string, any>;

const ijwDir = path.join(repoRoot, 'schemas/ijw');
const schemaFiles = readdirSync(ijwDir).filter((f) => f.endsWith('.schema.json')).sort();
const schemas = new Map<string, Schema>(schemaFiles.map((f) => [f, JSON.parse(readFileSync(path.join(ijwDir, f), 'utf8')) as Schema]));

/** Follows a $ref ("#/$defs/X" or "basisschema.schema.json#/$defs/X") from a file. */
function resolveRef(file: string, ref: string): { file: string; schema: Schema } {
  const [target, pointer] = ref.split('#') as [string, string];
  const targetFile = target === '' ? file : target;
  let node: any = schemas.get(targetFile);
  for (const token of pointer.split('/').slice(1)) node = node?.[token];
  if (node === undefined) throw new Error(`unresolvable ${ref} in ${file}`);
  return { file: targetFile, schema: node as Schema };
}

/** Every subschema of every iJw schema, with the file it lives in. */
function* subschemas(): Generator<{ file: string; at: string; schema: Schema }> {
  function* walk(file: string, at: string, schema: Schema): Generator<{ file: string; at: string; schema: Schema }> {
    yield { file, at, schema };
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' || key === '$defs') {
        for (const [name, sub] of Object.entries(value as Record<string, Schema>)) yield* walk(file, `${at}/${key}/${name}`, sub);
      } else if (key === 'items') {
        yield* walk(file, `${at}/items`, value as Schema);
      }
    }
  }
  for (const [file, schema] of schemas) yield* walk(file, '', schema);
}

/** The maxLength that applies to a string schema, following $ref. */
function maxLengthOf(file: string, schema: Schema): number | undefined {
  if (typeof schema['maxLength'] === 'number') return schema['maxLength'];
  if (typeof schema['$ref'] === 'string') {
    const target = resolveRef(file, schema['$ref']);
    return maxLengthOf(target.file, target.schema);
  }
  return undefined;
}

describe('generated iJw JSON Schemas', () => {
  it('when the generator reruns on the XSDs, then it reproduces the committed schemas byte for byte', () => {
    const generated = generateIjwSchemas(path.join(ijwReference, 'xsd'));
    expect(generated.map((g) => g.path).sort()).toEqual(schemaFiles.map((f) => `schemas/ijw/${f}`));
    for (const file of generated) {
      expect(readFileSync(path.join(repoRoot, file.path), 'utf8'), `${file.path} is stale: run npx tsx scripts/generate-ijw-schemas.ts`).toBe(file.content);
    }
  });

  it('when the CBS list is derived again, then it reproduces schemas/data/cbs-gemeentecodes.json', () => {
    const source = readFileSync(path.join(ijwReference, 'codelijsten/CBS_Gemeentecodes.md'), 'utf8');
    expect(readFileSync(path.join(repoRoot, 'schemas/data/cbs-gemeentecodes.json'), 'utf8')).toBe(generateCbsGemeentecodes(source));
  });

  it('when the schemas are listed, then there is one per message type with a stable $id, plus the basisschema', () => {
    expect(schemaFiles).toEqual(['basisschema.schema.json', ...MESSAGE_TYPES.map((t) => `${t}.schema.json`)].sort());
    for (const type of MESSAGE_TYPES) {
      expect(schemas.get(`${type}.schema.json`)?.['$id']).toBe(`https://ketenpoort.nl/schemas/ijw/3.2/${type}.schema.json`);
      expect(schemas.get(`${type}.schema.json`)?.['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    }
  });

  it('when ajv compiles them in strict mode, then all 14 message types are known', () => {
    expect(ijwValidator().knownTypes()).toEqual([...MESSAGE_TYPES]);
  });

  it('when any object is described, then it forbids additional properties', () => {
    for (const { file, at, schema } of subschemas()) {
      if (schema['type'] === 'object') expect(schema['additionalProperties'], `${file}#${at}`).toBe(false);
    }
  });

  it('when any string is described, then it has a maxLength (directly or through its $ref)', () => {
    let strings = 0;
    for (const { file, at, schema } of subschemas()) {
      if (schema['type'] !== 'string') continue;
      strings++;
      expect(maxLengthOf(file, schema), `${file}#${at}`).toBeGreaterThan(0);
    }
    expect(strings).toBeGreaterThan(50);
  });

  it('when any array is described, then it has maxItems', () => {
    for (const { file, at, schema } of subschemas()) {
      if (schema['type'] === 'array') expect(schema['maxItems'], `${file}#${at}`).toBeGreaterThan(0);
    }
  });

  it('when basisschema types are inspected, then the XSD facets are carried over', () => {
    const defs = schemas.get('basisschema.schema.json')?.['$defs'] as Record<string, Schema>;
    expect(defs['LDT_AgbCode']).toMatchObject({ type: 'string', pattern: '^(?:[0-9]{8})$', minLength: 1, maxLength: 8 });
    expect(defs['LDT_Nummer']).toMatchObject({ type: 'integer', minimum: 0, maximum: 999999999 });
    expect(defs['LDT_TotaalBedrag']).toMatchObject({ type: 'integer', minimum: 0, maximum: 999999999999 });
    expect(defs['LDT_Eenheid']).toMatchObject({ type: 'string', enum: ['01', '04', '14', '16', '82', '83', '84'] });
    expect(defs['LDT_Datum']).toMatchObject({ type: 'string', format: 'ijw-date', maxLength: 10 });
    expect(defs['LDT_Commentaar']).toMatchObject({ minLength: 1, maxLength: 4000 });
    expect(defs['CDT_Omvang']).toMatchObject({ type: 'object', required: ['Volume', 'Eenheid', 'Frequentie'], additionalProperties: false });
    expect(String(defs['LDT_Geslacht']?.['description'])).toContain('Code list');
  });

  it('when a message element may repeat, then it is an array inside its wrapper element', () => {
    const client = schemas.get('JW315.schema.json')?.['$defs']['AangevraagdeProducten'] as Schema;
    expect(client['properties']['AangevraagdProduct']).toMatchObject({ type: 'array', minItems: 1, maxItems: 1000 });
  });

  it('when XSD patterns are translated, then XSD semantics hold in ECMAScript', () => {
    const matches = (xsd: string, value: string): boolean => new RegExp(`^(?:${translateXsdPattern(xsd)})$`, 'u').test(value);
    expect(matches('.*[^\\s].*', ' x ')).toBe(true);
    expect(matches('.*[^\\s].*', '   ')).toBe(false);
    expect(matches('.*[^\\s].*', 'a\nb')).toBe(false); // XSD "." excludes line ends
    expect(matches('[^:Z]*', '2026-01-01')).toBe(true);
    expect(matches('[^:Z]*', '2026-01-01Z')).toBe(false);
    expect(matches('a$b', 'a$b')).toBe(true); // "$" is an ordinary character in XSD
    expect(() => translateXsdPattern('\\i\\c*')).toThrow();
  });
});

describe('the schemas folder as a whole', () => {
  it('when every schema in schemas/ is compiled by the message validator (strict mode), then none is refused', () => {
    expect(() => createMessageValidator()).not.toThrow();
  });
});
