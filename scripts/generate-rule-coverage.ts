// Writes docs/ijw-rule-coverage.md: one row per rule in the iJw 3.2 reference
// (../shared/reference/ijw-3.2/regels/: technische-regels/TR*.md, bedrijfsregels/OP*.md and the CD,
// CS and RS codes of condities-constraints/), with where the gateway enforces it or why it cannot
// decide it, and the test that proves it.
//
//   node --import tsx scripts/generate-rule-coverage.ts
//
// Sources, in this order: the cross-field rules (src/validation/ijw-rules.ts), the care path's process
// rules (src/care-path/process-rules.ts), and for every other rule the notes in
// src/validation/ijw-rule-coverage-notes.ts. A cited test counts only if its file names the rule's code
// (read now); otherwise the row says "no test". The output depends on nothing but these files, so
// tests/unit/ijw-rule-coverage.test.ts can regenerate it and compare.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ijwRules } from '../src/validation/ijw-rules.ts';
import { PROCESS_RULES } from '../src/care-path/process-rules.ts';
import { COVERAGE_NOTES, PROCESS_RULE_GAPS, PROCESS_RULE_UNDECIDABLE, type CoverageKind } from '../src/validation/ijw-rule-coverage-notes.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const regelsDir = path.resolve(repoRoot, '../shared/reference/ijw-3.2/regels');
export const outputPath = path.join(repoRoot, 'docs/ijw-rule-coverage.md');

/** The test files that cover the two registries. */
export const CROSS_FIELD_TEST = 'tests/unit/ijw-rules.test.ts';
/** The process-rule cases, a test module run by each of PROCESS_RULE_RUNNERS. */
export const PROCESS_RULES_TEST = 'tests/support/process-rule-cases.ts';
export const PROCESS_RULE_RUNNERS = ['tests/unit/care-path-rules.test.ts', 'tests/integration/care-path-rules-api.test.ts'] as const;

/** A rule as the reference states it. */
export interface ReferenceRule {
  readonly code: string;
  /** technische regel, bedrijfsregel, conditie, constraint, restrictie */
  readonly type: string;
  readonly title: string;
  /** message types the file names (JW…, "retourberichten"); empty when it names none */
  readonly messages: readonly string[];
  readonly retourcode?: string;
  /** the file, relative to regels/ */
  readonly file: string;
}

export type Kind = CoverageKind | 'unclassified';

export interface CoverageRow {
  readonly rule: ReferenceRule;
  readonly kind: Kind;
  readonly where: string;
  readonly retourcode?: string;
  /** the test file that names the code, or undefined */
  readonly test?: string;
  /** a test was cited but does not name the code */
  readonly testMissing: boolean;
  /** the rules that carry it out or cover part of it */
  readonly via: readonly string[];
}

const KIND_LABEL: Record<Kind, string> = {
  schema: 'XSD / JSON Schema',
  'cross-field': 'cross-field rule',
  'process-refusal': 'process rule (refusal)',
  'process-signal': 'process rule (signal)',
  'carried-out': 'carried out by other rules',
  policy: 'gateway policy / design',
  'not-decidable': 'not decidable by the gateway',
  'party-duty': "a party's duty, not a message property",
  gap: 'not yet enforced (gap)',
  unclassified: 'UNCLASSIFIED',
};
const ENFORCED: readonly Kind[] = ['schema', 'cross-field', 'process-refusal', 'process-signal', 'carried-out', 'policy'];

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const cell = (s: string): string => oneLine(s).replace(/\|/g, '\\|');
/** Message codes as the files write them (a few technische regels name the Wmo twin, WMO301). */
const JW = /\b(?:JW|WMO)3[0-9]{2}\b/g;
const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

function section(text: string, heading: string): string | undefined {
  const m = new RegExp(`^## ${heading}\\s*\\n([\\s\\S]*?)(?=^## |^---|(?![\\s\\S]))`, 'm').exec(text);
  return m?.[1]?.trim();
}

function metadata(text: string, ...fields: string[]): string | undefined {
  for (const field of fields) {
    const m = new RegExp(`^\\|\\s*${field}\\s*\\|\\s*([^|]*?)\\s*\\|`, 'm').exec(text);
    if (m !== null) return m[1];
  }
  return undefined;
}

function messagesOf(...texts: (string | undefined)[]): string[] {
  const all = texts.filter((t): t is string => t !== undefined);
  const jw = unique(all.flatMap((t) => t.match(JW) ?? [])).sort();
  if (jw.length > 0) return jw;
  return all.some((t) => /retourbericht/i.test(t)) ? ['retourberichten'] : [];
}

