// The decision step asks the consent registry only when the rule rests on consent or objections:
// statutory exchanges never wait on it. The transaction here is a real object whose
// consent lookup counts its calls and refuses to answer, so a statutory decision that touched the
// registry would fail.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createPolicyEngine, loadPolicyFile } from '../../consent/policy-engine.ts';
import { decideExchange, type ExchangeFacts } from '../../src/exchange/decide-exchange.ts';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import type { Party } from '../../src/config/config-types.ts';
import type { StoreTx } from '../../src/store/store.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { CHILD, TODAY, fullCasusinformatie } from '../support/keten-messages.ts';
import { readDemoMessage } from '../support/ijw-fixtures.ts';

const engine = createPolicyEngine(loadPolicyFile(resolve(repoRoot, 'consent/policy.default.json')));
const party = (id: string, role: Party['role']): Party => ({ id, role, name: id, identifiers: {}, adapter: { kind: 'inbox' }, regime: 'jeugdwet', designations: [], keys: [] });

function unavailableRegistry(): { tx: StoreTx; calls: () => number } {
  let calls = 0;
  const tx = {
    listSubjectConsents: () => {
      calls += 1;
      return Promise.reject(new GatewayError('store-unavailable', { detail: 'the registry is down' }));
    },
  } as unknown as StoreTx;
  return { tx, calls: () => calls };
}

const facts = (over: Partial<ExchangeFacts>): ExchangeFacts => ({
  sender: party('jeugdhulp-de-brug', 'aanbieder'),
  receiver: party('gemeente-diemen', 'gemeente'),
  messageType: 'JW315',
  purpose: 'verzoek-toewijzing',
  message: readDemoMessage('jw315.json'),
  subject: { bsn: CHILD.bsn, birthDate: CHILD.birthDate },
  subjectPseudonym: 'pseudonym-1',
  exchangeDate: TODAY,
  ...over,
});

describe('the decision step', () => {
  it('when the rule is statutory, then the registry is not asked, even when it is down', async () => {
    const { tx, calls } = unavailableRegistry();
    const outcome = await decideExchange(tx, engine, facts({}));
    expect(outcome.decision).toMatchObject({ outcome: 'allow', reason: 'rule-allows' });
    expect(calls()).toBe(0);
  });

  it('when the rule rests on consent, then the registry is asked (and its failure fails the decision, closed)', async () => {
    const { tx, calls } = unavailableRegistry();
    const consentBased = facts({ receiver: party('school-de-regenboog', 'school'), messageType: 'Casusinformatie', purpose: 'overdracht-hulpverlening', message: fullCasusinformatie() });
    await expect(decideExchange(tx, engine, consentBased)).rejects.toMatchObject({ code: 'store-unavailable' });
    expect(calls()).toBe(1);
  });

  it('when the exchange names no child, then there is nothing to look up and consent is missing', async () => {
    const { tx, calls } = unavailableRegistry();
    const anonymous = facts({ receiver: party('school-de-regenboog', 'school'), messageType: 'Casusinformatie', purpose: 'overdracht-hulpverlening', message: fullCasusinformatie(), subjectPseudonym: null });
    expect((await decideExchange(tx, engine, anonymous)).decision.reason).toBe('consent-missing');
    expect(calls()).toBe(0);
  });
});
