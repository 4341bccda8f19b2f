// XSD simple types -> JSON Schema: the primitive a type rests on decides integer, number or string;
// every facet the XSD states is carried over, and a string without a maxLength gets the gateway's bound.
import { kid, kids, documentation, resolveQName, XS_NS, type SchemaDoc, type XNode } from './xsd-tree.ts';
import { anchoredPattern } from './xsd-pattern.ts';
import { DATE_MAX_LENGTH, DATE_SHAPE, SANE_MAX_LENGTH, TIME_MAX_LENGTH, TIME_SHAPE } from './schema-bounds.ts';
import { refTo, type Context, type JsonObject } from './json-schema.ts';

export interface Facets {
  patterns: string[];
  enumeration: { value: string; doc: string | undefined }[];
  minLength?: number;
  maxLength?: number;
  length?: number;
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
}

export function readFacets(restriction: XNode, where: string): Facets {
  const facets: Facets = { patterns: [], enumeration: [] };
  for (const f of restriction.children) {
    const value = f.attrs['value'];
    if (f.local === 'annotation') continue;
    if (value === undefined) throw new Error(`${where}: facet ${f.local} without value`);
    switch (f.local) {
      case 'pattern':
        facets.patterns.push(value);
        break;
      case 'enumeration':
        facets.enumeration.push({ value, doc: documentation(f) });
        break;
      case 'minLength':
      case 'maxLength':
      case 'length':
      case 'totalDigits':
      case 'fractionDigits':
        facets[f.local] = Number.parseInt(value, 10);
        break;
      case 'minInclusive':
      case 'maxInclusive':
      case 'minExclusive':
      case 'maxExclusive':
        facets[f.local] = value;
        break;
      case 'whiteSpace':
        break; // the JSON form carries values as they are; whitespace handling is the XML codec's job
      default:
        throw new Error(`${where}: unsupported facet xs:${f.local}`);
    }
  }
  return facets;
}

export type Primitive = 'string' | 'integer' | 'decimal' | 'date' | 'time';

export const XS_PRIMITIVES: Readonly<Record<string, Primitive>> = {
  string: 'string',
  normalizedString: 'string',
  token: 'string',
  integer: 'integer',
  int: 'integer',
  long: 'integer',
  short: 'integer',
  byte: 'integer',
  nonNegativeInteger: 'integer',
  positiveInteger: 'integer',
  nonPositiveInteger: 'integer',
  negativeInteger: 'integer',
  unsignedLong: 'integer',
  unsignedInt: 'integer',
  unsignedShort: 'integer',
  unsignedByte: 'integer',
  decimal: 'decimal',
  date: 'date',
  time: 'time',
};

/** Bounds implied by the built-in integer types (XSD Part 2, 3.3). */
export const XS_INTEGER_BOUNDS: Readonly<Record<string, { min?: number; max?: number }>> = {
  int: { min: -2147483648, max: 2147483647 },
  short: { min: -32768, max: 32767 },
  byte: { min: -128, max: 127 },
  nonNegativeInteger: { min: 0 },
  positiveInteger: { min: 1 },
  nonPositiveInteger: { max: 0 },
  negativeInteger: { max: -1 },
  unsignedInt: { min: 0, max: 4294967295 },
  unsignedShort: { min: 0, max: 65535 },
  unsignedByte: { min: 0, max: 255 },
};

export const JSON_SAFE_MAX = Number.MAX_SAFE_INTEGER;

/** The primitive a (possibly derived) simple type rests on. */
export function primitiveOf(ctx: Context, doc: SchemaDoc, qname: string): Primitive {
  const q = resolveQName(doc, qname);
  if (q.ns === XS_NS) {
    const p = XS_PRIMITIVES[q.local];
    if (p === undefined) throw new Error(`${doc.file}: unsupported built-in type xs:${q.local}`);
    return p;
  }
  const owner = q.ns === ctx.basis.targetNamespace ? ctx.basis : ctx.current;
  const st = kids(owner.root, 'simpleType').find((s) => s.attrs['name'] === q.local);
  if (st === undefined) throw new Error(`${doc.file}: unknown simple type ${qname}`);
  const restriction = kid(st, 'restriction');
  const base = restriction?.attrs['base'];
  if (base === undefined) throw new Error(`${owner.file}: ${q.local} is not a restriction`);
  return primitiveOf(ctx, owner, base);
}

export function numberFromLexical(value: string, where: string): number {
  if (!/^[+-]?[0-9]+(\.[0-9]+)?$/.test(value)) throw new Error(`${where}: bad numeric facet ${value}`);
  const n = Number(value);
  if (Math.abs(n) > JSON_SAFE_MAX) throw new Error(`${where}: facet ${value} exceeds the JSON safe integer range`);
  return n;
}

