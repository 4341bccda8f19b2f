// docs/ijw-rule-coverage.md stays complete, generated and honest about its tests: every rule in the
// iJw 3.2 reference has a row, the committed file is what scripts/generate-rule-coverage.ts writes
// now, and every test it cites names the rule's code.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CROSS_FIELD_TEST, generateRuleCoverage, outputPath, PROCESS_RULES_TEST, regelsDir, repoRoot } from '../../scripts/generate-rule-coverage.ts';
import { ijwRules } from '../../src/validation/ijw-rules.ts';
import { PROCESS_RULES } from '../../src/care-path/process-rules.ts';

const committed = readFileSync(outputPath, 'utf8');

/** The table rows of the committed document: code, enforcement and test cell. */
const rows = committed
  .split('\n')
  .filter((line) => /^\| [A-Z]{2}[0-9]{3}[a-z0-9]* \|/.test(line))
  .map((line) => {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    return { code: cells[1]!, enforcement: cells[4]!, test: cells[cells.length - 2]! };
  });
const rowCodes = new Set(rows.map((r) => r.code));

/** Every rule code in the reference, read straight from its files. */
function referenceCodes(): string[] {
  const files = (dir: string): string[] => readdirSync(path.join(regelsDir, dir)).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
  const perElement = readFileSync(path.join(regelsDir, 'condities-constraints/Condities_constraints_per_data-element.md'), 'utf8');
  const elementCodes = [...perElement.matchAll(/^# Regel ([A-Z]{2}[0-9]{3})\b/gm)].map((m) => m[1]!);
  return [...new Set([...files('technische-regels'), ...files('bedrijfsregels'), ...elementCodes])];
}

const mentions = (testFile: string, code: string): boolean => new RegExp(`\\b${code}\\b`).test(readFileSync(path.join(repoRoot, testFile), 'utf8'));

/** Process rules that no unit test names yet (a ratchet: the list may only shrink). */
const PROCESS_RULES_WITHOUT_TEST: readonly string[] = [];

describe('the iJw rule coverage table', () => {
  it('when the reference is listed, then every rule file and every CD/CS/RS code has a classified row', () => {
    const codes = referenceCodes();
    expect(codes.length).toBeGreaterThan(240);
    expect(codes.filter((c) => !rowCodes.has(c))).toEqual([]);
    expect(rows.filter((r) => r.enforcement === 'UNCLASSIFIED').map((r) => r.code)).toEqual([]);
  });

  it('when the generator runs now, then it writes exactly the committed docs/ijw-rule-coverage.md (regenerate with node --import tsx scripts/generate-rule-coverage.ts)', () => {
    expect(generateRuleCoverage()).toBe(committed);
  });

  it('when a row cites a test, then that test file names the rule code', () => {
    const cited = rows.filter((r) => r.test.startsWith('`'));
    expect(cited.length).toBeGreaterThan(100);
    for (const r of cited) expect(mentions(r.test.slice(1, -1), r.code), `${r.code} cites ${r.test}`).toBe(true);
  });

  it('when a rule is enforced with a retourcode, then it is the one the reference names for it', () => {
    expect(committed.split('\n').filter((line) => line.includes('(reference: '))).toEqual([]);
  });

  it('when the cross-field rules are listed, then each has a row citing the test that names it', () => {
    for (const rule of ijwRules) {
      expect(mentions(CROSS_FIELD_TEST, rule.code), rule.code).toBe(true);
      expect(rows.find((r) => r.code === rule.code)?.test, rule.code).toBe(`\`${CROSS_FIELD_TEST}\``);
    }
  });

  it('when the process rules that the care path checks itself are listed, then each is named by its test, but for the known few', () => {
    // A bedrijfsregel carried out via other rules (via) is proved by their tests.
    const checked = PROCESS_RULES.filter((r) => r.enforcement !== 'not-checked' && (r.via ?? []).length === 0);
    const untested = checked.filter((r) => !mentions(PROCESS_RULES_TEST, r.code)).map((r) => r.code);
    expect(untested.filter((c) => !PROCESS_RULES_WITHOUT_TEST.includes(c))).toEqual([]);
    for (const r of checked) {
      const row = rows.find((x) => x.code === r.code);
      if (row !== undefined && !untested.includes(r.code)) expect(row.test, r.code).toBe(`\`${PROCESS_RULES_TEST}\``);
    }
  });
});
