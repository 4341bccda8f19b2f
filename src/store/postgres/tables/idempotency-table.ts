// Idempotency records on PostgreSQL: one per (party, key); a second put of the same pair is refused
// with idempotency-conflict (the primary key), and the first record stays.

import type { IdempotencyRecord, Store, StoreTx } from '../../store.ts';
import { statement, toJson, type Sql } from '../pg-sql.ts';

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
    'idempotency_put',
    `INSERT INTO idempotency (party, key, request_hash, status_code, response, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
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

export function idempotencyTx(sql: Sql): Pick<StoreTx, 'putIdempotency'> {
  return {
    async putIdempotency(record) {
      await sql.run(
        'putIdempotency',
        s.put,
        [record.party, record.key, record.requestHash, record.statusCode, toJson(record.response), record.createdAt],
        'idempotency-conflict',
      );
    },
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
