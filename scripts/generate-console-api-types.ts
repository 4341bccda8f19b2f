// Generates clients/typescript/src/openapi.ts, the TypeScript types of the HTTP API, from openapi.yaml:
// the client package for agency developers compiles them, and the console imports the same file
// (console/src/api/openapi.ts re-exports it), so that neither restates the API's shapes by hand:
//
//   npx tsx scripts/generate-console-api-types.ts
//
// The output is committed (the console's typecheck needs it without a generation step);
// tests/unit/console-api-types.test.ts fails when it no longer matches openapi.yaml.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** In the client package for agency developers (clients/typescript), as a module it compiles; the console imports it too. */
export const outputPath = path.join(repoRoot, 'clients/typescript/src/openapi.ts');

const header = `// Generated from openapi.yaml by scripts/generate-console-api-types.ts; do not edit by hand.\n`;

/** The generated file's content for the given openapi.yaml text. */
export async function generateConsoleApiTypes(openApiYaml: string): Promise<string> {
  const document = parse(openApiYaml) as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(document, { alphabetize: false, defaultNonNullable: false, emptyObjectsUnknown: true, silent: true });
  return header + astToString(ast);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = await generateConsoleApiTypes(readFileSync(path.join(repoRoot, 'openapi.yaml'), 'utf8'));
  writeFileSync(outputPath, text);
  process.stdout.write(`wrote ${path.relative(repoRoot, outputPath)} (${text.length} characters)\n`);
}
