// The JSON Schema side: plain JSON values, the documents the generator writes (their base URI), and
// the `$ref` from the document being written to a named type in it or in the basisschema.
import { resolveQName, type SchemaDoc } from './xsd-tree.ts';

export const SCHEMA_BASE_URI = 'https://ketenpoort.nl/schemas/ijw/3.2/';
export const BASISSCHEMA_FILE = 'basisschema.schema.json';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Context {
  readonly basis: SchemaDoc;
  /** the document whose schema is being written (basisschema or a message) */
  readonly current: SchemaDoc;
}

/** The `$ref` from the current document to a named type. */
export function refTo(ctx: Context, doc: SchemaDoc, qname: string): string {
  const q = resolveQName(doc, qname);
  if (q.ns === ctx.current.targetNamespace) return `#/$defs/${q.local}`;
  if (q.ns === ctx.basis.targetNamespace) return `${BASISSCHEMA_FILE}#/$defs/${q.local}`;
  throw new Error(`${doc.file}: no schema for namespace of ${qname}`);
}
