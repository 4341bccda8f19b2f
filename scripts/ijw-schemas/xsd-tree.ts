// The XSDs as a small tree: elements with their local names, attributes, children and text, over
// fast-xml-parser's ordered output; a schema document with its target namespace and prefixes; and
// qualified names resolved against it. Anything this generator does not expect makes it fail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export const XS_NS = 'http://www.w3.org/2001/XMLSchema';

export interface XNode {
  readonly qname: string;
  readonly local: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XNode[];
  /** the element's own text content (concatenated text children) */
  readonly text: string;
}

/** One entry of fast-xml-parser's ordered output: { [qname]: children, ':@': attributes } or { '#text': text }. */
export function toNode(raw: unknown): XNode | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const entry = raw as Record<string, unknown>;
  const qname = Object.keys(entry).find((k) => k !== ':@' && k !== '#text');
  if (qname === undefined) return undefined;
  const content = Array.isArray(entry[qname]) ? (entry[qname] as unknown[]) : [];
  const text = content
    .map((c) => (typeof c === 'object' && c !== null && '#text' in c ? String((c as Record<string, unknown>)['#text']) : ''))
    .join('');
  const colon = qname.indexOf(':');
  return {
    qname,
    local: colon === -1 ? qname : qname.slice(colon + 1),
    attrs: (entry[':@'] ?? {}) as Record<string, string>,
    children: content.map(toNode).filter((n): n is XNode => n !== undefined),
    text,
  };
}

export function parseXsd(text: string): XNode {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  const roots = (parser.parse(text) as unknown[]).map(toNode).filter((n): n is XNode => n !== undefined && !n.qname.startsWith('?'));
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0]!;
}

export const kids = (node: XNode, local: string): XNode[] => node.children.filter((c) => c.local === local);
export const kid = (node: XNode, local: string): XNode | undefined => node.children.find((c) => c.local === local);

export function documentation(node: XNode): string | undefined {
  const annotation = kid(node, 'annotation');
  if (annotation === undefined) return undefined;
  const texts = kids(annotation, 'documentation')
    .map((d) => d.text.replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '');
  return texts.length === 0 ? undefined : texts.join(' ');
}

export interface SchemaDoc {
  readonly file: string;
  readonly root: XNode;
  readonly targetNamespace: string;
  /** prefix -> namespace, from the xs:schema element's xmlns declarations */
  readonly prefixes: ReadonlyMap<string, string>;
}

export function loadDoc(xsdDir: string, xsdFile: string): SchemaDoc {
  const root = parseXsd(readFileSync(path.join(xsdDir, xsdFile), 'utf8'));
  if (root.local !== 'schema') throw new Error(`${xsdFile}: root is not xs:schema`);
  const prefixes = new Map<string, string>();
  for (const [name, value] of Object.entries(root.attrs)) {
    if (name.startsWith('xmlns:')) prefixes.set(name.slice('xmlns:'.length), value);
  }
  if (root.attrs['elementFormDefault'] !== 'qualified') throw new Error(`${xsdFile}: elementFormDefault must be qualified`);
  const targetNamespace = root.attrs['targetNamespace'];
  if (targetNamespace === undefined) throw new Error(`${xsdFile}: no targetNamespace`);
  return { file: xsdFile, root, targetNamespace, prefixes };
}

export interface QName {
  readonly ns: string;
  readonly local: string;
}

export function resolveQName(doc: SchemaDoc, qname: string): QName {
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const ns = colon === -1 ? doc.targetNamespace : doc.prefixes.get(prefix);
  if (ns === undefined) throw new Error(`${doc.file}: unknown namespace prefix in ${qname}`);
  return { ns, local: colon === -1 ? qname : qname.slice(colon + 1) };
}
