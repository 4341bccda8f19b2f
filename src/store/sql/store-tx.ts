// The StoreTx operations, written once for both dialects over a TxDb (sql-db.ts).
//
// The lock order (what keeps concurrent PostgreSQL transactions from deadlocking): an operation that
// locks existing rows (an UPDATE, a SELECT ... FOR SHARE/UPDATE) takes the audit chain head first
// (lockChain). Every transaction that locks rows also appends to the audit chain, which takes the
// head anyway; taking it first means no transaction ever waits for a row while holding rows someone
// queued at the head wants (a revocation locks consent then outbox rows, a decision in a group-commit
// batch may already hold the head when it locks the child's consents). On SQLite, where one
// transaction runs at a time, there is no lock to take.
//
// A revocation finds the deliveries to cancel through exchange_consents, the consents each exchange's
// decision rests on, written with the exchange: the store never reads a stored decision.

import { GatewayError } from '../../kernel/gateway-error.ts';
import type { AuditRecord } from '../../kernel/audit-record.ts';
import type { ConsentRecord } from '../../kernel/consent-record.ts';
import type { CancelledDelivery, ExchangePatch, ExchangeRow, OutboxPatch, StoreTx } from '../store.ts';
import { carePathSql, type CarePathMemo } from './care-path-sql.ts';
import { claimDueDeliveries } from './outbox-claim.ts';
import { signalWrites } from './signal-sql.ts';
import { regieWrites } from './regie-sql.ts';
import { subscriptionWrites } from './subscription-sql.ts';
import { addDecisionCount } from './decision-day-counts.ts';
import { putIdempotency } from './idempotency-sql.ts';
import { insertReleasedFieldSet, storedExchange } from './released-fields-sql.ts';
import { toJson, type Dialect, type Touch, type TxDb, type Write } from './sql-db.ts';
import {
  bulkInsertSql,
  checkpoints,
  consentColumns,
  consentSelect,
  decisionInputs,
  exchangeConsents,
  exchangeColumns,
  ijwPairings,
  inbox,
  insertSql,
  insertWrite,
  outbox,
  overrideReviews,
  scheduleRuns,
  schedules,
  toConsent,
  type ExchangeConsent,
} from './tables.ts';

// ---- writes (deferred on PostgreSQL, in flush order) -----------------------------------------------------

const insertExchange = insertWrite(exchangeColumns, { operation: 'insertExchange', order: 1, key: (r) => r.id });
const insertExchangeConsent = insertWrite(exchangeConsents, { operation: 'insertExchange', order: 1.2, key: (r) => `${r.exchangeId}\u0000${r.consentId}` });
const insertOutbox = insertWrite(outbox, { operation: 'insertOutbox', order: 2, key: (r) => r.exchangeId });
const insertInbox = insertWrite(inbox, { operation: 'insertInboxItem', order: 4, key: (r) => r.exchangeId, suffix: 'ON CONFLICT (exchange_id) DO NOTHING' });
const insertPairing = insertWrite(ijwPairings, { operation: 'insertIjwPairing', order: 6, key: (r) => r.exchangeId, suffix: 'ON CONFLICT (exchange_id) DO NOTHING' });
const insertReview = insertWrite(overrideReviews, { operation: 'insertOverrideReview', order: 2.6, key: (r) => r.exchangeId });

const insertDecisionInput = insertWrite(decisionInputs, { operation: 'insertDecisionInput', order: 2.5, key: (r) => r.exchangeId });

interface ConsentGrant {
  readonly record: ConsentRecord;
}
const insertConsent: Write<ConsentGrant> = {
  operation: 'insertConsent',
  order: 5,
  sql: insertSql(consentColumns),
  bulkSql: bulkInsertSql('consents', consentColumns.columns),
  key: (r) => r.record.id,
  values: ({ record }) => {
    const { status: _status, revocation: _revocation, ...grant } = record;
    return [record.id, record.subjectPseudonym, record.registeredBy, Date.parse(record.registeredAt), 'active', JSON.stringify(grant), record.validUntil ?? null];
  },
};

