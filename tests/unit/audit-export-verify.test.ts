// The offline export verifies as strictly as the store (export-verifier.ts): a whole export of a
// varied chain with signed checkpoints verifies; removing its first records, changing any field the
// hash does not reach (status_code, end_time, resource, an added or dropped attribute, a member beside the
// LDV's) or any it does reach is named; an export from later on verifies only when said so (--from).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/audit/audit-log.ts';
import { loadCheckpointSigner, publicKeyFromJwk } from '../../src/audit/checkpoint-signing.ts';
import { verifyExportLines } from '../../src/audit/export-verifier.ts';
import { toLdvRecord } from '../../src/audit/ldv-export.ts';
import type { AuditCheckpoint } from '../../src/store/store.ts';
import { memoryAuditChain } from '../support/memory-audit-chain.ts';
import { recordTime, variedDrafts } from '../support/varied-audit-chain.ts';

const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-export-verify-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
const signer = loadCheckpointSigner(join(dir, 'key.jwk'), { create: true });
const publicKey = publicKeyFromJwk(signer.publicJwk);

/** A varied chain, exported as the CLI writes it: checkpoints of seq 4 and 9 just before their records. */
async function exportLines(): Promise<string[]> {
  const { records, tx } = memoryAuditChain();
  let n = 0;
  for (const draft of variedDrafts()) await appendAudit(tx, draft, recordTime((n += 1)));
  const checkpoints = new Map<number, AuditCheckpoint>(
    [4, 9].map((seq) => [seq, signer.sign({ seq, hash: records[seq - 1]!.hash, signedAt: recordTime(100).toISOString() })]),
  );
  return records.flatMap((r) => [
    ...(checkpoints.has(r.seq) ? [JSON.stringify({ 'ketenpoort.checkpoint': checkpoints.get(r.seq) })] : []),
    JSON.stringify(toLdvRecord(r)),
  ]);
}

const recordLines = (lines: string[]): number[] => lines.flatMap((l, i) => (l.includes('"ketenpoort.checkpoint"') ? [] : [i]));

/** The export with one record line changed by `edit` (the line of record `seq`). */
function edited(lines: string[], seq: number, edit: (line: Record<string, any>) => void): string[] {
  const copy = [...lines];
  const index = recordLines(lines)[seq - 1]!;
  const line = JSON.parse(copy[index]!) as Record<string, any>;
  edit(line);
  copy[index] = JSON.stringify(line);
  return copy;
}