function technischeRegels(): ReferenceRule[] {
  const dir = path.join(regelsDir, 'technische-regels');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const code = f.slice(0, -3);
      const definitie = section(text, 'Definitie') ?? section(text, 'Betekenis') ?? '';
      const retourcode = metadata(text, 'Retourcode');
      return {
        code,
        type: 'technische regel',
        title: oneLine(definitie.replace(new RegExp(`^${code}:\\s*`), '')),
        messages: messagesOf(section(text, 'Gebruik in berichten')),
        ...(retourcode !== undefined && /^[0-9A-Z]{4}$/.test(retourcode) ? { retourcode } : {}),
        file: `technische-regels/${f}`,
      };
    });
}

function bedrijfsregels(): ReferenceRule[] {
  const dir = path.join(regelsDir, 'bedrijfsregels');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const code = f.slice(0, -3);
      const heading = /^# \S+\s+[—-]\s+(.*)$/m.exec(text);
      if (heading === null) throw new Error(`${f}: no title heading`);
      return {
        code,
        type: 'bedrijfsregel',
        title: oneLine(heading[1]!),
        messages: messagesOf(metadata(text, 'Berichttype', 'Berichttypen'), section(text, 'Kernregel')?.split(/Van toepassing op:/)[1]),
        file: `bedrijfsregels/${f}`,
      };
    });
}

/** The CD, CS and RS codes: one rule per code, each listed per data element it applies to. */
function conditiesConstraints(): ReferenceRule[] {
  const file = 'condities-constraints/Condities_constraints_per_data-element.md';
  const text = readFileSync(path.join(regelsDir, file), 'utf8');
  const byCode = new Map<string, { type: string; texts: string[]; messages: string[]; elements: number }>();
  for (const block of text.split(/\n(?=# Regel )/)) {
    const head = /^# Regel ([A-Z]{2}[0-9]{3})\b/.exec(block);
    if (head === null) continue;
    const code = head[1]!;
    const type = /^- Type: (.*)$/m.exec(block)?.[1]?.trim().toLowerCase() ?? '';
    const bericht = /^- Bericht: (.*)$/m.exec(block)?.[1]?.trim() ?? '';
    const regel = section(block, 'Regel') ?? '';
    const entry = byCode.get(code) ?? { type, texts: [], messages: [], elements: 0 };
    entry.texts.push(oneLine(regel));
    entry.messages.push(bericht === 'JW Retour' ? 'retourberichten' : bericht);
    entry.elements += 1;
    byCode.set(code, entry);
  }
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, e]) => {
      const texts = unique(e.texts);
      const messages = unique(e.messages).sort();
      return {
        code,
        type: e.type,
        title: `${texts[0] ?? ''}${texts.length > 1 ? ` (and ${texts.length - 1} other wording${texts.length > 2 ? 's' : ''})` : ''} — ${e.elements} data element${e.elements > 1 ? 's' : ''}`,
        messages,
        file,
      };
    });
}

/** Every rule in the reference, technische regels, condities/constraints/restricties, bedrijfsregels. */
export function referenceRules(): ReferenceRule[] {
  return [...technischeRegels(), ...conditiesConstraints(), ...bedrijfsregels()];
}

const testText = new Map<string, string>();
/** Whether the test file exists and names the code (as a whole word). */
export function testMentions(testFile: string, code: string): boolean {
  let text = testText.get(testFile);
  if (text === undefined) {
    const file = path.join(repoRoot, testFile);
    text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    testText.set(testFile, text);
  }
  return new RegExp(`\\b${code}\\b`).test(text);
}

function cited(testFile: string | undefined, code: string): { test?: string; testMissing: boolean } {
  if (testFile === undefined) return { testMissing: false };
  return testMentions(testFile, code) ? { test: testFile, testMissing: false } : { testMissing: true };
}

