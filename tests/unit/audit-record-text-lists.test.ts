// Which records share their list of released fields (src/kernel/audit-record-text.ts). A rule releases
// the leaf fields a message carries (consent/field-allow-list.ts), so messages with and without optional
// fields give distinct lists, and several rules and message types interleave in one chain. The review of
// the first version (8 lists kept, the oldest dropped) measured it slower than before with 9 or more
// lists in turn: every record missed and paid for serialising and freezing a list that was then
// dropped. These tests are the deterministic proxy for that cost.
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetSharedLists, parseAuditRecordText, releasedFieldsText } from '../../src/kernel/audit-record-text.ts';

const base = [
  '/Client/AangevraagdeProducten/AangevraagdProduct/*/BeschikkingIngangsdatum', '/Client/AangevraagdeProducten/AangevraagdProduct/*/Commentaar',
  '/Client/AangevraagdeProducten/AangevraagdProduct/*/Raamcontract', '/Client/Bsn', '/Client/Commentaar', '/Client/Naam/Geslachtsnaam/Voorvoegsel',
  '/Header/Afzender', '/Header/Ontvanger',
];
/** The fields of a message that lacks the optional fields the bits of `m` name (indices 1, 2, 4 and 5 of base). */
const optional = [1, 2, 4, 5];
const listFor = (m: number, tag = ''): string[] => base.filter((_, i) => optional.indexOf(i) < 0 || ((m >> optional.indexOf(i)) & 1) === 0).map((f) => f + tag);

const record = (seq: number, releasedFields: unknown): string =>
  JSON.stringify({ traceId: `t${seq}`, action: 'exchange.submit', outcome: 'allowed', releasedFields, seq, time: '2026-12-05T03:00:00.000Z', prevHash: '0'.repeat(64), hash: 'h' });

const listOf = (text: string): unknown => (parseAuditRecordText(text) as Record<string, unknown>).releasedFields;

describe('a recurring list of released fields is shared by the records that hold it', () => {
  // Each test as a walk of its own: the lists known start empty (verifyAuditChain forgets them too).
  beforeEach(forgetSharedLists);

  it('when 16 distinct lists recur in turn over 320 records, then the records holding the same list share one array', () => {
    const seen = new Map<number, unknown>();
    let unshared = 0;
    for (let seq = 1; seq <= 320; seq++) {
      const list = listOf(record(seq, listFor(seq % 16, '/a')));
      expect(list).toStrictEqual(listFor(seq % 16, '/a'));
      expect(releasedFieldsText(list)).toBe(JSON.stringify(listFor(seq % 16, '/a')));
      const first = seen.get(seq % 16);
      if (first === undefined) seen.set(seq % 16, list);
      else if (first !== list) unshared += 1;
    }
    expect(unshared).toBe(0); // the first version (8 lists, oldest dropped): 304
  });

  it('when more distinct lists come than are kept, then the lists kept stay shared and the others are read as JSON.parse reads them, unshared', () => {
    // 600 distinct lists (more than the 256 kept), each twice in a row.
    let shared = 0;
    let plain = 0;
    for (let n = 0; n < 600; n++) {
      const fields = listFor(n % 16, `/b${n}`);
      const a = listOf(record(2 * n, fields));
      const b = listOf(record(2 * n + 1, fields));
      expect(a).toStrictEqual(fields);
      expect(b).toStrictEqual(fields);
      if (a === b && releasedFieldsText(a) === JSON.stringify(fields)) shared += 1;
      else if (releasedFieldsText(a) === undefined && releasedFieldsText(b) === undefined && !Object.isFrozen(a)) plain += 1;
    }
    expect(shared + plain).toBe(600);
    expect(shared).toBeGreaterThan(0);
    expect(plain).toBeGreaterThan(0);
  });

  it('when a list holds an object with a toString member at either end, then the record is read as JSON.parse reads it, without an error', () => {
    for (const list of [[{ toString: 1 }, '/Client/Bsn'], ['/Client/Bsn', { toString: 'x' }], [{ valueOf: 1, toString: null }]]) {
      const text = record(1, list);
      expect(parseAuditRecordText(text)).toStrictEqual(JSON.parse(text));
      expect(releasedFieldsText(listOf(text))).toBeUndefined();
    }
  });
});

describe('each walk of the chain shares its own lists', () => {
  it('when the lists known are forgotten (a new walk), then a list met since is shared again, and records read before keep their list and its text', () => {
    forgetSharedLists();
    for (let n = 0; n < 300; n++) listOf(record(n, [`/old/${n}`]));
    const late = listFor(3, '/new');
    expect(releasedFieldsText(listOf(record(1, late)))).toBeUndefined(); // the first walk's 256 fill the room
    const before = listOf(record(2, ['/old/0']));
    forgetSharedLists();
    const a = listOf(record(3, late));
    expect(listOf(record(4, late))).toBe(a);
    expect(releasedFieldsText(a)).toBe(JSON.stringify(late));
    expect(releasedFieldsText(before)).toBe(JSON.stringify(['/old/0']));
  });
});
