// Reading an audit record from its stored text (the `record` column: JSON.stringify of the record as
// written) without parsing the same list of released fields again for every record. Most of a submit
// record's text is its `releasedFields` (a rule's JSON pointers: 33 of them, 1.6 KB of a 2.4 KB
// record for the bench's JW315), and the same list, byte for byte, recurs in every record a rule
// version decides alike. So the list's text is checked once (a JSON array of strings that
// JSON.stringify writes back exactly, with no lone surrogate) and its array, frozen, shared by every
// record that holds that text; the rest of the record is parsed with a placeholder in its place. The
// verifier's canonical form (src/audit/audit-hash.ts) then splices the known text back in instead of
// serialising the list again: `releasedFieldsText`.
//
// The answer is JSON.parse(text)'s, deep-equal, for every text; anything the fast way cannot prove
// goes to JSON.parse(text) itself (tests/unit/audit-record-text.test.ts compares both over generated
// and adversarial texts). Why the fast way's answer is JSON.parse's, for text = P + A + S, where A (the
// list's text) starts at the `[` right after the first `"releasedFields":` in the text and the text
// continues after A with `,` or `}`:
//
// 1. The key is a key, and exactly `releasedFields`. A `"` inside a JSON string is always escaped, so
//    the one right after `releasedFields` (preceded by `s`) ends a string, and a string followed by `:`
//    is a key. The `"` before `releasedFields` is not preceded by a backslash (checked), so it is a
//    delimiter too; were it a closing one, the letters after it would stand outside a string, which
//    no JSON text allows (then both parses below fail and the slow way answers). So it opens the key,
//    whose text holds no escape: the key is `releasedFields`.
// 2. A is that key's value, whole. At A's `[` a value starts (after a key's `:`). A is a complete JSON
//    array on its own (checked: JSON.parse(A), ending in `]`), and a parser reads the same characters
//    from there, so the value ends exactly at A's end.
// 3. So JSON.parse(P + '0' + S) and JSON.parse(text) read the same prefix in the same state, then one
//    complete value each (the `0` cannot run on into S: S starts with `,` or `}`), then the same
//    suffix from the same state: one succeeds exactly when the other does, and their trees differ
//    only in that value.
// 4. That value is the record's own `releasedFields`, not a nested object's nor a member a later
//    duplicate key overrides: the parsed rest holds no object but itself (every member a string, a
//    number or an array of strings: checked), and JSON.stringify of it gives the rest's text back
//    exactly (checked), which it cannot when the text names a key twice (the tree would have fewer
//    members than the text) or writes anything otherwise than JSON.stringify does.
// Then putting A's parsed array in the placeholder's place gives JSON.parse(text)'s tree, members in
// the same order.

/** Each known list's array (frozen: records share it) and the text it was read from. */
const knownText = new WeakMap<readonly string[], string>();

/** Lists seen lately, the newest first; few, since a text is compared with each in turn. */
const recent: { readonly text: string; readonly fields: readonly string[] }[] = [];
const maxRecent = 8;
/** How many `]` a list's end is looked for at (a `],` inside one of its strings moves it on). */
const maxEndTries = 4;

const marker = '"releasedFields":[';
const backslash = 0x5c;
const comma = 0x2c;
const closeBrace = 0x7d;

/**
 * The JSON text the array was read from, when it is a list of released fields read by
 * parseAuditRecordText: exactly what JSON.stringify and RFC 8785 write for it. Undefined otherwise.
 */
export function releasedFieldsText(value: unknown): string | undefined {
  return Array.isArray(value) ? knownText.get(value) : undefined;
}

/** The array A is, when A is a JSON array of strings written as JSON.stringify writes it, without a lone surrogate. */
function listOf(text: string): readonly string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  for (let i = 0; i < parsed.length; i++) if (typeof parsed[i] !== 'string') return undefined;
  // JSON.stringify escapes a lone surrogate as \udxxx (and the library refuses one): such a list, or
  // one merely holding the letters `\ud`, is left to the slow way.
  if (text.includes('\\ud') || JSON.stringify(parsed) !== text) return undefined;
  const fields = Object.freeze(parsed as string[]);
  knownText.set(fields, text);
  return fields;
}

/** The known list whose text starts at `at` (a `[`), checking and remembering a new one. */
function listAt(text: string, at: number): readonly string[] | undefined {
  for (let k = 0; k < recent.length; k++) {
    const entry = recent[k] as (typeof recent)[number];
    if (text.startsWith(entry.text, at)) return entry.fields;
  }
  let from = at;
  for (let tries = 0; tries < maxEndTries; tries++) {
    const end = text.indexOf(']', from);
    if (end < 0) return undefined;
    from = end + 1;
    const next = text.charCodeAt(end + 1);
    if (next !== comma && next !== closeBrace) continue;
    const fields = listOf(text.slice(at, end + 1));
    if (fields === undefined) continue;
    recent.unshift({ text: text.slice(at, end + 1), fields });
    if (recent.length > maxRecent) recent.pop();
    return fields;
  }
  return undefined;
}

/** Whether the parsed rest is an object with no object inside it: strings, numbers and arrays of strings only. */
function isFlat(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (typeof member === 'string' || typeof member === 'number') continue;
    if (!Array.isArray(member)) return false;
    for (let i = 0; i < member.length; i++) if (typeof member[i] !== 'string') return false;
  }
  return true;
}

/** JSON.parse(text), with the list of released fields shared between records (see the header). */
export function parseAuditRecordText(text: string): unknown {
  const i = text.indexOf(marker);
  if (i > 0 && text.charCodeAt(i - 1) !== backslash) {
    const at = i + marker.length - 1;
    const fields = listAt(text, at);
    if (fields !== undefined) {
      const end = at + (knownText.get(fields) as string).length;
      const after = text.charCodeAt(end);
      if (after === comma || after === closeBrace) {
        const rest = `${text.slice(0, at)}0${text.slice(end)}`;
        let parsed: unknown;
        try {
          parsed = JSON.parse(rest);
        } catch {
          parsed = undefined; // the text fails to parse too: JSON.parse(text) below says how
        }
        if (isFlat(parsed) && parsed.releasedFields === 0 && JSON.stringify(parsed) === rest) {
          parsed.releasedFields = fields;
          return parsed;
        }
      }
    }
  }
  return JSON.parse(text);
}
