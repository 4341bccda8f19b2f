// An exchange row's decision without its list of released fields (migration 21). The list (the JSON
// pointers a rule releases, ~1.6 KB for a JW315) is the same for every exchange a rule version
// decides on the same fields, and it made the exchange row ~2.1 KB: one row per 4 KB page, so every
// exchange wrote a page of its own, twice (insert and delivery). Now each distinct list is stored once
// in `released_field_sets`, keyed by the SHA-256 of its JSON text, and the exchange row names it
// (`released_fields`), with null in the list's place in the decision; a read puts the list back in
// that place, so the decision reads back as written, key order included. Rows written before
// migration 21 hold the whole decision and name no set; they read as before.

import { createHash } from 'node:crypto';
import { GatewayError } from '../../kernel/gateway-error.ts';
import type { ExchangeRow } from '../store.ts';
import { fromJson, type Write } from './sql-db.ts';
import { exchangeColumns, insertWrite, table, type StoredExchange } from './tables.ts';

export interface ReleasedFieldSet {
  readonly id: string;
  /** The list's JSON text. */
  readonly fields: string;
}

const releasedFieldSets = table<ReleasedFieldSet>('released_field_sets', { id: 'id text', fields: 'fields text' });

/** Before the exchanges that name it; a set already there is left as it is (same id, same text). */
export const insertReleasedFieldSet: Write<ReleasedFieldSet> = insertWrite(releasedFieldSets, {
  operation: 'insertExchange',
  order: 0.9,
  key: (r) => r.id,
  suffix: 'ON CONFLICT (id) DO NOTHING',
});

/** The row as stored, and the set it names (undefined: the decision is stored whole). */
export function storedExchange(row: ExchangeRow): { readonly stored: StoredExchange; readonly set?: ReleasedFieldSet } {
  const fields = row.decision?.releasedFields;
  if (row.decision === null || !Array.isArray(fields) || fields.length === 0) return { stored: { ...row, releasedFields: null } };
  const text = JSON.stringify(fields);
  const id = createHash('sha256').update(text).digest('base64url');
  // Spread, then null in place: the key keeps its position in the stored decision.
  return { stored: { ...row, decision: { ...row.decision, releasedFields: null }, releasedFields: id }, set: { id, fields: text } };
}

/** The select list of an exchange read: the columns and the named set's list, from `alias`. */
export function exchangeSelect(alias: string): string {
  return `${exchangeColumns.select}, (SELECT fields FROM released_field_sets WHERE id = ${alias}.released_fields) AS released_field_set`;
}

/**
 * A stored decision with its released fields back in place: `setId` is the row's released_fields,
 * `setFields` the set's list as read (exchangeSelect). `whose` names the row in an error.
 */
export function withReleasedFields(decision: unknown, setId: string | null, setFields: unknown, whose: string): unknown {
  if (setId === null) return decision;
  if (decision === null || typeof decision !== 'object' || typeof setFields !== 'string') {
    // Never expected (a set is written with the first exchange that names it and never deleted).
    throw new GatewayError('internal', { detail: `store: ${whose} names released-field set ${setId}, which is not there`, logOnlyDetail: true });
  }
  (decision as Record<string, unknown>).releasedFields = fromJson(setFields); // in place: the key keeps its position
  return decision;
}

export function readExchange(r: Record<string, unknown>): ExchangeRow {
  // Changed in place, so the row's keys keep the order of the column map.
  const row = exchangeColumns.read(r) as { -readonly [K in keyof StoredExchange]?: StoredExchange[K] };
  row.decision = withReleasedFields(row.decision, row.releasedFields ?? null, r.released_field_set, `exchange ${String(row.id)}`);
  delete row.releasedFields;
  return row as ExchangeRow;
}
