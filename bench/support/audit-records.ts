// The audit records of bench/audit-chain.ts and of the bench's long-chain figure (jobs/audit-long-chain.ts),
// shaped as the request bench's run writes them (the records of a `bench/write-volume.ts` run, read from
// its audit table): per exchange an `exchange.submit` of an allowed JW315 (the bench's message,
// support/message.ts) carrying the decision's released fields, derived here as the policy derives them
// (the rule `ijw-verzoek-toewijzing` of consent/policy.default.json applied to that message: 33 JSON
// pointers, 1.6 KB of a 2.4 KB record), then its `delivery.attempt` (delivered), and every 1,000
// records an `audit.checkpoint` record, as the automatic checkpoint writes one. `light`: the lighter
// records bench/audit-chain.ts wrote before (4 released fields; a third each submit, delivery and
// acknowledgement), for comparison.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { applyAllowList, compileAllowList } from '../../consent/field-allow-list.ts';
import { loadPolicyFile } from '../../consent/policy-engine.ts';
import { appendAudit } from '../../src/audit/audit-log.ts';
import type { AuditDraft } from '../../src/kernel/audit-record.ts';
import type { Store } from '../../src/store/store.ts';
import { fillMessage } from './distinct-message.ts';
import { benchMessage } from './message.ts';
import { repoRoot } from './paths.ts';

export type AuditRecordShape = 'real' | 'light';

const parties = Array.from({ length: 20 }, (_, i) => `party-${String(i).padStart(2, '0')}`);

/** The released fields the policy gives the bench's JW315: what the gateway's submit record carries. */
function benchReleasedFields(): { fields: string[]; rule: string; policyVersion: string } {
  const policy = loadPolicyFile(path.join(repoRoot, 'consent', 'policy.default.json'));
  const rule = policy.rules.find((r) => r.id === 'ijw-verzoek-toewijzing');
  if (rule === undefined) throw new Error('the default policy has no rule ijw-verzoek-toewijzing');
  const message = (JSON.parse(fillMessage(benchMessage().body, 1)) as { message: Record<string, unknown> }).message;
  return { fields: applyAllowList(message, compileAllowList(rule.fields)).releasedFields, rule: `${rule.id}@${rule.version}`, policyVersion: policy.version };
}
let releasedOnce: ReturnType<typeof benchReleasedFields> | undefined;
const hex = (n: number): string => (randomUUID() + randomUUID()).replaceAll('-', '').slice(0, n);

/** Record i as the request bench's run writes it (see the header). */
function realDraft(i: number): AuditDraft {
  const released = (releasedOnce ??= benchReleasedFields());
  const traceId = hex(32);
  const exchangeId = randomUUID();
  const sender = parties[(i >> 1) % parties.length] as string;
  const receiver = parties[((i >> 1) * 7 + 3) % parties.length] as string;
  if (i % 1000 === 999) {
    return { traceId, spanId: hex(16), action: 'audit.checkpoint', outcome: 'signed', actor: 'ketenpoort', detail: `chain head seq ${i} signed with key 3It77tzmsz06YN3jywkgB7S2AqbvIjRFtJTvjilo5Jw (automatic)` };
  }
  if (i % 2 === 0) {
    return {
      traceId, spanId: hex(16), action: 'exchange.submit', outcome: 'allowed', reason: 'rule-allows', exchangeId, actor: sender, counterparty: receiver,
      messageType: 'JW315', purpose: 'verzoek-toewijzing', processingActivityId: 'pa.ijw.verzoek-toewijzing', legalBasis: 'jw-7.4.0-lid-2',
      rule: released.rule, policyVersion: released.policyVersion, catalogueVersion: '2026.11', consentIds: [], dataSubjectId: hex(64),
      dataSubjectIdType: 'bsn-pseudonym', releasedFields: released.fields,
    };
  }
  return { traceId, spanId: hex(16), action: 'delivery.attempt', outcome: 'delivered', exchangeId, actor: 'ketenpoort', counterparty: receiver, messageType: 'JW315', purpose: 'verzoek-toewijzing', detail: 'attempt 1' };
}

/** The lighter records this script wrote before (4 released fields): kept for comparison. */
function lightDraft(i: number): AuditDraft {
  const traceId = randomUUID().replaceAll('-', '');
  const spanId = traceId.slice(0, 16);
  const exchangeId = randomUUID();
  const receiver = parties[(i * 7) % parties.length] as string;
  if (i % 3 === 0) {
    return {
      traceId, spanId, action: 'exchange.submit', outcome: 'allowed', reason: 'consent-given', exchangeId,
      actor: parties[i % parties.length] as string, counterparty: receiver, messageType: 'JW315', purpose: 'verzoek-toewijzing',
      processingActivityId: 'pa-jeugdhulp-toewijzing', legalBasis: 'Jeugdwet art. 2.3', rule: 'jw315-toewijzing@3', policyVersion: '2026-11-01',
      catalogueVersion: '4', consentIds: [randomUUID()], dataSubjectId: `ps-${traceId}`, dataSubjectIdType: 'bsn-pseudonym',
      releasedFields: ['Client/Bsn', 'Client/Geboortedatum', 'Product/Categorie', 'Toewijzing/Ingangsdatum'],
    };
  }
  if (i % 3 === 1) {
    return { traceId, spanId, action: 'delivery.attempt', outcome: 'delivered', exchangeId, actor: 'ketenpoort', counterparty: receiver, messageType: 'JW315', purpose: 'verzoek-toewijzing', detail: 'attempt 1' };
  }
  return { traceId, spanId, action: 'inbox.ack', outcome: 'acknowledged', exchangeId, actor: receiver, ...(i % 30 === 2 ? { detail: 'Zoë, ’s-Hertogenbosch 😀 "quoted"\n' } : {}) };
}

/** Appends `records` audit records of the shape through appendAudit, 5,000 to a transaction. */
export async function writeAuditRecords(store: Store, records: number, shape: AuditRecordShape): Promise<void> {
  const draft = shape === 'real' ? realDraft : lightDraft;
  for (let i = 0; i < records; ) {
    await store.transaction(async (tx) => {
      for (let k = 0; k < 5_000 && i < records; k++, i++) await appendAudit(tx, draft(i), new Date(Date.UTC(2026, 10, 1) + i * 13));
    });
  }
}