/** The coverage of every reference rule; throws on a note or registry entry that contradicts another. */
export function coverageRows(): CoverageRow[] {
  for (const runner of PROCESS_RULE_RUNNERS) {
    if (!readFileSync(path.join(repoRoot, runner), 'utf8').includes("from '../support/process-rule-cases.ts'")) throw new Error(`${runner} no longer runs ${PROCESS_RULES_TEST}`);
  }
  const crossField = new Map<string, { retourcode?: string; messages: string[] }>();
  for (const r of ijwRules) {
    const e = crossField.get(r.code) ?? { messages: [] };
    crossField.set(r.code, { ...(r.retourcode !== undefined ? { retourcode: r.retourcode } : {}), messages: unique([...e.messages, ...r.messageTypes]) });
  }
  const processByCode = new Map(PROCESS_RULES.map((r) => [r.code, r]));
  for (const code of [...Object.keys(PROCESS_RULE_GAPS), ...PROCESS_RULE_UNDECIDABLE]) {
    if (processByCode.get(code)?.enforcement !== 'not-checked') throw new Error(`${code} is listed as a not-checked process rule but the registry does not mark it so`);
  }
  const rules = referenceRules();
  const known = new Set([...rules.map((r) => r.code), ...PROCESS_RULES.map((r) => r.code)]);

  const rows = rules.map((rule): CoverageRow => {
    const inCross = crossField.get(rule.code);
    const inProcess = processByCode.get(rule.code);
    const note = COVERAGE_NOTES[rule.code];
    const sources = [inCross, inProcess, note].filter((s) => s !== undefined).length;
    if (sources > 1) throw new Error(`${rule.code} is classified more than once (cross-field rule, process rule, coverage note)`);
    // The retourcode the gateway answers with; where the reference names another, both are shown.
    const retour = (own: string | undefined): string | undefined =>
      own !== undefined && rule.retourcode !== undefined && own !== rule.retourcode ? `${own} (reference: ${rule.retourcode})` : (own ?? rule.retourcode);
    if (inCross !== undefined) {
      return {
        rule,
        kind: 'cross-field',
        where: `src/validation/ijw-rules (${inCross.messages.join(', ')})`,
        ...(retour(inCross.retourcode) !== undefined ? { retourcode: retour(inCross.retourcode)! } : {}),
        ...cited(CROSS_FIELD_TEST, rule.code),
        via: [],
      };
    }
    if (inProcess !== undefined) {
      const r = inProcess;
      const retourcode = retour(r.retourcode);
      const base = { rule, ...(retourcode !== undefined ? { retourcode } : {}), via: r.via ?? [] };
      if (r.enforcement === 'not-checked') {
        const gap = PROCESS_RULE_GAPS[r.code];
        if (gap !== undefined) return { ...base, kind: 'gap', where: `${gap} The care path's registry: not checked, ${r.reason ?? 'no reason given'}.`, testMissing: false };
        if (!PROCESS_RULE_UNDECIDABLE.includes(r.code)) throw new Error(`process rule ${r.code} is not-checked and classified neither as a gap nor as undecidable`);
        return { ...base, kind: 'not-decidable', where: `The care path's registry: not checked, ${r.reason ?? 'no reason given'}.`, testMissing: false };
      }
      const via = r.via ?? [];
      for (const v of via) if (!known.has(v)) throw new Error(`${r.code} is carried out via ${v}, which has no row`);
      const kind: Kind = via.length > 0 ? 'carried-out' : r.enforcement === 'signal' ? 'process-signal' : 'process-refusal';
      return { ...base, kind, where: `care path (${r.messageTypes.join(', ')}): ${r.check}${r.migration ? ' A warning only while the path predates the gateway.' : ''}`, ...cited(PROCESS_RULES_TEST, r.code) };
    }
    if (note !== undefined) {
      for (const v of note.via ?? []) if (!known.has(v)) throw new Error(`${rule.code} names ${v}, which has no row`);
      return { rule, kind: note.kind, where: note.where, ...(rule.retourcode !== undefined ? { retourcode: rule.retourcode } : {}), ...cited(note.test, rule.code), via: note.via ?? [] };
    }
    return { rule, kind: 'unclassified', where: 'No registry holds it and there is no coverage note (src/validation/ijw-rule-coverage-notes.ts).', testMissing: false, via: [] };
  });
  const referenced = new Set(rules.map((r) => r.code));
  for (const code of Object.keys(COVERAGE_NOTES)) if (!referenced.has(code)) throw new Error(`coverage note for ${code}, which is not in the reference`);
  return rows;
}

