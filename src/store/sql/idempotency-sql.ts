// The idempotency row (migration 21): an accepted exchange's 202 carries the decision its exchange row
// records, about 2 KB, which the row stored a second time. Now the row names that exchange
// (decision_of) and holds the response with `"decision": null` in the decision's place; a read puts
// the exchange row's decision back there. The key keeps its position, so the replayed body serialises
// to the same bytes as the answer first sent (tests/integration/idempotency-replay.test.ts).
// An exchange row is never deleted and its decision never changes (ExchangePatch has no decision),
// so the decision a replay reads is the one first answered.

import { GatewayError } from '../../kernel/gateway-error.ts';
import type { IdempotencyRecord } from '../store.ts';
import { fromJson, type Write } from './sql-db.ts';
import { insertWrite, table } from './tables.ts';
import { withReleasedFields } from './released-fields-sql.ts';

const idempotencyTable = table<IdempotencyRecord>('idempotency', {
  party: 'party text',
  key: 'key text',
  requestHash: 'request_hash text',
  statusCode: 'status_code integer',
  response: 'response json',
  decisionOf: 'decision_of text',
  createdAt: 'created_at bigint',
});

function hasDecision(response: unknown): response is Record<string, unknown> {
  return response !== null && typeof response === 'object' && !Array.isArray(response) && Object.hasOwn(response, 'decision');
}

/** The response as stored: with decisionOf, its decision left to the exchange row (null in its place). */
function storedResponse(record: IdempotencyRecord): unknown {
  if (record.decisionOf === null) return record.response;
  if (!hasDecision(record.response)) {
    throw new GatewayError('internal', { detail: 'store: putIdempotency names the exchange of a decision its response does not have', logOnlyDetail: true });
  }
  return { ...record.response, decision: null };
}

export const putIdempotency: Write<IdempotencyRecord> = {
  ...insertWrite(idempotencyTable, { operation: 'putIdempotency', order: 3, onConstraint: 'idempotency-conflict', key: (r) => `${r.party}\u0000${r.key}` }),
  values: (r) => idempotencyTable.values({ ...r, response: storedResponse(r) }),
};

export const getIdempotencySql = `SELECT ${idempotencyTable.columns.map((c) => `i.${c.name}`).join(', ')},
       e.decision AS exchange_decision, e.released_fields AS exchange_released_fields,
       (SELECT fields FROM released_field_sets WHERE id = e.released_fields) AS exchange_released_field_set
  FROM idempotency i LEFT JOIN exchanges e ON e.id = i.decision_of
 WHERE i.party = $1 AND i.key = $2`;

export function readIdempotency(row: Record<string, unknown>): IdempotencyRecord {
  const record = idempotencyTable.read(row);
  if (record.decisionOf === null) return record;
  // Never expected (an exchange row is never deleted): a missing decision must not be answered as null.
  if (row.exchange_decision === null || row.exchange_decision === undefined || !hasDecision(record.response)) {
    throw new GatewayError('internal', { detail: `store: the idempotency row names exchange ${record.decisionOf}, which holds no decision`, logOnlyDetail: true });
  }
  const response = record.response;
  const setId = typeof row.exchange_released_fields === 'string' ? row.exchange_released_fields : null;
  // In place: the key keeps its position (the exchange row's own released fields, released-fields-sql.ts, likewise).
  response.decision = withReleasedFields(fromJson(row.exchange_decision), setId, row.exchange_released_field_set, `exchange ${record.decisionOf}`);
  return { ...record, response };
}
