// The Dutch wording the gateway quotes for the iJw restrictions and constraints its schemas carry out
// (src/validation/ijw-schema-errors.ts) is the reference's own (../shared/reference/ijw-3.2/regels),
// and one XSD fault is one error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IJW_SCHEMA_RULE_TEXTS, OP192_TEXT, onePerPointer } from '../../src/validation/ijw-schema-errors.ts';
import { ijwReference, ijwValidator, TODAY, validMessage } from '../support/ijw-fixtures.ts';

/** Each rule's "## Regel" text in the conditions and constraints file, by code. */
function referenceTexts(): Map<string, Set<string>> {
  const text = readFileSync(path.join(ijwReference, 'regels/condities-constraints/Condities_constraints_per_data-element.md'), 'utf8');
  const texts = new Map<string, Set<string>>();
  for (const block of text.split(/\n# Regel /).slice(1)) {
    const code = block.split(' ', 1)[0]!;
    const rule = /## Regel\n([\s\S]*?)\n\n/.exec(block)?.[1]?.trim();
    if (rule !== undefined) texts.set(code, (texts.get(code) ?? new Set()).add(rule));
  }
  return texts;
}

describe('the Dutch wording of the schema rules', () => {
  const reference = referenceTexts();
  for (const [code, text] of Object.entries(IJW_SCHEMA_RULE_TEXTS)) {
    it(`when ${code} is quoted, then it is the reference's wording`, () => {
      expect([...(reference.get(code) ?? [])]).toEqual([text]);
    });
  }
});

describe('the Dutch wording of OP192', () => {
  it("when an XSD fault no restriction states is named OP192, then its wording is the reference's Definitie", () => {
    const text = readFileSync(path.join(ijwReference, 'regels/bedrijfsregels/OP192.md'), 'utf8');
    expect(/## Definitie\n(.*)\n/.exec(text)?.[1]?.trim()).toBe(OP192_TEXT);
  });
});

describe('one error per fault', () => {
  it('when a date has a time zone, then it is one error (RS032), not maxLength, pattern and format', () => {
    const m = validMessage('JW315');
    m['Client']['AangevraagdeProducten']['AangevraagdProduct'][0]['ToewijzingIngangsdatum'] = '2026-04-01+01:00';
    expect(ijwValidator().validateMessage('JW315', m, TODAY)).toEqual([
      { pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/0/ToewijzingIngangsdatum', rule: 'RS032', ruleText: 'Datum vullen zonder tijdzone.', detail: 'must be a date written YYYY-MM-DD, without a time or time zone' },
    ]);
  });

  it('when a date has the right form but does not exist, then it is one error that says so, under OP192 with its Dutch wording', () => {
    const m = validMessage('JW315');
    m['Client']['AangevraagdeProducten']['AangevraagdProduct'][0]['ToewijzingIngangsdatum'] = '2026-02-30';
    expect(ijwValidator().validateMessage('JW315', m, TODAY)).toEqual([
      { pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/0/ToewijzingIngangsdatum', rule: 'OP192', ruleText: OP192_TEXT, keyword: 'format', detail: 'must be a date that exists' },
    ]);
  });

  it('when several errors point at one element, then the most telling is kept, in the order of first appearance', () => {
    expect(
      onePerPointer([
        { pointer: '/a', detail: 'long', rule: 'RS016' },
        { pointer: '/b', detail: 'missing', rule: 'required' },
        { pointer: '/a', detail: 'date', rule: 'RS032' },
        { pointer: '/a', detail: 'exists', rule: 'format' },
      ]),
    ).toEqual([
      { pointer: '/a', detail: 'date', rule: 'RS032' },
      { pointer: '/b', detail: 'missing', rule: 'required' },
    ]);
  });
});
