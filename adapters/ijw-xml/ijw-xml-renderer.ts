// The render half of the iJw codec: a message in the JSON form (docs/ijw-json-form.md) to iJw 3.2 XML.
// Driven by the same schema model as the parser (adapters/ijw-xml/ijw-schema-model.ts), so that:
// - elements come in XSD sequence order, whatever the order of the keys in the JSON object;
// - each element is in the namespace of the schema that declares it (elementFormDefault="qualified"):
//   the message's own namespace (prefix jwNNN) or the basisschema's (prefix ijw), both declared on the
//   root element, as in the official samples;
// - only elements that have a value are written: an absent or null key, an empty string, an empty
//   array or an object with nothing to write gives no element (RS033: "geen lege elementen").
//
// What the XML cannot carry is refused (GatewayError invalid-input, every problem with its JSON
// pointer), never dropped silently: a key the XSD does not know, a value of the wrong JSON type, or a
// character XML 1.0 does not allow.
import { GatewayError, type FieldError } from '../../src/kernel/gateway-error.ts';
import { joinPointer } from '../../src/kernel/json-pointer.ts';
import { defaultSchemasDir, IJW_BASISSCHEMA_NAMESPACE, ijwMessageNamespace, loadModel, type Located, type SchemaModel, type Shape } from './ijw-schema-model.ts';

export interface IjwXmlRenderer {
  knownTypes(): string[];
  /** The message (the content of Bericht, JSON form) as an XML document (UTF-8, with declaration). */
  render(messageType: string, message: Readonly<Record<string, unknown>>): string;
}

export interface IjwXmlRendererOptions {
  readonly schemasDir?: string;
  /** Indentation per level; '' writes the document on one line. Default: a tab, as the official samples. */
  readonly indent?: string;
}

const BASIS_PREFIX = 'ijw';
// XML 1.0 Char production, minus what the JSON form cannot hold anyway (lone surrogates).
const ILLEGAL_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function escapeText(value: string): string {
  // \r is written as a character reference: a literal CR would be normalised to LF by every parser.
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

class Rendering {
  readonly errors: FieldError[] = [];
  readonly out: string[] = [];

  constructor(
    private readonly model: SchemaModel,
    private readonly prefixes: ReadonlyMap<string, string>,
    private readonly indent: string,
    private readonly newline: string,
  ) {}

  problem(pointer: string, detail: string): void {
    if (this.errors.length < 100) this.errors.push({ pointer, detail, rule: 'xml' });
  }

  qname(namespace: string, local: string): string {
    return `${this.prefixes.get(namespace) ?? BASIS_PREFIX}:${local}`;
  }

  /** Writes the children of an object value; returns whether anything was written. */
  children(value: unknown, shape: Extract<Shape, { kind: 'object' }>, pointer: string, depth: number): boolean {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problem(pointer, 'must be an object: the XSD gives this element child elements');
      return false;
    }
    const record = value as Readonly<Record<string, unknown>>;
    for (const key of Object.keys(record)) {
      if (!shape.properties.has(key) && record[key] !== undefined && record[key] !== null) {
        this.problem(joinPointer(pointer, key), `the XSD has no element ${key} here (elements: ${shape.order.join(', ')})`);
      }
    }
    let wrote = false;
    for (const name of shape.order) {
      const property = shape.properties.get(name);
      const child = Object.hasOwn(record, name) ? record[name] : undefined;
      if (property === undefined || child === undefined || child === null) continue;
      const childPointer = joinPointer(pointer, name);
      if (property.array) {
        if (!Array.isArray(child)) {
          this.problem(childPointer, 'must be an array: the element may repeat');
          continue;
        }
        child.forEach((item: unknown, index) => {
          if (item !== undefined && item !== null) wrote = this.element(shape.namespace, name, item, property.item, `${childPointer}/${index}`, depth) || wrote;
        });
      } else {
        wrote = this.element(shape.namespace, name, child, property.item, childPointer, depth) || wrote;
      }
    }
    return wrote;
  }

  element(namespace: string, name: string, value: unknown, loc: Located, pointer: string, depth: number): boolean {
    const shape = this.model.shape(loc);
    const pad = this.indent.repeat(depth);
    const tag = this.qname(namespace, name);
    if (shape.kind === 'object') {
      const mark = this.out.length;
      this.out.push(`${pad}<${tag}>${this.newline}`);
      if (!this.children(value, shape, pointer, depth + 1)) {
        this.out.length = mark; // nothing inside: no element at all
        return false;
      }
      this.out.push(`${pad}</${tag}>${this.newline}`);
      return true;
    }
    let text: string;
    if (shape.kind === 'string') {
      if (typeof value !== 'string') {
        this.problem(pointer, 'must be a string');
        return false;
      }
      text = value;
    } else {
      if (typeof value !== 'number' || !Number.isFinite(value) || (shape.kind === 'integer' && !Number.isInteger(value))) {
        this.problem(pointer, `must be ${shape.kind === 'integer' ? 'an integer' : 'a number'}`);
        return false;
      }
      text = String(value);
    }
    if (text === '') return false;
    if (ILLEGAL_XML_CHAR.test(text)) {
      this.problem(pointer, 'contains a character that XML 1.0 does not allow');
      return false;
    }
    this.out.push(`${pad}<${tag}>${escapeText(text)}</${tag}>${this.newline}`);
    return true;
  }
}

export function createIjwXmlRenderer(options: IjwXmlRendererOptions = {}): IjwXmlRenderer {
  const { model, types } = loadModel(options.schemasDir ?? defaultSchemasDir);
  const known = new Set(types);
  const indent = options.indent ?? '\t';
  const newline = indent === '' ? '' : '\n';
  return {
    knownTypes: () => [...types],
    render(messageType, message) {
      const root = known.has(messageType) ? model.root(messageType) : undefined;
      const rootShape = root === undefined ? undefined : model.shape(root);
      if (root === undefined || rootShape?.kind !== 'object') {
        throw new GatewayError('unknown-message-type', { detail: `"${messageType}" is not an iJw 3.2 message type` });
      }
      const messageNamespace = ijwMessageNamespace(messageType);
      const prefix = messageType.toLowerCase();
      const prefixes = new Map([
        [messageNamespace, prefix],
        [IJW_BASISSCHEMA_NAMESPACE, BASIS_PREFIX],
      ]);
      const rendering = new Rendering(model, prefixes, indent, newline);
      rendering.children(message, rootShape, '', 1);
      if (rendering.errors.length > 0) {
        throw new GatewayError('invalid-input', { detail: `The message cannot be written as iJw ${messageType} XML`, errors: rendering.errors });
      }
      return (
        `<?xml version="1.0" encoding="UTF-8"?>${newline}` +
        `<${prefix}:Bericht xmlns:${BASIS_PREFIX}="${IJW_BASISSCHEMA_NAMESPACE}" xmlns:${prefix}="${messageNamespace}">${newline}` +
        rendering.out.join('') +
        `</${prefix}:Bericht>${newline}`
      );
    },
  };
}
