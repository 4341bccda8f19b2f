// The consent registry on PostgreSQL (migration 2): one row per consent or objection, by the child's
// pseudonym; the grant is never changed and a row is never deleted (triggers), a revocation is added
// to it (AVG art. 7(3)).
//
// A decision and a revocation about the same child must serialise (store.ts, listSubjectConsents): a
// decision reads the child's consents with FOR SHARE, a revocation updates the consent row, so one
// waits for the other's COMMIT. A revocation committed first is seen by the decision (READ COMMITTED
// re-reads a row it waited for); a decision committed first has its outbox row in place when the
// revocation's cancelPendingDeliveries looks. Both take the audit chain head first (the lock order in
// pg-sql.ts), so neither can deadlock with the other or with a group-commit batch.

import type { ConsentRecord, ConsentRevocation } from '../../../kernel/consent-record.ts';
import type { Store, StoreTx } from '../../store.ts';
import { bulkInsertSql, checkLimit, minSeq, statement, type BulkWrite, type ChainLock, type Sql, type TxSql } from '../pg-sql.ts';

interface ConsentDbRecord {
  id: string;
  status: string;
  record: ConsentRecord;
  revocation: ConsentRevocation | null;
}

const columns = 'id, status, record, revocation';

const s = {
  insert: statement(
    'consent_insert_bulk',
    bulkInsertSql('consents', [
      ['id', 'text'],
      ['subject_pseudonym', 'text'],
      ['registered_by', 'text'],
      ['registered_at', 'bigint'],
      ['status', 'text'],
      ['record', 'text', 'json'],
    ]),
  ),
  revoke: statement(
    'consent_revoke',
    "UPDATE consents SET status = 'revoked', revoked_at = $2, revocation = $3::json WHERE id = $1 AND status = 'active'",
  ),
  // Bounded as in SQLite; a child has a handful of consents.
  ofSubjectLocked: statement(
    'consent_of_subject_locked',
    `SELECT ${columns} FROM consents WHERE subject_pseudonym = $1 ORDER BY registered_at, id LIMIT 10000 FOR SHARE`,
  ),
  get: statement('consent_get', `SELECT ${columns} FROM consents WHERE id = $1`),
  cursor: statement('consent_cursor', 'SELECT registered_at, id FROM consents WHERE id = $1'),
};

// listConsents: one statement per filter combination, so each uses its index (a generic plan of
// "$1 IS NULL OR column = $1" would not).
const listStatements = new Map(
  ([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const).map(([bySubject, byRegistrar]) => {
    const where = [
      ...(bySubject ? ['subject_pseudonym = $4'] : []),
      ...(byRegistrar ? [`registered_by = $${bySubject ? 5 : 4}`] : []),
      '(registered_at, id) > ($1::bigint, $2::text)',
    ];
    const name = `consent_list_${bySubject ? 's' : ''}${byRegistrar ? 'r' : ''}`;
    return [`${bySubject}${byRegistrar}`, statement(name, `SELECT ${columns} FROM consents WHERE ${where.join(' AND ')} ORDER BY registered_at, id LIMIT $3`)];
  }),
);

/** The grant is stored as written; status and revocation live in their own columns. */
function toConsent(r: ConsentDbRecord): ConsentRecord {
  return {
    ...r.record,
    status: r.status as ConsentRecord['status'],
    ...(r.revocation !== null ? { revocation: r.revocation } : {}),
  };
}

/** A second record with the same id fails the transaction (the primary key), as in SQLite. */
const insertRecords: BulkWrite<ConsentRecord> = {
  operation: 'insertConsent',
  order: 5,
  statement: s.insert,
  key: (r) => r.id,
  columns: (rows) => {
    const grants = rows.map(({ status: _status, revocation: _revocation, ...grant }) => JSON.stringify(grant));
    return [
      rows.map((r) => r.id),
      rows.map((r) => r.subjectPseudonym),
      rows.map((r) => r.registeredBy),
      rows.map((r) => Date.parse(r.registeredAt)),
      rows.map(() => 'active'),
      grants,
    ];
  },
};

export function consentTx(sql: TxSql, lockChain: ChainLock): Pick<StoreTx, 'insertConsent' | 'revokeConsent' | 'listSubjectConsents'> {
  return {
    insertConsent: (record) => sql.defer(insertRecords, record),
    async revokeConsent(id, revocation) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the row
      const touches = [{ insert: insertRecords as BulkWrite<never>, key: id }]; // a consent recorded in this transaction
      const result = await sql.run('revokeConsent', s.revoke, [id, Date.parse(revocation.revokedAt), JSON.stringify(revocation)], undefined, touches);
      return result.rowCount === 1;
    },
    async listSubjectConsents(subjectPseudonym) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the rows
      const touches = [{ insert: insertRecords as BulkWrite<never> }]; // any consent recorded in this transaction
      const { rows } = await sql.run<ConsentDbRecord>('listSubjectConsents', s.ofSubjectLocked, [subjectPseudonym], undefined, touches);
      return rows.map(toConsent);
    },
  };
}

export function consentReads(sql: Sql): Pick<Store, 'getConsent' | 'listConsents'> {
  return {
    async getConsent(id) {
      const { rows } = await sql.run<ConsentDbRecord>('getConsent', s.get, [id]);
      return rows[0] === undefined ? undefined : toConsent(rows[0]);
    },
    async listConsents(query) {
      const limit = checkLimit(query.limit);
      let afterAt = minSeq;
      let afterId = '';
      if (query.after !== undefined) {
        const cursor = (await sql.run<{ registered_at: number; id: string }>('listConsents', s.cursor, [query.after])).rows[0];
        if (cursor === undefined) return []; // an unknown cursor names no position
        afterAt = cursor.registered_at;
        afterId = cursor.id;
      }
      if (limit === 0) return [];
      const values: unknown[] = [afterAt, afterId, limit];
      if (query.subjectPseudonym !== undefined) values.push(query.subjectPseudonym);
      if (query.registeredBy !== undefined) values.push(query.registeredBy);
      const list = listStatements.get(`${query.subjectPseudonym !== undefined}${query.registeredBy !== undefined}`);
      if (list === undefined) return []; // unreachable: every combination has its statement
      const { rows } = await sql.run<ConsentDbRecord>('listConsents', list, values);
      return rows.map(toConsent);
    },
  };
}
