// Validates XML against an official iJw XSD with xmllint (Debian package libxml2-utils; .ci/run
// installs it). A real, independent XSD validator: the codec's own model never judges its own output.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ijwReference } from './ijw-fixtures.ts';

export interface XmllintResult {
  readonly valid: boolean;
  readonly output: string;
}

export function xsdOf(messageType: string): string {
  return path.join(ijwReference, 'xsd', `${messageType}.xsd`);
}

export function xmllintValidate(xml: string, xsd: string): XmllintResult {
  try {
    const output = execFileSync('xmllint', ['--noout', '--schema', xsd, '-'], { input: xml, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { valid: true, output };
  } catch (error) {
    const e = error as { status?: number; stderr?: string; code?: string };
    if (e.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install -y libxml2-utils (see .ci/run)');
    return { valid: false, output: e.stderr ?? String(error) };
  }
}

/** The local names of all elements in document order, each with its depth: the shape to compare. */
export function elementOutline(xml: string): string[] {
  const outline: string[] = [];
  let depth = 0;
  for (const match of xml.matchAll(/<(\/?)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, , local, selfClosing] = match;
    if (closing === '/') {
      depth--;
      continue;
    }
    outline.push(`${depth}:${local}`);
    if (selfClosing !== '/') depth++;
  }
  return outline;
}
