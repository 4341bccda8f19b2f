// Step 2, parse: the raw body becomes a plain value, with the costs bounded before anything else
// looks at it (conventions 8): a depth limit, and no `__proto__`/`constructor` keys that could
// poison a later merge.
import { GatewayError, type FieldError } from '../errors/gateway-error.ts';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

export function parseJsonBody(body: Buffer | string, maxDepth: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (cause) {
    throw new GatewayError('invalid-json', { detail: (cause as Error).message, cause });
  }
  const errors: FieldError[] = [];
  // Iterative walk: a hostile document must not be able to blow the stack here either.
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value, pointer: '', depth: 0 }];
  while (stack.length > 0 && errors.length < 50) {
    const { value: node, pointer, depth } = stack.pop() as { value: unknown; pointer: string; depth: number };
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) {
      errors.push({ pointer, detail: `nested deeper than ${maxDepth} levels`, rule: 'maxDepth' });
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      const childPointer = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (forbiddenKeys.has(key)) errors.push({ pointer: childPointer, detail: `the key "${key}" is not allowed`, rule: 'forbiddenKey' });
      else stack.push({ value: child, pointer: childPointer, depth: depth + 1 });
    }
  }
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  return value;
}
