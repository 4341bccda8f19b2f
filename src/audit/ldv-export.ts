// The audit export: one JSON line per audit record, with the field names of the Logboek
// Dataverwerkingen 1.0.0 (Logius; domain.md 5.1): trace_id, span_id, name, status, start_time,
// end_time, resource.attributes and attributes with the dpl.core.* keys. What the LDV has no name for
// travels as `ketenpoort.<field>` attributes, so the mapping is exact both ways: an auditor can turn
// every line back into the gateway's record, recompute its hash and check the chain and the signed
// checkpoints offline (chain-verifier.ts), with nothing but the export and the gateway's public key.
//
// A checkpoint travels in the same file as its own line: {"ketenpoort.checkpoint": {...}}.

import type { AuditCheckpoint } from '../store/store.ts';
import type { AuditRecord } from '../kernel/audit-record.ts';

export interface LdvRecord {
  readonly trace_id: string;
  readonly span_id: string;
  /** The processing action (the gateway's audit action). */
  readonly name: string;
  readonly status: 'Ok' | 'Error';
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
const errorOutcomes = new Set(['failed', 'retry', 'dead-letter', 'interrupted']);
const prefix = 'ketenpoort.';

const snake = (camel: string): string => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (snakeName: string): string => snakeName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export function toLdvRecord(record: AuditRecord): LdvRecord {
  const attributes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (value === undefined || ownMembers.has(field)) continue;
    attributes[coreAttributes[field] ?? `${prefix}${snake(field)}`] = value;
  }
  const ms = Date.parse(record.time);
  return {
    trace_id: record.traceId,
    span_id: record.spanId,
    name: record.action,
    status: errorOutcomes.has(record.outcome) ? 'Error' : 'Ok',
    start_time: ms,
    end_time: ms,
    resource: { attributes: { 'service.name': 'ketenpoort' } },
    attributes,
  };
}

/** The gateway's record back from an export line (the inverse of toLdvRecord). */
export function fromLdvRecord(line: LdvRecord): AuditRecord {
  const record: Record<string, unknown> = {
    traceId: line.trace_id,
    spanId: line.span_id,
    action: line.name,
    time: new Date(line.start_time).toISOString(),
  };
  for (const [attribute, value] of Object.entries(line.attributes)) {
    const core = fromCore.get(attribute);
    if (core !== undefined) record[core] = value;
    else if (attribute.startsWith(prefix)) record[camel(attribute.slice(prefix.length))] = value;
  }
  return record as unknown as AuditRecord;
}

export function isCheckpointLine(line: unknown): line is CheckpointLine {
  return line !== null && typeof line === 'object' && 'ketenpoort.checkpoint' in line;
}
