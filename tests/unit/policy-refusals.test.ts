// Refusals that explain themselves (issue 15, Policy): an override is used only where a rule allows
// it and refused everywhere else; a default-deny refusal names what the policy looked for and which
// rules exist for that message, without saying anything about the child.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createPolicyEngine, loadPolicyFile } from '../../consent/policy-engine.ts';
import type { DecisionInput } from '../../src/kernel/policy-decision.ts';
import type { PartyRole } from '../../src/kernel/party-role.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { readDemoMessage } from '../support/ijw-fixtures.ts';
import { CHILD, fullCasusinformatie } from '../support/keten-messages.ts';
import { ask, consentRecord } from '../support/policy-inputs.ts';

const engine = createPolicyEngine(loadPolicyFile(resolve(repoRoot, 'consent/policy.default.json')));
const JUSTIFICATION = 'Acuut gevaar: het kind meldde geweld thuis en de ouders zijn onbereikbaar';

const handover = (over: Partial<DecisionInput> = {}): DecisionInput => ask('aanbieder', 'school', 'Casusinformatie', 'overdracht-hulpverlening', fullCasusinformatie(), over);
const consent = consentRecord({ id: 'consent-1' });

describe('break-glass overrides', () => {
  it('when an override is sent under a statutory rule that allows none, then it is refused as override-not-allowed, not ignored', () => {
    const { decision } = engine.decide(ask('gemeente', 'aanbieder', 'JW301', 'toewijzing', readDemoMessage('jw301.json'), { override: { reasonCode: 'acuut-gevaar', justification: JUSTIFICATION } }));
    expect(decision).toMatchObject({ outcome: 'deny', reason: 'override-not-allowed', rule: { id: 'ijw-toewijzing' } });
    expect(decision.explanation).toContain('allows no override');
  });

  it('when an override names a reason code the rule does not, then it is refused even though consent would have allowed the exchange', () => {
    const { decision } = engine.decide(handover({ consents: [consent], override: { reasonCode: 'spoed', justification: JUSTIFICATION } }));
    expect(decision).toMatchObject({ outcome: 'deny', reason: 'override-not-allowed' });
    expect(decision.explanation).toContain('acuut-gevaar or conflict-van-plichten');
  });

  it('when a sender role the rule allows but its override does not name uses an override, then it is refused', () => {
    // The default policy gives every sender of an override rule the override; narrow it to the GI.
    const policy = loadPolicyFile(resolve(repoRoot, 'consent/policy.default.json'));
    const narrowed = createPolicyEngine({
      ...policy,
      rules: policy.rules.map((r) => (r.id === 'overdracht-hulpverlening' && r.override !== undefined ? { ...r, override: { ...r.override, roles: ['gi'] as PartyRole[] } } : r)),
    });
    const { decision } = narrowed.decide(handover({ consents: [], override: { reasonCode: 'acuut-gevaar', justification: JUSTIFICATION } }));
    expect(decision).toMatchObject({ outcome: 'deny', reason: 'override-not-allowed' });
    expect(decision.explanation).toContain('needs the role gi');
  });

  it('when a permitted override comes with missing consent, then it is used; with consent given it is allowed on the consent, the override unused', () => {
    const override = { reasonCode: 'acuut-gevaar', justification: JUSTIFICATION };
    expect(engine.decide(handover({ consents: [], override })).decision).toMatchObject({ outcome: 'allow', reason: 'override-used', override });
    const withConsent = engine.decide(handover({ consents: [consent], override })).decision;
    expect(withConsent).toMatchObject({ outcome: 'allow', reason: 'consent-given', consentIds: ['consent-1'] });
    expect(withConsent.override).toBeUndefined();
  });
});

describe('default deny that says what was missing', () => {
  it('when no rule matches, then the refusal names the combination looked for and the rules for that message from that sender', () => {
    const { decision } = engine.decide(ask('gemeente', 'school', 'JW301', 'toewijzing', readDemoMessage('jw301.json')));
    expect(decision).toMatchObject({ outcome: 'deny', reason: 'no-legal-basis', lookedFor: { senderRole: 'gemeente', receiverRole: 'school', messageType: 'JW301', purpose: 'toewijzing', senderRegime: 'jeugdwet' } });
    expect(decision.rule).toBeUndefined();
    expect(decision.alternatives).toContainEqual({ rule: 'ijw-toewijzing@2', receiverRoles: expect.arrayContaining(['aanbieder', 'gi']), purpose: 'toewijzing' });
    expect(decision.explanation).toMatch(/^no rule allows JW301 from a gemeente to a school for purpose toewijzing; rules for JW301 from a gemeente: ijw-toewijzing@2 \(to [a-z/]+, purpose toewijzing\)/);
  });

  it('when the purpose is wrong, then the alternatives show the purpose that exists', () => {
    const { decision } = engine.decide(ask('gemeente', 'aanbieder', 'JW301', 'onderzoek', readDemoMessage('jw301.json')));
    expect(decision.alternatives?.map((a) => a.purpose)).toContain('toewijzing');
  });

  it('when the sender role has no rule for the message at all, then the alternatives are empty and the explanation says so', () => {
    const { decision } = engine.decide(ask('school', 'gemeente', 'JW301', 'toewijzing', readDemoMessage('jw301.json')));
    expect(decision.alternatives).toEqual([]);
    expect(decision.explanation).toContain('no rule allows JW301 from a school at all');
    // Nothing about the child: no pseudonym, no BSN, no consent ids.
    expect(JSON.stringify(decision)).not.toContain(CHILD.bsn);
    expect(decision.consentIds).toEqual([]);
  });
});
