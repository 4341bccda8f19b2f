// The export against the Logboek Dataverwerkingen standard's own example records (issue 15), quoted in
// tests/fixtures/ldv/standard-examples.json with the repository, path and commit they come from. Two
// checks: (a) the schema the export is held to (tests/support/ldv-logregel-schema.ts) judges the
// standard's examples field by field, and every field passes but where the example contradicts the
// standard's own interface text, each named with the words it contradicts; (b) the export of a
// comparable event (a delivery that dead-lettered: a server-side fault, like the standard's
// foutregistratie) has the example's field names and forms (id lengths, types, time units, the status),
// and where it departs, the departure is one the README states.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toLdvRecord } from '../../src/audit/ldv-export.ts';
import type { AuditRecord } from '../../src/kernel/audit-record.ts';
import { nonConformingFields } from '../support/ldv-logregel-schema.ts';
import { repoRoot } from '../support/ijw-fixtures.ts';

type Line = Readonly<Record<string, unknown>>;
const examples = JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/ldv/standard-examples.json'), 'utf8')) as { resource: Line; foutregistratie: Line };

/** Where each example contradicts the standard's own interface text (sections/specificaties.md, same commit), in its words. */
const CONTRADICTS_OWN_TEXT: Readonly<Record<'resource' | 'foutregistratie', Readonly<Record<string, string>>>> = {
  resource: {
    // The example shows only the two objects it explains; the table marks these fields "verplicht".
    'missing trace_id': 'trace_id: 16 byte, verplicht',
    'missing span_id': 'span_id: 8 byte, verplicht',
    'missing status_code': 'status: enum, verplicht',
    'missing name': 'name: string, verplicht',
    'missing start_time': 'start_time: uint64, verplicht',
    'missing end_time': 'end_time: uint64, verplicht',
    'attributes.dpl.core.processing_activity_id': 'dpl.core.processing_activity_id: URI',
  },
  foutregistratie: {
    'missing status_code': 'the example names it status; the interface table the export follows (02-component-logboek.md) names it status_code',
    status: 'the example names it status; the interface table the export follows (02-component-logboek.md) names it status_code',
    start_time: 'start_time: "in milliseconden sinds Epoch" (uint64)',
    end_time: 'end_time: "in milliseconden sinds Epoch" (uint64)',
    parent_span_id: 'parent_span_id: 8 byte, optioneel',
  },
};

/** A value's form: the id lengths in bytes, the time unit, text, a URI, a number, an object. */
function formOf(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'number') return Number.isInteger(value) && value > 1e12 ? 'epoch-ms' : Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object' && value !== null) return 'object';
  if (typeof value !== 'string') return typeof value;
  if (value === '') return 'empty';
  if (/^[0-9a-f]+$/.test(value) && value.length % 2 === 0) return `hex-${value.length / 2}-bytes`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return 'iso-8601';
  if (/^STATUS_CODE_[A-Z]+$/.test(value)) return 'status-enum-name';
  if (/^https?:\/\//.test(value)) return 'uri';
  return 'text';
}

/** The status a line states, whichever name and spelling it uses. */
const statusOf = (line: Line): string | undefined => {
  const raw = line['status_code'] ?? line['status'];
  return typeof raw === 'string' ? raw.replace(/^STATUS_CODE_/, '').toLowerCase() : undefined;
};

/** The export of an audit record of a delivery that dead-lettered. */
function exportedFault(): Line {
  const record = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', action: 'delivery.attempt', outcome: 'dead-letter', actor: 'gateway', seq: 7, time: '2026-03-09T20:21:00.000Z', prevHash: '', hash: '', processingActivityId: 'pa.ijw.toewijzing' } as unknown as AuditRecord;
  return toLdvRecord(record) as unknown as Line;
}

describe("the Logboek Dataverwerkingen standard's own example records", () => {
  it("when the standard's examples are judged field by field by the schema the export is held to, then only the fields where an example contradicts the standard's own text fail", () => {
    for (const name of ['resource', 'foutregistratie'] as const) {
      expect(nonConformingFields(examples[name]), name).toEqual(Object.keys(CONTRADICTS_OWN_TEXT[name]).sort());
    }
    // What the examples show in agreement with the text passes: the ids, the name, the error and resource attributes.
    const agreeing = Object.keys(examples.foutregistratie).filter((f) => !nonConformingFields(examples.foutregistratie).includes(f));
    expect(agreeing.sort()).toEqual(['attributes', 'name', 'span_id', 'trace_id']);
    expect(nonConformingFields(examples.resource)).not.toContain('resource');
  });

  it('when the schema judges a line that breaks the interface table where the examples keep it, then it fails there (the schema is not blind to the fields the examples pass)', () => {
    const broken = { ...examples.foutregistratie, trace_id: '7bba9f33312b3dab', span_id: '2a3f5c8d1e6b4a09ff', name: '', attributes: { ...(examples.foutregistratie['attributes'] as object), 'exception.kind': 'x' } };
    expect(nonConformingFields(broken)).toEqual(expect.arrayContaining(['attributes.exception.kind', 'name', 'span_id', 'trace_id']));
  });

  it('when a comparable event (a delivery that dead-lettered) is exported, then it has the foutregistratie example\'s field names and forms: ids of 16 and 8 bytes in hex, a name, attributes; it departs only where the README says', () => {
    const example = examples.foutregistratie;
    const ours = exportedFault();
    const fields = [...new Set([...Object.keys(example), ...Object.keys(ours)])].sort();
    const departures = Object.fromEntries(fields.filter((f) => formOf(example[f]) !== formOf(ours[f])).map((f) => [f, `${formOf(example[f])} -> ${formOf(ours[f])}`]));
    expect(departures).toEqual({
      // The status: the example's name and spelling (sections/specificaties.md) against the interface table's enum name (02-component-logboek.md).
      status: 'text -> absent',
      status_code: 'absent -> status-enum-name',
      // The time unit: the example writes ISO 8601, its own text says milliseconds since the epoch, as the export does.
      start_time: 'iso-8601 -> epoch-ms',
      end_time: 'iso-8601 -> epoch-ms',
      // parent_span_id "" is no 8-byte id; it is optional, and the gateway has no parent span to name.
      parent_span_id: 'empty -> absent',
      // resource is optional; the export names the gateway there.
      resource: 'absent -> object',
    });
    for (const f of ['trace_id', 'span_id', 'name', 'attributes']) expect(formOf(ours[f]), f).toBe(formOf(example[f]));
    expect(formOf(ours['trace_id'])).toBe('hex-16-bytes');
    expect(formOf(ours['span_id'])).toBe('hex-8-bytes');
    // Both state the same status: an error.
    expect(statusOf(example)).toBe('error');
    expect(statusOf(ours)).toBe('error');
    // Milliseconds since the epoch, of the record's own instant.
    expect(ours['start_time']).toBe(Date.parse('2026-03-09T20:21:00.000Z'));
  });

  it('when an exported line names its processing activity, then it is a URI where the resource example writes a number, which the standard\'s text says must be a URI', () => {
    const ours = exportedFault();
    const exampleAttributes = examples.resource['attributes'] as Line;
    const ourAttributes = ours['attributes'] as Line;
    expect(formOf(exampleAttributes['dpl.core.processing_activity_id'])).toBe('integer');
    expect(formOf(ourAttributes['dpl.core.processing_activity_id'])).toBe('uri');
    expect(formOf(ours['resource'])).toBe(formOf(examples.resource['resource']));
    expect(formOf((ours['resource'] as Line)['attributes'])).toBe('object');
  });
});
