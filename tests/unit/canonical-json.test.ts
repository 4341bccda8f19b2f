import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';
import { hashAuditRecord } from '../../src/audit/audit-hash.ts';
import { canonicalJson } from '../../src/audit/canonical-json.ts';
import { checkpointBytes } from '../../src/audit/checkpoint-signing.ts';
import type { AuditRecord } from '../../src/kernel/audit-record.ts';
import { awkwardStrings, recordTime, variedDrafts } from '../support/varied-audit-chain.ts';
import { memoryAuditChain } from '../support/memory-audit-chain.ts';

/**
 * The gateway's own canonical JSON before the RFC 8785 library replaced it, kept here verbatim as the
 * reference: the library may only be used while it gives the same bytes.
 */
function homeMadeCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : homeMadeCanonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${homeMadeCanonicalJson(v)}`).join(',')}}`;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');


const numbers = [0, -0, 1, -1, 1.5, -273.15, 0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, 2 ** 53 + 2, 1 / 3];

const values: readonly unknown[] = [
  null, true, false, ...numbers, ...awkwardStrings,
  {}, [], [[]], [{}], { a: {} },
  // Key order: by UTF-16 code units, integer-like keys included (JS puts those first in its own order).
  { b: 1, a: 2, B: 3, _: 4, '10': 5, '9': 6, '': 7, é: 8, '😀': 9, '\uffff': 10, 'a b': 11, aa: 12, 'a\u0000': 13 },
  // RFC 8785 §3.2.3's sorting example.
  { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' },
  // Undefined members are left out, at any depth; arrays keep their positions.
  { keep: 1, drop: undefined, nested: { drop: undefined, keep: [1, 'two', null, { z: undefined, y: [] }] } },
  { deep: { deeper: { deepest: { list: [1, [2, [3, [4, { five: '5' }]]]] } } } },
  { numbers, strings: awkwardStrings, mixed: [null, true, 0, '', {}, []] },
  Object.fromEntries(awkwardStrings.map((s, i) => [s, i])),
];

describe('canonical JSON by the RFC 8785 library, against the gateway\'s own before it', () => {
  it.each(values.map((v, i) => [i, v] as const))('when value %i is canonicalised, then the bytes are those of the home-made function', (_i, value) => {
    expect(canonicalJson(value)).toBe(homeMadeCanonicalJson(value));
  });

  it('when the RFC\'s sorting example is canonicalised, then the keys come in its order', () => {
    const text = canonicalJson(values.find((v) => typeof v === 'object' && v !== null && '\u20ac' in v));
    const expected = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const positions = expected.map((key) => text.indexOf(`${JSON.stringify(key)}:`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toStrictEqual(positions);
  });

  it('when a chain of varied records is written, then every hash is the SHA-256 of the home-made canonical JSON', async () => {
    const { records, tx, store } = memoryAuditChain();
    for (const [n, draft] of variedDrafts().entries()) await appendAudit(tx, draft, recordTime(n));
    for (const { hash, ...unhashed } of records) {
      expect(hash).toBe(sha256(homeMadeCanonicalJson(unhashed)));
    }
    expect((await verifyAuditChain(store)).ok).toBe(true);
  });

  it('when the chain recorded before the library is read, then the same drafts give the same records and it verifies', async () => {
    const recorded = (JSON.parse(readFileSync(new URL('../fixtures/audit-chain-recorded.json', import.meta.url), 'utf8')) as { records: AuditRecord[] }).records;
    const { records, tx } = memoryAuditChain();
    for (const [n, draft] of variedDrafts().entries()) await appendAudit(tx, draft, recordTime(n));
    expect(records).toStrictEqual(recorded);
    for (const { hash, ...unhashed } of recorded) expect(hashAuditRecord(unhashed)).toBe(hash);
    expect(await verifyAuditChain(memoryAuditChain([...recorded]).store)).toMatchObject({ ok: true, checked: recorded.length, firstBroken: null });
  });

  it('when a recorded record is altered, then the chain no longer verifies (the check can fail)', async () => {
    const recorded = (JSON.parse(readFileSync(new URL('../fixtures/audit-chain-recorded.json', import.meta.url), 'utf8')) as { records: AuditRecord[] }).records;
    const altered = recorded.map((r) => (r.seq === 4 ? { ...r, detail: `${r.detail ?? ''}x` } : r));
    expect(await verifyAuditChain(memoryAuditChain(altered).store)).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
  });

  it('when a checkpoint is signed, then the signed bytes are the home-made canonical JSON of it', () => {
    const checkpoint = { seq: 14, hash: 'a'.repeat(64), signedAt: '2026-11-23T12:00:00.000Z', keyId: 'key-é-1' };
    expect(checkpointBytes(checkpoint).toString('utf8')).toBe(homeMadeCanonicalJson({ seq: 14, hash: 'a'.repeat(64), signedAt: '2026-11-23T12:00:00.000Z', keyId: 'key-é-1' }));
  });
});
