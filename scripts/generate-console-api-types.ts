// Generates console/src/api/openapi.d.ts, the TypeScript types of the HTTP API the console uses, and
// the same types for the client package (clients/typescript/src/openapi.ts), from openapi.yaml, so
// that neither restates the API's shapes by hand:
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
export const outputPath = path.join(repoRoot, 'console/src/api/openapi.d.ts');
/** The client package for agency developers (clients/typescript) carries the same types, as a module it compiles. */
export const clientOutputPath = path.join(repoRoot, 'clients/typescript/src/openapi.ts');
export const outputPaths = [outputPath, clientOutputPath];

const header = `// Generated from openapi.yaml by scripts/generate-console-api-types.ts; do not edit by hand.\n`;

/** The generated file's content for the given openapi.yaml text. */
export async function generateConsoleApiTypes(openApiYaml: string): Promise<string> {
  const document = parse(openApiYaml) as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(document, { alphabetize: false, defaultNonNullable: false, emptyObjectsUnknown: true, silent: true });
  return header + astToString(ast);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = await generateConsoleApiTypes(readFileSync(path.join(repoRoot, 'openapi.yaml'), 'utf8'));
  for (const file of outputPaths) {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(repoRoot, file)} (${text.length} characters)\n`);
  }
}