/** The document, as committed. */
export function generateRuleCoverage(): string {
  const rows = coverageRows();
  const count = (pred: (r: CoverageRow) => boolean): number => rows.filter(pred).length;
  const kinds = Object.keys(KIND_LABEL) as Kind[];
  const types = unique(rows.map((r) => r.rule.type));
  const enforced = rows.filter((r) => ENFORCED.includes(r.kind));
  const lines: string[] = [
    '# iJw 3.2 rule coverage',
    '',
    '<!-- Generated by scripts/generate-rule-coverage.ts (node --import tsx scripts/generate-rule-coverage.ts); do not edit by hand. -->',
    '',
    'Every rule in the iJw 3.2 reference (`../shared/reference/ijw-3.2/regels/`: technische regels,',
    'condities, constraints and restricties per data element, bedrijfsregels), with where Ketenpoort',
    'enforces it or why it cannot decide it, and the test that proves it. The sources are the cross-field',
    'rules (`src/validation/ijw-rules.ts`), the process rules of the care path',
    '(`src/care-path/process-rules.ts`) and, for the rest, `src/validation/ijw-rule-coverage-notes.ts`.',
    'A test is cited only when its file names the rule\'s code; "no test" says that no test file names it.',
    `The process rules' cases (\`${PROCESS_RULES_TEST}\`) run in memory and through the HTTP API as JSON and as iJw XML (${PROCESS_RULE_RUNNERS.map((r) => `\`${r}\``).join(', ')}).`,
    '`tests/unit/ijw-rule-coverage.test.ts` fails when a reference rule has no row or this file is stale.',
    '',
    '## Summary',
    '',
    `${rows.length} rules in the reference (${types.map((t) => `${count((r) => r.rule.type === t)} ${t}`).join(', ')}).`,
    '',
    '| Enforcement | Rules | With a test naming the code |',
    '|---|---:|---:|',
    ...kinds.filter((k) => count((r) => r.kind === k) > 0).map((k) => `| ${KIND_LABEL[k]} | ${count((r) => r.kind === k)} | ${count((r) => r.kind === k && r.test !== undefined)} |`),
    '',
    `Enforced (the first six kinds): ${enforced.length}, of which ${enforced.filter((r) => r.test !== undefined).length} with a test naming the code. ` +
      `Not decidable by the gateway or not a message property: ${count((r) => r.kind === 'not-decidable' || r.kind === 'party-duty')}. ` +
      `Gaps (decidable, not yet enforced): ${count((r) => r.kind === 'gap')}.`,
    '',
    'A rule "carried out by other rules" is as strong as the rows it names: its test column says "see …" unless a test names the rule itself.',
    '',
  ];
  const groups: [string, (r: CoverageRow) => boolean][] = [
    ['Technische regels', (r) => r.rule.type === 'technische regel'],
    ['Condities, constraints and restricties', (r) => r.rule.type !== 'technische regel' && r.rule.type !== 'bedrijfsregel'],
    ['Bedrijfsregels', (r) => r.rule.type === 'bedrijfsregel'],
  ];
  for (const [heading, pred] of groups) {
    lines.push(`## ${heading}`, '', '| Code | Rule | Messages | Enforcement | Where, or why not | Retourcode | Test |', '|---|---|---|---|---|---|---|');
    for (const r of rows.filter(pred)) {
      const test =
        r.test !== undefined ? `\`${r.test}\`` : r.kind === 'carried-out' && r.via.length > 0 ? `see ${r.via.join(', ')}` : r.testMissing || ENFORCED.includes(r.kind) ? 'no test' : '—';
      lines.push(
        `| ${r.rule.code} | ${cell(r.rule.title)} | ${r.rule.messages.length > 0 ? r.rule.messages.join(', ') : '—'} | ${KIND_LABEL[r.kind]} | ${cell(r.where)} | ${r.retourcode ?? '—'} | ${test} |`,
      );
    }
    lines.push('');
  }
  const own = PROCESS_RULES.filter((r) => !rows.some((row) => row.rule.code === r.code));
  if (own.length > 0) {
    lines.push(
      "## The gateway's own process rules",
      '',
      'Rules of the care path that are not iJw rule codes (KP…), each from the process description it names.',
      '',
      '| Code | Rule | Messages | Enforcement | Test |',
      '|---|---|---|---|---|',
    );
    for (const r of own) {
      const c = cited(PROCESS_RULES_TEST, r.code);
      lines.push(`| ${r.code} | ${cell(r.text)} | ${r.messageTypes.join(', ')} | ${r.enforcement} | ${c.test !== undefined ? `\`${c.test}\`` : 'no test'} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(outputPath, generateRuleCoverage());
  console.log(`wrote ${path.relative(process.cwd(), outputPath)}`);
}
