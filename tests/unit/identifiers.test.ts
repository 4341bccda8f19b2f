import { describe, expect, it } from 'vitest';
import { cbsIndeling, isAgb, isBsn, isGemeentecode, isOin } from '../../src/validation/identifiers.ts';

describe('BSN (11-test, iJw CS002)', () => {
  it('when the BSN passes the 11-test, then it is valid', () => {
    expect(isBsn('123456782')).toBe(true);
    expect(isBsn('999900006')).toBe(true); // the iJw samples' client
    expect(isBsn('999900018')).toBe(true);
  });

  it('when the BSN has leading zeros, then they count as digits and are kept', () => {
    expect(isBsn('010000008')).toBe(true); // 1·8 − 8 = 0
    expect(isBsn('000001004')).toBe(true); // 1·4 − 4 = 0
    expect(isBsn('10000008')).toBe(false); // the same number without its leading zero is not a BSN
    expect(isBsn('010000009')).toBe(false);
  });

  it('when the BSN fails the 11-test, then it is invalid', () => {
    expect(isBsn('123456789')).toBe(false);
    expect(isBsn('999900007')).toBe(false);
  });

  it('when the BSN is 000000000, then it is invalid although its sum is 0', () => {
    expect(isBsn('000000000')).toBe(false);
  });

  it('when the value is not nine ASCII digits, then it is invalid', () => {
    for (const value of ['12345678', '1234567820', '12345678a', ' 123456782', '１２３４５６７８２', '']) expect(isBsn(value)).toBe(false);
  });
});

describe('AGB-code', () => {
  it('when the code has eight digits, then it is a well-formed AGB-code', () => {
    expect(isAgb('42420001')).toBe(true);
    expect(isAgb('06020101')).toBe(true);
  });

  it('when the code has another length or non-digits, then it is refused', () => {
    for (const value of ['4242000', '424200011', '4242000A', '']) expect(isAgb(value)).toBe(false);
  });
});

describe('gemeentecode (CBS list, iJw TR378)', () => {
  it('when the code is in the CBS list of 1 January 2026, then it is valid on that date and later', () => {
    expect(isGemeentecode('0384', '2026-01-01')).toBe(true); // Diemen
    expect(isGemeentecode('0363', '2026-11-23')).toBe(true); // Amsterdam
    expect(isGemeentecode('0599', '2026-11-23')).toBe(true); // Rotterdam
  });

  it('when the code is not a municipality, then it is refused', () => {
    expect(isGemeentecode('0000', '2026-11-23')).toBe(false);
    expect(isGemeentecode('9999', '2026-11-23')).toBe(false);
  });

  it('when the code is not four digits, then it is refused', () => {
    expect(isGemeentecode('384', '2026-11-23')).toBe(false);
    expect(isGemeentecode('00384', '2026-11-23')).toBe(false);
  });

  it('when the shipped list is inspected, then it has the 342 municipalities of 2026 and names its source', () => {
    const indeling = cbsIndeling();
    expect(indeling.validFrom).toBe('2026-01-01');
    expect(indeling.names.size).toBe(342);
    expect(indeling.names.get('0384')).toBe('Diemen');
    expect(indeling.source).toContain('cbs.nl');
  });
});

describe('OIN (Logius OIN-stelsel)', () => {
  it('when the OIN has a known prefix and the right suffix, then it is valid', () => {
    expect(isOin('00000001002220647000')).toBe(true); // Gemeente Utrecht (RSIN), domain.md §6
    expect(isOin('00000004194049711000')).toBe(true); // a SubOIN (Logius, Digilevering Integrator)
    expect(isOin('00000003273087010000')).toBe(true); // a KVK-based OIN: 8 positions + 0000
    expect(isOin('00000099123456789000')).toBe(true); // test OIN
  });

  it('when the prefix is unknown or not yet assigned, then it is refused', () => {
    expect(isOin('00000012002220647000')).toBe(false);
    expect(isOin('00000005002220647000')).toBe(false);
  });

  it('when the suffix is wrong, then it is refused', () => {
    expect(isOin('00000001002220647001')).toBe(false);
    expect(isOin('00000003273087011000')).toBe(false); // KVK hoofdnummer has 8 positions: suffix 0000
  });

  it('when the length or characters are wrong, then it is refused', () => {
    expect(isOin('0000000100222064700')).toBe(false);
    expect(isOin('000000010022206470000')).toBe(false);
    expect(isOin('00000001-02220647000')).toBe(false);
  });
});
