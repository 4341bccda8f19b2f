// A deterministic audit chain over varied records (unicode, escapes, numbers, nested members,
// members left out), for the test that the canonical JSON of the audit hash stays byte for byte the
// same: tests/fixtures/audit-chain-recorded.json holds such a chain as the gateway wrote it before its
// canonical JSON came from an RFC 8785 library.
import type { AuditDraft } from '../../src/kernel/audit-record.ts';

/** Strings that stress the escaping and the key order: every class JSON.stringify treats apart. */
export const awkwardStrings: readonly string[] = [
  '',
  'plain ascii',
  'Zoë, Jördis en Noël (é è ê ë)',
  'gemeente ’s-Hertogenbosch',
  '“quotes” and "double quotes" and \'single\'',
  'back\\slash and /slash',
  'controls \u0000 \u0001 \b \f \n \r \t \u001f end',
  'del \u007f, nbsp \u00a0, line sep \u2028, para sep \u2029',
  'emoji 😀👨‍👩‍👧 and flags 🇳🇱',
  'CJK 漢字, Arabic مرحبا, Hebrew שלום',
  'combining e\u0301 vs precomposed é',
  '\uffff last BMP, \ud83d\ude00 surrogate pair',
  '</script><!-- -->',
];

/** Drafts covering each optional member, arrays empty and full, and the awkward strings. */
export function variedDrafts(): AuditDraft[] {
  const drafts: AuditDraft[] = [];
  awkwardStrings.forEach((text, i) => {
    drafts.push({
      traceId: i.toString(16).padStart(32, '0'),
      spanId: (i * 7).toString(16).padStart(16, '0'),
      action: i % 2 === 0 ? 'exchange.submit' : 'delivery.attempt',
      outcome: i % 3 === 0 ? 'allowed' : i % 3 === 1 ? 'refused' : 'delivered',
      actor: `party-${i}`,
      detail: text,
      reason: i % 4 === 0 ? undefined : `reason ${text}`,
      consentIds: i % 2 === 0 ? [] : [`consent-${i}`, text],
      releasedFields: i % 3 === 0 ? undefined : ['Client/Bsn', text, ''],
      ...(i % 5 === 0 ? { dataSubjectId: `pseudonym-${i}`, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
      ...(i % 2 === 1 ? { exchangeId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, messageType: 'JW315', purpose: 'verzoek-toewijzing' } : {}),
    });
  });
  drafts.push({ traceId: 'f'.repeat(32), spanId: 'e'.repeat(16), action: 'audit.checkpoint', outcome: 'signed', actor: 'gateway', rule: 'rule-1@3', policyVersion: '2026-11-01', catalogueVersion: '1', legalBasis: 'Jeugdwet art. 7.4.0', processingActivityId: 'pa-1' });
  return drafts;
}

/** The time of the n-th record (0-based): fixed, so the chain is the same on every run. */
export const recordTime = (n: number): Date => new Date(Date.UTC(2026, 10, 23, 12, 0, n, n * 7));
