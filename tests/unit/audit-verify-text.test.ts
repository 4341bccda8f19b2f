// `ketenpoort audit verify` for people: found as a new user (issue 13), a witness with one checkpoint
// read "1 entries".
import { describe, expect, it } from 'vitest';
import { verificationText } from '../../src/cli/audit-command.ts';

const base = { ok: true, checked: 9, head: { seq: 9, hash: 'a'.repeat(64) }, firstBroken: null } as const;

describe('audit verify text', () => {
  it('when a witness holds one entry, then the line says "1 entry", and "2 entries" for two', () => {
    const one = verificationText({ ...base, witnesses: [{ source: '/data/audit.witness', entries: 1, newestSeq: 3, failed: [] }] });
    expect(one).toContain('witness /data/audit.witness: 1 entry, newest at seq 3, agrees');
    const two = verificationText({ ...base, witnesses: [{ source: '/data/audit.witness', entries: 2, newestSeq: 6, failed: [] }] });
    expect(two).toContain('witness /data/audit.witness: 2 entries, newest at seq 6, agrees');
  });
});
