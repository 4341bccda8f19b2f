// The privacy officer's consent lists (consent-lists.ts), written once for both dialects over a Db
// (sql-db.ts). Indexes (migration 10): active consents by the last day of their period
// (consents_expiring), revoked ones by the moment of revocation (consents_revoked); what a revocation
// cancelled is found through exchange_consents (migration 6) by consent id.

import type { CancelledByRevocation, ConsentLists } from '../consent-lists.ts';
import { consentSelect, toConsent } from './tables.ts';
import { checkLimit, type Db } from './sql-db.ts';

type Rec = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

const sql = {
  expiringCursor: "SELECT valid_until AS at, id FROM consents WHERE id = $1 AND status = 'active' AND valid_until IS NOT NULL",
  expiring: `SELECT ${consentSelect} FROM consents
    WHERE status = 'active' AND valid_until >= $1::text AND valid_until <= $2::text AND (valid_until, id) > ($3::text, $4::text)
    ORDER BY valid_until, id LIMIT $5`,
  revokedCursor: "SELECT revoked_at AS at, id FROM consents WHERE id = $1 AND status = 'revoked'",
  revoked: `SELECT ${consentSelect} FROM consents
    WHERE status = 'revoked' AND revoked_at >= $1::bigint AND (revoked_at, id) < ($2::bigint, $3::text)
    ORDER BY revoked_at DESC, id DESC LIMIT $4`,
  // consent-registry.ts revoke marks each cancelled exchange with the revocation's own moment.
  cancelled: `SELECT e.id, e.created_at, e.sender, e.receiver, e.message_type, e.purpose
    FROM consents c JOIN exchange_consents l ON l.consent_id = c.id JOIN exchanges e ON e.id = l.exchange_id
    WHERE c.id = $1 AND c.status = 'revoked' AND e.status = 'cancelled' AND e.reason = 'consent-revoked' AND e.updated_at = c.revoked_at
    ORDER BY e.created_at, e.id LIMIT $2`,
};

/** Larger than any epoch-ms value a revocation can have: the start of a newest-first list. */
const endOfTime = Number.MAX_SAFE_INTEGER;

export function consentReads(db: Db): ConsentLists {
  return {
    async listExpiringConsents(query) {
      const limit = checkLimit(query.limit);
      let cursor: { at: string; id: string } | undefined = { at: '', id: '' };
      if (query.after !== undefined) [cursor] = await db.all<{ at: string; id: string }>('listExpiringConsents', sql.expiringCursor, [query.after]);
      if (cursor === undefined || limit === 0) return [];
      const rows = await db.all<Rec>('listExpiringConsents', sql.expiring, [query.from, query.to, cursor.at, cursor.id, limit]);
      return rows.map(toConsent);
    },
    async listRevokedConsents(query) {
      const limit = checkLimit(query.limit);
      let cursor: { at: number; id: string } | undefined = { at: endOfTime, id: '' };
      if (query.after !== undefined) {
        const [row] = await db.all<{ at: unknown; id: string }>('listRevokedConsents', sql.revokedCursor, [query.after]);
        cursor = row === undefined ? undefined : { at: num(row.at), id: row.id };
      }
      if (cursor === undefined || limit === 0) return [];
      const rows = await db.all<Rec>('listRevokedConsents', sql.revoked, [query.since, cursor.at, cursor.id, limit]);
      return rows.map(toConsent);
    },
    async listCancelledByRevocation(consentId, limit) {
      if (checkLimit(limit) === 0) return [];
      const rows = await db.all<Rec>('listCancelledByRevocation', sql.cancelled, [consentId, limit]);
      return rows.map(
        (r): CancelledByRevocation => ({
          exchangeId: r.id as string,
          createdAt: num(r.created_at),
          sender: r.sender as string,
          receiver: r.receiver as string,
          messageType: r.message_type as string,
          purpose: r.purpose as string,
        }),
      );
    },
  };
}
