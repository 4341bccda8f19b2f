// Signed audit checkpoints on PostgreSQL (migration 3, issue 6): append-only (triggers), one per seq;
// a second checkpoint for a seq is an audit write failure, as in SQLite.

import type { AuditCheckpoint, Store, StoreTx } from '../../store.ts';
import { checkLimit, minSeq, statement, type Sql, type TxSql } from '../pg-sql.ts';

interface CheckpointRecord {
  seq: number;
  hash: string;
  signed_at: string;
  key_id: string;
  signature: string;
}

const s = {
  insert: statement('checkpoint_insert', 'INSERT INTO audit_checkpoints (seq, hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)'),
  list: statement('checkpoint_list', 'SELECT seq, hash, signed_at, key_id, signature FROM audit_checkpoints WHERE seq >= $1 ORDER BY seq LIMIT $2'),
};

export function checkpointTx(sql: TxSql): Pick<StoreTx, 'insertAuditCheckpoint'> {
  return {
    async insertAuditCheckpoint(c) {
      await sql.run('insertAuditCheckpoint', s.insert, [c.seq, c.hash, c.signedAt, c.keyId, c.signature], 'audit-write-failed');
    },
  };
}

export function checkpointReads(sql: Sql): Pick<Store, 'listAuditCheckpoints'> {
  return {
    async listAuditCheckpoints(query) {
      const limit = checkLimit(query.limit);
      if (limit === 0) return [];
      const { rows } = await sql.run<CheckpointRecord>('listAuditCheckpoints', s.list, [query.fromSeq ?? minSeq, limit]);
      return rows.map((r): AuditCheckpoint => ({ seq: r.seq, hash: r.hash, signedAt: r.signed_at, keyId: r.key_id, signature: r.signature }));
    },
  };
}
