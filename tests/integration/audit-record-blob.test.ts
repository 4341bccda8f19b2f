// A record stored as a BLOB (the SQLite audit table rebuilt without STRICT by someone with access to
// the file). JSON.parse, which the plain walk uses, reads any value by its text (a Buffer's is its
// UTF-8). The review of the audit fast path found a version of the chain walk that assumed a string
// and threw, so `audit verify` answered nothing: the walk must answer as the plain walk does.
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';
import type { AuditDraft } from '../../src/kernel/audit-record.ts';
import { openTamperableSqlite } from '../support/tamperable-store.ts';

const draft = (n: number): AuditDraft => ({
  traceId: `t${n}`,
  spanId: `s${n}`,
  action: 'exchange.submit',
  outcome: 'allowed',
  actor: 'party-a',
  releasedFields: ['/Client/Bsn', '/Header/Afzender'],
});

/** The audit table rebuilt without STRICT, then the statement run on it. */
const rebuiltThen = (text: string): string => `
  CREATE TABLE audit_copy AS SELECT * FROM audit;
  DROP TABLE audit;
  ALTER TABLE audit_copy RENAME TO audit;
  ${text}`;

describe('audit verify over a record stored as a BLOB (SQLite table rebuilt without STRICT)', () => {
  it('when record 2 holds its own bytes as a BLOB, then verification answers as the plain walk does (intact), not with an error', async () => {
    const t = await openTamperableSqlite('kp-audit-blob-');
    try {
      for (let i = 1; i <= 3; i++) await t.store.transaction((tx) => appendAudit(tx, draft(i), new Date(Date.UTC(2026, 11, 5, 0, 0, i))));
      await t.sql(rebuiltThen(`UPDATE audit SET record = CAST(record AS BLOB) WHERE seq = 2;`));
      const result = await verifyAuditChain(t.store);
      expect(result).toMatchObject({ ok: true, checked: 3, firstBroken: null, mismatchedColumns: [] });
    } finally {
      await t.done();
    }
  });

  it('when record 2 is altered and stored as a BLOB, then verification names record 2 as altered, as the plain walk does', async () => {
    const t = await openTamperableSqlite('kp-audit-blob-');
    try {
      for (let i = 1; i <= 3; i++) await t.store.transaction((tx) => appendAudit(tx, draft(i), new Date(Date.UTC(2026, 11, 5, 0, 0, i))));
      await t.sql(rebuiltThen(`UPDATE audit SET record = CAST(replace(record, '"party-a"', '"party-b"') AS BLOB) WHERE seq = 2;`));
      const result = await verifyAuditChain(t.store);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toStrictEqual({ seq: 2, problem: 'hash does not match the record (it was altered)' });
    } finally {
      await t.done();
    }
  });
});
