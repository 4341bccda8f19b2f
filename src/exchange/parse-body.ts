// Step 2, parse: the raw body becomes a plain value, with the costs bounded before anything else
// looks at it (conventions 8): a depth limit, no `__proto__`/`constructor` keys that could poison a
// later merge, and no characters that XML 1.0 cannot carry (C0 controls other than tab, newline and
// carriage return, lone surrogates, U+FFFE/U+FFFF): a message that passes here can be delivered as iJw
// XML too, instead of being accepted and then dead-lettered.
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { joinPointer } from '../kernel/json-pointer.ts';
import { decodeUtf8Strict } from '../kernel/utf8.ts';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const notXmlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * V8's JSON.parse messages quote the text around the error, which may hold a BSN: answer with the
 * position only (line and column), never with the engine's message.
 */
function jsonErrorDetail(text: string, cause: unknown): string {
  const message = (cause as Error).message;
  const position = /position (\d+)/.exec(message)?.[1];
  if (text.trim() === '') return 'the body is empty';
  if (/end of JSON input/.test(message)) return 'the body is not valid JSON: it ends too early';
  if (position === undefined) return 'the body is not valid JSON: an unexpected character';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `the body is not valid JSON: unexpected character at line ${line}, column ${column}`;
}

/**
 * A body that is not well-formed UTF-8 is refused, pointing at the first bad byte: decoding it with
 * replacement characters would change the message the sender sent (RFC 8259: JSON between systems
 * is UTF-8).
 */
export function invalidUtf8(offset: number, code: 'invalid-json' | 'invalid-input'): GatewayError {
  return new GatewayError(code, {
    detail: `the body is not valid UTF-8: the byte at offset ${offset} (counted from 0) starts no well-formed UTF-8 sequence`,
    errors: [{ pointer: '', detail: `not valid UTF-8 at byte offset ${offset}`, rule: 'utf-8' }],
    extensions: { byteOffset: offset },
  });
}

/** The body as text: strict UTF-8, a byte order mark dropped. */
export function bodyText(body: Buffer | string, code: 'invalid-json' | 'invalid-input'): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  const decoded = decodeUtf8Strict(body);
  if ('invalidAt' in decoded) throw invalidUtf8(decoded.invalidAt, code);
  return decoded.text;
}

/** A node of the walk below: its pointer is its parent's plus its key (the root has neither). */
interface Frame {
  readonly value: unknown;
  readonly key: string;
  readonly parent: Frame | undefined;
  readonly depth: number;
}

function pointerOf(frame: Frame): string {
  const keys: string[] = [];
  for (let f = frame; f.parent !== undefined; f = f.parent) keys.push(f.key);
  return joinPointer('', ...keys.reverse());
}

export function parseJsonBody(body: Buffer | string, maxDepth: number): unknown {
  let value: unknown;
  // A UTF-8 byte order mark is allowed (RFC 8259 lets parsers ignore it); JSON.parse does not skip it.
  const text = bodyText(body, 'invalid-json');
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new GatewayError('invalid-json', { detail: jsonErrorDetail(text, cause), cause });
  }
  const errors: FieldError[] = [];
  // Iterative walk: a hostile document must not be able to blow the stack here either. A node's
  // pointer is built only when an error names it (every key of every message passes here).
  const stack: Frame[] = [{ value, key: '', parent: undefined, depth: 0 }];
  while (stack.length > 0 && errors.length < 50) {
    const frame = stack.pop() as Frame;
    const node = frame.value;
    if (typeof node === 'string') {
      if (notXmlCharacter.test(node)) errors.push({ pointer: pointerOf(frame), detail: 'contains a control character or an unpaired surrogate', rule: 'character' });
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (frame.depth >= maxDepth) {
      errors.push({ pointer: pointerOf(frame), detail: `nested deeper than ${maxDepth} levels`, rule: 'maxDepth' });
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      if (forbiddenKeys.has(key)) errors.push({ pointer: joinPointer(pointerOf(frame), key), detail: `the key "${key}" is not allowed`, rule: 'forbiddenKey' });
      else if (notXmlCharacter.test(key)) errors.push({ pointer: joinPointer(pointerOf(frame), key), detail: 'the key contains a control character or an unpaired surrogate', rule: 'character' });
      else if (child !== null && (typeof child === 'object' || typeof child === 'string')) stack.push({ value: child, key, parent: frame, depth: frame.depth + 1 });
    }
  }
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  return value;
}
