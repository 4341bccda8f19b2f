import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';
import { genesisHash, hashAuditRecord } from '../../src/audit/audit-hash.ts';
import { canonicalJson } from '../../src/audit/canonical-json.ts';
import { memoryAuditChain } from '../support/memory-audit-chain.ts';


const draft = (i: number) => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), action: 'exchange.submit' as const, outcome: 'allowed' as const, actor: `party-${i}`, consentIds: [] });

describe('the audit hash chain', () => {
  it('when records are appended, then each links to the previous hash and the chain verifies', async () => {
    const { records, tx, store } = memoryAuditChain();
    for (let i = 0; i < 5; i++) await appendAudit(tx, draft(i), new Date(Date.UTC(2026, 10, 23, 12, 0, i)));
    expect(records[0]!.prevHash).toBe(genesisHash);
    expect(records[3]!.prevHash).toBe(records[2]!.hash);
    expect(await verifyAuditChain(store, { pageSize: 2 })).toEqual({
      ok: true,
      checked: 5,
      head: { seq: 5, hash: records[4]!.hash },
      firstBroken: null,
      mismatchedColumns: [],
      checkpoints: { verified: 0, unchecked: 0, failed: [], signedUpTo: null },
    });
  });

  it('when a record is altered, then verification names it', async () => {
    const { records, tx, store } = memoryAuditChain();
    for (let i = 0; i < 5; i++) await appendAudit(tx, draft(i), new Date());
    records[2] = { ...records[2]!, actor: 'someone-else' };
    expect(await verifyAuditChain(store)).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, problem: expect.stringMatching(/altered/) } });
  });

  it('when a record is removed, then verification names the gap', async () => {
    const { records, tx, store } = memoryAuditChain();
    for (let i = 0; i < 5; i++) await appendAudit(tx, draft(i), new Date());
    records.splice(1, 1);
    expect((await verifyAuditChain(store)).firstBroken).toMatchObject({ seq: 3 });
  });

  it('when a record is rehashed after being altered, then the next link breaks', async () => {
    const { records, tx, store } = memoryAuditChain();
    for (let i = 0; i < 3; i++) await appendAudit(tx, draft(i), new Date());
    const { hash: _old, ...rest } = { ...records[1]!, actor: 'forged' };
    records[1] = { ...rest, hash: hashAuditRecord(rest) };
    expect(await verifyAuditChain(store)).toMatchObject({ ok: false, firstBroken: { seq: 3, problem: expect.stringMatching(/prevHash/) } });
  });

  it('when keys come in another order, then the canonical JSON is the same', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: undefined }] })).toBe(canonicalJson({ a: [{ d: 1 }], b: 1 }));
  });
});
