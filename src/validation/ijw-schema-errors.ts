// iJw schema errors for people (issue 15): each XSD fault of an iJw message is one error, named by the
// iJw rule the XSD facet carries out (the restricties RS and constraints CS of the reference's
// regels/condities-constraints), with that rule's Dutch wording and a detail that says what the value
// must be, never the schema's regular expression.
//
// ajv reports one fault several times: a date with a time zone ("2026-04-01+01:00") breaks LDT_Datum's
// maxLength, its pattern and its format. ijwSchemaError names each of those by the rule behind the type
// (RS032 for every LDT_Datum facet), and onePerPointer keeps one error per element, the most telling.
//
// The rule texts are quoted from the reference (iJw 3.2.0); tests/unit/ijw-schema-errors.test.ts checks
// them against ../shared/reference/ijw-3.2/regels/ so that a changed reference is noticed.
import type { ErrorObject } from 'ajv';
import type { FieldError } from '../kernel/gateway-error.ts';

/**
 * OP192 (bedrijfsregel, its Definitie): the rule an XSD fault falls under when no restriction or
 * constraint states the facet (a missing or unknown element, a code not in its list, a date that does
 * not exist); the schema keyword stays in `keyword`.
 */
export const OP192_TEXT = 'Verzonden berichten moeten voldoen aan de voorgeschreven technische eisen voor formaat, codering en bestandsopbouw.';

/** The Dutch wording of the RS and CS rules the schemas carry out. */
export const IJW_SCHEMA_RULE_TEXTS: Readonly<Record<string, string>> = {
  CS015: 'BerichtSubversie vullen met 2.',
  CS025: 'BerichtVersie vullen met 3.',
  CS319: 'Aaneengesloten vullen met cijfers en/of letters',
  RS001: 'Minimale waarde 0',
  RS002: 'Maximale waarde 99',
  RS004: 'Maximale waarde 99999 (5*9)',
  RS005: 'Maximale waarde 99999999 (8*9)',
  RS006: 'Maximale waarde 999999999 (9*9)',
  RS008: 'Maximale lengte 1 positie',
  RS009: 'Maximale lengte 2 posities',
  RS010: 'Maximale lengte 3 posities',
  RS011: 'Maximale lengte 4 posities',
  RS012: 'Maximale lengte 5 posities',
  RS013: 'Maximale lengte 6 posities',
  RS014: 'Maximale lengte 8 posities',
  RS015: 'Maximale lengte 9 posities',
  RS016: 'Maximale lengte 10 posities',
  RS017: 'Maximale lengte 12 posities',
  RS018: 'Maximale lengte 15 posities',
  RS019: 'Maximale lengte 20 posities',
  RS020: 'Maximale lengte 24 posities',
  RS021: 'Maximale lengte 25 posities',
  RS023: 'Maximale lengte 35 posities',
  RS024: 'Maximale lengte 36 posities',
  RS025: 'Maximale lengte 64 posities',
  RS026: 'Maximale lengte 80 posities',
  RS028: 'Maximale lengte 200 posities',
  RS031: 'Commentaarvelden niet leeg.',
  RS032: 'Datum vullen zonder tijdzone.',
  RS033: 'Geen lege elementen in XML.',
  RS034: 'Tijd vullen zonder tijdszone.',
  RS035: 'Vullen met 4 cijfers.',
  RS036: 'Vullen met 8 cijfers.',
  RS037: 'Vullen met 9 cijfers.',
  RS040: 'Maximale waarde 999999999999 (12*9)',
  RS045: 'Aaneengesloten vullen (zonder punten of spaties).',
  RS046: 'Aaneengesloten vullen met cijfers.',
  RS047: 'Vullen met BerichtCode volgens de specificatie',
  RS048: 'Vullen met een versienummer bestaande uit drie gehele getallen, gescheiden met punten.',
};

/** Types whose form one rule states: every facet of the type (pattern, length, format) is that rule. */
const TYPE_RULES: Readonly<Record<string, { readonly rule: string; readonly detail: string }>> = {
  LDT_Datum: { rule: 'RS032', detail: 'must be a date written YYYY-MM-DD, without a time or time zone' },
  LDT_Tijd: { rule: 'RS034', detail: 'must be a time written hh:mm:ss, without a time zone' },
  LDT_Gemeente: { rule: 'RS035', detail: 'must be a gemeentecode of 4 digits' },
  LDT_AgbCode: { rule: 'RS036', detail: 'must be an AGB code of 8 digits' },
  LDT_BurgerServicenummer: { rule: 'RS037', detail: 'must be a BSN of 9 digits' },
  LDT_Voorletters: { rule: 'RS045', detail: 'must be letters only, without dots or spaces' },
  LDT_Telefoonnummer: { rule: 'RS046', detail: 'must be digits only' },
  LDT_Versie: { rule: 'RS048', detail: 'must be a version: three whole numbers separated by dots' },
  LDT_Commentaar: { rule: 'RS031', detail: 'must not be empty or blank' },
};

const MAX_LENGTH_RULES: Readonly<Record<number, string>> = {
  1: 'RS008', 2: 'RS009', 3: 'RS010', 4: 'RS011', 5: 'RS012', 6: 'RS013', 8: 'RS014', 9: 'RS015', 10: 'RS016',
  12: 'RS017', 15: 'RS018', 20: 'RS019', 24: 'RS020', 25: 'RS021', 35: 'RS023', 36: 'RS024', 64: 'RS025', 80: 'RS026', 200: 'RS028',
};
const MAXIMUM_RULES: Readonly<Record<number, string>> = { 99: 'RS002', 99999: 'RS004', 99999999: 'RS005', 999999999: 'RS006', 999999999999: 'RS040' };

