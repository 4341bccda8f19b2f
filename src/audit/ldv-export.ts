// The audit export: one JSON line per audit record, with the field names and forms of the Logboek
// Dataverwerkingen (Logius; domain.md 5.1; Logius-standaarden/logboek-dataverwerkingen, "Component:
// Logboek"): trace_id (16 bytes, hex), span_id (8 bytes, hex), status_code (STATUS_CODE_UNSET, _OK or
// _ERROR, the enum's names as protobuf's JSON writes them), name, start_time and end_time (epoch ms),
// resource.attributes, and attributes with the dpl.core.* keys, dpl.core.processing_activity_id a URI
// into the register of processing activities (PROCESSING_ACTIVITY_BASE + the catalogue's id). What the LDV has no name for
// travels as `ketenpoort.<field>` attributes, so the mapping is exact both ways: an auditor can turn
// every line back into the gateway's record, recompute its hash and check the chain and the signed
// checkpoints offline (chain-verifier.ts), with nothing but the export and the gateway's public key.
//
// A checkpoint travels in the same file as its own line: {"ketenpoort.checkpoint": {...}}.
//
// Every field of a line is covered by the record's hash or derived from the hashed record: trace_id,
// span_id, name, start_time and every `ketenpoort.*` and `dpl.core.*` attribute are the record's own
// fields (hashed; the processing activity URI is the hashed id under a fixed base); status_code (from
// the outcome), end_time (= start_time) and resource.attributes
// (service.name) are derived from it. A verifier re-derives the whole line from the record it reads
// back (ldvLineDifferences) and names every field that differs, so no field can be changed, added or
// dropped unseen.

import type { AuditCheckpoint } from '../store/store.ts';
import type { AuditRecord } from '../kernel/audit-record.ts';

/** LDV status_code: UNSET (done, or refused as a client-side fault, 4xx), OK (explicitly succeeded), ERROR (a server-side fault). */
export type LdvStatusCode = 'STATUS_CODE_UNSET' | 'STATUS_CODE_OK' | 'STATUS_CODE_ERROR';

/**
 * Where processing activity ids point: the gateway's register of processing activities (AVG art. 30;
 * consent/legal-bases.json), one URI per entry. A fixed base, so an export verifies offline.
 */
export const PROCESSING_ACTIVITY_BASE = 'https://ketenpoort.nl/register/verwerkingsactiviteiten/';

/**
 * A processing activity id as a URI: a catalogue id under PROCESSING_ACTIVITY_BASE; an id that is a
 * URI already (an activity registered elsewhere) as it is, not nested under the base. Reading back
 * strips the base only, so both round-trip.
 */
function activityUri(id: string): string {
  return /^https?:\/\//.test(id) ? id : `${PROCESSING_ACTIVITY_BASE}${id}`;
}

