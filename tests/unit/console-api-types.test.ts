// The API types are generated from openapi.yaml into the client package and committed (the console imports
// the same file); this fails when someone changes the API document without regenerating them
// (npx tsx scripts/generate-console-api-types.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateConsoleApiTypes, outputPath, repoRoot } from '../../scripts/generate-console-api-types.ts';

describe('the console API types', () => {
  it('when generated from openapi.yaml, then they equal the client package\'s committed clients/typescript/src/openapi.ts, which the console imports', async () => {
    const expected = await generateConsoleApiTypes(readFileSync(path.join(repoRoot, 'openapi.yaml'), 'utf8'));
    expect(readFileSync(outputPath, 'utf8') === expected, 'run: npx tsx scripts/generate-console-api-types.ts').toBe(true);
    expect(readFileSync(path.join(repoRoot, 'console/src/api/openapi.ts'), 'utf8')).toContain("from '../../../clients/typescript/src/openapi.ts'");
  });

  it('when openapi.yaml gains an operation, then the generated types change (the check can fail)', async () => {
    const yaml = readFileSync(path.join(repoRoot, 'openapi.yaml'), 'utf8');
    const changed = yaml.replace(/^paths:\n/m, 'paths:\n  /v1/probe:\n    get:\n      operationId: probe\n      responses:\n        "204":\n          description: nothing\n');
    expect(changed).not.toBe(yaml);
    expect(await generateConsoleApiTypes(changed)).toContain('"/v1/probe"');
  });
});
