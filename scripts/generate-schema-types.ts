// Generates the TypeScript types of the gateway's own JSON Schemas (src/validation/schema-types/), so
// the code that reads a schedule, a consent registration or revocation, a privacy-officer request or the legal-basis
// catalogue does not restate their shapes by hand:
//
//   npm run generate:types
//
// The output is committed (the typecheck needs it without a generation step);
// tests/unit/schema-types.test.ts fails when it no longer matches the schemas. Each $defs entry
// becomes a type named after the schema and the entry (schedule.schema.json $defs/create ->
// ScheduleCreate); a schema that is only a library of $defs gets no type of its own.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const outputDir = path.join(repoRoot, 'src/validation/schema-types');

/** The schemas whose types the code uses, each with the name its types start with. */
export const typedSchemas: readonly { readonly schema: string; readonly name: string }[] = [
  { schema: 'schedule.schema.json', name: 'Schedule' },
  { schema: 'consent-registration.schema.json', name: 'ConsentRegistrationBody' },
  { schema: 'consent-revocation.schema.json', name: 'ConsentRevocationBody' },
  { schema: 'privacy-requests.schema.json', name: 'PrivacyRequest' },
  { schema: 'legal-basis-catalogue.schema.json', name: 'LegalBasisCatalogue' },
  { schema: 'subscription.schema.json', name: 'Subscription' },
];

const pascal = (text: string): string => text.replace(/(^|[-_ ])([a-zA-Z0-9])/g, (_match, _sep: string, c: string) => c.toUpperCase());

export const outputFileOf = (schema: string): string => path.join(outputDir, schema.replace(/\.schema\.json$/, '.ts'));

/** The generated file's content for one schema's text. */
export async function generateSchemaTypes(schemaText: string, schema: string, name: string): Promise<string> {
  const parsed = JSON.parse(schemaText) as Record<string, unknown>;
  // The root's title and $id would name the root type; the name given here does instead.
  const { title: _title, $id: _id, ...root } = parsed;
  // Each $defs entry is named after the schema and the entry: an object by a title, any other by customName
  // (the generator names interfaces from titles only, and repeats a titled scalar at every use).
  const $defs = Object.fromEntries(
    Object.entries((root['$defs'] ?? {}) as Record<string, Record<string, unknown>>).map(([key, def]) => [key, def['type'] === 'object' ? { ...def, title: name + pascal(key) } : def]),
  );
  const definitionsOnly = root['type'] === undefined && root['properties'] === undefined;
  // A library of $defs: a root that names each entry (so each is generated), dropped from the output.
  const input = definitionsOnly
    ? { $defs, type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.keys($defs).map((d) => [d, { $ref: `#/$defs/${d}` }])) }
    : { ...root, $defs };
  const ts = await compile(input as JSONSchema, name, {
    bannerComment: '',
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
    format: true,
    style: { singleQuote: true, printWidth: 140 },
    customName: (_s, key) => (key === undefined ? undefined : name + pascal(key)),
  });
  const body = definitionsOnly ? ts.replace(new RegExp(`^export interface ${name} \\{[^}]*\\}\\n`, 'm'), '') : ts;
  return `// Generated from schemas/${schema} by scripts/generate-schema-types.ts; do not edit by hand.\n\n${body}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const { schema, name } of typedSchemas) {
    const text = await generateSchemaTypes(readFileSync(path.join(repoRoot, 'schemas', schema), 'utf8'), schema, name);
    writeFileSync(outputFileOf(schema), text);
    process.stdout.write(`wrote ${path.relative(repoRoot, outputFileOf(schema))} (${text.length} characters)\n`);
  }
}
