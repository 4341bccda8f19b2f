// Generates the iJw 3.2 JSON Schemas (draft 2020-12) in schemas/ijw/ from the official XSDs.
//
//   npx tsx scripts/generate-ijw-schemas.ts [xsdDir]
//
// xsdDir defaults to ../shared/reference/ijw-3.2/xsd relative to the repository root (the XSDs are
// reference data and are never copied into the repository). The output is committed; rerunning the
// generator on the same XSDs gives byte-identical files (tests/unit/ijw-schemas.test.ts checks that).
//
// The mapping from XSD to the JSON form is documented in docs/ijw-json-form.md. In short:
// - every basisschema simple and complex type becomes a `$defs` entry of basisschema.schema.json;
// - every message XSD becomes <TYPE>.schema.json whose root is the `Bericht` element's content, with the
//   message's own complex types in its `$defs` and basisschema types referenced by `$ref`;
// - elements are keys (local name), complex elements objects, maxOccurs > 1 arrays (always arrays);
// - integer-derived simple types are JSON integers, everything else a JSON string;
// - every facet the XSD states is carried over (patterns translated from XSD to ECMAScript regex,
//   enumerations, lengths, inclusive/exclusive bounds, totalDigits); every string gets a maxLength and
//   every array a maxItems, a "sane bound" where the XSD has none (scripts/ijw-schemas/schema-bounds.ts
//   says which and why);
// - `additionalProperties: false` on every object; XSD documentation goes into `description`.
//
// The steps live in scripts/ijw-schemas/: the XSD tree, pattern translation, the gateway's bounds,
// simple types, complex types and elements, and the documents; this file runs them and writes the files.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadDoc } from './ijw-schemas/xsd-tree.ts';
import { BASISSCHEMA_FILE, type JsonObject } from './ijw-schemas/json-schema.ts';
import { basisschemaSchema, messageSchema } from './ijw-schemas/documents.ts';

export { translateXsdPattern } from './ijw-schemas/xsd-pattern.ts';
export { BASISSCHEMA_FILE, SCHEMA_BASE_URI } from './ijw-schemas/json-schema.ts';

export const MESSAGE_TYPES = [
  'JW301', 'JW302', 'JW305', 'JW306', 'JW307', 'JW308', 'JW315', 'JW316', 'JW317', 'JW318', 'JW319', 'JW320', 'JW323', 'JW325',
] as const;

export interface GeneratedFile {
  /** path relative to the repository root, with forward slashes */
  readonly path: string;
  readonly content: string;
}

/** Generates every iJw schema from the XSDs in xsdDir; pure apart from reading the XSDs. */
export function generateIjwSchemas(xsdDir: string): GeneratedFile[] {
  const present = new Set(readdirSync(xsdDir));
  const basis = loadDoc(xsdDir, 'basisschema.xsd');
  const files: GeneratedFile[] = [{ path: `schemas/ijw/${BASISSCHEMA_FILE}`, content: serialise(basisschemaSchema(basis)) }];
  for (const type of MESSAGE_TYPES) {
    const xsd = `${type}.xsd`;
    if (!present.has(xsd)) throw new Error(`${xsd} missing in ${xsdDir}`);
    const doc = loadDoc(xsdDir, xsd);
    const expectedNs = `http://www.istandaarden.nl/ijw/3_2/${type.toLowerCase()}/schema`;
    if (doc.targetNamespace !== expectedNs) throw new Error(`${xsd}: unexpected targetNamespace ${doc.targetNamespace}`);
    files.push({ path: `schemas/ijw/${type}.schema.json`, content: serialise(messageSchema(basis, doc, type)) });
  }
  return files;
}

function serialise(schema: JsonObject): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultXsdDir = path.resolve(repoRoot, '../shared/reference/ijw-3.2/xsd');

function main(): void {
  const xsdDir = path.resolve(process.argv[2] ?? defaultXsdDir);
  const files = generateIjwSchemas(xsdDir);
  for (const file of files) {
    const target = path.join(repoRoot, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  console.log(`wrote ${files.length} schemas to schemas/ijw/ from ${xsdDir}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main();
}
