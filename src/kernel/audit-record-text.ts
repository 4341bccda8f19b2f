// Reading an audit record from its stored text (the `record` column) for the chain's walk, so that the
// verifier does not serialise the same list of released fields again for every record. Most of a
// submit record's text is its `releasedFields` (a rule's JSON pointers: 33 of them, 1.6 KB of a 2.4 KB
// record for the bench's JW315), and the same list recurs in every record a rule version decides
// alike. The record is parsed by JSON.parse, as before; its list, when it holds the same strings as a
// list seen lately, is replaced by that list's shared, frozen array, whose JSON text was written once
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

/** Lists seen lately, the newest first; few, since a record's list is compared with each in turn. */
const recent: (readonly string[])[] = [];
const maxRecent = 8;

/**
 * The JSON text of a list of released fields parseAuditRecordText shared: exactly what JSON.stringify
 * and RFC 8785 write for it (an array of strings, none with a lone surrogate). Undefined otherwise.
 */
export function releasedFieldsText(value: unknown): string | undefined {
  return Array.isArray(value) ? knownText.get(value) : undefined;
}

/** Whether two lists hold the same strings in the same order. */
function sameStrings(known: readonly string[], list: readonly unknown[]): boolean {
  if (known.length !== list.length) return false;
  for (let i = 0; i < list.length; i++) if (known[i] !== list[i]) return false;
  return true;
}

/** The shared list with the same strings as `list`, remembering a new one; undefined when it is not a list of strings without a lone surrogate. */
function knownList(list: readonly unknown[]): readonly string[] | undefined {
  for (let k = 0; k < recent.length; k++) {
    const known = recent[k] as readonly string[];
    if (sameStrings(known, list)) return known;
  }
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return undefined;
  const text = JSON.stringify(list);
  // JSON.stringify escapes a lone surrogate as \udxxx (the library refuses one): such a list, or one
  // merely holding the letters `\ud`, is not shared, and its record hashes the way it did before.
  if (text.includes('\\ud')) return undefined;
  const known = Object.freeze(list.slice() as string[]);
  knownText.set(known, text);
  recent.unshift(known);
  if (recent.length > maxRecent) recent.pop();
  return known;
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
      const known = knownList(list);
      if (known !== undefined) fields.releasedFields = known;
    }
  }
  return record;
}
