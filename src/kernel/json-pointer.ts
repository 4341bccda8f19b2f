// JSON pointers (RFC 6901), written once: every error the gateway answers names its field by a
// pointer, the policy's allow-lists are pointers, and the iJw codec maps XML elements to pointers.
// A reference token escapes "~" as "~0" and "/" as "~1"; unescaping replaces "~1" before "~0", so that
// "~01" becomes "~1" and not "/" (RFC 6901 section 4).

/** One reference token as it is written in a pointer. */
export function escapePointerToken(token: string): string {
  // Most member names need no escaping: checked first, without building new strings (a hot path:
  // every key of every message is walked).
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** One reference token as written in a pointer, back to the member name it stands for. */
export function unescapePointerToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `base` extended by the given member names or array indices, each escaped. */
export function joinPointer(base: string, ...tokens: readonly (string | number)[]): string {
  let pointer = base;
  for (const token of tokens) pointer += `/${escapePointerToken(String(token))}`;
  return pointer;
}

/** The member names a pointer passes through, unescaped; the whole document ('') has none. */
export function pointerTokens(pointer: string): string[] {
  return pointer.split('/').slice(1).map(unescapePointerToken);
}

/** The value a pointer names inside `root`, or undefined when the path does not exist. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointerTokens(pointer)) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[token] : undefined;
  }
  return node;
}
