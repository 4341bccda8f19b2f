// The gateway's own bounds where the XSDs state none (every string gets a maxLength and every array a
// maxItems), and the lexical forms of the XSD date and time primitives in the JSON form.

/**
 * maxLength for string types whose XSD states none. Each entry is a decision, not a guess; a new
 * unbounded string type makes the generator fail until someone adds a bound here.
 */
export const SANE_MAX_LENGTH: Readonly<Record<string, number>> = {
  // Free text ("Commentaarvelden niet leeg", RS031); the XSD has minLength 1 and a non-blank pattern
  // only. 4000 characters is generous for a comment and bounds the cost of its regex.
  LDT_Commentaar: 4000,
  // Pattern [0-9]{4}: exactly four characters.
  LDT_Gemeente: 4,
  // Three dot-separated integers ("1.0.0"); 32 characters is far more than any real version.
  LDT_Versie: 32,
};

/** maxItems for elements with maxOccurs="unbounded", by element name; DEFAULT_MAX_ITEMS otherwise. */
export const SANE_MAX_ITEMS: Readonly<Record<string, number>> = {
  // A JW323/JW325 covers one provider, one municipality and one month: it can list many clients.
  Client: 10000,
  // Retourcodes per message class: a handful in practice.
  RetourCode: 100,
};
export const DEFAULT_MAX_ITEMS = 1000;

/** Lexical forms of the XSD primitives that are not plain strings in the JSON form. */
export const DATE_SHAPE = '[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])';
export const TIME_SHAPE = '(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?';
export const DATE_MAX_LENGTH = 10;
export const TIME_MAX_LENGTH = 18;
