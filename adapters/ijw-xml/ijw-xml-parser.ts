// The parse half of the iJw codec: a native iJw 3.2 XML message (a string) to the canonical JSON form
// of docs/ijw-json-form.md. Generic over all 14 message types: the generated JSON Schemas in
// schemas/ijw/ tell it which elements exist, in which order, which repeat (arrays) and which carry
// numbers; the namespaces are the XSDs' (elementFormDefault="qualified": an element is in the
// namespace of the schema that declares it, so children of basisschema types are in the basisschema
// namespace and the rest in the message's own).
//
// The parser checks what the JSON form cannot express (well-formedness, namespaces, element order,
// repetition of single elements, attributes, mixed content) and throws GatewayError('invalid-input')
// listing every such problem with its JSON pointer. Everything the JSON form can express (unknown
// elements, missing elements, bad values) is passed through for the JSON Schema to report, so a
// caller validates the result exactly like a JSON submission.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { GatewayError, type FieldError } from '../../src/kernel/gateway-error.ts';
import { joinPointer } from '../../src/kernel/json-pointer.ts';
import { OP192_TEXT } from '../../src/validation/ijw-schema-errors.ts';
import { defaultSchemasDir, IJW_NAMESPACE_PREFIX, loadModel, type Located, type SchemaModel, type Shape } from './ijw-schema-model.ts';

export { IJW_BASISSCHEMA_NAMESPACE, IJW_NAMESPACE_PREFIX, ijwMessageNamespace } from './ijw-schema-model.ts';

/**
 * A problem with the XML itself: iJw rule OP192 (a message meets the technical requirements of format,
 * encoding and structure), with its Dutch wording; `keyword` 'xml' says the XML parser found it.
 */
function xmlProblem(pointer: string, detail: string): FieldError {
  return { pointer, detail, rule: 'OP192', ruleText: OP192_TEXT, keyword: 'xml' };
}

const MESSAGE_NAMESPACE = /^http:\/\/www\.istandaarden\.nl\/ijw\/3_2\/(jw[0-9]{3})\/schema$/;
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface ParsedIjwMessage {
  /** e.g. 'JW315', from the root element's namespace */
  readonly messageType: string;
  /** the content of the Bericht element in the JSON form */
  readonly message: JsonObject;
}

/** A message read as far as its XML allows: the JSON form plus what the JSON form cannot express. */
export interface LenientlyParsedIjwMessage extends ParsedIjwMessage {
  /** Structural problems (namespaces, element order, repeated or mixed content, attributes); [] when none. */
  readonly errors: readonly FieldError[];
}

export interface IjwXmlParser {
  /** The message types this parser knows (one per schemas/ijw/JW*.schema.json). */
  knownTypes(): string[];
  parse(xml: string): ParsedIjwMessage;
  /**
   * Like parse, but structural problems below the root are returned, not thrown, with the message as
   * far as it could be read: enough to copy into a retour that reports them. Still throws for XML that
   * is not well-formed or whose root is no known iJw message.
   */
  parseLeniently(xml: string): LenientlyParsedIjwMessage;
}

export interface IjwXmlParserOptions {
  /** The schemas directory (default: the repository's schemas/); the iJw schemas are in its ijw/. */
  readonly schemasDir?: string;
}

// ---------------------------------------------------------------------------------------------
// XML: a strict little layer over fast-xml-parser's ordered output

interface XmlElement {
  readonly qname: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlNode[];
}
type XmlNode = { readonly element: XmlElement } | { readonly text: string; readonly cdata: boolean };

const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded below, strictly: the five predefined ones and character references only.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  commentPropName: false,
});

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(raw: string, problems: string[]): string {
  return raw.replace(/&([^;&\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) {
      problems.push(`unescaped '&' in "${raw.slice(0, 40)}"`);
      return match;
    }
    const predefined = PREDEFINED_ENTITIES[name];
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    if (numeric !== null) {
      const [, hex, decimal] = numeric;
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal ?? '', 10);
      const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (allowed) return String.fromCodePoint(code);
    }
    problems.push(`unknown entity or character reference &${name};`);
    return match;
  });
}

/** iJw messages nest about eight levels deep; anything far deeper is refused before it costs stack. */
const MAX_DEPTH = 32;

