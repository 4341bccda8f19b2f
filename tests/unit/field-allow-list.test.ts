// The allow-list walk over a trie of its patterns (consent/field-allow-list.ts) must release exactly
// what the walk it replaced released: the reference below is that walk, kept as it was (every
// pattern tested at every node of the message). Compared over generated messages and patterns, and
// over the demo JW315 under each rule of the default policy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyAllowList, compileAllowList, type Minimised } from '../../consent/field-allow-list.ts';
import { escapePointerToken, pointerTokens } from '../../src/kernel/json-pointer.ts';
import { random } from '../support/seeded-random.ts';

type Pattern = readonly string[];

/** The walk before the trie (2026-12-05, main at ccc7822), unchanged. */
function referenceCoverage(path: readonly string[], patterns: readonly Pattern[]): 'all' | 'some' | 'none' {
  let result: 'some' | 'none' = 'none';
  for (const pattern of patterns) {
    let i = 0;
    for (; i < path.length && i < pattern.length; i++) {
      const p = pattern[i];
      if (p === '**') return 'all';
      if (p !== '*' && p !== path[i]) break;
    }
    if (i === path.length) {
      if (pattern.length === path.length || pattern[i] === '**') return 'all';
      result = 'some';
    } else if (i === pattern.length && pattern.length > 0) {
      return 'all';
    }
  }
  return result;
}

function referenceApply(message: Readonly<Record<string, unknown>>, patterns: readonly Pattern[]): Minimised {
  const released = new Set<string>();
  const path: string[] = [];
  const shape: string[] = [];
  const walk = (value: unknown, whole: boolean): unknown => {
    const cover = whole ? 'all' : referenceCoverage(path, patterns);
    if (cover === 'none') return undefined;
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      shape.push('*');
      value.forEach((item, index) => {
        path.push(String(index));
        const kept = walk(item, cover === 'all');
        path.pop();
        if (kept !== undefined) items.push(kept);
      });
      shape.pop();
      return items.length > 0 ? items : undefined;
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      let any = false;
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        path.push(key);
        shape.push(escapePointerToken(key));
        const kept = walk(child, cover === 'all');
        path.pop();
        shape.pop();
        if (kept !== undefined) {
          out[key] = kept;
          any = true;
        }
      }
      return any ? out : undefined;
    }
    if (cover !== 'all') return undefined;
    released.add('/' + shape.join('/'));
    return value;
  };
  const payload = (walk(message, false) ?? {}) as Record<string, unknown>;
  return { payload, releasedFields: [...released].sort() };
}


// Few names, so patterns and messages meet often; '~' and '/' to exercise escaping; '0'/'1' as keys
// that look like array indices.
const names = ['a', 'b', 'c', 'Client', '0', '1', 'x~y', 'p/q', ''];

function message(next: () => number, depth: number): unknown {
  const r = next();
  if (depth >= 4 || r < 0.3) return [null, 'v', 7, true, {}, []][Math.floor(next() * 6)];
  if (r < 0.5) return Array.from({ length: Math.floor(next() * 4) }, () => message(next, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 5); i > 0; i--) out[names[Math.floor(next() * names.length)] ?? 'a'] = message(next, depth + 1);
  return out;
}

function pattern(next: () => number): string {
  const tokens: string[] = [];
  for (let i = Math.floor(next() * 5); i > 0; i--) {
    const r = next();
    tokens.push(r < 0.2 ? '*' : r < 0.3 ? '**' : escapePointerToken(names[Math.floor(next() * names.length)] ?? 'a'));
  }
  return tokens.map((t) => '/' + t).join('');
}

describe('the field allow-list over a trie', () => {
  it('when 20,000 generated messages are minimised by generated pattern lists, then payload (key order included) and released fields are the reference walk\'s', () => {
    const next = random(20261205);
    for (let run = 0; run < 20_000; run++) {
      const root = message(next, 0);
      const msg = (root !== null && typeof root === 'object' && !Array.isArray(root) ? root : { a: root }) as Record<string, unknown>;
      const pointers = Array.from({ length: Math.floor(next() * 6) }, () => pattern(next));
      const compiled = compileAllowList(pointers);
      const got = applyAllowList(msg, compiled);
      const want = referenceApply(msg, pointers.map(pointerTokens));
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ run, msg, pointers, got }).toEqual({ run, msg, pointers, got: want });
    }
  });

  it('when the bench\'s JW315 is minimised by each rule of the demo policy, then the answer is the reference walk\'s', () => {
    const msg = JSON.parse(readFileSync(new URL('../../config/demo-messages/jw315.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const policy = JSON.parse(readFileSync(new URL('../../consent/policy.default.json', import.meta.url), 'utf8')) as { rules: { fields: string[] }[] };
    let released = 0;
    for (const rule of policy.rules) {
      const got = applyAllowList(msg, compileAllowList(rule.fields));
      expect(JSON.stringify(got)).toBe(JSON.stringify(referenceApply(msg, rule.fields.map(pointerTokens))));
      released += got.releasedFields.length;
    }
    expect(released).toBeGreaterThan(0);
  });

  it('when an array has a hole or a member is undefined (not from JSON, but from code), then both are treated as the reference treats them', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    const msg = { a: [1, , 3], e: [, ,], b: { c: undefined, d: 1 } } as Record<string, unknown>;
    for (const pointers of [['/a/**'], ['/a/*'], ['/e/**'], ['/e/*'], ['/b'], ['/b/c'], ['']]) {
      expect(applyAllowList(msg, compileAllowList(pointers))).toEqual(referenceApply(msg, pointers.map(pointerTokens)));
    }
  });
});
