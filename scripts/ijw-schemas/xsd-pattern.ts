// XSD regular expressions -> ECMAScript (unicode mode, as ajv compiles them).

/**
 * Translates one XSD pattern (XML Schema Part 2, appendix F) into an ECMAScript source without
 * anchors. XSD patterns are implicitly anchored, `^` and `$` are ordinary characters, `.` excludes
 * only \n and \r, and \s is exactly [ \t\n\r]. Unsupported constructs (multi-character escapes \i \c,
 * block escapes, character class subtraction) make the generator fail instead of guessing.
 */
export function translateXsdPattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      i++;
      if (next === undefined) throw new Error(`dangling backslash in XSD pattern ${pattern}`);
      switch (next) {
        case 's':
          out += inClass ? ' \\t\\n\\r' : '[ \\t\\n\\r]';
          break;
        case 'S':
          if (inClass) throw new Error(`unsupported \\S inside a character class: ${pattern}`);
          out += '[^ \\t\\n\\r]';
          break;
        case 'd': // XSD \d is any Unicode decimal digit
          out += '\\p{Nd}';
          break;
        case 'n':
        case 'r':
        case 't':
        case '\\':
        case '|':
        case '.':
        case '?':
        case '*':
        case '+':
        case '(':
        case ')':
        case '{':
        case '}':
        case '[':
        case ']':
        case '^':
          out += `\\${next}`;
          break;
        case '-':
          out += inClass ? '\\-' : '-';
          break;
        default:
          throw new Error(`unsupported escape \\${next} in XSD pattern ${pattern}`);
      }
      continue;
    }
    if (inClass) {
      if (c === '[') throw new Error(`character class subtraction is not supported: ${pattern}`);
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    switch (c) {
      case '[':
        inClass = true;
        out += c;
        if (pattern[i + 1] === '^') {
          out += '^';
          i++;
        }
        break;
      case '.':
        out += '[^\\n\\r]';
        break;
      case '^':
      case '$':
        out += `\\${c}`;
        break;
      default:
        out += c;
    }
  }
  if (inClass) throw new Error(`unterminated character class in ${pattern}`);
  new RegExp(out, 'u'); // throws on anything ECMAScript rejects
  return out;
}

/**
 * XSD semantics: patterns in one restriction step are alternatives; all steps must hold. `shape` is
 * the lexical form of a date or time primitive, which must hold as well.
 */
export function anchoredPattern(steps: readonly (readonly string[])[], shape?: string): string | undefined {
  const groups = steps.filter((s) => s.length > 0).map((alternatives) => alternatives.map(translateXsdPattern).join('|'));
  if (shape !== undefined) groups.push(shape);
  if (groups.length === 0) return undefined;
  const last = groups[groups.length - 1]!;
  const lookaheads = groups.slice(0, -1).map((g) => `(?=(?:${g})$)`).join('');
  const source = `^${lookaheads}(?:${last})$`;
  new RegExp(source, 'u');
  return source;
}