interface Patch {
  readonly id: string;
  readonly patch: ExchangePatch;
}

const exchangeSets = `updated_at = u.updated_at,
       status = CASE WHEN u.has_status THEN u.status ELSE e.status END,
       receiver_reference = CASE WHEN u.has_receiver_reference THEN u.receiver_reference ELSE e.receiver_reference END,
       delivered_at = CASE WHEN u.has_delivered_at THEN u.delivered_at ELSE e.delivered_at END,
       reason = CASE WHEN u.has_reason THEN u.reason ELSE e.reason END`;
const patchColumns = 'id, updated_at, has_status, status, has_receiver_reference, receiver_reference, has_delivered_at, delivered_at, has_reason, reason';

/** After the inserts (an exchange may be patched in the transaction that inserted it). */
const updateExchange: Write<Patch> = {
  operation: 'updateExchange',
  order: 1.5,
  sql: `UPDATE exchanges SET updated_at = $2,
       status = CASE WHEN $3::boolean THEN $4 ELSE status END,
       receiver_reference = CASE WHEN $5::boolean THEN $6 ELSE receiver_reference END,
       delivered_at = CASE WHEN $7::boolean THEN $8::bigint ELSE delivered_at END,
       reason = CASE WHEN $9::boolean THEN $10 ELSE reason END
     WHERE id = $1`,
  bulkSql: `UPDATE exchanges AS e SET ${exchangeSets}
     FROM unnest($1::text[], $2::bigint[], $3::boolean[], $4::text[], $5::boolean[], $6::text[], $7::boolean[], $8::bigint[],
                 $9::boolean[], $10::text[]) AS u(${patchColumns})
     WHERE e.id = u.id`,
  key: (r) => r.id,
  values: ({ id, patch }) => [
    id,
    patch.updatedAt,
    ...set(patch.status !== undefined, patch.status),
    ...set(patch.receiverReference !== undefined, patch.receiverReference),
    ...set(patch.deliveredAt !== undefined, patch.deliveredAt),
    ...set(patch.reason !== undefined, patch.reason),
  ],
  verify(changed, rows) {
    if (changed < rows) throw new GatewayError('not-found', { detail: 'store: updateExchange on an unknown exchange', logOnlyDetail: true });
  },
};

/** A patch field's parameters: whether it is set, then its value. */
function set(present: boolean, value: unknown): [boolean, unknown] {
  return [present, value ?? null];
}

// ---- statements --------------------------------------------------------------------------------------------

const outboxPatchSets = `status = CASE WHEN $3::boolean THEN $4 ELSE status END,
       attempts = CASE WHEN $5::boolean THEN $6::integer ELSE attempts END,
       next_attempt_at = CASE WHEN $7::boolean THEN $8::bigint ELSE next_attempt_at END,
       last_error = CASE WHEN $9::boolean THEN $10 ELSE last_error END,
       delivered_at = CASE WHEN $11::boolean THEN $12::bigint ELSE delivered_at END,
       purge_after = CASE WHEN $13::boolean THEN $14::bigint ELSE purge_after END`;

