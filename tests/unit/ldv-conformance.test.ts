// The audit export against the Logboek Dataverwerkingen itself (issue 15). The standard's interface
// table (Logius-standaarden/logboek-dataverwerkingen, sections/03-specificaties/02-component-logboek.md,
// "Component: Logboek") is written down as a JSON Schema (tests/support/ldv-logregel-schema.ts): trace_id 16 bytes, span_id 8 bytes,
// status_code one of its enum (STATUS_CODE_UNSET 0, STATUS_CODE_OK 1, STATUS_CODE_ERROR 2, in protobuf's
// JSON names, as the reference Logboek's proto declares it), name, start_time and end_time in ms,
// optional parent_span_id, foreign_operation and resource, attributes required, with
// dpl.core.processing_activity_id a URI into the register. Every line of a varied chain must conform,
// and each outcome maps to the status the standard describes for it.
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/audit/audit-log.ts';
import { PROCESSING_ACTIVITY_BASE, toLdvRecord } from '../../src/audit/ldv-export.ts';
import { loadLegalBasisCatalogue, defaultCatalogueFile } from '../../consent/legal-basis-catalogue.ts';
import type { AuditRecord } from '../../src/kernel/audit-record.ts';
import { memoryAuditChain } from '../support/memory-audit-chain.ts';
import { recordTime, variedDrafts } from '../support/varied-audit-chain.ts';
import { ldvConforms } from '../support/ldv-logregel-schema.ts';

const conforms = ldvConforms;

async function exported(): Promise<AuditRecord[]> {
  const { records, tx } = memoryAuditChain();
  let n = 0;
  for (const draft of variedDrafts()) await appendAudit(tx, draft, recordTime((n += 1)));
  await appendAudit(tx, { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), action: 'delivery.attempt', outcome: 'dead-letter', actor: 'gateway', processingActivityId: 'pa.ijw.toewijzing' }, recordTime(n + 1));
  return records;
}

describe('the export as the Logboek Dataverwerkingen defines a log line', () => {
  it('when any record is exported, then its line has exactly the standard\'s fields in the standard\'s forms', async () => {
    for (const record of await exported()) {
      const line = toLdvRecord(record);
      expect(conforms(line), `seq ${record.seq}: ${JSON.stringify(conforms.errors)}`).toBe(true);
      expect(line.end_time).toBeGreaterThanOrEqual(line.start_time);
    }
  });

  it('when a record names a processing activity, then the export points to its entry in the register, and the entry exists', async () => {
    const catalogue = loadLegalBasisCatalogue(defaultCatalogueFile);
    const line = toLdvRecord((await exported()).at(-1)!);
    const uri = String(line.attributes['dpl.core.processing_activity_id']);
    expect(uri).toBe(`${PROCESSING_ACTIVITY_BASE}pa.ijw.toewijzing`);
    expect(new URL(uri).protocol).toBe('https:');
    expect(catalogue.processingActivity(uri.slice(PROCESSING_ACTIVITY_BASE.length))).toBeDefined();
  });

  it('when a processing activity id is a URI already, then the export carries it as it is, not nested under the register base (regression)', () => {
    const record = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), action: 'exchange.submit', outcome: 'allowed', actor: 'party-a', seq: 1, time: '2026-11-23T12:00:00.000Z', prevHash: '', hash: '', processingActivityId: 'https://example.org/register/verwerkingen/ijw-verzoek-toewijzing/1' } as unknown as AuditRecord;
    expect(toLdvRecord(record).attributes['dpl.core.processing_activity_id']).toBe('https://example.org/register/verwerkingen/ijw-verzoek-toewijzing/1');
  });

  it('when the outcome is a server-side fault, a refusal or a completed processing, then status_code is ERROR, UNSET or OK as the standard describes', () => {
    const base = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), action: 'delivery.attempt', actor: 'gateway', seq: 1, time: '2026-11-23T12:00:00.000Z', prevHash: '', hash: '' } as const;
    const status = (outcome: string): string => toLdvRecord({ ...base, outcome } as unknown as AuditRecord).status_code;
    for (const outcome of ['dead-letter', 'retry', 'failed', 'interrupted', 'lease-expired']) expect(status(outcome), outcome).toBe('STATUS_CODE_ERROR');
    expect(status('refused')).toBe('STATUS_CODE_UNSET');
    for (const outcome of ['allowed', 'delivered', 'read', 'granted', 'revoked', 'not-justified']) expect(status(outcome), outcome).toBe('STATUS_CODE_OK');
  });
});
