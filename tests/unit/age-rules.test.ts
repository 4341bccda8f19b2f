// The age and capacity rules (Jw 7.3.4, 7.3.5, 7.3.15; BW 7:447, 7:450, 7:465), walked at every band
// boundary: the day before and on the 12th and 16th birthday.
import { describe, expect, it } from 'vitest';
import { ageBand, ageOn, defaultConsentSettings, givesEnough, requirementFor, type ConsentSettings } from '../../consent/age-rules.ts';
import type { ConsentGiver } from '../../src/kernel/consent-record.ts';

const child: ConsentGiver = { capacity: 'child', reference: 'kind' };
const mother: ConsentGiver = { capacity: 'custodial-parent', reference: 'moeder' };
const father: ConsentGiver = { capacity: 'custodial-parent', reference: 'vader' };
const guardian: ConsentGiver = { capacity: 'guardian', reference: 'voogd' };
const mentor: ConsentGiver = { capacity: 'representative', reference: 'mentor' };

const birth = '2010-06-15';

describe('age on the exchange date', () => {
  it.each([
    ['2022-06-14', 11, 'under-12'],
    ['2022-06-15', 12, '12-15'],
    ['2026-06-14', 15, '12-15'],
    ['2026-06-15', 16, '16-plus'],
    ['2028-06-15', 18, '16-plus'],
  ] as const)('when the exchange is on %s, then the child born %s is %i (%s)', (date, age, band) => {
    expect(ageOn(birth, date)).toBe(age);
    expect(ageBand(ageOn(birth, date)!)).toBe(band);
  });

  it('when the child was born on 29 February, then it turns a year older on 1 March in a common year and on 29 February in a leap year', () => {
    expect(ageOn('2012-02-29', '2024-02-28')).toBe(11);
    expect(ageOn('2012-02-29', '2024-02-29')).toBe(12);
    expect(ageOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
    expect(ageOn('2013-02-28', '2025-02-28')).toBe(12);
    expect(ageOn('2012-02-29', '2025-02-28')).toBe(12);
    expect(ageOn('2012-02-29', '2025-03-01')).toBe(13);
  });

  it('when the birth date is after the exchange date or malformed, then there is no age', () => {
    expect(ageOn('2027-01-01', '2026-11-23')).toBeUndefined();
    expect(ageOn('2010-6-15', '2026-11-23')).toBeUndefined();
  });
});

describe('who must consent, at each boundary (default: all custodians; 12-15 the child and the custodians)', () => {
  const settings = defaultConsentSettings;
  const needs = (date: string, givers: ConsentGiver[], custodianCount = 2, s: ConsentSettings = settings, incompetent = false): boolean =>
    givesEnough(givers, requirementFor({ age: ageOn(birth, date)!, incompetent, custodianCount, regime: 'jeugdwet' }, s));

  it('the day before the 12th birthday: the custodians decide, the child is not asked', () => {
    expect(needs('2022-06-14', [mother, father])).toBe(true);
    expect(needs('2022-06-14', [child, mother])).toBe(false);
    expect(needs('2022-06-14', [child])).toBe(false);
  });

  it('on the 12th birthday: the child and the custodians', () => {
    expect(needs('2022-06-15', [mother, father])).toBe(false);
    expect(needs('2022-06-15', [child, mother, father])).toBe(true);
    expect(needs('2022-06-15', [child, mother])).toBe(false);
  });

  it('the day before the 16th birthday: still the child and the custodians', () => {
    expect(needs('2026-06-14', [child])).toBe(false);
    expect(needs('2026-06-14', [child, mother, father])).toBe(true);
  });

  it('on the 16th birthday: the child alone; the parents cannot consent for it', () => {
    expect(needs('2026-06-15', [child])).toBe(true);
    expect(needs('2026-06-15', [mother, father])).toBe(false);
  });

  it('a guardian (voogd) is the custodian when there is one', () => {
    expect(needs('2020-01-01', [guardian], 1)).toBe(true);
  });

  it('when one custodian suffices (configuration), then one of two is enough at every age that asks custodians', () => {
    const one: ConsentSettings = { ...settings, custodians: 'one' };
    expect(needs('2022-06-14', [mother], 2, one)).toBe(true);
    expect(needs('2022-06-15', [child, father], 2, one)).toBe(true);
    expect(needs('2022-06-14', [mother], 2, settings)).toBe(false);
  });

  it('when 12-15 is read as "the child alone" for a regime (configuration), then from 12 the child suffices there', () => {
    const childAlone: ConsentSettings = { ...settings, twelveToFifteen: { jeugdwet: 'child', wgbo: 'child-and-custodians' } };
    expect(needs('2022-06-15', [child], 2, childAlone)).toBe(true);
    expect(needs('2022-06-14', [child], 2, childAlone)).toBe(false);
    expect(givesEnough([child], requirementFor({ age: 13, incompetent: false, custodianCount: 2, regime: 'wgbo' }, childAlone))).toBe(false);
  });

  it('when a child of 12 or more was judged not competent for the decision, then the custodians consent (a minor) or a representative (an adult)', () => {
    expect(needs('2026-06-15', [child], 2, settings, true)).toBe(false);
    expect(needs('2026-06-15', [mother, father], 2, settings, true)).toBe(true);
    expect(needs('2028-06-15', [mother, father], 2, settings, true)).toBe(false);
    expect(needs('2028-06-15', [mentor], 0, settings, true)).toBe(true);
  });

  it('the same person counted twice is one custodian', () => {
    expect(needs('2022-06-14', [mother, { ...mother }])).toBe(false);
  });

  it('each requirement explains itself by the rule, citing its article', () => {
    expect(requirementFor({ age: 11, incompetent: false, custodianCount: 2, regime: 'jeugdwet' }, settings).explanation).toMatch(/Jw 7\.3\.15 lid 1/);
    expect(requirementFor({ age: 16, incompetent: false, custodianCount: 2, regime: 'jeugdwet' }, settings).explanation).toMatch(/Jw 7\.3\.5/);
  });
});
