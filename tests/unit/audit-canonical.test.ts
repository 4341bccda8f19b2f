// The audit hash's shorter way to RFC 8785 (src/audit/audit-hash.ts) against the library itself: over
// generated records of the audit record's shape (members in any order, any of them left out, strings
// from the whole of UTF-16, numbers at the edges), over records of other shapes (unknown members,
// nested objects, other value types, lone surrogates), and over the chain recorded before the library
// (tests/fixtures/audit-chain-recorded.json). Byte for byte, or the same error.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { auditCanonicalJson, auditRecordCanonical, hashAuditRecord, recomputeAuditHash } from '../../src/audit/audit-hash.ts';
import type { AuditRecord } from '../../src/kernel/audit-record.ts';
import { generator } from '../support/audit-record-generator.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The library's bytes, or its error. */
const library = (value: unknown): string | Error => {
  try {
    return canonicalize(value) ?? new Error('no JSON form');
  } catch (err) {
    return err as Error;
  }
};
const ours = (value: Record<string, unknown>): string | Error => {
  try {
    return auditCanonicalJson(value as unknown as Omit<AuditRecord, 'hash'>);
  } catch (err) {
    return err as Error;
  }
};

describe('the audit hash\'s canonical JSON, against the RFC 8785 library', () => {
  it('when 20,000 generated records of the audit record\'s shape are canonicalised, then the bytes are the library\'s, by the short way', () => {
    const { record } = generator(14);
    let short = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = record(false);
      const expected = library(r);
      expect(ours(r)).toStrictEqual(expected);
      if (auditRecordCanonical(r, 'refuse') !== undefined) short += 1;
    }
    // Strings without lone surrogates: every one of these goes the short way (the test is not
    // passed by the library alone).
    expect(short).toBe(20_000);
  });

  it('when 20,000 generated records of other shapes are canonicalised, then the bytes (or the error) are the library\'s', () => {
    const { odd } = generator(8785);
    let errors = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = odd();
      const expected = library(r);
      if (expected instanceof Error) errors += 1;
      expect(ours(r)).toStrictEqual(expected);
    }
    expect(errors).toBeGreaterThan(0); // lone surrogates and NaN are refused, as by the library
  });

  it('when a stored record\'s hash is recomputed, then it is the SHA-256 of the library\'s bytes of its other members', () => {
    const { record, odd } = generator(2026);
    for (let i = 0; i < 10_000; i++) {
      const r = i % 4 === 3 ? { ...odd(), hash: 'h' } : record(true);
      const { hash: _hash, ...rest } = r;
      const expected = library(rest);
      if (expected instanceof Error) {
        expect(() => recomputeAuditHash(r as unknown as AuditRecord)).toThrow(expected.message);
        continue;
      }
      expect(recomputeAuditHash(r as unknown as AuditRecord)).toBe(sha256(expected));
      // hashAuditRecord of a record that still has its hash member hashes that member too, as before.
      expect(hashAuditRecord(r as unknown as AuditRecord)).toBe(sha256(library(r) as string));
    }
  });

  it('when the chain recorded before the library is recomputed, then every hash matches, by the short way', () => {
    const recorded = (JSON.parse(readFileSync(new URL('../fixtures/audit-chain-recorded.json', import.meta.url), 'utf8')) as { records: AuditRecord[] }).records;
    expect(recorded.length).toBeGreaterThan(10);
    for (const record of recorded) {
      const { hash, ...rest } = record;
      expect(auditRecordCanonical(record as unknown as Record<string, unknown>, 'omit')).toBe(canonicalize(rest));
      expect(recomputeAuditHash(record)).toBe(hash);
      expect(hashAuditRecord(rest)).toBe(hash);
    }
  });
});
