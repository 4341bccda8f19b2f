// The burgerservicenummer's shape and 11-test, in the kernel so that every layer can recognise one:
// validation checks message fields with it (src/validation/identifiers.ts), and the edge and the logs
// mask BSNs with it before anything leaves the process (problem details, log lines).

/**
 * Burgerservicenummer: exactly nine ASCII digits (leading zeros kept; iJw RS037 requires nine) that
 * pass the 11-test with weights 9, 8, 7, 6, 5, 4, 3, 2, -1:
 * (9·d1 + 8·d2 + … + 2·d8 − d9) mod 11 = 0.
 * Sources: iJw CS002 ("De waarde moet voldoen aan de 11-proef") and the iJw 3.2 validation XSLT
 * template check11proef; the same algorithm as stdnum's nl/bsn. 000000000 passes the arithmetic but
 * is no BSN, so it is refused (a recommendation in domain.md §6, stricter than the XSLT).
 */
export function isBsn(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value) || value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (i < 8 ? 9 - i : -1);
  return sum % 11 === 0;
}

/** What a masked BSN reads as. */
export const maskedBsn = '[bsn]';

// A nine-digit token: no ASCII letter or digit on either side. A run of nine digits inside a longer
// letter/digit run (a trace id, a span id, a hash in hex, a group of a UUID, a longer number) is part
// of that token and no BSN; punctuation, spaces, `/`, `-`, `_`, `.` and the ends of the text separate.
const nineDigitToken = /(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])/g;

/** The text with every BSN in it (a nine-digit token that passes the 11-test) replaced by `[bsn]`. */
export function maskBsns(text: string): string {
  return text.replace(nineDigitToken, (token) => (isBsn(token) ? maskedBsn : token));
}

/** True when the text holds a BSN (as maskBsns sees one). */
export function containsBsn(text: string): boolean {
  return maskBsns(text) !== text;
}

/** A JSON-like value with every string in it (keys too) masked; other values as they are. */
export function maskBsnsIn<T>(value: T): T {
  return maskValue(value, 0) as T;
}

function maskValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskBsns(value);
  if (value === null || typeof value !== 'object' || depth > 16) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => maskValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [maskBsns(key), maskValue(item, depth + 1)]));
}
