// Read use cases for agencies: an exchange's status and history (sender or receiver only), their own
// exchanges, their inbox, and their audit trail. Unknown and not-yours look the same (404), so the
// existence of another party's exchange does not leak.

import { GatewayError } from '../kernel/gateway-error.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AuditRecord } from '../kernel/audit-record.ts';
import type { ExchangeRow, InboxItem, Store } from '../store/store.ts';
import type { Party } from '../config/config-types.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { Clock } from '../kernel/clock.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { AuditReceipt, ReceiptIssuer } from '../audit/receipts.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Audit records as an agency sees them: without the child's pseudonym. The pseudonym is one HMAC for
 * the whole gateway, so a party that once held the BSN could link records it should not link; it is
 * for privacy officers, who look children up by BSN.
 */
function agencyView(record: AuditRecord): AuditRecord {
  const { dataSubjectId: _id, dataSubjectIdType: _type, ...rest } = record;
  return rest;
}

export function exchangeSummary(row: ExchangeRow): Record<string, unknown> {
  return {
    exchangeId: row.id,
    sender: row.sender,
    receiver: row.receiver,
    messageType: row.messageType,
    purpose: row.purpose,
    status: row.status,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deliveredAt: iso(row.deliveredAt),
    receiverReference: row.receiverReference,
    reason: row.reason,
  };
}

function inboxSummary(item: InboxItem): Record<string, unknown> {
  return {
    exchangeId: item.exchangeId,
    sender: item.sender,
    messageType: item.messageType,
    purpose: item.purpose,
    createdAt: iso(item.createdAt),
    acknowledgedAt: iso(item.ackedAt),
  };
}

export interface ExchangeQueries {
  getExchange(party: Party, id: string, trace: TraceContext): Promise<Record<string, unknown>>;
  listExchanges(party: Party, query: { limit: number; before?: string }): Promise<{ items: Record<string, unknown>[]; next: string | null }>;
  listInbox(party: Party, query: { limit: number; includeAcknowledged: boolean }): Promise<{ items: Record<string, unknown>[] }>;
  getInboxItem(party: Party, id: string): Promise<Record<string, unknown>>;
  acknowledgeInboxItem(party: Party, id: string, trace: TraceContext): Promise<void>;
  listAudit(party: Party, query: { exchangeId?: string; afterSeq?: number; limit: number }, trace: TraceContext): Promise<{ items: AuditRecord[]; next: number | null }>;
  /** The receipt that the exchange's submission is in the audit log (receipts.ts): for its sender only. */
  getReceipt(party: Party, id: string, trace: TraceContext): Promise<AuditReceipt>;
}

export function createExchangeQueries(deps: {
  readonly store: Store;
  readonly committer: GroupCommitter;
  readonly clock: Clock;
  /** Issues receipts; undefined when no signing key is configured. */
  readonly receipts?: ReceiptIssuer;
}): ExchangeQueries {
  const { store, committer, clock } = deps;
  const notFound = (): GatewayError => new GatewayError('not-found', { detail: 'no such exchange for this party' });

  // Every read of audit data is itself audited (architecture.md, Data protection by design); the answer
  // waits for that record, so an unaudited read is never returned.
  const auditRead = (party: Party, trace: TraceContext, exchangeId: string | undefined, detail?: string): Promise<AuditRecord> =>
    committer.run((tx) =>
      appendAudit(
        tx,
        {
          traceId: trace.traceId,
          spanId: trace.spanId,
          action: 'audit.read',
          outcome: 'read',
          actor: party.id,
          ...(exchangeId !== undefined ? { exchangeId } : {}),
          ...(detail !== undefined ? { detail } : {}),
        },
        clock.now(),
      ),
    );

  return {
    async getExchange(party, id, trace) {
      const row = await store.getExchange(id);
      // A refused exchange was never received: only its sender may see it.
      const visible = row !== undefined && (row.sender === party.id || (row.receiver === party.id && row.status !== 'refused'));
      if (!visible) throw notFound();
      // What happened to the exchange; reads of its audit trail are audited too, but are not its history.
      const history = (await store.listAudit({ exchangeId: id, limit: 500 })).filter((r) => r.action !== 'audit.read').map(agencyView);
      await auditRead(party, trace, id);
      return { ...exchangeSummary(row), decision: row.decision, history };
    },
    async getReceipt(party, id, trace) {
      const row = await store.getExchange(id);
      // The sender's proof that it was logged: the receiver (and anyone else) gets the same 404 as for
      // an unknown exchange.
      if (row === undefined || row.sender !== party.id) throw notFound();
      if (deps.receipts === undefined) throw new GatewayError('not-found', { detail: 'no audit signing key is configured: the gateway issues no receipts' });
      const submitted = (await store.listAudit({ exchangeId: id, limit: 500 })).find((r) => r.action === 'exchange.submit' && r.actor === party.id);
      if (submitted === undefined) throw notFound();
      // The read is audited first; the tree head then covers the chain up to and including that record.
      const read = await auditRead(party, trace, id, 'receipt');
      return deps.receipts.issue(submitted, read.seq);
    },
    async listExchanges(party, query) {
      const rows = await store.listExchanges({ party: party.id, limit: query.limit + 1, ...(query.before !== undefined ? { before: query.before } : {}) });
      const page = rows.slice(0, query.limit);
      return { items: page.map(exchangeSummary), next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    },
    async listInbox(party, query) {
      const items = await store.listInbox(party.id, query);
      return { items: items.map(inboxSummary) };
    },
    async getInboxItem(party, id) {
      const item = await store.getInboxItem(party.id, id);
      // Acknowledged, or not fetched within the retention (the payload was purged): gone.
      if (item === undefined || item.ackedAt !== null || item.payload === null) throw notFound();
      return { ...inboxSummary(item), message: item.payload };
    },
    async acknowledgeInboxItem(party, id, trace) {
      const now = clock.now();
      const acknowledged = await committer.run(async (tx) => {
        const ok = await tx.ackInboxItem(party.id, id, now.getTime());
        if (ok) {
          await appendAudit(tx, { traceId: trace.traceId, spanId: trace.spanId, action: 'inbox.ack', outcome: 'acknowledged', exchangeId: id, actor: party.id }, now);
        }
        return ok;
      });
      if (!acknowledged) throw notFound();
    },
    async listAudit(party, query, trace) {
      const items = await store.listAudit({
        party: party.id,
        limit: query.limit + 1,
        ...(query.exchangeId !== undefined ? { exchangeId: query.exchangeId } : {}),
        ...(query.afterSeq !== undefined ? { afterSeq: query.afterSeq } : {}),
      });
      await auditRead(party, trace, query.exchangeId);
      const page = items.slice(0, query.limit);
      return { items: page.map(agencyView), next: items.length > query.limit ? (page.at(-1)?.seq ?? null) : null };
    },
  };
}
