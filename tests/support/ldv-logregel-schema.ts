// The Logboek Dataverwerkingen log line as a JSON Schema, written from the standard's interface table
// (Logius-standaarden/logboek-dataverwerkingen, "Component: Logboek": sections/03-specificaties/
// 02-component-logboek.md; the attributes also from sections/specificaties.md): trace_id 16 bytes,
// span_id 8 bytes, status_code one of its enum (protobuf's JSON names), name, start_time and end_time
// in ms since the epoch, optional parent_span_id, foreign_operation and resource, attributes required,
// with dpl.core.processing_activity_id a URI into the register. Attribute names: the standard's
// dpl.core.* and its error attributes (exception.*, "Foutafhandeling"), and the gateway's own
// ketenpoort.* (the standard's `attributes` list leaves room for the organisation's). One schema for
// the gateway's export (tests/unit/ldv-conformance.test.ts) and for the standard's own example records
// (tests/unit/ldv-standard-examples.test.ts).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const ldvLogregel = {
  type: 'object',
  required: ['trace_id', 'span_id', 'status_code', 'name', 'start_time', 'end_time', 'attributes'],
  additionalProperties: false,
  properties: {
    trace_id: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    span_id: { type: 'string', pattern: '^[0-9a-f]{16}$' },
    status_code: { enum: ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] },
    name: { type: 'string', minLength: 1 },
    start_time: { type: 'integer', minimum: 0 },
    end_time: { type: 'integer', minimum: 0 },
    parent_span_id: { type: 'string', pattern: '^[0-9a-f]{16}$' },
    foreign_operation: { type: 'object', required: ['trace_id', 'span_id', 'entity'] },
    resource: { type: 'object', required: ['attributes'], properties: { attributes: { type: 'object' } } },
    attributes: {
      type: 'object',
      properties: {
        'dpl.core.processing_activity_id': { type: 'string', format: 'uri' },
        'dpl.core.data_subject_id': { type: 'string', minLength: 1 },
        'dpl.core.data_subject_id_type': { type: 'string', minLength: 1 },
        'dpl.core.foreign_operation.processor': { type: 'string', format: 'uri' },
        'exception.message': { type: 'string' },
        'exception.type': { type: 'string' },
        'exception.stacktrace': { type: 'string' },
      },
      dependentRequired: { 'dpl.core.data_subject_id': ['dpl.core.data_subject_id_type'] },
      propertyNames: { pattern: '^(dpl\\.core\\.(processing_activity_id|data_subject_id|data_subject_id_type|foreign_operation\\.processor)|exception\\.(message|type|stacktrace)|ketenpoort\\.[a-z_]+)$' },
    },
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: false });
// ajv-formats is CommonJS; under NodeNext its default import is the module object.
addFormatsModule.default(ajv, ['uri']);

/** Whether a whole line conforms (errors on the function, as Ajv gives them). */
export const ldvConforms = ajv.compile(ldvLogregel);

const fieldSchemas = new Map(Object.entries(ldvLogregel.properties).map(([name, schema]) => [name, ajv.compile(schema)]));
const attributeSchemas = new Map(Object.entries(ldvLogregel.properties.attributes.properties).map(([name, schema]) => [name, ajv.compile(schema)]));
const attributeName = new RegExp(ldvLogregel.properties.attributes.propertyNames.pattern);

/**
 * The fields of a line, each judged on its own against the schema: the top-level fields (a field the
 * interface does not have fails), every attribute by name and value (as `attributes.<name>`), and each
 * required field the line lacks (as `missing <name>`). Sorted; empty when every field conforms.
 */
export function nonConformingFields(line: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const required of ldvLogregel.required) if (!(required in line)) out.push(`missing ${required}`);
  for (const [name, value] of Object.entries(line)) {
    const check = fieldSchemas.get(name);
    if (check === undefined) out.push(name);
    else if (name !== 'attributes' && !check(value)) out.push(name);
  }
  const attributes = line['attributes'];
  if (typeof attributes === 'object' && attributes !== null) {
    for (const [name, value] of Object.entries(attributes)) {
      const check = attributeSchemas.get(name);
      if (!attributeName.test(name) || (check !== undefined && !check(value))) out.push(`attributes.${name}`);
    }
  }
  return out.sort();
}
