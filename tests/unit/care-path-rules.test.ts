// The process rules of the care path in memory: the registry, the pure parts (strict/warn/off, what a
// retour rejects), and every rule case of tests/support/process-rule-cases.ts on the in-memory harness
// (the same cases run through the HTTP API in tests/integration/care-path-rules-api.test.ts).
import { describe, expect, it } from 'vitest';
import { PROCESS_RULES } from '../../src/care-path/process-rules.ts';
import { resolveFindings } from '../../src/care-path/rule-modes.ts';
import { rejectedClasses } from '../../src/care-path/evaluate-message.ts';
import { CarePathHarness } from '../support/care-path-fixtures.ts';
import { defineProcessRuleCases } from '../support/process-rule-cases.ts';

describe('the process-rule registry', () => {
  it('when a rule is listed, then its code is unique and a refusal with a retourcode names a WJ001 code', () => {
    const seen = new Set<string>();
    for (const rule of PROCESS_RULES) {
      expect(seen.has(rule.code), rule.code).toBe(false);
      seen.add(rule.code);
      if (rule.retourcode !== undefined) expect(rule.retourcode).toMatch(/^([0-9]{4}|S[0-9]{3})$/);
      if (rule.enforcement === 'not-checked') expect(rule.reason, rule.code).toBeDefined();
      for (const via of rule.via ?? []) expect(seen.has(via) || PROCESS_RULES.some((r) => r.code === via), `${rule.code} via ${via}`).toBe(true);
    }
  });

  it('when the brief names TR019, TR056, TR063, TR314, TR347, TR355, TR414 and OP072, then each is enforced', () => {
    for (const code of ['TR019', 'TR056', 'TR063', 'TR314', 'TR347', 'TR355', 'TR414', 'OP072']) {
      expect(PROCESS_RULES.find((r) => r.code === code)?.enforcement, code).toBe('refusal');
    }
  });
});

describe('strict, warn and off, as a function', () => {
  it('when modes are set per rule, then each finding follows its rule\'s mode over the default', () => {
    const findings = [{ rule: 'TR056', retourcode: '9056', pointer: '', detail: '', migration: false }, { rule: 'TR019', retourcode: '9019', pointer: '', detail: '', migration: false }];
    const mixed = resolveFindings(findings, { mode: 'strict', rules: { TR056: 'off', TR019: 'warn' } });
    expect(mixed.refusals).toEqual([]);
    expect(mixed.warnings.map((f) => f.rule)).toEqual(['TR019']);
  });

  it('when a finding is migration, then it is a warning even in strict mode', () => {
    const { refusals, warnings } = resolveFindings([{ rule: 'TR019', retourcode: '9019', pointer: '', detail: '', migration: true }]);
    expect(refusals).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});

describe('what a retour rejects', () => {
  it('when a retour carries 0200 and 0233 only, then it rejects nothing', () => {
    expect(rejectedClasses({ Header: { RetourCodes: { RetourCode: ['0200'] } }, Client: { RetourCodes: { RetourCode: ['0233'] } } })).toEqual([]);
    expect(rejectedClasses({ Header: { RetourCodes: { RetourCode: ['0200'] } }, Client: { X: [{ RetourCodes: { RetourCode: ['0200', '9019'] } }] } })).toEqual(['/Client/X/0']);
  });
});

describe('the process-rule cases, in memory', () => {
  defineProcessRuleCases((settings = {}) => Promise.resolve(new CarePathHarness(settings.modes, settings.terms, settings.migrationRequestDays ?? 0)));
});
