// The privacy officer's consent lists (consent-lists.ts), written once for both dialects over a Db
// (sql-db.ts). Indexes (migration 10): active consents by the last day of their period
// (consents_expiring), revoked ones by the moment of revocation (consents_revoked); what a revocation
// cancelled is found through exchange_consents (migration 6) by consent id.

import type { CancelledByRevocation, ConsentLists } from '../consent-lists.ts';
import { consentSelect, toConsent } from './tables.ts';
import { checkLimit, type Db } from './sql-db.ts';
import { GatewayError } from '../../kernel/gateway-error.ts';

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
  // consent-registry.ts revoke marks each cancelled exchange with the revocation's own moment. One
  // statement per page: the first `limit` per consent (a window function; SQLite 3.25+ and PostgreSQL).
  cancelled: (count: number): string => `SELECT consent_id, id, created_at, sender, receiver, message_type, purpose FROM (
      SELECT c.id AS consent_id, e.id, e.created_at, e.sender, e.receiver, e.message_type, e.purpose,
             ROW_NUMBER() OVER (PARTITION BY c.id ORDER BY e.created_at, e.id) AS n
        FROM consents c JOIN exchange_consents l ON l.consent_id = c.id JOIN exchanges e ON e.id = l.exchange_id
       WHERE c.id IN (${Array.from({ length: count }, (_, i) => `$${i + 2}`).join(', ')}) AND c.status = 'revoked'
         AND e.status = 'cancelled' AND e.reason = 'consent-revoked' AND e.updated_at = c.revoked_at) AS t
    WHERE n <= $1 ORDER BY consent_id, created_at, id`,
};

const maxIds = 500;

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
    async listCancelledByRevocations(consentIds, limit) {
      if (checkLimit(limit) === 0 || consentIds.length === 0) return [];
      if (consentIds.length > maxIds) throw new GatewayError('internal', { detail: `store: at most ${maxIds} consent ids at once`, logOnlyDetail: true });
      const rows = await db.all<Rec>('listCancelledByRevocations', sql.cancelled(consentIds.length), [limit, ...consentIds]);
      return rows.map(
        (r): CancelledByRevocation => ({
          consentId: r.consent_id as string,
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
