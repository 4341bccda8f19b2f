// Payload retention on PostgreSQL (architecture.md, Data protection by design: payloads are purged
// after delivery plus the retention window): outbox payloads and inbox payloads whose purgeAfter has
// come go, and with an outbox payload the subject facts kept for a re-decision (decision_inputs: a
// re-decision needs both). One statement: its parts see one snapshot and commit together.

import type { Store } from '../../store.ts';
import { statement, type Sql } from '../pg-sql.ts';

const s = {
  purge: statement(
    'payload_purge',
    `WITH inputs AS (
       DELETE FROM decision_inputs d USING outbox o
        WHERE d.exchange_id = o.exchange_id AND o.payload IS NOT NULL AND o.purge_after <= $1),
     outbox_purged AS (
       UPDATE outbox SET payload = NULL WHERE payload IS NOT NULL AND purge_after <= $1 RETURNING 1),
     inbox_purged AS (
       UPDATE inbox SET payload = NULL WHERE payload IS NOT NULL AND purge_after <= $1 RETURNING 1)
     SELECT (SELECT count(*) FROM outbox_purged) + (SELECT count(*) FROM inbox_purged) AS n`,
  ),
};

export function payloadRetentionReads(sql: Sql): Pick<Store, 'purgePayloads'> {
  return {
    async purgePayloads(now) {
      const { rows } = await sql.run<{ n: number }>('purgePayloads', s.purge, [now]);
      return rows[0]?.n ?? 0;
    },
  };
}
