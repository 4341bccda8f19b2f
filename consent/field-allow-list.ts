// Data minimisation (AVG art. 5(1)(c)): only the fields a rule allows leave the gateway. Patterns are
// JSON pointers where '*' matches one segment (a key or an array index) and a final '**' matches the
// whole subtree. Everything else is stripped before the message is stored in the outbox.

import { escapePointerToken, pointerTokens } from '../src/kernel/json-pointer.ts';

export interface Minimised {
  readonly payload: Record<string, unknown>;
  /** Released leaf fields as JSON pointers, array indices written as '*', sorted and deduplicated. */
  readonly releasedFields: string[];
}

type Pattern = readonly string[];

export function compileAllowList(pointers: readonly string[]): Pattern[] {
  return pointers.map(pointerTokens);
}

/** Whether a path (prefix) is covered entirely (`all`) or may have allowed descendants (`some`). */
function coverage(path: readonly string[], patterns: readonly Pattern[]): 'all' | 'some' | 'none' {
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
      // the pattern ended before the path: everything below an allowed leaf is allowed
      return 'all';
    }
  }
  return result;
}

export function applyAllowList(message: Readonly<Record<string, unknown>>, patterns: readonly Pattern[]): Minimised {
  const released = new Set<string>();
  // One path and one shape, pushed and popped as the walk goes down and up (every key of every
  // allowed message passes here: no arrays copied per node).
  const path: string[] = [];
  const shape: string[] = [];
  const walk = (value: unknown, whole: boolean): unknown => {
    const cover = whole ? 'all' : coverage(path, patterns);
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

/** Every leaf field of a message, as released-field pointers (array indices as '*'), sorted. */
export function leafFields(message: Readonly<Record<string, unknown>>): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, shape: string[]): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, [...shape, '*']);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, [...shape, escapePointerToken(key)]);
    } else if (shape.length > 0) {
      found.add('/' + shape.join('/'));
    }
  };
  walk(message, []);
  return [...found].sort();
}
