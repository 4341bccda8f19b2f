// Override reviews on PostgreSQL (migration 2): every break-glass override waits in the privacy
// officers' queue; a verdict is recorded once (a pending review only), and the queue is read oldest
// first, by status, paged by an exchange-id cursor.

import type { OverrideReview, ReviewStatus, Store, StoreTx } from '../../store.ts';
import { bulkInsertSql, checkLimit, minSeq, statement, type BulkWrite, type ChainLock, type Sql, type TxSql } from '../pg-sql.ts';

interface ReviewRecord {
  exchange_id: string;
  created_at: number;
  sender: string;
  receiver: string;
  message_type: string;
  purpose: string;
  rule: string;
  reason_code: string;
  justification: string;
  subject_pseudonym: string | null;
  status: string;
  reviewed_by: string | null;
  reviewed_at: number | null;
  note: string | null;
}

const columns = `exchange_id, created_at, sender, receiver, message_type, purpose, rule, reason_code, justification,
  subject_pseudonym, status, reviewed_by, reviewed_at, note`;

const s = {
  insert: statement(
    'review_insert_bulk',
    bulkInsertSql('override_reviews', [
      ['exchange_id', 'text'],
      ['created_at', 'bigint'],
      ['sender', 'text'],
      ['receiver', 'text'],
      ['message_type', 'text'],
      ['purpose', 'text'],
      ['rule', 'text'],
      ['reason_code', 'text'],
      ['justification', 'text'],
      ['subject_pseudonym', 'text'],
      ['status', 'text'],
      ['reviewed_by', 'text'],
      ['reviewed_at', 'bigint'],
      ['note', 'text'],
    ]),
  ),
  review: statement(
    'review_verdict',
    `UPDATE override_reviews SET status = $2, reviewed_by = $3, reviewed_at = $4, note = $5
      WHERE exchange_id = $1 AND status = 'pending'`,
  ),
  get: statement('review_get', `SELECT ${columns} FROM override_reviews WHERE exchange_id = $1`),
  cursor: statement('review_cursor', 'SELECT created_at, exchange_id FROM override_reviews WHERE exchange_id = $1'),
  list: statement(
    'review_list',
    `SELECT ${columns} FROM override_reviews WHERE (created_at, exchange_id) > ($1::bigint, $2::text)
      ORDER BY created_at, exchange_id LIMIT $3`,
  ),
  listByStatus: statement(
    'review_list_by_status',
    `SELECT ${columns} FROM override_reviews WHERE status = $4 AND (created_at, exchange_id) > ($1::bigint, $2::text)
      ORDER BY created_at, exchange_id LIMIT $3`,
  ),
};

function toReview(r: ReviewRecord): OverrideReview {
  return {
    exchangeId: r.exchange_id,
    createdAt: r.created_at,
    sender: r.sender,
    receiver: r.receiver,
    messageType: r.message_type,
    purpose: r.purpose,
    rule: r.rule,
    reasonCode: r.reason_code,
    justification: r.justification,
    subjectPseudonym: r.subject_pseudonym,
    status: r.status as ReviewStatus,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    note: r.note,
  };
}

/** After the exchanges they reference. */
const insertReviews: BulkWrite<OverrideReview> = {
  operation: 'insertOverrideReview',
  order: 2.6,
  statement: s.insert,
  key: (r) => r.exchangeId,
  columns: (rows) => [
    rows.map((r) => r.exchangeId),
    rows.map((r) => r.createdAt),
    rows.map((r) => r.sender),
    rows.map((r) => r.receiver),
    rows.map((r) => r.messageType),
    rows.map((r) => r.purpose),
    rows.map((r) => r.rule),
    rows.map((r) => r.reasonCode),
    rows.map((r) => r.justification),
    rows.map((r) => r.subjectPseudonym),
    rows.map((r) => r.status),
    rows.map((r) => r.reviewedBy),
    rows.map((r) => r.reviewedAt),
    rows.map((r) => r.note),
  ],
};

export function overrideReviewTx(sql: TxSql, lockChain: ChainLock): Pick<StoreTx, 'insertOverrideReview' | 'reviewOverride'> {
  return {
    insertOverrideReview: (review) => sql.defer(insertReviews, review),
    async reviewOverride(exchangeId, verdict) {
      await lockChain(); // the lock order (pg-sql.ts): the chain head before the row
      const touches = [{ insert: insertReviews as BulkWrite<never>, key: exchangeId }]; // a review queued in this transaction
      const values = [exchangeId, verdict.status, verdict.reviewedBy, verdict.reviewedAt, verdict.note];
      return (await sql.run('reviewOverride', s.review, values, undefined, touches)).rowCount === 1;
    },
  };
}

export function overrideReviewReads(sql: Sql): Pick<Store, 'getOverrideReview' | 'listOverrideReviews'> {
  return {
    async getOverrideReview(exchangeId) {
      const { rows } = await sql.run<ReviewRecord>('getOverrideReview', s.get, [exchangeId]);
      return rows[0] === undefined ? undefined : toReview(rows[0]);
    },
    async listOverrideReviews(query) {
      const limit = checkLimit(query.limit);
      let afterAt = minSeq;
      let afterId = '';
      if (query.after !== undefined) {
        const cursor = (await sql.run<{ created_at: number; exchange_id: string }>('listOverrideReviews', s.cursor, [query.after])).rows[0];
        if (cursor === undefined) return []; // an unknown cursor names no position
        afterAt = cursor.created_at;
        afterId = cursor.exchange_id;
      }
      if (limit === 0) return [];
      const { rows } =
        query.status === undefined
          ? await sql.run<ReviewRecord>('listOverrideReviews', s.list, [afterAt, afterId, limit])
          : await sql.run<ReviewRecord>('listOverrideReviews', s.listByStatus, [afterAt, afterId, limit, query.status]);
      return rows.map(toReview);
    },
  };
}