/** A pattern whose only job is "not blank" (a non-space character somewhere). */
const NOT_BLANK = /\[\^ \\t\\n\\r\]/;

function named(error: FieldError, rule: string, detail: string): FieldError {
  const text = IJW_SCHEMA_RULE_TEXTS[rule];
  return { ...error, rule, detail, ...(text !== undefined ? { ruleText: text } : {}) };
}

/** An XSD fault no restriction states: OP192, the schema keyword kept for programs. */
function op192(error: FieldError, keyword: string, detail = error.detail): FieldError {
  return { pointer: error.pointer, detail, rule: 'OP192', ruleText: OP192_TEXT, keyword, ...(error.retourcode !== undefined ? { retourcode: error.retourcode } : {}) };
}

/**
 * An ajv error on an iJw message (already a FieldError) named by its iJw rule, with a detail for
 * people. Errors no restriction or constraint states (a missing or unknown element, a code not in its
 * list) are OP192, with the schema keyword in `keyword`; a pattern is never quoted.
 */
export function ijwSchemaError(messageType: string, error: FieldError, raw: ErrorObject): FieldError {
  const named = ijwNamedSchemaError(messageType, error, raw);
  return named.ruleText === undefined ? op192(named, raw.keyword) : named;
}

function ijwNamedSchemaError(messageType: string, error: FieldError, raw: ErrorObject): FieldError {
  const params = raw.params as Record<string, unknown>;
  const type = /\$defs\/(LDT_\w+)\//.exec(raw.schemaPath)?.[1];
  if (error.pointer === '/Header/BerichtVersie' && raw.keyword === 'const') return named(error, 'CS025', 'must be 3');
  if (error.pointer === '/Header/BerichtSubversie' && raw.keyword === 'const') return named(error, 'CS015', 'must be 2');
  if (messageType === 'JW323' && error.pointer === '/Declaratie/DeclaratieNummer' && raw.keyword === 'pattern') return named(error, 'CS319', 'must be letters and digits only');
  if (error.pointer === '/Header/BerichtCode' && raw.keyword === 'pattern') {
    const code = /^\^\(\?:([0-9]{3})\)\$$/.exec(String(params['pattern']))?.[1];
    return named(error, 'RS047', code === undefined ? `must be the BerichtCode of a ${messageType}` : `must be ${code}, the BerichtCode of a ${messageType}`);
  }
  const typeRule = type === undefined ? undefined : TYPE_RULES[type];
  switch (raw.keyword) {
    case 'pattern':
    case 'maxLength':
    case 'minLength':
      if (typeRule !== undefined && !(raw.keyword === 'maxLength' && typeRule.rule === 'RS031')) return named(error, typeRule.rule, typeRule.detail);
      if (raw.keyword === 'maxLength') {
        const limit = Number(params['limit']);
        const rule = MAX_LENGTH_RULES[limit];
        const detail = `must be at most ${limit} ${limit === 1 ? 'character' : 'characters'} long`;
        return rule === undefined ? { ...error, detail } : named(error, rule, detail);
      }
      if (raw.keyword === 'minLength' || NOT_BLANK.test(String(params['pattern']))) return named(error, 'RS033', 'must not be empty or blank');
      return { ...error, detail: `does not have the form of an iJw ${type?.slice('LDT_'.length) ?? 'value'}` };
    case 'format':
      // The form is right (else the type's rule speaks); the date or time itself does not exist.
      return typeRule === undefined ? error : { ...error, detail: type === 'LDT_Datum' ? 'must be a date that exists' : 'must be a time that exists' };
    case 'maximum': {
      const rule = MAXIMUM_RULES[Number(params['limit'])];
      const detail = `must be at most ${String(params['limit'])}`;
      return rule === undefined ? { ...error, detail } : named(error, rule, detail);
    }
    case 'minimum':
      return Number(params['limit']) === 0 ? named(error, 'RS001', 'must be 0 or more') : error;
    default:
      return error;
  }
}

/** How telling an error is about its element: the lower, the more (a wrong type says the most). */
function rank(error: FieldError): number {
  const rule = error.rule ?? '';
  if (rule === 'type') return 0;
  if (rule === 'const' || rule === 'enum' || rule.startsWith('CS') || rule === 'RS047') return 1;
  if (Object.values(TYPE_RULES).some((t) => t.rule === rule)) return 2;
  if (rule === 'RS033') return 3;
  if (error.keyword === 'format') return 5;
  if (rule === 'OP192') return error.keyword === 'type' ? 0 : error.keyword === 'enum' || error.keyword === 'const' ? 1 : 4;
  return 4;
}

/**
 * One error per element: of the errors at one pointer, the most telling (the first of those). A
 * missing or unknown element has its own pointer, so it is never folded into another.
 */
export function onePerPointer(errors: readonly FieldError[]): FieldError[] {
  const best = new Map<string, FieldError>();
  for (const error of errors) {
    const kept = best.get(error.pointer);
    if (kept === undefined || rank(error) < rank(kept)) best.set(error.pointer, error);
  }
  const seen = new Set<string>();
  return errors.flatMap((e) => (seen.has(e.pointer) ? [] : (seen.add(e.pointer), [best.get(e.pointer) ?? e])));
}