export interface LdvRecord {
  readonly trace_id: string;
  readonly span_id: string;
  /** The processing action (the gateway's audit action). */
  readonly name: string;
  readonly status_code: LdvStatusCode;
  /** Epoch milliseconds; the gateway records instants, so end_time equals start_time. */
  readonly start_time: number;
  readonly end_time: number;
  readonly resource: { readonly attributes: Readonly<Record<string, string>> };
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface CheckpointLine {
  readonly 'ketenpoort.checkpoint': AuditCheckpoint;
}

export type ExportLine = LdvRecord | CheckpointLine;

/** The LDV core attributes (dpl.core.*) for the fields that have one. */
const coreAttributes: Readonly<Record<string, string>> = {
  processingActivityId: 'dpl.core.processing_activity_id',
  dataSubjectId: 'dpl.core.data_subject_id',
  dataSubjectIdType: 'dpl.core.data_subject_id_type',
};
const fromCore = new Map(Object.entries(coreAttributes).map(([field, attribute]) => [attribute, field]));
/** Fields that are the LDV record's own members, not attributes. */
const ownMembers = new Set(['traceId', 'spanId', 'action', 'time']);
// Server-side faults (a delivery or a run that failed) are ERROR; a refusal is the sender's fault, which
// the LDV leaves UNSET (as a 4xx); everything else completed and is marked OK explicitly.
const errorOutcomes = new Set(['failed', 'retry', 'dead-letter', 'interrupted', 'lease-expired']);
const unsetOutcomes = new Set(['refused']);
const statusCodeOf = (outcome: string): LdvStatusCode => (errorOutcomes.has(outcome) ? 'STATUS_CODE_ERROR' : unsetOutcomes.has(outcome) ? 'STATUS_CODE_UNSET' : 'STATUS_CODE_OK');
const prefix = 'ketenpoort.';

const snake = (camel: string): string => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (snakeName: string): string => snakeName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export function toLdvRecord(record: AuditRecord): LdvRecord {
  const attributes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (value === undefined || ownMembers.has(field)) continue;
    attributes[coreAttributes[field] ?? `${prefix}${snake(field)}`] = field === 'processingActivityId' ? activityUri(String(value)) : value;
  }
  const ms = Date.parse(record.time);
  return {
    trace_id: record.traceId,
    span_id: record.spanId,
    name: record.action,
    status_code: statusCodeOf(record.outcome),
    start_time: ms,
    end_time: ms,
    resource: { attributes: { 'service.name': 'ketenpoort' } },
    attributes,
  };
}

const validTime = (ms: unknown): ms is number => typeof ms === 'number' && !Number.isNaN(new Date(ms).getTime());

/** The gateway's record back from an export line (the inverse of toLdvRecord). */
export function fromLdvRecord(line: LdvRecord): AuditRecord {
  // A line that is not even shaped like one reads as an empty record, which no hash matches.
  const given = line.attributes as unknown;
  const attributes = given !== null && typeof given === 'object' ? (given as Readonly<Record<string, unknown>>) : {};
  const record: Record<string, unknown> = {
    traceId: line.trace_id,
    spanId: line.span_id,
    action: line.name,
    time: validTime(line.start_time) ? new Date(line.start_time).toISOString() : String(line.start_time),
  };
  for (const [attribute, value] of Object.entries(attributes)) {
    const core = fromCore.get(attribute);
    // A processing activity URI outside the register reads back as itself, so its hash fails.
    if (core === 'processingActivityId' && typeof value === 'string' && value.startsWith(PROCESSING_ACTIVITY_BASE)) record[core] = value.slice(PROCESSING_ACTIVITY_BASE.length);
    else if (core !== undefined) record[core] = value;
    else if (attribute.startsWith(prefix)) record[camel(attribute.slice(prefix.length))] = value;
  }
  return record as unknown as AuditRecord;
}

export function isCheckpointLine(line: unknown): line is CheckpointLine {
  return line !== null && typeof line === 'object' && 'ketenpoort.checkpoint' in line;
}

/**
 * The record a line stands for, and the line's fields that differ from the line derived again from
 * that record (`status_code`, `end_time`, `attributes.x`, ...): a field changed, added or dropped where the
 * hash does not reach it. A record field changed shows as a hash that no longer matches instead.
 */
export function ldvLineDifferences(line: LdvRecord): { readonly record: AuditRecord; readonly differences: readonly string[] } {
  const record = fromLdvRecord(line);
  const differences: string[] = [];
  const expected = toLdvRecord(record) as unknown as Record<string, unknown>;
  const actual = line as unknown as Record<string, unknown>;
  const compare = (a: unknown, b: unknown, path: string): void => {
    const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (isObject(a) && isObject(b) && (path === '' || path === 'resource' || path === 'attributes' || path === 'resource.attributes')) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) compare(a[key], b[key], path === '' ? key : `${path}.${key}`);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(path);
  };
  compare(actual, expected, '');
  return { record, differences };
}
