// Idempotency records on PostgreSQL: one per (party, key); a second put of the same pair is refused
// with idempotency-conflict (the primary key), and the first record stays.

import type { IdempotencyRecord, Store, StoreTx } from '../../store.ts';
import { bulkInsertSql, statement, toJson, type BulkWrite, type Sql, type TxSql } from '../pg-sql.ts';

interface IdempotencyDbRecord {
  party: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: unknown;
  created_at: number;
}

const s = {
  put: statement(
    'idempotency_put_bulk',
    bulkInsertSql('idempotency', [
      ['party', 'text'],
      ['key', 'text'],
      ['request_hash', 'text'],
      ['status_code', 'integer'],
      ['response', 'text', 'json'],
      ['created_at', 'bigint'],
    ]),
  ),
  get: statement(
    'idempotency_get',
    'SELECT party, key, request_hash, status_code, response, created_at FROM idempotency WHERE party = $1 AND key = $2',
  ),
};

function toIdempotency(r: IdempotencyDbRecord): IdempotencyRecord {
  return {
    party: r.party,
    key: r.key,
    requestHash: r.request_hash,
    statusCode: r.status_code,
    response: r.response ?? null,
    createdAt: r.created_at,
  };
}

/** A second record for the same (party, key), here or already stored, fails with idempotency-conflict. */
const putRecords: BulkWrite<IdempotencyRecord> = {
  operation: 'putIdempotency',
  order: 3,
  onConstraint: 'idempotency-conflict',
  statement: s.put,
  key: (r) => `${r.party}\u0000${r.key}`,
  columns: (rows) => [
    rows.map((r) => r.party),
    rows.map((r) => r.key),
    rows.map((r) => r.requestHash),
    rows.map((r) => r.statusCode),
    rows.map((r) => toJson(r.response)),
    rows.map((r) => r.createdAt),
  ],
};

export function idempotencyTx(sql: TxSql): Pick<StoreTx, 'putIdempotency'> {
  return {
    putIdempotency: (record) => sql.defer(putRecords, record),
  };
}

export function idempotencyReads(sql: Sql): Pick<Store, 'getIdempotency'> {
  return {
    async getIdempotency(party, key) {
      const { rows } = await sql.run<IdempotencyDbRecord>('getIdempotency', s.get, [party, key]);
      return rows[0] === undefined ? undefined : toIdempotency(rows[0]);
    },
  };
}
