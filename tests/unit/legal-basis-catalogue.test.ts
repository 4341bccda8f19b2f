// The legal-basis catalogue and the policy are checked against each other at startup; the gateway
// refuses to start on any problem and names the rule. Each bad input here is one the issue lists or
// one that would let a rule rest on nothing.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadLegalBasisCatalogue } from '../../consent/legal-basis-catalogue.ts';
import { createPolicyEngine, loadPolicyFile, type PolicySet } from '../../consent/policy-engine.ts';
import { checkPolicyAgainstSchemas } from '../../src/exchange/policy-startup-check.ts';
import { createMessageValidator } from '../../src/validation/message-validator.ts';
import { buildGateway } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { writeTestConfig } from '../support/test-gateway.ts';

const policyFile = resolve(repoRoot, 'consent/policy.default.json');
const catalogueFile = resolve(repoRoot, 'consent/legal-bases.json');
const policy = JSON.parse(readFileSync(policyFile, 'utf8')) as PolicySet & { rules: Record<string, any>[] };
const catalogue = JSON.parse(readFileSync(catalogueFile, 'utf8')) as Record<string, any>;

function write(value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ketenpoort-policy-')), 'file.json');
  writeFileSync(file, JSON.stringify(value));
  return file;
}

function problem(run: () => unknown): { code: string; detail: string; pointers: string[] } {
  try {
    run();
  } catch (error) {
    if (isGatewayError(error)) return { code: error.code, detail: error.detail ?? '', pointers: error.errors.map((e) => e.pointer) };
    throw error;
  }
  throw new Error('expected a GatewayError');
}

const withRule = (index: number, patch: Record<string, unknown>): unknown => ({ ...policy, rules: policy.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
const indexOf = (id: string): number => policy.rules.findIndex((r) => r.id === id);

describe('the legal-basis catalogue', () => {
  it('loads: every basis names its AVG ground and sector article; the citation joins them', () => {
    const c = loadLegalBasisCatalogue(catalogueFile);
    expect(c.citation('jw-7.3.11-lid-1')).toBe('AVG 6(1)(a)/(e), 9(2)(a)/(h); Jw 7.3.11 lid 1');
    expect(c.legalBasis('jw-7.4.0-lid-2')).toMatchObject({ consent: 'not-required', sector: ['Jw 7.4.0 lid 2', 'Reg. Jw 6a.1-6a.5, 6a.7', 'Reg. Jw 6c.1'] });
    expect(c.inForce('jw-7.4.0-lid-2', '2026-11-23')).toBe(true);
    expect(c.inForce('jw-7.4.0-lid-2', '2014-12-31')).toBe(false);
  });

  it('when a basis is listed twice, its period is upside down, or an activity names an unknown basis, then every problem is named', () => {
    const bad = {
      ...catalogue,
      legalBases: [...catalogue.legalBases, { ...catalogue.legalBases[0], validUntil: '2000-01-01' }],
      processingActivities: [...catalogue.processingActivities, { ...catalogue.processingActivities[0], id: 'pa.nieuw', legalBasis: 'wet-op-niets' }],
    };
    const p = problem(() => loadLegalBasisCatalogue(write(bad)));
    expect(p.code).toBe('policy-file-invalid');
    const n = catalogue.legalBases.length;
    expect(p.pointers).toEqual(expect.arrayContaining([`/legalBases/${n}/id`, `/legalBases/${n}/validUntil`, `/processingActivities/${catalogue.processingActivities.length}/legalBasis`]));
    expect(p.detail).toContain('wet-op-niets');
  });

  it('when a basis misses its AVG ground, then the schema says so', () => {
    const { avg: _avg, ...noAvg } = catalogue.legalBases[0];
    expect(problem(() => loadLegalBasisCatalogue(write({ ...catalogue, legalBases: [noAvg, ...catalogue.legalBases.slice(1)] }))).pointers).toContain('/legalBases/0/avg');
  });
});

describe('the policy against the catalogue', () => {
  const c = loadLegalBasisCatalogue(catalogueFile);

  it('when a rule names an unknown legal basis, then loading fails and says which rule', () => {
    const p = problem(() => loadPolicyFile(write(withRule(indexOf('vto-college'), { legalBasis: 'jw-99.9' })), c));
    expect(p.code).toBe('policy-file-invalid');
    expect(p.detail).toContain('rule "vto-college" names unknown legal basis "jw-99.9"');
    expect(p.pointers).toContain(`/rules/${indexOf('vto-college')}/legalBasis`);
  });

  it('when a rule says no consent but its basis needs consent, then loading fails', () => {
    expect(problem(() => loadPolicyFile(write(withRule(indexOf('overdracht-hulpverlening'), { consent: 'not-required', override: undefined })), c)).detail).toContain('says consent "not-required" but its legal basis "jw-7.3.11-lid-1" says "required"');
  });

  it('when a processing activity is unknown or belongs to another (purpose, basis), then loading fails', () => {
    expect(problem(() => loadPolicyFile(write(withRule(0, { processingActivityId: 'pa.onbekend' })), c)).detail).toContain('unknown processing activity "pa.onbekend"');
    expect(problem(() => loadPolicyFile(write(withRule(0, { processingActivityId: 'pa.ijw.verzoek-toewijzing' })), c)).detail).toContain('is for (verzoek-toewijzing, jw-7.4.0-lid-2)');
  });

  it('when a data category names a field the rule does not release, or an override sits on a statutory rule, then loading fails', () => {
    const i = indexOf('overdracht-hulpverlening');
    expect(problem(() => loadPolicyFile(write(withRule(i, { dataCategories: { diagnostiek: ['/Dossier/**'] } })), c)).pointers).toContain(`/rules/${i}/dataCategories/diagnostiek`);
    const j = indexOf('melding-veilig-thuis');
    expect(problem(() => loadPolicyFile(write(withRule(j, { override: policy.rules[i]!.override })), c)).detail).toContain('nothing to override');
  });

  it('when a side effect has no statutory rule to travel on, then loading fails', () => {
    const rules = policy.rules.filter((r) => r.id !== 'vto-kennisgeving-college');
    expect(problem(() => loadPolicyFile(write({ ...policy, rules }), c)).detail).toContain('no statutory rule lets a gi send KennisgevingVerzoekTotOnderzoek');
  });

  it('when a rule names a message type without a schema, then the startup check refuses it', () => {
    const engine = createPolicyEngine(loadPolicyFile(write(withRule(0, { messageTypes: ['JW301', 'JW399'] })), c), { catalogue: c });
    expect(problem(() => { checkPolicyAgainstSchemas(engine, createMessageValidator(), 'p.json'); }).detail).toContain('"JW399", which has no schema');
  });

  it('when the gateway starts with a policy naming an unknown legal basis, then it refuses to start and names the rule', async () => {
    const bad = write(withRule(indexOf('melding-veilig-thuis'), { legalBasis: 'wmo-9.9.9' }));
    const cfg = writeTestConfig({ extra: { policyFile: bad } });
    try {
      const error = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) }).then(() => undefined, (e: unknown) => e);
      expect(isGatewayError(error) && error.code).toBe('policy-file-invalid');
      expect((error as Error).message).toContain('rule "melding-veilig-thuis" names unknown legal basis "wmo-9.9.9"');
    } finally {
      cfg.cleanup();
    }
  });
});
