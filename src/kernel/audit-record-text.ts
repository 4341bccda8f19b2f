// Reading an audit record from its stored text (the `record` column) for the chain's walk, so that the
// verifier does not serialise the same list of released fields again for every record. Most of a
// submit record's text is its `releasedFields` (a rule's JSON pointers: 33 of them, 1.6 KB of a 2.4 KB
// record for the bench's JW315), and the same list recurs in every record a rule version decides
// alike. The record is parsed by JSON.parse, as before; its list, when it holds the same strings as a
// list seen before, is replaced by that list's shared, frozen array, whose JSON text was written once
// (JSON.stringify of those strings). The canonical form (src/audit/audit-hash.ts) then splices that text
// in instead of serialising the list: `releasedFieldsText`.
//
// Why nothing changes: the tree is JSON.parse's, one array swapped for another with the same strings
// in the same order (deep-equal). How JSON.stringify and RFC 8785 write an array of strings depends only
// on those strings: `[`, each string as JSON.stringify writes it, `,` between, `]` (RFC 8785 writes
// strings as ECMAScript's JSON.stringify does); a string with a lone surrogate is the one difference
// (JSON.stringify escapes it as \udxxx, the library refuses it), so a list whose text holds `\ud` is not
// shared and its record goes the way it went before. The shared array is frozen, so its text stays
// its own. tests/unit/audit-record-text.test.ts holds readings and hashes against JSON.parse and the
// library over generated, adversarial and mutated texts.

/** Each known list's array (frozen: records share it) and its JSON text. */
const knownText = new WeakMap<readonly string[], string>();

/**
 * The JSON text of a list of released fields parseAuditRecordText shared: exactly what JSON.stringify
 * and RFC 8785 write for it (an array of strings, none with a lone surrogate). Undefined otherwise.
 */
export function releasedFieldsText(value: unknown): string | undefined {
  return Array.isArray(value) ? knownText.get(value) : undefined;
}

/**
 * Lists known, by a key that is cheap to make (their length and first and last strings): a record's list
 * is compared only with the few known lists of its key. At most `maxKnown` lists are kept, and none is
 * dropped during a walk: a chain with more distinct lists than that (many rules, message types,
 * optional fields) shares the first `maxKnown` it meets, and every other list costs one look-up in this
 * map on top of what it cost before (no serialising, copying or freezing of a list that will not be
 * kept). Each walk starts afresh (forgetSharedLists), so a long-running gateway shares the lists of
 * the chain it walks now, not those of its first walk.
 */
const known = new Map<string, (readonly string[])[]>();
let knownCount = 0;
const maxKnown = 256;

/**
 * Forgets the lists known (called at the start of a chain's walk). Records already read keep their
 * shared list and its text: only which lists later records share changes, never what they read as.
 */
export function forgetSharedLists(): void {
  known.clear();
  knownCount = 0;
}

/**
 * The look-up key of a list: its length and its first and last strings; undefined when either is not a
 * string (then it is not a list of strings, and nothing is shared). Strings only: String() of a parsed
 * object would call a `toString` member the stored text may have given it.
 */
function keyOf(list: readonly unknown[]): string | undefined {
  const first = list[0];
  const last = list[list.length - 1];
  return typeof first === 'string' && typeof last === 'string' ? `${list.length}\u0000${first}\u0000${last}` : undefined;
}

/** Whether two lists hold the same strings in the same order. */
function sameStrings(known: readonly string[], list: readonly unknown[]): boolean {
  if (known.length !== list.length) return false;
  for (let i = 0; i < list.length; i++) if (known[i] !== list[i]) return false;
  return true;
}

/** The shared list with the same strings as `list`, remembering a new one while there is room; undefined when there is none. */
function knownList(list: readonly unknown[]): readonly string[] | undefined {
  const key = keyOf(list);
  if (key === undefined) return undefined;
  const bucket = known.get(key);
  if (bucket !== undefined) for (const k of bucket) if (sameStrings(k, list)) return k;
  if (knownCount >= maxKnown) return undefined;
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return undefined;
  const text = JSON.stringify(list);
  // JSON.stringify escapes a lone surrogate as \udxxx (the library refuses one): such a list, or one
  // merely holding the letters `\ud`, is not shared, and its record hashes the way it did before.
  if (text.includes('\\ud')) return undefined;
  const shared = Object.freeze(list.slice() as string[]);
  knownText.set(shared, text);
  if (bucket === undefined) known.set(key, [shared]);
  else bucket.push(shared);
  knownCount += 1;
  return shared;
}

/**
 * JSON.parse(text), its `releasedFields` (when a list of strings) replaced by the shared frozen list
 * with the same strings: the same tree, deep-equal, members in the same order.
 */
export function parseAuditRecordText(text: string): unknown {
  const record: unknown = JSON.parse(text);
  if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
    const fields = record as { releasedFields?: unknown };
    const list = fields.releasedFields;
    if (Array.isArray(list) && list.length > 0) {
      const shared = knownList(list);
      if (shared !== undefined) fields.releasedFields = shared;
    }
  }
  return record;
}