const sql = {
  // The settle records the claim's attempt and the lost ones before it (the dispatcher audits them in the same transaction).
  settle: `UPDATE outbox SET ${outboxPatchSets}, lease_owner = NULL, lease_until = NULL, unrecorded_attempts = 0 WHERE exchange_id = $1 AND lease_owner = $2`,
  transition: `UPDATE outbox SET ${outboxPatchSets},
       payload = CASE WHEN $15::boolean THEN $16::json ELSE payload END,
       adapter_kind = CASE WHEN $17::boolean THEN $18 ELSE adapter_kind END,
       endpoint = CASE WHEN $19::boolean THEN $20 ELSE endpoint END
     WHERE exchange_id = $1 AND status = $2 AND lease_owner IS NULL`,
  ackInbox: 'UPDATE inbox SET acked_at = $1, payload = NULL WHERE receiver = $2 AND exchange_id = $3 AND acked_at IS NULL',
  revokeConsent: "UPDATE consents SET status = 'revoked', revoked_at = $2, revocation = $3::json WHERE id = $1 AND status = 'active'",
  getDecisionInput: 'SELECT exchange_id, subject FROM decision_inputs WHERE exchange_id = $1',
  review: `UPDATE override_reviews SET status = $2, reviewed_by = $3, reviewed_at = $4, note = $5 WHERE exchange_id = $1 AND status = 'pending'`,
  cancelOne: `UPDATE outbox SET status = 'cancelled', payload = NULL, purge_after = $2, lease_owner = NULL, lease_until = NULL
     WHERE exchange_id = $1 AND status = 'pending'`,
  deleteDecisionInput: 'DELETE FROM decision_inputs WHERE exchange_id = $1',
  insertSchedule: insertSql(schedules),
  updateSchedule: `UPDATE schedules SET
       name = CASE WHEN $3::boolean THEN $4 ELSE name END,
       cron = CASE WHEN $5::boolean THEN $6 ELSE cron END,
       time_zone = CASE WHEN $7::boolean THEN $8 ELSE time_zone END,
       params = CASE WHEN $9::boolean THEN $10::json ELSE params END,
       paused = CASE WHEN $11::boolean THEN $12::boolean ELSE paused END,
       cursor = CASE WHEN $13::boolean THEN $14 ELSE cursor END,
       version = version + 1,
       updated_at = $2
     WHERE id = $1
     RETURNING ${schedules.select}`,
  deleteSchedule: 'DELETE FROM schedules WHERE id = $1',
  pauseReceiver: `INSERT INTO receiver_pauses (receiver, paused_at, paused_by, reason) VALUES ($1, $2::bigint, $3, $4)
    ON CONFLICT (receiver) DO NOTHING`,
  resumeReceiver: 'DELETE FROM receiver_pauses WHERE receiver = $1',
  insertRun: insertSql(scheduleRuns),
  updateRun: `UPDATE schedule_runs SET
       status = CASE WHEN $2::boolean THEN $3 ELSE status END,
       ended_at = CASE WHEN $4::boolean THEN $5::bigint ELSE ended_at END,
       read_count = CASE WHEN $6::boolean THEN $7::bigint ELSE read_count END,
       accepted_count = CASE WHEN $6::boolean THEN $8::bigint ELSE accepted_count END,
       refused_count = CASE WHEN $6::boolean THEN $9::bigint ELSE refused_count END,
       failed_count = CASE WHEN $6::boolean THEN $10::bigint ELSE failed_count END,
       cursor_reached = CASE WHEN $11::boolean THEN $12 ELSE cursor_reached END,
       error = CASE WHEN $13::boolean THEN $14 ELSE error END,
       details = CASE WHEN $15::boolean THEN $16::json ELSE details END
     WHERE id = $1`,
  interruptRuns: "UPDATE schedule_runs SET status = 'interrupted', ended_at = $2, error = $3 WHERE schedule_id = $1 AND status = 'running'",
  insertCheckpoint: insertSql(checkpoints),
  newestCheckpoint: `SELECT ${checkpoints.select} FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`,
};

const pendingForConsent = (d: Dialect): string => `SELECT o.exchange_id, o.receiver, o.message_type, o.purpose, o.lease_until
   FROM exchange_consents l JOIN exchanges e ON e.id = l.exchange_id JOIN outbox o ON o.exchange_id = l.exchange_id
  WHERE l.consent_id = $1 AND e.subject_pseudonym = $2 AND o.status = 'pending'
  ORDER BY o.exchange_id${d.forUpdate('o')}`;

