// Generated audit records for the canonical-form tests (audit-canonical.test.ts, audit-record-text.test.ts):
// records of the audit record's own shape (members in any order, any of them left out, strings from the
// whole of UTF-16, numbers at the edges) and records of other shapes, from a seeded generator.
import { createHash } from 'node:crypto';
import { random } from './seeded-random.ts';
import { awkwardStrings } from './varied-audit-chain.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export { random } from './seeded-random.ts';

const stringMembers = [
  'traceId', 'spanId', 'action', 'outcome', 'reason', 'exchangeId', 'actor', 'counterparty', 'messageType', 'purpose',
  'processingActivityId', 'legalBasis', 'rule', 'policyVersion', 'catalogueVersion', 'dataSubjectId', 'dataSubjectIdType', 'detail',
  'time', 'prevHash',
] as const;
const listMembers = ['consentIds', 'releasedFields'] as const;

const edgeNumbers = [0, -0, 1, -1, 1.5, 0.1 + 0.2, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, Number.MAX_VALUE, -273.15, 1 / 3];

export function generator(seed: number) {
  const rnd = random(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  /** A string from the whole of UTF-16: ASCII, controls, Latin, BMP, surrogate pairs; lone surrogates only when asked. */
  const text = (lone = false): string => {
    if (rnd() < 0.25) return pick(awkwardStrings);
    let s = '';
    for (let n = int(24); n > 0; n--) {
      const kind = int(lone ? 7 : 6);
      if (kind === 0) s += String.fromCharCode(int(0x20)); // controls
      else if (kind === 1) s += pick(['"', '\\', '/', '\u007f', '\u2028', '\u2029', '\ufeff', '\uffff']);
      else if (kind === 2) s += String.fromCharCode(0x20 + int(0x60)); // ASCII
      else if (kind === 3) s += String.fromCharCode(0xa0 + int(0xd800 - 0xa0)); // BMP below the surrogates
      else if (kind === 4) s += String.fromCodePoint(0x10000 + int(0x100000)); // a surrogate pair
      else if (kind === 5) s += String.fromCharCode(0xe000 + int(0x2000));
      else s += String.fromCharCode(0xd800 + int(0x800)); // a lone surrogate (or, by chance, half of a pair)
    }
    return s;
  };
  const shuffled = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  };
  /** A record of the audit record's own shape: members in a random order, each present or not. */
  const record = (withHash: boolean): Record<string, unknown> => {
    const entries: [string, unknown][] = [];
    for (const member of stringMembers) if (rnd() < 0.7) entries.push([member, text()]);
    for (const member of listMembers) if (rnd() < 0.5) entries.push([member, Array.from({ length: int(4) }, () => text())]);
    if (rnd() < 0.9) entries.push(['seq', rnd() < 0.8 ? 1 + int(1e9) : pick(edgeNumbers)]);
    if (withHash) entries.push(['hash', sha256(text())]);
    if (rnd() < 0.2) entries.push(['detail', undefined]); // an undefined member, as a writer may leave one
    return Object.fromEntries(shuffled(entries));
  };
  /** A record of another shape: one change that the short way must hand to the library. */
  const odd = (): Record<string, unknown> => {
    const r = record(false);
    const change = int(9);
    // An own member of any name, `__proto__` too (as JSON.parse makes it).
    if (change === 0) Object.defineProperty(r, pick(['extra', 'Detail', '__proto__', '', '0', 'hash2', 'toJSON']), { value: text(), enumerable: true, writable: true, configurable: true });
    else if (change === 1) r.detail = { nested: { z: text(), a: [1, { y: text(), b: null }] }, at: pick(edgeNumbers) };
    else if (change === 2) r[pick(stringMembers)] = pick([true, false, null, 42, -0, 1e21]);
    else if (change === 3) r.consentIds = [text(), pick([1, null, true, { b: 1, a: 2 }, [text()]])];
    else if (change === 4) r[pick(stringMembers)] = text(true);
    else if (change === 5) r.releasedFields = [text(true)];
    else if (change === 6) r.seq = pick([Number.NaN, Number.POSITIVE_INFINITY, '7', null]);
    else if (change === 7) r.extra = undefined;
    else r.consentIds = { 1: text(), 0: text() };
    return r;
  };
  return { record, odd };
}