function toXmlNodes(raw: unknown, depth = 0): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  if (depth > MAX_DEPTH) refuse([xmlProblem('', `elements are nested more than ${MAX_DEPTH} deep`)]);
  const nodes: XmlNode[] = [];
  for (const entry of raw as Record<string, unknown>[]) {
    if ('#text' in entry) {
      nodes.push({ text: String(entry['#text']), cdata: false });
      continue;
    }
    if ('#cdata' in entry) {
      const inner = toXmlNodes(entry['#cdata'], depth + 1);
      nodes.push({ text: inner.map((n) => ('text' in n ? n.text : '')).join(''), cdata: true });
      continue;
    }
    const qname = Object.keys(entry).find((k) => k !== ':@');
    if (qname === undefined || qname.startsWith('?')) continue; // processing instructions (<?xml ...?>)
    const attrs = new Map(Object.entries((entry[':@'] ?? {}) as Record<string, string>));
    nodes.push({ element: { qname, attrs, children: toXmlNodes(entry[qname], depth + 1) } });
  }
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// The conversion

type Scope = ReadonlyMap<string, string>;

class Conversion {
  readonly errors: FieldError[] = [];

  constructor(private readonly model: SchemaModel) {}

  problem(pointer: string, detail: string): void {
    this.errors.push(xmlProblem(pointer, detail));
  }

  /** The in-scope namespace bindings of an element, or problems for its attributes. */
  scopeOf(element: XmlElement, parent: Scope, pointer: string): Scope {
    let scope: Map<string, string> | undefined;
    for (const [name, rawValue] of element.attrs) {
      const problems: string[] = [];
      const value = decodeEntities(rawValue, problems);
      for (const p of problems) this.problem(pointer, p);
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        scope ??= new Map(parent);
        scope.set(name === 'xmlns' ? '' : name.slice('xmlns:'.length), value);
      }
    }
    const bindings = scope ?? parent;
    for (const name of element.attrs.keys()) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const colon = name.indexOf(':');
      const ns = colon === -1 ? undefined : bindings.get(name.slice(0, colon));
      if (ns === XSI_NAMESPACE && /^(?:schemaLocation|noNamespaceSchemaLocation)$/.test(name.slice(colon + 1))) continue;
      this.problem(pointer, `attribute ${name} is not allowed: iJw messages carry no attributes`);
    }
    return bindings;
  }

  nameOf(element: XmlElement, scope: Scope, pointer: string): { local: string; namespace: string | undefined } {
    const colon = element.qname.indexOf(':');
    const prefix = colon === -1 ? '' : element.qname.slice(0, colon);
    const local = colon === -1 ? element.qname : element.qname.slice(colon + 1);
    const namespace = scope.get(prefix);
    if (namespace === undefined && prefix !== '') this.problem(pointer, `namespace prefix "${prefix}" is not declared`);
    if (namespace === XMLNS_NAMESPACE) this.problem(pointer, 'reserved namespace');
    return { local, namespace };
  }

  convertObject(element: XmlElement, shape: Extract<Shape, { kind: 'object' }>, scope: Scope, pointer: string): JsonObject {
    const result: JsonObject = {};
    let lastIndex = -1;
    let lastName: string | undefined;
    for (const node of element.children) {
      if ('text' in node) {
        if (node.cdata || node.text.trim() !== '') {
          this.problem(pointer, 'text is not allowed here: this element contains elements only');
        }
        continue;
      }
      const child = node.element;
      const childScope = this.scopeOf(child, scope, pointer);
      const { local, namespace } = this.nameOf(child, childScope, pointer);
      const property = shape.properties.get(local);
      const counts = property?.array === true ? ((result[local] as JsonValue[] | undefined)?.length ?? 0) : undefined;
      const childPointer = `${joinPointer(pointer, local)}${counts === undefined ? '' : `/${counts}`}`;
      if (property === undefined) {
        // Unknown element: keep it so the schema names it (additionalProperties), without descending.
        if (!Object.hasOwn(result, local)) setOwn(result, local, shallowValue(child));
        continue;
      }
      if (namespace !== shape.namespace) {
        this.problem(childPointer, `element ${local} must be in namespace ${shape.namespace}, not ${namespace ?? 'no namespace'}`);
      }
      if (property.index < lastIndex || (property.index === lastIndex && !property.array)) {
        this.problem(
          childPointer,
          property.index === lastIndex
            ? `element ${local} occurs more than once; the XSD allows it once`
            : `element ${local} is out of order: it must come before ${lastName ?? ''} (XSD sequence: ${shape.order.join(', ')})`,
        );
      }
      lastIndex = Math.max(lastIndex, property.index);
      lastName = lastIndex === property.index ? local : lastName;
      const value = this.convert(child, property.item, childScope, childPointer);
      if (property.array) {
        const existing = result[local];
        if (Array.isArray(existing)) existing.push(value);
        else setOwn(result, local, [value]);
      } else if (!Object.hasOwn(result, local)) {
        setOwn(result, local, value);
      }
    }
    return result;
  }

  convert(element: XmlElement, loc: Located, scope: Scope, pointer: string): JsonValue {
    const shape = this.model.shape(loc);
    if (shape.kind === 'object') return this.convertObject(element, shape, scope, pointer);
    let text = '';
    for (const node of element.children) {
      if ('element' in node) {
        this.problem(pointer, 'elements are not allowed here: this element contains a value only');
        continue;
      }
      if (node.cdata) {
        text += node.text;
      } else {
        const problems: string[] = [];
        text += decodeEntities(node.text, problems);
        for (const p of problems) this.problem(pointer, p);
      }
    }
    if (shape.collapse) text = text.replace(/[ \t\n\r]+/g, ' ').trim();
    if (shape.kind === 'integer' && /^[+-]?[0-9]+$/.test(text)) {
      const n = Number(text);
      // Out of the exactly representable range: keep the text, so the schema reports it.
      // (`+ 0` turns "-0" into 0.)
      return Number.isSafeInteger(n) ? n + 0 : text;
    }
    if (shape.kind === 'number' && /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(text)) {
      return Number(text) + 0;
    }
    return text;
  }
}

