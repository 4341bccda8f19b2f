// Shared fixtures for the iJw validation tests: where the reference data is (never copied into the
// repository; read from ../shared/reference/ijw-3.2 relative to the repository root), the samples in
// the JSON form, and a message validator over the schemas this part of the gateway owns.
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageValidator, type MessageValidator } from '../../src/validation/message-validator.ts';
import { parseIjwXml } from '../../adapters/ijw-xml/ijw-xml-parser.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ijwReference = path.resolve(repoRoot, '../shared/reference/ijw-3.2');
export const samplesDir = path.join(ijwReference, 'samples');
export const TODAY = '2026-11-23';

/** The samples that do not validate against their XSD (reference README), with the reason. */
export const DEFECTIVE_SAMPLES: Readonly<Record<string, string>> = {
  'JW315.xml': 'ToewijzingEinddatum is 2027-06-31, a date that does not exist',
  'JW318.xml': 'a RetourCode element where the schema expects RetourCodes',
};

export function sampleFiles(): string[] {
  return readdirSync(samplesDir).filter((f) => f.endsWith('.xml')).sort();
}

export function readSample(file: string): string {
  return readFileSync(path.join(samplesDir, file), 'utf8');
}

/** A sample in the JSON form, as a fresh mutable object. */
export function sampleMessage(type: string): Record<string, any> {
  return structuredClone(parseIjwXml(readSample(`${type}.xml`)).message) as Record<string, any>;
}

/**
 * A message of the type that passes schema and rules as of TODAY: the official sample, with the
 * known faults repaired (JW315: the demo message; JW317: the NieuwProduct's Einddatum; JW323: the
 * duplicate ProductReferentie).
 */
export function validMessage(type: string): Record<string, any> {
  if (type === 'JW315') return readDemoMessage('jw315.json');
  const m = sampleMessage(type);
  if (type === 'JW317') m['Client']['Verzoek']['NieuweProducten']['NieuwProduct'][0]['Einddatum'] = '2027-02-28';
  if (type === 'JW323') m['Declaratie']['Clienten']['Client'][1]['Prestaties']['Prestatie'][2]['ProductReferentie']['ReferentieNummer'] = 'RN005';
  return m;
}

export function readDemoMessage(file: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(repoRoot, 'config/demo-messages', file), 'utf8')) as Record<string, any>;
}

let isolated: MessageValidator | undefined;

/**
 * A validator over the envelope and iJw schemas only (copied to a temporary schemas folder), so these
 * tests exercise this module and not the other schema families in schemas/; the test
 * "every schema in schemas/ compiles" covers the folder as a whole.
 */
export function ijwValidator(): MessageValidator {
  if (isolated === undefined) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ketenpoort-schemas-'));
    cpSync(path.join(repoRoot, 'schemas/envelope.schema.json'), path.join(dir, 'envelope.schema.json'));
    cpSync(path.join(repoRoot, 'schemas/ijw'), path.join(dir, 'ijw'), { recursive: true });
    isolated = createMessageValidator({ schemasDir: dir });
  }
  return isolated;
}
