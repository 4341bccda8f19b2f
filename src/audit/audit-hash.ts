// How the audit chain is hashed, shared by the writer (audit-log.ts) and the verifier
// (chain-verifier.ts): each record's hash is the SHA-256 of its canonical JSON, which includes the
// previous record's hash; the first record links to the genesis hash.
//
// The canonical JSON is RFC 8785's (canonical-json.ts). A record of the audit record's own shape
// takes a shorter way to the same bytes (auditRecordCanonical below); anything else goes through the
// library, so a record of any other shape (an unknown member, a nested object, a lone surrogate, a
// number without a JSON form) hashes, or fails, exactly as it did before.

import { hash as oneShotHash } from 'node:crypto';
import type { AuditRecord } from '../kernel/audit-record.ts';
import { releasedFieldsText } from '../kernel/audit-record-text.ts';
import { canonicalJson } from './canonical-json.ts';

export const genesisHash = '0'.repeat(64);

type Members = Readonly<Record<string, unknown>>;

/** Every member an audit record has (AuditRecord), `hash` included. */
const recordMembers: ReadonlySet<string> = new Set([
  'traceId', 'spanId', 'action', 'outcome', 'reason', 'exchangeId', 'actor', 'counterparty', 'messageType', 'purpose',
  'processingActivityId', 'legalBasis', 'rule', 'policyVersion', 'catalogueVersion', 'consentIds', 'dataSubjectId',
  'dataSubjectIdType', 'releasedFields', 'detail', 'seq', 'time', 'prevHash', 'hash',
]);

/** Whether JSON.stringify writes `value` as RFC 8785 does, a string's lone surrogates aside (checked after). */
function isPlainValue(value: unknown): boolean {
  if (typeof value === 'string' || value === undefined) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

/** What JSON.stringify writes for a `releasedFields` member of value 0 (auditRecordCanonical's placeholder). */
const placeholder = '"releasedFields":0';

/**
 * The RFC 8785 text of an audit record's members other than `hash`, for a record of the audit
 * record's own shape; undefined for any other (the caller then canonicalises the generic way).
 *
 * Why the bytes are RFC 8785's (tests/unit/audit-canonical.test.ts checks them against the library):
 * every member is one of AuditRecord's, and each value a string, a finite number or an array of
 * strings, so there is nothing to sort below the top level. The object literal names the members in
 * RFC 8785's order (UTF-16 code units: all are ASCII identifiers, sorted as such), and JSON.stringify
 * writes an object's members in their order of creation, leaves out the undefined ones (as RFC 8785's
 * serialiser does), and writes strings and finite numbers as ECMAScript's JSON.stringify, which is
 * RFC 8785's definition. Only a lone surrogate differs (JSON.stringify escapes it, the library refuses
 * it): every such escape starts with `\ud`, so a text containing that goes the generic way.
 * `hashMember`: a `hash` member is refused (hashAuditRecord's input has none: one given is hashed
 * the generic way, as before) or left out (recomputeAuditHash). Exported for its test.
 */
export function auditRecordCanonical(r: Members, hashMember: 'refuse' | 'omit'): string | undefined {
  for (const key in r) {
    if (!recordMembers.has(key) || (key === 'hash' && hashMember === 'refuse') || !isPlainValue(r[key])) return undefined;
  }
  // A list of released fields that parseAuditRecordText shared comes with its JSON text: it is not
  // serialised again. The placeholder 0 stands in its place and the text is spliced in where
  // JSON.stringify wrote the 0: the same bytes, since JSON.stringify writes each member's value on its
  // own, and the text is JSON.stringify's for that very array (frozen), with no `\ud`. The placeholder
  // is found by `"releasedFields":0`, which occurs once, as the member itself: a `"` inside a string is
  // written `\"`, so the `"` after `releasedFields` (preceded by `s`) ends a string, a key since `:`
  // follows, and no other member's name ends in `releasedFields`. A `\ud` cannot straddle the splice
  // (`:` before the list, `,` or `}` after it, `[` and `]` its ends).
  const listText = releasedFieldsText(r.releasedFields);
  const text = JSON.stringify({
    action: r.action,
    actor: r.actor,
    catalogueVersion: r.catalogueVersion,
    consentIds: r.consentIds,
    counterparty: r.counterparty,
    dataSubjectId: r.dataSubjectId,
    dataSubjectIdType: r.dataSubjectIdType,
    detail: r.detail,
    exchangeId: r.exchangeId,
    legalBasis: r.legalBasis,
    messageType: r.messageType,
    outcome: r.outcome,
    policyVersion: r.policyVersion,
    prevHash: r.prevHash,
    processingActivityId: r.processingActivityId,
    purpose: r.purpose,
    reason: r.reason,
    releasedFields: listText === undefined ? r.releasedFields : 0,
    rule: r.rule,
    seq: r.seq,
    spanId: r.spanId,
    time: r.time,
    traceId: r.traceId,
  });
  if (text.includes('\\ud')) return undefined;
  if (listText === undefined) return text;
  const at = text.indexOf(placeholder) + placeholder.length - 1;
  return `${text.slice(0, at)}${listText}${text.slice(at + 1)}`;
}

/** The canonical JSON the hash is taken of: the fast way for a record's own shape, else the library's. */
export function auditCanonicalJson(record: Omit<AuditRecord, 'hash'>): string {
  return auditRecordCanonical(record, 'refuse') ?? canonicalJson(record);
}

const sha256Hex = (text: string): string => oneShotHash('sha256', text, 'hex');

export function hashAuditRecord(record: Omit<AuditRecord, 'hash'>): string {
  return sha256Hex(auditCanonicalJson(record));
}

/**
 * The hash a stored record should have: that of all its members but `hash` (what `const { hash,
 * ...rest } = record; hashAuditRecord(rest)` gives, without the copy).
 */
export function recomputeAuditHash(record: AuditRecord): string {
  const text = auditRecordCanonical(record as unknown as Members, 'omit');
  if (text !== undefined) return sha256Hex(text);
  const { hash: _hash, ...rest } = record;
  return sha256Hex(canonicalJson(rest));
}