/** A placeholder for an element the schema does not know: its text, or an empty object. */
function shallowValue(element: XmlElement): JsonValue {
  if (element.children.some((n) => 'element' in n)) return {};
  return element.children.map((n) => ('text' in n ? n.text : '')).join('');
}

function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function refuse(errors: readonly FieldError[]): never {
  throw new GatewayError('invalid-input', { detail: 'The iJw XML message is invalid', errors });
}

/** Creates a parser over the iJw schemas in `schemasDir/ijw` (read once, here). */
export function createIjwXmlParser(options: IjwXmlParserOptions = {}): IjwXmlParser {
  const { model, types } = loadModel(options.schemasDir ?? defaultSchemasDir);
  const known = new Set(types);
  const parser: IjwXmlParser = {
    knownTypes: () => [...types],
    parse(xml: string): ParsedIjwMessage {
      const { messageType, message, errors } = parser.parseLeniently(xml);
      if (errors.length > 0) refuse(errors);
      return { messageType, message };
    },
    parseLeniently(xml: string): LenientlyParsedIjwMessage {
      const text = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
      if (/<!DOCTYPE/i.test(text)) refuse([xmlProblem('', 'DOCTYPE declarations are not allowed')]);
      // fast-xml-parser's parser is lenient (it accepts mismatched tags); its validator is not. The
      // validator is deprecated in favour of the separate fast-xml-validator package, which this
      // project does not depend on; switch when it does.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      const wellFormed = XMLValidator.validate(text);
      if (wellFormed !== true) {
        const { msg, line } = wellFormed.err;
        const col = wellFormed.err.col as number | undefined; // undefined at runtime for some errors
        refuse([xmlProblem('', `not well-formed XML: ${msg} (line ${line}${col === undefined ? '' : `, column ${col}`})`)]);
      }
      let nodes: XmlNode[];
      try {
        nodes = toXmlNodes(xmlParser.parse(text));
      } catch (cause) {
        if (cause instanceof GatewayError) throw cause;
        // fast-xml-parser refuses names such as __proto__ and constructor outright.
        throw new GatewayError('invalid-input', {
          detail: 'The iJw XML message is invalid',
          errors: [xmlProblem('', cause instanceof Error ? cause.message : 'unparseable XML')],
          cause,
        });
      }
      const roots = nodes.flatMap((n) => ('element' in n ? [n.element] : []));
      const root = roots[0];
      if (root === undefined || roots.length > 1 || nodes.some((n) => 'text' in n && (n.cdata || n.text.trim() !== ''))) {
        refuse([xmlProblem('', 'an XML document has exactly one root element and no text outside it')]);
      }
      const conversion = new Conversion(model);
      const scope = conversion.scopeOf(root, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), '');
      const { local, namespace } = conversion.nameOf(root, scope, '');
      const messageType = (namespace === undefined ? undefined : MESSAGE_NAMESPACE.exec(namespace)?.[1])?.toUpperCase();
      const rootLoc = messageType === undefined || !known.has(messageType) ? undefined : model.root(messageType);
      if (local !== 'Bericht' || messageType === undefined || rootLoc === undefined) {
        refuse([xmlProblem('', `the root element must be Bericht in a known iJw 3.2 message namespace (${IJW_NAMESPACE_PREFIX}jwNNN/schema); found ${local} in ${namespace ?? 'no namespace'}`)]);
      }
      const message = conversion.convert(root, rootLoc, scope, '');
      return { messageType, message: message as JsonObject, errors: conversion.errors };
    },
  };
  return parser;
}

let defaultParser: IjwXmlParser | undefined;

/** Parses with the repository's schemas (loaded on first use). */
export function parseIjwXml(xml: string): ParsedIjwMessage {
  defaultParser ??= createIjwXmlParser();
  return defaultParser.parse(xml);
}
