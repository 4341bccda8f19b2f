// Age and capacity rules for consent to a disclosure (domain.md 4.1, 4.2), applied on the exchange
// date from the child's birth date:
//   under 12            the custodians (gezaghebbende ouders or voogd) decide   Jw 7.3.15 lid 1; BW 7:465 lid 1
//   12 to 15            the child and the custodians (configurable: see below)   Jw 7.3.4 lid 2 (treatment); [U] for disclosure
//   16 and over         the child alone                                          Jw 7.3.5; BW 7:447
//   12+ wilsonbekwaam   represented: the custodians for a minor, a representative
//                       (mentor, curator, gemachtigde) for an adult              Jw 7.3.15 lid 2-3; BW 7:465 lid 2-3
// Whether one custodian suffices or all are needed, and the 12-15 rule per regime, are configuration
// (domain.md marks the 12-15 reading for disclosure [U]: Jw 7.3.15 lid 1 and BW 7:465 lid 1 can be
// read as "the child alone"; the default is "the child and the custodians").

import type { AgeBand } from '../src/kernel/policy-decision.ts';
import type { Regime } from '../src/kernel/party-role.ts';
import type { ConsentGiver } from '../src/kernel/consent-record.ts';

export type CustodianRule = 'one' | 'all';
export type TwelveToFifteenRule = 'child-and-custodians' | 'child';

export interface ConsentSettings {
  /** One custodian's consent suffices, or every custodian must consent (BW 1:245, 1:253). */
  readonly custodians: CustodianRule;
  /** Who consents for a child aged 12 to 15, per secrecy regime. */
  readonly twelveToFifteen: Readonly<Record<Regime, TwelveToFifteenRule>>;
}

export const defaultConsentSettings: ConsentSettings = {
  custodians: 'all',
  twelveToFifteen: { jeugdwet: 'child-and-custodians', wgbo: 'child-and-custodians' },
};

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] | undefined {
  const m = datePattern.exec(date);
  if (m === null) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * Age in whole years on `onDate` (both YYYY-MM-DD). The birthday counts: on the 12th birthday the
 * child is 12. A child born on 29 February becomes a year older on 1 March in a common year (the
 * anniversary does not exist; we take the first day after it) [U: no statutory rule found].
 * Undefined for malformed dates or a birth after onDate.
 */
export function ageOn(birthDate: string, onDate: string): number | undefined {
  const b = parts(birthDate);
  const d = parts(onDate);
  if (b === undefined || d === undefined) return undefined;
  const [by, bm, bd] = b;
  const [dy, dm, dd] = d;
  let age = dy - by;
  // Compare (month, day) of onDate with the birthday; 29 Feb counts as after 28 Feb.
  if (dm < bm || (dm === bm && dd < bd)) age -= 1;
  return age < 0 ? undefined : age;
}

export function ageBand(age: number): AgeBand {
  if (age < 12) return 'under-12';
  if (age < 16) return '12-15';
  return '16-plus';
}

export const custodianCapacities: ReadonlySet<ConsentGiver['capacity']> = new Set(['custodial-parent', 'guardian']);

/** What the givers of the consents that cover an exchange must include. */
export interface Requirement {
  readonly band: AgeBand;
  readonly child: boolean;
  /** How many distinct custodians must have consented (0: none needed). */
  readonly custodians: number;
  readonly representative: boolean;
  /** One sentence naming the rule, for the decision's explanation (nothing about the actual givers). */
  readonly explanation: string;
}

export interface AgeFacts {
  readonly age: number;
  /** The child was judged not competent (wilsonbekwaam) for this decision. */
  readonly incompetent: boolean;
  /** How many custodians the child has (declared by the registering party). */
  readonly custodianCount: number;
  readonly regime: Regime;
}

export function requirementFor(facts: AgeFacts, settings: ConsentSettings): Requirement {
  const band = ageBand(facts.age);
  const custodiansNeeded = settings.custodians === 'all' ? Math.max(1, facts.custodianCount) : 1;
  if (band === 'under-12') {
    return { band, child: false, custodians: custodiansNeeded, representative: false, explanation: `under 12 the custodians decide (${settings.custodians === 'all' ? 'all of them' : 'one suffices'}; Jw 7.3.15 lid 1)` };
  }
  if (facts.incompetent) {
    if (facts.age >= 18) {
      return { band, child: false, custodians: 0, representative: true, explanation: 'an adult judged not competent is represented by a mentor, curator or authorised person (Jw 7.3.15 lid 3)' };
    }
    return { band, child: false, custodians: custodiansNeeded, representative: false, explanation: 'a minor judged not competent is represented by the custodians (Jw 7.3.15 lid 2)' };
  }
  if (band === '12-15' && settings.twelveToFifteen[facts.regime] === 'child-and-custodians') {
    return { band, child: true, custodians: custodiansNeeded, representative: false, explanation: 'from 12 to 15 the child and the custodians consent (Jw 7.3.4 lid 2)' };
  }
  return { band, child: true, custodians: 0, representative: false, explanation: band === '12-15' ? 'from 12 to 15 the child consents (Jw 7.3.15 lid 1; BW 7:465 lid 1)' : 'from 16 the child consents alone (Jw 7.3.5; BW 7:447)' };
}

/** True when the givers (of all covering consents together) meet the requirement. */
export function givesEnough(givers: readonly ConsentGiver[], requirement: Requirement): boolean {
  const custodians = new Set(givers.filter((g) => custodianCapacities.has(g.capacity)).map((g) => g.reference));
  if (requirement.child && !givers.some((g) => g.capacity === 'child')) return false;
  if (requirement.representative && !givers.some((g) => g.capacity === 'representative')) return false;
  return custodians.size >= requirement.custodians;
}
