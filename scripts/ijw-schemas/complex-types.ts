// XSD complex types and elements -> JSON Schema: a sequence becomes an object with
// `additionalProperties: false`, an element with maxOccurs > 1 an array bounded by maxItems.
import { kid, documentation, resolveQName, XS_NS, type XNode } from './xsd-tree.ts';
import { DEFAULT_MAX_ITEMS, SANE_MAX_ITEMS } from './schema-bounds.ts';
import { refTo, type Context, type JsonObject } from './json-schema.ts';
import { simpleTypeSchema } from './simple-types.ts';

export function complexTypeSchema(ctx: Context, complexType: XNode, where: string): JsonObject {
  const allowed = new Set(['annotation', 'sequence']);
  for (const c of complexType.children) {
    if (!allowed.has(c.local)) throw new Error(`${where}: unsupported xs:${c.local} in a complex type`);
  }
  if (complexType.attrs['mixed'] === 'true') throw new Error(`${where}: mixed content is not supported`);
  const sequence = kid(complexType, 'sequence');
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const child of sequence?.children ?? []) {
    if (child.local === 'annotation') continue;
    if (child.local !== 'element') throw new Error(`${where}: unsupported xs:${child.local} in a sequence`);
    const name = child.attrs['name'];
    if (name === undefined) throw new Error(`${where}: element refs are not supported`);
    if (name in properties) throw new Error(`${where}: element ${name} occurs twice in one sequence`);
    properties[name] = elementSchema(ctx, child, `${where}/${name}`);
    if (child.attrs['minOccurs'] !== '0') required.push(name);
  }
  const schema: JsonObject = {};
  const doc = documentation(complexType);
  if (doc !== undefined) schema['description'] = doc;
  schema['type'] = 'object';
  schema['properties'] = properties;
  if (required.length > 0) schema['required'] = required;
  schema['additionalProperties'] = false;
  return schema;
}

export function elementSchema(ctx: Context, element: XNode, where: string): JsonObject {
  const name = element.attrs['name']!;
  const typeAttr = element.attrs['type'];
  const inlineSimple = kid(element, 'simpleType');
  const inlineComplex = kid(element, 'complexType');
  let item: JsonObject;
  if (typeAttr !== undefined) {
    const q = resolveQName(ctx.current, typeAttr);
    // Elements typed directly as a built-in (no bounds) do not occur in iJw 3.2; refuse them.
    if (q.ns === XS_NS) throw new Error(`${where}: element typed directly as xs:${q.local}; expected a named simple type`);
    item = { $ref: refTo(ctx, ctx.current, typeAttr) };
  } else if (inlineSimple !== undefined) {
    item = simpleTypeSchema(ctx, inlineSimple, undefined, where);
  } else if (inlineComplex !== undefined) {
    item = complexTypeSchema(ctx, inlineComplex, where);
  } else {
    throw new Error(`${where}: element ${name} has no type`);
  }
  const doc = documentation(element);
  const minOccurs = Number.parseInt(element.attrs['minOccurs'] ?? '1', 10);
  const maxOccursAttr = element.attrs['maxOccurs'] ?? '1';
  const maxOccurs = maxOccursAttr === 'unbounded' ? Number.POSITIVE_INFINITY : Number.parseInt(maxOccursAttr, 10);
  if (maxOccurs <= 1) {
    if (doc === undefined) return item;
    // A description next to the item's own description would be ambiguous: the element's wins.
    return { description: doc, ...withoutDescription(item) };
  }
  const maxItems = Number.isFinite(maxOccurs) ? maxOccurs : (SANE_MAX_ITEMS[name] ?? DEFAULT_MAX_ITEMS);
  const array: JsonObject = {};
  const notes = [doc, Number.isFinite(maxOccurs) ? undefined : `maxItems ${maxItems} is a gateway bound; the XSD says unbounded.`]
    .filter((s): s is string => s !== undefined)
    .join(' ');
  if (notes !== '') array['description'] = notes;
  array['type'] = 'array';
  array['items'] = item;
  array['minItems'] = Math.max(1, minOccurs);
  array['maxItems'] = maxItems;
  return array;
}

export function withoutDescription(schema: JsonObject): JsonObject {
  const { description: _drop, ...rest } = schema;
  return rest;
}