function outboxPatchValues(patch: OutboxPatch): unknown[] {
  return [
    ...set(patch.status !== undefined, patch.status),
    ...set(patch.attempts !== undefined, patch.attempts),
    ...set(patch.nextAttemptAt !== undefined, patch.nextAttemptAt),
    ...set(patch.lastError !== undefined, patch.lastError),
    ...set(patch.deliveredAt !== undefined, patch.deliveredAt),
    ...set(patch.purgeAfter !== undefined, patch.purgeAfter),
  ];
}

/** A touch of one deferred write's row (or of any of its rows). */
const touch = (write: Write<never>, key?: string): Touch[] => [key === undefined ? { write } : { write, key }];

// ---- the operations ----------------------------------------------------------------------------------------

/** What a store keeps across its transactions (one per store, never shared between stores). */
export interface StoreMemo {
  readonly carePath: CarePathMemo;
}

export const newStoreMemo = (): StoreMemo => ({ carePath: {} });

/** The StoreTx over one transaction's TxDb. The caller guards it (guardTx in sql-db.ts). */
export function storeTx(db: TxDb, d: Dialect, memo: StoreMemo = newStoreMemo()): StoreTx {
  /** Set once this transaction holds the head's lock: the head as this transaction has moved it. */
  let locked: { head: { seq: number; hash: string } | undefined } | undefined;
  const auditHead = async (): Promise<{ seq: number; hash: string } | undefined> => {
    if (locked === undefined) {
      // Only records this transaction deferred before taking the lock would move the head in the table.
      const [row] = await db.all<{ seq: number; hash: string | null }>('auditHead', d.auditHeadSql, [], { touches: touch(d.insertAudit) });
      locked = { head: row === undefined || row.seq === 0 || row.hash === null ? undefined : { seq: row.seq, hash: row.hash } };
    }
    return locked.head === undefined ? undefined : { ...locked.head };
  };
  const lockChain = async (): Promise<void> => {
    if (d.concurrent) await auditHead();
  };
  /** The released-field sets this transaction wrote (released-fields-sql.ts). */
  const releasedSets = new Set<string>();

  return {
    ...carePathSql(db, lockChain, { multiRow: d.multiRow, memo: memo.carePath }),
    ...signalWrites(db, lockChain),
    ...regieWrites(db, lockChain),
    ...subscriptionWrites(db, lockChain),
    auditHead,
    insertAudit(record: AuditRecord) {
      const written = db.write(d.insertAudit, record);
      if (locked !== undefined && (locked.head === undefined || record.seq > locked.head.seq)) locked.head = { seq: record.seq, hash: record.hash };
      return written;
    },
    async insertExchange(row: ExchangeRow) {
      const { stored, set } = storedExchange(row);
      // Once per transaction: writing a deferred key again would flush the buffer first (sql-db.ts).
      // A new set may be another transaction's new set too (its insert waits for that one's commit on
      // PostgreSQL): the chain head first, the lock order above (an exchange's audit record, written
      // before it, has taken it already).
      if (set !== undefined && !releasedSets.has(set.id)) {
        await lockChain();
        releasedSets.add(set.id);
        await db.write(insertReleasedFieldSet, set);
      }
      await db.write(insertExchange, stored);
      for (const consentId of new Set(row.decision?.consentIds ?? [])) {
        await db.write<ExchangeConsent>(insertExchangeConsent, { exchangeId: row.id, consentId });
      }
      // A refusal counts on its Dutch day (migration 15); the count's row is locked after the head.
      if (row.status === 'refused') {
        await lockChain();
        await addDecisionCount(db, 'refused', row.createdAt, row.sender, row.reason);
      }
    },
    // Deferred on PostgreSQL: an unknown exchange fails the transaction with not-found (at its next flush).
    updateExchange: (id, patch) => db.write(updateExchange, { id, patch }),
    insertOutbox: (row) => db.write(insertOutbox, row),
    async settleOutbox(exchangeId, owner, patch) {
      await lockChain();
      const changed = await db.run('settleOutbox', sql.settle, [exchangeId, owner, ...outboxPatchValues(patch)], {
        touches: touch(insertOutbox, exchangeId),
      });
      return changed === 1;
    },
    async claimDueDeliveries(query) {
      await lockChain();
      return claimDueDeliveries(db, d, query);
    },
    putIdempotency: (record) => db.write(putIdempotency, record),
    insertInboxItem: (item) => db.write(insertInbox, item),
    async ackInboxItem(receiver, exchangeId, now) {
      await lockChain();
      return (await db.run('ackInboxItem', sql.ackInbox, [now, receiver, exchangeId], { touches: touch(insertInbox, exchangeId) })) === 1;
    },
    insertIjwPairing: (pairing) => db.write(insertPairing, pairing),
    insertConsent: (record) => db.write(insertConsent, { record }),
    async revokeConsent(id, revocation) {
      await lockChain();
      const values = [id, Date.parse(revocation.revokedAt), JSON.stringify(revocation)];
      return (await db.run('revokeConsent', sql.revokeConsent, values, { touches: touch(insertConsent, id) })) === 1;
    },
    async listSubjectConsents(subjectPseudonym) {
      await lockChain();
      // Bounded; a child has a handful of consents.
      const text = `SELECT ${consentSelect} FROM consents WHERE subject_pseudonym = $1 ORDER BY registered_at, id LIMIT 10000${d.forShare}`;
      const rows = await db.all<Record<string, unknown>>('listSubjectConsents', text, [subjectPseudonym], { touches: touch(insertConsent) });
      return rows.map(toConsent);
    },
    async listSubjectRequestSenders(subjectPseudonym, messageType) {
      // Through the subject index (exchanges_subject); the exchanges this transaction wrote count too,
      // and so does a status it changed (the filter reads it; found in review: no caller sets
      // 'refused' today, but the touches alone now decide what is flushed before a read).
      const text = "SELECT DISTINCT sender FROM exchanges WHERE subject_pseudonym = $1 AND message_type = $2 AND status <> 'refused' ORDER BY sender LIMIT 1000";
      const rows = await db.all<{ sender: string }>('listSubjectRequestSenders', text, [subjectPseudonym, messageType], { touches: [...touch(insertExchange), ...touch(updateExchange)] });
      return rows.map((r) => r.sender);
    },
    async cancelPendingDeliveries({ subjectPseudonym, consentId, now }) {
      await lockChain();
      // Rows this transaction inserted count too: no `touches`, so every deferred write goes first.
      type Target = { exchange_id: string; receiver: string; message_type: string; purpose: string; lease_until: number | null };
      const targets = await db.all<Target>('cancelPendingDeliveries', pendingForConsent(d), [consentId, subjectPseudonym]);
      const cancelled: CancelledDelivery[] = [];
      for (const t of targets) {
        if ((await db.run('cancelPendingDeliveries', sql.cancelOne, [t.exchange_id, now])) !== 1) continue;
        await db.run('cancelPendingDeliveries', sql.deleteDecisionInput, [t.exchange_id]);
        const wasLeased = t.lease_until !== null && t.lease_until > now;
        cancelled.push({ exchangeId: t.exchange_id, receiver: t.receiver, messageType: t.message_type, purpose: t.purpose, wasLeased });
      }
      return cancelled;
    },
    insertDecisionInput: (row) => db.write(insertDecisionInput, row),
    async getDecisionInput(exchangeId) {
      const [row] = await db.all<Record<string, unknown>>('getDecisionInput', sql.getDecisionInput, [exchangeId], {
        touches: touch(insertDecisionInput, exchangeId),
      });
      return row === undefined ? undefined : decisionInputs.read(row);
    },
    async insertOverrideReview(review) {
      await db.write(insertReview, review);
      await lockChain();
      await addDecisionCount(db, 'override', review.createdAt, review.sender, review.reasonCode);
    },
    async reviewOverride(exchangeId, verdict) {
      await lockChain();
      const values = [exchangeId, verdict.status, verdict.reviewedBy, verdict.reviewedAt, verdict.note];
      return (await db.run('reviewOverride', sql.review, values, { touches: touch(insertReview, exchangeId) })) === 1;
    },
    async transitionOutbox(exchangeId, from, patch) {
      await lockChain();
      const values = [
        exchangeId,
        from,
        ...outboxPatchValues(patch),
        ...set('payload' in patch, toJson(patch.payload)),
        ...set(patch.adapterKind !== undefined, patch.adapterKind),
        ...set('endpoint' in patch, patch.endpoint),
      ];
      return (await db.run('transitionOutbox', sql.transition, values, { touches: touch(insertOutbox, exchangeId) })) === 1;
    },
    async insertSchedule(row) {
      await db.run('insertSchedule', sql.insertSchedule, schedules.values(row), { onConstraint: 'schedule-name-taken' });
    },
    async updateSchedule(id, patch) {
      await lockChain();
      const values = [
        id,
        patch.updatedAt,
        ...set(patch.name !== undefined, patch.name),
        ...set(patch.cron !== undefined, patch.cron),
        ...set(patch.timeZone !== undefined, patch.timeZone),
        ...set(patch.params !== undefined, toJson(patch.params)),
        ...set(patch.paused !== undefined, patch.paused),
        // cursor may be set to null (a reset): present in the patch means set.
        ...set('cursor' in patch, patch.cursor),
      ];
      const [row] = await db.all<Record<string, unknown>>('updateSchedule', sql.updateSchedule, values, { onConstraint: 'schedule-name-taken' });
      return row === undefined ? undefined : schedules.read(row);
    },
    async deleteSchedule(id) {
      await lockChain();
      return (await db.run('deleteSchedule', sql.deleteSchedule, [id])) === 1;
    },
    async pauseReceiver(pause) {
      await lockChain();
      return (await db.run('pauseReceiver', sql.pauseReceiver, [pause.receiver, pause.pausedAt, pause.pausedBy, pause.reason])) === 1;
    },
    async resumeReceiver(receiver) {
      await lockChain();
      return (await db.run('resumeReceiver', sql.resumeReceiver, [receiver])) === 1;
    },
    async insertScheduleRun(row) {
      await db.run('insertScheduleRun', sql.insertRun, scheduleRuns.values({ ...row, ...row.counts }));
    },
    async updateScheduleRun(id, patch) {
      await lockChain();
      const values = [
        id,
        ...set(patch.status !== undefined, patch.status),
        ...set(patch.endedAt !== undefined, patch.endedAt),
        patch.counts !== undefined,
        patch.counts?.read ?? null,
        patch.counts?.accepted ?? null,
        patch.counts?.refused ?? null,
        patch.counts?.failed ?? null,
        ...set('cursorReached' in patch, patch.cursorReached),
        ...set('error' in patch, patch.error),
        ...set('details' in patch, toJson(patch.details)),
      ];
      if ((await db.run('updateScheduleRun', sql.updateRun, values)) === 0) {
        throw new GatewayError('not-found', { detail: 'store: updateScheduleRun on an unknown run', logOnlyDetail: true });
      }
    },
    async interruptScheduleRuns(scheduleId, now, error) {
      await lockChain();
      return db.run('interruptScheduleRuns', sql.interruptRuns, [scheduleId, now, error]);
    },
    async insertAuditCheckpoint(c) {
      await db.run('insertAuditCheckpoint', sql.insertCheckpoint, checkpoints.values(c), { onConstraint: 'audit-write-failed' });
    },
    async newestAuditCheckpoint() {
      const [row] = await db.all<Record<string, unknown>>('newestAuditCheckpoint', sql.newestCheckpoint, []);
      return row === undefined ? undefined : checkpoints.read(row);
    },
  };
}
