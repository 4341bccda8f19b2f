// The shape of the iJw JSON form, read from the generated JSON Schemas in schemas/ijw/ (which keep
// the XSDs' element order: scripts/generate-ijw-schemas.ts writes each xs:sequence's elements as
// `properties` in sequence order, and refuses any other content model). Both halves of the codec
// (adapters/ijw-xml/ijw-xml-parser.ts and ijw-xml-renderer.ts) walk this one model, so the order,
// the repetition and the namespaces of every element come from the XSDs and are never hand-kept.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import { valueAtPointer } from '../../src/kernel/json-pointer.ts';

export const IJW_NAMESPACE_PREFIX = 'http://www.istandaarden.nl/ijw/3_2/';
export const IJW_BASISSCHEMA_NAMESPACE = `${IJW_NAMESPACE_PREFIX}basisschema/schema`;
const BASISSCHEMA_FILE = 'basisschema.schema.json';

export const defaultSchemasDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');

/** The namespace of a message type's own elements, e.g. JW315 -> .../jw315/schema. */
export function ijwMessageNamespace(messageType: string): string {
  return `${IJW_NAMESPACE_PREFIX}${messageType.toLowerCase()}/schema`;
}

// ---------------------------------------------------------------------------------------------
// The shape of the JSON form, read from the generated schemas

export type SchemaObject = { readonly [key: string]: unknown };

export interface Located {
  readonly schema: SchemaObject;
  /** the schema file the schema object lives in, e.g. 'JW315.schema.json' */
  readonly file: string;
}

export interface Property {
  readonly index: number;
  readonly array: boolean;
  readonly item: Located;
}

export type Shape =
  | {
      readonly kind: 'object';
      readonly namespace: string;
      readonly properties: ReadonlyMap<string, Property>;
      /** element names in XSD sequence order */
      readonly order: readonly string[];
      /** elements with minOccurs >= 1 */
      readonly required: ReadonlySet<string>;
    }
  | { readonly kind: 'integer' | 'number' | 'string'; readonly collapse: boolean };

export class SchemaModel {
  private readonly shapes = new WeakMap<SchemaObject, Shape>();

  constructor(
    private readonly files: ReadonlyMap<string, SchemaObject>,
    private readonly namespaces: ReadonlyMap<string, string>,
  ) {}

  root(messageType: string): Located | undefined {
    const file = `${messageType}.schema.json`;
    const schema = this.files.get(file);
    return schema === undefined ? undefined : { schema, file };
  }

  shape(loc: Located): Shape {
    const cached = this.shapes.get(loc.schema);
    if (cached !== undefined) return cached;
    const shape = this.computeShape(loc);
    this.shapes.set(loc.schema, shape);
    return shape;
  }

  private computeShape(start: Located): Shape {
    // Follow the $ref chain; the first `type` met decides, the target of the chain owns the properties.
    let loc: Located | undefined = start;
    let type: unknown;
    let format: unknown;
    for (let hops = 0; loc !== undefined && hops < 16; hops++) {
      type ??= loc.schema['type'];
      format ??= loc.schema['format'];
      const properties = loc.schema['properties'];
      if (typeof properties === 'object' && properties !== null) {
        const namespace = this.namespaces.get(loc.file);
        if (namespace === undefined) throw new GatewayError('internal', { detail: `no namespace for ${loc.file}` });
        const map = new Map<string, Property>();
        const order: string[] = [];
        for (const [name, value] of Object.entries(properties as Record<string, SchemaObject>)) {
          const isArray = value['type'] === 'array';
          const item = isArray ? (value['items'] as SchemaObject) : value;
          map.set(name, { index: order.length, array: isArray, item: { schema: item, file: loc.file } });
          order.push(name);
        }
        const required = new Set(Array.isArray(loc.schema['required']) ? (loc.schema['required'] as string[]) : []);
        return { kind: 'object', namespace, properties: map, order, required };
      }
      const ref: unknown = loc.schema['$ref'];
      loc = typeof ref === 'string' ? this.resolve(loc.file, ref) : undefined;
    }
    if (type === 'integer' || type === 'number') return { kind: type, collapse: true };
    // xs:date and xs:time collapse whitespace; xs:string (codes, names, identifiers) keeps it.
    return { kind: 'string', collapse: format === 'ijw-date' || format === 'ijw-time' };
  }

  private resolve(fromFile: string, ref: string): Located {
    const hash = ref.indexOf('#');
    const file = hash <= 0 ? (hash === 0 ? fromFile : ref) : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    const node = valueAtPointer(this.files.get(file), pointer);
    if (typeof node !== 'object' || node === null) throw new GatewayError('internal', { detail: `unresolvable $ref ${ref} in ${fromFile}` });
    return { schema: node as SchemaObject, file };
  }
}

export function loadModel(schemasDir: string): { model: SchemaModel; types: string[] } {
  const dir = path.join(schemasDir, 'ijw');
  const files = new Map<string, SchemaObject>();
  const namespaces = new Map<string, string>();
  const types: string[] = [];
  const read = (file: string): SchemaObject => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as SchemaObject;
  files.set(BASISSCHEMA_FILE, read(BASISSCHEMA_FILE));
  namespaces.set(BASISSCHEMA_FILE, IJW_BASISSCHEMA_NAMESPACE);
  for (const file of readdirSync(dir).sort()) {
    const type = /^(JW[0-9]{3})\.schema\.json$/.exec(file)?.[1];
    if (type === undefined) continue;
    files.set(file, read(file));
    namespaces.set(file, ijwMessageNamespace(type));
    types.push(type);
  }
  return { model: new SchemaModel(files, namespaces), types };
}