describe('verifying an audit export offline', () => {
  it('when the export is whole, then it verifies with its checkpoints and names nothing', async () => {
    const lines = await exportLines();
    const result = await verifyExportLines(lines, { publicKey });
    expect(result).toMatchObject({ ok: true, firstBroken: null, mismatchedFields: [], checkpoints: { verified: 2, failed: [] } });
    expect(result.checked).toBe(recordLines(lines).length);
  });

  it('when the first records of a full export are removed, then it is broken at its first line; said to start there (--from), it verifies', async () => {
    const lines = await exportLines();
    const cut = lines.slice(recordLines(lines)[5]); // records 1-5 and the checkpoint of 4 gone
    expect(await verifyExportLines(cut, { publicKey })).toMatchObject({
      ok: false,
      checked: 0,
      firstBroken: { seq: 6, problem: 'the chain starts at seq 6, not at seq 1: its first records were removed' },
    });
    expect(await verifyExportLines(cut, { publicKey, fromSeq: 6 })).toMatchObject({ ok: true, firstBroken: null, checkpoints: { verified: 1 } });
    expect(await verifyExportLines(cut.slice(1), { publicKey, fromSeq: 6 })).toMatchObject({
      ok: false,
      firstBroken: { seq: 7, problem: 'expected seq 6 first, found 7: records were removed from the start' },
    });
  });

  it('when a field outside the hash is changed, added or dropped, then verification names the record and the field', async () => {
    const lines = await exportLines();
    const cases: [string, (l: Record<string, any>) => void, string][] = [
      ['status_code', (l) => { l.status_code = l.status_code === 'STATUS_CODE_ERROR' ? 'STATUS_CODE_OK' : 'STATUS_CODE_ERROR'; }, 'status_code'],
      ['end time', (l) => { l.end_time = Number(l.end_time) + 1000; }, 'end_time'],
      ['an added attribute', (l) => { l.attributes['dpl.core.extra'] = 'x'; }, 'attributes.dpl.core.extra'],
      ['an added unprefixed attribute', (l) => { l.attributes.note = 'x'; }, 'attributes.note'],
      ['the resource', (l) => { l.resource.attributes['service.name'] = 'other'; }, 'resource.attributes.service.name'],
      ['an added resource attribute', (l) => { l.resource.attributes['host.name'] = 'h'; }, 'resource.attributes.host.name'],
      ['a member beside the LDV ones', (l) => { l.severity = 'high'; }, 'severity'],
      ['a dropped member', (l) => { delete l.resource; }, 'resource'],
    ];
    for (const [what, edit, field] of cases) {
      const result = await verifyExportLines(edited(lines, 3, edit), { publicKey });
      expect(result, what).toMatchObject({ ok: false, firstBroken: null, mismatchedFields: [{ seq: 3, field }] });
    }
  });

  it('when a hashed field is changed, added or dropped (outcome, start time, a ketenpoort attribute, the pseudonym), then the record no longer matches its hash', async () => {
    const lines = await exportLines();
    const cases: [string, (l: Record<string, any>) => void][] = [
      ['the outcome', (l) => { l.attributes['ketenpoort.outcome'] = 'refused'; }],
      ['the start time', (l) => { l.start_time = Number(l.start_time) + 1; }],
      ['an added ketenpoort attribute', (l) => { l.attributes['ketenpoort.note'] = 'x'; }],
      ['the name', (l) => { l.name = 'audit.read'; }],
      ['a dropped attribute', (l) => { delete l.attributes['ketenpoort.actor']; }],
    ];
    for (const [what, edit] of cases) {
      const result = await verifyExportLines(edited(lines, 7, edit), { publicKey });
      expect(result, what).toMatchObject({ ok: false, firstBroken: { seq: 7, problem: 'hash does not match the record (it was altered)' } });
    }
  });

  it('when the processing activity URI is moved out of the register (another base), then the record no longer matches its hash', async () => {
    const lines = await exportLines();
    const seq = recordLines(lines).length; // the last record names a processing activity
    expect(JSON.parse(lines.at(-1)!).attributes['dpl.core.processing_activity_id']).toBe('https://ketenpoort.nl/register/verwerkingsactiviteiten/pa-1');
    const moved = edited(lines, seq, (l) => { l.attributes['dpl.core.processing_activity_id'] = 'https://elders.example/pa-1'; });
    expect(await verifyExportLines(moved, { publicKey })).toMatchObject({ ok: false, firstBroken: { seq, problem: 'hash does not match the record (it was altered)' } });
  });

  it('when a line is not JSON or a checkpoint line carries more than its checkpoint, then verification refuses the file and names the line', async () => {
    const lines = await exportLines();
    await expect(verifyExportLines([...lines.slice(0, 2), '{not json', ...lines.slice(2)])).rejects.toMatchObject({ code: 'invalid-input', detail: 'line 3: not a JSON line' });
    const checkpointIndex = lines.findIndex((l) => l.includes('"ketenpoort.checkpoint"'));
    const extra = [...lines];
    extra[checkpointIndex] = extra[checkpointIndex]!.replace(/}$/, ',"note":"x"}');
    await expect(verifyExportLines(extra)).rejects.toMatchObject({ code: 'invalid-input', detail: expect.stringMatching(`^line ${checkpointIndex + 1}: not a checkpoint line`) });
  });
});
