// Validates XML against an official iJw XSD with xmllint (Debian package libxml2-utils; .ci/run
// installs it). A real, independent XSD validator: the codec's own model never judges its own output.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * Validates many documents against one XSD in a single xmllint run (one process instead of one per
 * document); returns the indexes of the documents that fail, with xmllint's output.
 */
export function xmllintValidateMany(xmls: readonly string[], xsd: string): { readonly invalid: readonly number[]; readonly output: string } {
  if (xmls.length === 0) return { invalid: [], output: '' };
  const dir = mkdtempSync(path.join(tmpdir(), 'xmllint-'));
  try {
    const files = xmls.map((xml, i) => {
      const file = path.join(dir, `${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    let output = '';
    try {
      execFileSync('xmllint', ['--noout', '--schema', xsd, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const e = error as { stderr?: string; code?: string };
      if (e.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install -y libxml2-utils (see .ci/run)');
      output = e.stderr ?? String(error);
    }
    const invalid = files.flatMap((file, i) => (output.includes(`${file} fails to validate`) ? [i] : []));
    if (output !== '' && invalid.length === 0) throw new Error(`xmllint failed: ${output}`);
    return { invalid, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
