import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPolicyEngine, loadPolicyFile } from '../../consent/policy-engine.ts';
import { applyAllowList, compileAllowList } from '../../consent/field-allow-list.ts';
import type { DecisionInput } from '../../src/kernel/policy-decision.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';

const policy = loadPolicyFile(resolve(repoRoot, 'consent/policy.default.json'));
const engine = createPolicyEngine(policy);
const message = { Header: { Afzender: '42420001' }, Client: { Bsn: '999900006', Naam: { Voornamen: 'Tom' } } };
const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  senderRole: 'aanbieder',
  receiverRole: 'gemeente',
  messageType: 'JW315',
  purpose: 'verzoek-toewijzing',
  exchangeDate: '2026-11-23',
  subject: { bsn: '999900006' },
  message,
  ...over,
});

describe('the policy engine', () => {
  it('when a rule matches, then it allows and names the rule, legal basis, processing activity and released fields', () => {
    const { decision, releasedPayload } = engine.decide(input());
    expect(decision).toMatchObject({ outcome: 'allow', reason: 'rule-allows', rule: { id: 'ijw-verzoek-toewijzing', version: 2 }, legalBasis: 'jw-7.4.0-lid-2', processingActivityId: 'pa.ijw.verzoek-toewijzing', policyVersion: policy.version });
    expect(decision.releasedFields).toEqual(['/Client/Bsn', '/Client/Naam/Voornamen', '/Header/Afzender']);
    expect(releasedPayload).toEqual(message);
  });

  it.each([
    ['another purpose', { purpose: 'onderzoek' }],
    ['the wrong direction', { senderRole: 'gemeente' as const, receiverRole: 'aanbieder' as const }],
    ['a GI sending JW317 (not for GIs, SAP GI)', { senderRole: 'gi' as const, messageType: 'JW317', purpose: 'verzoek-wijziging' }],
    ['a role pair with no rule', { senderRole: 'veilig-thuis' as const }],
  ])('when nothing matches (%s), then it denies by default with no-legal-basis', (_name, over) => {
    const { decision, releasedPayload } = engine.decide(input(over));
    expect(decision).toMatchObject({ outcome: 'deny', reason: 'no-legal-basis', releasedFields: [] });
    expect(decision.rule).toBeUndefined();
    expect(releasedPayload).toBeUndefined();
  });

  it('when the client has a secret address or a safety risk, then iJw is blocked (OP003)', () => {
    expect(engine.decide(input({ subject: { bsn: '999900006', secretAddress: true } })).decision).toMatchObject({ outcome: 'deny', reason: 'blocked-secret-address', rule: { id: 'ijw-verzoek-toewijzing' } });
    expect(engine.decide(input({ subject: { bsn: '999900006', safetyRisk: true } })).decision.reason).toBe('blocked-secret-address');
    expect(engine.decide(input({ subject: {} })).decision.reason).toBe('blocked-no-bsn');
  });

  it('when a retour goes back, then the retour rule for that direction applies', () => {
    expect(engine.decide(input({ messageType: 'JW302', purpose: 'technische-bevestiging' })).decision.rule?.id).toBe('ijw-retour-aan-gemeente');
    expect(engine.decide(input({ senderRole: 'gemeente', receiverRole: 'aanbieder', messageType: 'JW316', purpose: 'technische-bevestiging' })).decision.rule?.id).toBe('ijw-retour-aan-aanbieder');
  });

  it('when a policy file names an unknown role or misses a field, then loading fails naming each problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ version: '1', rules: [{ id: 'x1', version: 1, senderRoles: ['bakker'], receiverRoles: ['gemeente'], messageTypes: ['JW301'], purpose: 'p1', legalBasis: 'b', processingActivityId: 'pa.x', consent: 'not-required', fields: ['/a'] }] }));
    expect(() => loadPolicyFile(file)).toThrow(/\/rules\/0\/senderRoles\/0.*\/rules\/0\/source|\/rules\/0\/source.*\/rules\/0\/senderRoles\/0/);
  });

  it('when two rules share an id, then loading fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'p.json');
    const rule = policy.rules[0];
    writeFileSync(file, JSON.stringify({ version: '1', rules: [rule, rule] }));
    expect(() => loadPolicyFile(file)).toThrow(/duplicate rule id/);
  });
});

describe('the field allow-list', () => {
  const msg = { Header: { A: '1', B: '2' }, Client: { Bsn: '1', Items: [{ Code: 'x', Secret: 'y' }, { Code: 'z' }] }, Extra: { Q: 1 } };

  it('when patterns name leaves, subtrees and array items, then only those fields are released', () => {
    const { payload, releasedFields } = applyAllowList(msg, compileAllowList(['/Header/A', '/Client/Items/*/Code', '/Client/Bsn']));
    expect(payload).toEqual({ Header: { A: '1' }, Client: { Bsn: '1', Items: [{ Code: 'x' }, { Code: 'z' }] } });
    expect(releasedFields).toEqual(['/Client/Bsn', '/Client/Items/*/Code', '/Header/A']);
  });

  it('when a pattern ends in **, then the whole subtree is released', () => {
    const { payload } = applyAllowList(msg, compileAllowList(['/Client/**']));
    expect(payload).toEqual({ Client: msg.Client });
  });

  it('when nothing is allowed, then nothing is released', () => {
    expect(applyAllowList(msg, compileAllowList(['/Nope'])).payload).toEqual({});
  });
});
