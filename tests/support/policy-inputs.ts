// What the policy-engine tests ask the engine: a decision input for a sender and receiver role (the
// parties `<role>-1`, the demo child), and a consent record (by default: the child and one custodian
// consent to handing case information to a school; ids numbered in order).
import type { DecisionInput, DecisionParty } from '../../src/kernel/policy-decision.ts';
import type { PartyRole } from '../../src/kernel/party-role.ts';
import type { ConsentRecord } from '../../src/kernel/consent-record.ts';
import { CHILD, TODAY } from './keten-messages.ts';

export const party = (role: PartyRole, extra: Partial<DecisionParty> = {}): DecisionParty => ({ id: `${role}-1`, role, regime: 'jeugdwet', designations: [], ...extra });

export function ask(senderRole: PartyRole, receiverRole: PartyRole, messageType: string, purpose: string, message: Record<string, unknown>, over: Partial<DecisionInput> = {}): DecisionInput {
  return {
    senderRole,
    receiverRole,
    messageType,
    purpose,
    exchangeDate: TODAY,
    message,
    sender: party(senderRole),
    receiverId: `${receiverRole}-1`,
    subject: { bsn: CHILD.bsn, birthDate: CHILD.birthDate },
    ...over,
  };
}

let n = 0;
export function consentRecord(over: Partial<ConsentRecord> = {}): ConsentRecord {
  n += 1;
  return {
    id: `consent-${String(n).padStart(3, '0')}`,
    subjectPseudonym: 'p',
    kind: 'permit',
    givers: [
      { capacity: 'child', reference: 'kind' },
      { capacity: 'custodial-parent', reference: 'moeder' },
    ],
    custodianCount: 1,
    scope: { purposes: ['overdracht-hulpverlening'], senders: ['aanbieder-1'], receivers: { roles: ['school'] } },
    givenOn: '2026-11-01',
    validFrom: '2026-11-01',
    evidence: { reference: 'dossier-1' },
    registeredBy: 'aanbieder-1',
    registeredAt: '2026-11-01T09:00:00.000Z',
    status: 'active',
    ...over,
  };
}
