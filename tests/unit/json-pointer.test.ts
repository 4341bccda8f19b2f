import { describe, expect, it } from 'vitest';
import { escapePointerToken, joinPointer, pointerTokens, unescapePointerToken, valueAtPointer } from '../../src/kernel/json-pointer.ts';

describe('JSON pointers (RFC 6901)', () => {
  it('when a member name holds "~" or "/", then the token escapes them as "~0" and "~1"', () => {
    expect(escapePointerToken('a/b~c')).toBe('a~1b~0c');
    expect(joinPointer('/bericht', 'a/b', '~', 3)).toBe('/bericht/a~1b/~0/3');
  });

  it('when a token is unescaped, then "~01" stands for "~1", not for "/" (RFC 6901 section 4)', () => {
    expect(unescapePointerToken('~01')).toBe('~1');
    expect(unescapePointerToken('a~1b~0c')).toBe('a/b~c');
  });

  it('when a pointer is split, then the whole document has no tokens and each token round-trips', () => {
    expect(pointerTokens('')).toEqual([]);
    expect(pointerTokens('/')).toEqual(['']);
    expect(pointerTokens(joinPointer('', 'x/y', '~1', ''))).toEqual(['x/y', '~1', '']);
  });

  it('when a pointer names a value, then it is found, and a path that does not exist gives undefined', () => {
    const doc = { 'a/b': { list: [{ '~': 7 }] } };
    expect(valueAtPointer(doc, '')).toBe(doc);
    expect(valueAtPointer(doc, '/a~1b/list/0/~0')).toBe(7);
    expect(valueAtPointer(doc, '/a~1b/missing/0')).toBeUndefined();
    expect(valueAtPointer(doc, '/a~1b/list/0/~0/deeper')).toBeUndefined();
  });
});
