import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../src/exchange/parse-body.ts';
import { GatewayError } from '../../src/kernel/gateway-error.ts';

function errorsOf(text: string, maxDepth = 8): unknown {
  try {
    parseJsonBody(text, maxDepth);
  } catch (error) {
    if (error instanceof GatewayError) return error.errors.map(({ pointer, rule }) => ({ pointer, rule }));
    throw error;
  }
  return [];
}

describe('parseJsonBody', () => {
  it('when a well-formed body is parsed, then its value comes back unchanged', () => {
    const value = { a: [1, 'twee', { 'c/d': null, e: true }], f: { g: 'h' } };
    expect(parseJsonBody(JSON.stringify(value), 8)).toStrictEqual(value);
  });

  it('when bad strings, keys and depths sit deep in a body, then every error names its exact pointer, escaped as RFC 6901 asks', () => {
    const text = JSON.stringify({
      message: { 'a/b': [{ ok: 'fine' }, { 'x~y': 'bell\u0007' }], lijst: ['ok', '\uFFFE'] },
      deep: { l1: { l2: { l3: { l4: 'too deep' } } } },
    }).replace('"lijst"', '"__proto__":1,"lijst"');
    expect(errorsOf(text, 4)).toStrictEqual(
      expect.arrayContaining([
        { pointer: '/message/a~1b/1/x~0y', rule: 'character' },
        { pointer: '/message/__proto__', rule: 'forbiddenKey' },
        { pointer: '/message/lijst/1', rule: 'character' },
        { pointer: '/deep/l1/l2/l3', rule: 'maxDepth' },
      ]),
    );
    expect(errorsOf(text, 4)).toHaveLength(4);
  });

  it('when a key holds a control character, then the error points at that key under its parent', () => {
    expect(errorsOf('{"a":{"b\\u0001":1}}')).toStrictEqual([{ pointer: '/a/b\u0001', rule: 'character' }]);
  });
});
