// Cancelling a child's pending deliveries when the consent they rested on is revoked (store.ts,
// cancelPendingDeliveries; architecture.md step 8: "Revoking a consent cancels that child's pending
// consent-based deliveries"), on PostgreSQL.
//
// The candidates are the child's pending outbox rows; which of them rest on the consent is read from
// each exchange's decision here, in JavaScript, not with PostgreSQL's JSON operators: those refuse a
// document holding an escaped NUL anywhere (an override's justification is free text), and a
// revocation must not fail for that. The matching rows are then locked FOR UPDATE, re-checked as still
// pending (a dispatcher may have settled one meanwhile: READ COMMITTED re-reads a row it waited for),
// cancelled (payload and lease gone) and their decision inputs deleted, in one statement. A row leased
// to a dispatcher is cancelled too; its settle then finds the lease gone and records nothing.
// The chain head is locked first (the lock order in pg-sql.ts).

import type { PolicyDecision } from '../../../kernel/policy-decision.ts';
import type { CancelledDelivery, StoreTx } from '../../store.ts';
import { statement, type ChainLock, type TxSql } from '../pg-sql.ts';

const s = {
  candidates: statement(
    'cancel_candidates',
    `SELECT o.exchange_id, e.decision FROM exchanges e JOIN outbox o ON o.exchange_id = e.id
      WHERE e.subject_pseudonym = $1 AND o.status = 'pending'`,
  ),
  cancel: statement(
    'cancel_deliveries',
    `WITH target AS (
       SELECT exchange_id, receiver, message_type, purpose, lease_until FROM outbox
        WHERE exchange_id = ANY($1::text[]) AND status = 'pending'
        ORDER BY exchange_id
        FOR UPDATE),
     cancelled AS (
       UPDATE outbox SET status = 'cancelled', payload = NULL, purge_after = $2, lease_owner = NULL, lease_until = NULL
         FROM target WHERE outbox.exchange_id = target.exchange_id),
     inputs AS (
       DELETE FROM decision_inputs WHERE exchange_id IN (SELECT exchange_id FROM target))
     SELECT exchange_id, receiver, message_type, purpose, lease_until FROM target ORDER BY exchange_id`,
  ),
};

interface Candidate {
  exchange_id: string;
  decision: PolicyDecision | null;
}

interface Target {
  exchange_id: string;
  receiver: string;
  message_type: string;
  purpose: string;
  lease_until: number | null;
}

function restsOn(decision: PolicyDecision | null, consentId: string): boolean {
  const ids: unknown = decision?.consentIds;
  return Array.isArray(ids) && ids.includes(consentId);
}

export function cancelDeliveriesTx(sql: TxSql, lockChain: ChainLock): Pick<StoreTx, 'cancelPendingDeliveries'> {
  return {
    async cancelPendingDeliveries({ subjectPseudonym, consentId, now }) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the rows
      // Rows this transaction inserted count too: no `touches`, so every buffered write goes first.
      const { rows: candidates } = await sql.run<Candidate>('cancelPendingDeliveries', s.candidates, [subjectPseudonym]);
      const ids = candidates.filter((c) => restsOn(c.decision, consentId)).map((c) => c.exchange_id);
      if (ids.length === 0) return [];
      const { rows } = await sql.run<Target>('cancelPendingDeliveries', s.cancel, [ids, now]);
      return rows.map(
        (r): CancelledDelivery => ({
          exchangeId: r.exchange_id,
          receiver: r.receiver,
          messageType: r.message_type,
          purpose: r.purpose,
          wasLeased: r.lease_until !== null && r.lease_until > now,
        }),
      );
    },
  };
}
