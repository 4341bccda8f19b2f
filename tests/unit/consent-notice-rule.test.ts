// The gateway's own consent notice (issue 15): its schema takes an active notice and a revocation
// notice and nothing between them, and its policy rule allows it from a party that registers consents
// to a party a consent can name, on its own legal basis, releasing only the notice's fields.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPolicyEngine, loadPolicyFile } from '../../consent/policy-engine.ts';
import { createMessageValidator } from '../../src/validation/message-validator.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { ask } from '../support/policy-inputs.ts';
import { CHILD, TODAY } from '../support/keten-messages.ts';

const validator = createMessageValidator();
const engine = createPolicyEngine(loadPolicyFile(resolve(repoRoot, 'consent/policy.default.json')));

const active = (): Record<string, unknown> => ({
  consentId: 'c0ffee00-0000-4000-8000-000000000001',
  status: 'active',
  kind: 'permit',
  child: { bsn: CHILD.bsn },
  givers: [{ capacity: 'custodial-parent' }],
  givenOn: '2026-11-20',
  validFrom: '2026-11-20',
  purposes: ['overdracht-hulpverlening'],
  receivers: { parties: ['jeugdzorg-kompas'] },
  evidence: { reference: 'dossier 2026-0412' },
  registeredBy: 'jeugdhulp-de-brug',
  recordedAt: '2026-11-23T10:00:00.000Z',
  legalBases: ['Jw 7.3.11 lid 1'],
});
const revoked = (): Record<string, unknown> => ({ consentId: 'c0ffee00-0000-4000-8000-000000000001', status: 'revoked', revokedAt: '2026-11-24T09:00:00.000Z' });

describe('the ConsentNotice schema', () => {
  it('when a notice is active or revoked with its own members, then it is valid', () => {
    expect(validator.validateMessage('ConsentNotice', active(), TODAY)).toEqual([]);
    expect(validator.validateMessage('ConsentNotice', revoked(), TODAY)).toEqual([]);
  });

  it('when an active notice lacks the child, or a revocation carries one, or a giver carries a reference, then it is refused', () => {
    const { child: _child, ...noChild } = active();
    expect(validator.validateMessage('ConsentNotice', noChild, TODAY)).toContainEqual(expect.objectContaining({ pointer: '/child', rule: 'required' }));
    expect(validator.validateMessage('ConsentNotice', { ...revoked(), child: { bsn: CHILD.bsn } }, TODAY).length).toBeGreaterThan(0);
    expect(validator.validateMessage('ConsentNotice', { ...active(), givers: [{ capacity: 'child', reference: 'Lotte' }] }, TODAY)).toContainEqual(
      expect.objectContaining({ pointer: '/givers/0/reference', rule: 'additionalProperties' }),
    );
    expect(validator.validateMessage('ConsentNotice', { ...active(), child: { bsn: '123456789' } }, TODAY)).toContainEqual(expect.objectContaining({ pointer: '/child/bsn', rule: 'format' }));
  });
});

describe('the kennisgeving-toestemming rule', () => {
  it('when a provider that registered a consent notifies a provider, school, GP or researcher, then it is allowed on its own basis, with every member of the notice released', () => {
    for (const to of ['aanbieder', 'school', 'huisarts', 'onderzoeker'] as const) {
      const outcome = engine.decide(ask('aanbieder', to, 'ConsentNotice', 'kennisgeving-toestemming', active(), { subject: { identified: true } }));
      expect(outcome.decision, to).toMatchObject({ outcome: 'allow', rule: { id: 'kennisgeving-toestemming' }, legalBasis: 'avg-7-19-kennisgeving-toestemming', consentIds: [] });
      expect(outcome.releasedPayload, to).toEqual(active());
    }
    expect(engine.decide(ask('gemeente', 'onderzoeker', 'ConsentNotice', 'kennisgeving-toestemming', revoked())).releasedPayload).toEqual(revoked());
  });

  it('when the receiver is a party no consent names (a municipality, the police) or the purpose is another, then it is refused', () => {
    expect(engine.decide(ask('aanbieder', 'gemeente', 'ConsentNotice', 'kennisgeving-toestemming', active())).decision.outcome).toBe('deny');
    expect(engine.decide(ask('aanbieder', 'politie', 'ConsentNotice', 'kennisgeving-toestemming', active())).decision.outcome).toBe('deny');
    expect(engine.decide(ask('aanbieder', 'aanbieder', 'ConsentNotice', 'overdracht-hulpverlening', active())).decision.outcome).toBe('deny');
  });

  it('when a notice carries a member outside the allow-list, then it is refused, not stripped: the gateway built it wrong', () => {
    const decision = engine.decide(ask('aanbieder', 'aanbieder', 'ConsentNotice', 'kennisgeving-toestemming', { ...active(), note: 'vrije tekst' })).decision;
    expect(decision).toMatchObject({ outcome: 'deny', reason: 'field-not-allowed' });
  });
});
