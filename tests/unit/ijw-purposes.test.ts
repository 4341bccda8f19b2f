import { describe, expect, it } from 'vitest';
import { loadIjwPurposes } from '../../consent/ijw-purposes.ts';
import { loadPolicyFile } from '../../consent/policy-engine.ts';
import { MESSAGE_TYPES } from '../../scripts/generate-ijw-schemas.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { resolve } from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

describe('the purpose of a native iJw message', () => {
  it('when the table is read, then every iJw type has a purpose that a rule of the default policy allows for that type', () => {
    const purposes = loadIjwPurposes();
    const policy = loadPolicyFile(resolve(repoRoot, 'consent/policy.default.json'));
    for (const type of MESSAGE_TYPES) {
      const purpose = purposes.get(type);
      expect(purpose, type).toBeDefined();
      expect(policy.rules.some((r) => r.messageTypes.includes(type) && r.purpose === purpose), `${type} ${purpose}`).toBe(true);
    }
  });

  it('when the table has a malformed entry, then loading it fails and names the entry', () => {
    const file = resolve(mkdtempSync(resolve(tmpdir(), 'ijw-purposes-')), 'p.json');
    writeFileSync(file, JSON.stringify({ purposes: { JW301: 'Toewijzing!', JW999X: 'x' } }));
    expect(() => loadIjwPurposes(file)).toThrow(/JW301, JW999X/);
  });
});
