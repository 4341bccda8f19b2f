// One documented list of discard reasons (issue 13): the kernel's list is the one openapi.yaml names,
// and the console's select offers exactly those (its type is openapi's; this checks the values).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { discardReasons } from '../../src/kernel/discard-reasons.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';

describe('the discard reasons', () => {
  it('when openapi.yaml and the console list the reasons, then they are the kernel list', () => {
    const doc = YAML.parse(readFileSync(resolve(repoRoot, 'openapi.yaml'), 'utf8')) as { components: { schemas: { DiscardRequest: { properties: { reason: { enum: string[] } } } } } };
    expect(doc.components.schemas.DiscardRequest.properties.reason.enum).toEqual(Object.keys(discardReasons));
    const page = readFileSync(resolve(repoRoot, 'console/src/pages/operations/dead-letters-page.tsx'), 'utf8');
    const listed = /discardReasons = \[([^\]]*)\]/.exec(page)?.[1]?.match(/'[a-z-]+'/g)?.map((s) => s.slice(1, -1));
    expect(listed).toEqual(Object.keys(discardReasons));
  });
});