export function simpleTypeSchema(ctx: Context, simpleType: XNode, name: string | undefined, where: string): JsonObject {
  const restriction = kid(simpleType, 'restriction');
  if (restriction === undefined) throw new Error(`${where}: only xs:restriction simple types are supported`);
  const base = restriction.attrs['base'];
  if (base === undefined) throw new Error(`${where}: restriction without base`);
  const baseQ = resolveQName(ctx.current, base);
  const facets = readFacets(restriction, where);
  const primitive = primitiveOf(ctx, ctx.current, base);
  const schema: JsonObject = {};
  const docs: string[] = [];
  const typeDoc = documentation(simpleType);
  if (typeDoc !== undefined) docs.push(typeDoc);

  const derivedFromNamed = baseQ.ns !== XS_NS;
  if (derivedFromNamed) schema['$ref'] = refTo(ctx, ctx.current, base);

  if (primitive === 'integer' || primitive === 'decimal') {
    schema['type'] = primitive === 'integer' ? 'integer' : 'number';
    if (facets.minLength !== undefined || facets.maxLength !== undefined || facets.length !== undefined) {
      throw new Error(`${where}: length facets on a numeric type`);
    }
    if (facets.enumeration.length > 0) {
      schema['enum'] = facets.enumeration.map((e) => numberFromLexical(e.value, where));
    }
    if (facets.patterns.length > 0) {
      // A pattern on a number constrains its lexical form. The iJw XSDs use it only to fix a value
      // (BerichtVersie "3", BerichtSubversie "2"); anything else is not expressible on a JSON number.
      if (!facets.patterns.every((p) => /^[0-9]+$/.test(p))) throw new Error(`${where}: pattern on a numeric type`);
      const values = facets.patterns.map((p) => numberFromLexical(p, where));
      if (values.length === 1) schema['const'] = values[0]!;
      else schema['enum'] = values;
      docs.push(`XSD pattern ${facets.patterns.map((p) => JSON.stringify(p)).join(' | ')}.`);
    }
    const builtin = baseQ.ns === XS_NS ? XS_INTEGER_BOUNDS[baseQ.local] : undefined;
    const min = facets.minInclusive !== undefined ? numberFromLexical(facets.minInclusive, where) : builtin?.min;
    const max = facets.maxInclusive !== undefined ? numberFromLexical(facets.maxInclusive, where) : builtin?.max;
    if (min !== undefined) schema['minimum'] = min;
    if (max !== undefined) schema['maximum'] = max;
    if (facets.minExclusive !== undefined) schema['exclusiveMinimum'] = numberFromLexical(facets.minExclusive, where);
    if (facets.maxExclusive !== undefined) schema['exclusiveMaximum'] = numberFromLexical(facets.maxExclusive, where);
    if (facets.totalDigits !== undefined) {
      const bound = 10 ** (facets.totalDigits - (facets.fractionDigits ?? 0)) - (primitive === 'integer' ? 1 : 0);
      if (schema['maximum'] === undefined || (schema['maximum'] as number) > bound) schema['maximum'] = bound;
      if (schema['minimum'] === undefined || (schema['minimum'] as number) < -bound) schema['minimum'] = -bound;
    }
    if (facets.fractionDigits !== undefined && primitive === 'decimal') {
      schema['multipleOf'] = 10 ** -facets.fractionDigits;
    }
    if (!derivedFromNamed) {
      // Every number stays within what JSON parsers represent exactly.
      if (schema['minimum'] === undefined && schema['exclusiveMinimum'] === undefined) schema['minimum'] = -JSON_SAFE_MAX;
      if (schema['maximum'] === undefined && schema['exclusiveMaximum'] === undefined) schema['maximum'] = JSON_SAFE_MAX;
    }
  } else {
    schema['type'] = 'string';
    if (
      facets.minInclusive !== undefined ||
      facets.maxInclusive !== undefined ||
      facets.minExclusive !== undefined ||
      facets.maxExclusive !== undefined ||
      facets.totalDigits !== undefined
    ) {
      throw new Error(`${where}: numeric facets on a ${primitive} type`);
    }
    const patternSteps: string[][] = [];
    let shape: string | undefined;
    if (!derivedFromNamed && primitive === 'date') {
      shape = DATE_SHAPE;
      schema['format'] = 'ijw-date';
      docs.push('A calendar date YYYY-MM-DD without time zone (xs:date).');
    }
    if (!derivedFromNamed && primitive === 'time') {
      shape = TIME_SHAPE;
      schema['format'] = 'ijw-time';
      docs.push('A time of day hh:mm:ss without time zone (xs:time).');
    }
    if (facets.patterns.length > 0) patternSteps.push(facets.patterns);
    const source = anchoredPattern(patternSteps, shape);
    if (source !== undefined) schema['pattern'] = source;
    if (facets.enumeration.length > 0) {
      schema['enum'] = facets.enumeration.map((e) => e.value);
      const codeList = facets.enumeration.map((e) => (e.doc === undefined ? e.value : `${e.value} = ${e.doc}`)).join('; ');
      docs.push(`Code list: ${codeList}.`);
    }
    const minLength = facets.length ?? facets.minLength;
    let maxLength = facets.length ?? facets.maxLength;
    if (facets.enumeration.length > 0) {
      const longest = Math.max(...facets.enumeration.map((e) => codePoints(e.value)));
      maxLength = maxLength === undefined ? longest : Math.min(maxLength, longest);
    }
    if (primitive === 'date') maxLength = Math.min(maxLength ?? DATE_MAX_LENGTH, DATE_MAX_LENGTH);
    if (primitive === 'time') maxLength = Math.min(maxLength ?? TIME_MAX_LENGTH, TIME_MAX_LENGTH);
    if (maxLength === undefined && !derivedFromNamed) {
      const sane = name === undefined ? undefined : SANE_MAX_LENGTH[name];
      if (sane === undefined) throw new Error(`${where}: string type without maxLength; add a bound to SANE_MAX_LENGTH`);
      maxLength = sane;
      docs.push(`maxLength ${sane} is a gateway bound; the XSD states none.`);
    }
    if (minLength !== undefined && minLength > 0) schema['minLength'] = minLength;
    if (maxLength !== undefined) schema['maxLength'] = maxLength;
  }
  const ordered: JsonObject = {};
  if (docs.length > 0) ordered['description'] = docs.join(' ');
  return { ...ordered, ...schema };
}

/** String length as JSON Schema counts it (code points, not UTF-16 units). */
export function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}
