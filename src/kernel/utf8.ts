// Strict UTF-8 (RFC 3629): bodies are decoded with nothing replaced. A decoder that swaps a broken
// sequence for U+FFFD would let a message through that is not the one the sender signed off on; the
// gateway refuses it instead and says at which byte the broken sequence starts.
import { isUtf8 } from 'node:buffer';

/**
 * The offset (0-based) of the first byte that does not start or continue a well-formed UTF-8
 * sequence (overlong forms, surrogates and code points above U+10FFFF are not well-formed), or
 * undefined when all of it is well-formed. A sequence cut off by the end reports where it starts.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) { i += 1; continue; }
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) { length = 3; if (b === 0xe0) min = 0xa0; if (b === 0xed) max = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { length = 4; if (b === 0xf0) min = 0x90; if (b === 0xf4) max = 0x8f; }
    else return i;
    if (i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k] as number;
      // Only the second byte has the narrowed range (overlongs, surrogates, above U+10FFFF).
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c < lo || c > hi) return i;
    }
    i += length;
  }
  // isUtf8 said no, yet every sequence read well: cannot happen; report the start, never accept.
  return 0;
}

/** The bytes as text when they are well-formed UTF-8 (a leading byte order mark dropped); else the offset of the first bad byte. */
export function decodeUtf8Strict(bytes: Uint8Array): { readonly text: string } | { readonly invalidAt: number } {
  const invalidAt = firstInvalidUtf8Offset(bytes);
  if (invalidAt !== undefined) return { invalidAt };
  return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
}
