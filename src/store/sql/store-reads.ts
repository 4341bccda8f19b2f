// The Store's reads (and its single-statement writes outside a transaction: claims), written once for
// both dialects over a Db (sql-db.ts). Lists are paged by a cursor that names a row by its id: the
// cursor row's sort key is read first, and an unknown cursor names no position (an empty page).
// Where a filter is optional, each combination has its own statement, so each can use its index.

import type { AuditRecord } from '../../kernel/audit-record.ts';
import { parseAuditRecordText } from '../../kernel/audit-record-text.ts';
import type { AuditChainRow, AuditSearch, OutboxStatus, Store } from '../store.ts';
import type { OperatorReads } from '../operator-store.ts';
import type { SignalReads } from '../signal-store.ts';
import type { ConsentLists } from '../consent-lists.ts';
import type { DecisionCounts } from '../decision-counts.ts';
import type { RegieReads } from '../regie-store.ts';
import type { SubscriptionReads } from '../subscription-store.ts';
import { GatewayError } from '../../kernel/gateway-error.ts';
import { checkLimit, minSeq, type Db, type Dialect, type Params } from './sql-db.ts';
import { carePathHistoryRead } from './care-path-history-sql.ts';
import { claimDueDeliveries } from './outbox-claim.ts';
import { getIdempotencySql, readIdempotency } from './idempotency-sql.ts';
import { exchangeSelect, readExchange } from './released-fields-sql.ts';
import {
  checkpoints,
  consentSelect,
  exchangeColumns,
  ijwPairings,
  inbox,
  outbox,
  outboxEntries,
  outboxEntrySelect,
  overrideReviews,
  scheduleRuns,
  schedules,
  toConsent,
  toRun,
  type Table,
} from './tables.ts';

export type StoreReads = Omit<Store, 'kind' | 'migrate' | 'ready' | 'transaction' | 'tryWithClusterLock' | 'close' | 'purgePayloads' | 'reclaimPurgedSpace' | keyof OperatorReads | keyof SignalReads | keyof ConsentLists | keyof DecisionCounts | keyof RegieReads | keyof SubscriptionReads>;

type Rec = Record<string, unknown>;

const ex = exchangeColumns.select;
const refusedForReceiver = "NOT (action = 'exchange.submit' AND outcome = 'refused')";

/**
 * A party's exchanges: two index-ordered branches (sender, receiver) merged; a party sending to
 * itself appears once. A refused exchange was never received: only its sender sees it.
 */
const exchangeList = (cursor: string): string => `SELECT ${exchangeSelect('sent')} FROM (
    SELECT ${ex} FROM exchanges WHERE sender = $1 ${cursor} ORDER BY created_at DESC, id DESC LIMIT $2) AS sent
  UNION ALL
  SELECT ${exchangeSelect('received')} FROM (
    SELECT ${ex} FROM exchanges WHERE receiver = $1 AND sender <> $1 AND status <> 'refused' ${cursor}
     ORDER BY created_at DESC, id DESC LIMIT $2) AS received
  ORDER BY created_at DESC, id DESC LIMIT $2`;

const sql = {
  getExchange: `SELECT ${exchangeSelect('exchanges')} FROM exchanges WHERE id = $1`,
  exchangeCursor: 'SELECT created_at AS at, id FROM exchanges WHERE id = $1',
  listExchanges: exchangeList(''),
  listExchangesBefore: exchangeList('AND (created_at, id) < ($3::bigint, $4::text)'),
  bySubject: `SELECT ${exchangeSelect('exchanges')} FROM exchanges WHERE subject_pseudonym = $1 ORDER BY created_at, id LIMIT $2`,
  bySubjectAfter: `SELECT ${exchangeSelect('exchanges')} FROM exchanges WHERE subject_pseudonym = $1 AND (created_at, id) > ($3::bigint, $4::text)
    ORDER BY created_at, id LIMIT $2`,
  getOutbox: `SELECT ${outbox.select} FROM outbox WHERE exchange_id = $1`,
  countOutbox: 'SELECT status, count(*) AS n FROM outbox GROUP BY status',
  getConsent: `SELECT ${consentSelect} FROM consents WHERE id = $1`,
  consentCursor: 'SELECT registered_at AS at, id FROM consents WHERE id = $1',
  getReview: `SELECT ${overrideReviews.select} FROM override_reviews WHERE exchange_id = $1`,
  reviewCursor: 'SELECT created_at AS at, exchange_id AS id FROM override_reviews WHERE exchange_id = $1',
  reviews: (byStatus: boolean) => `SELECT ${overrideReviews.select} FROM override_reviews
    WHERE ${byStatus ? 'status = $4 AND ' : ''}(created_at, exchange_id) > ($1::bigint, $2::text) ORDER BY created_at, exchange_id LIMIT $3`,
  inboxOpen: `SELECT ${inbox.select} FROM inbox WHERE receiver = $1 AND acked_at IS NULL ORDER BY created_at, exchange_id LIMIT $2`,
  inboxAll: `SELECT ${inbox.select} FROM inbox WHERE receiver = $1 ORDER BY created_at, exchange_id LIMIT $2`,
  getInbox: `SELECT ${inbox.select} FROM inbox WHERE receiver = $1 AND exchange_id = $2`,
  findPairing: `SELECT ${ijwPairings.select} FROM ijw_pairings
    WHERE message_type = $1 AND afzender = $2 AND identificatie = $3 AND dagtekening = $4 ORDER BY created_at DESC, exchange_id DESC LIMIT 1`,
  outboxCursor: 'SELECT created_at AS at, exchange_id AS id FROM outbox WHERE exchange_id = $1',
  outboxEntries: (byReceiver: boolean) => `SELECT ${outboxEntrySelect} FROM outbox
    WHERE status = $1 ${byReceiver ? 'AND receiver = $5 ' : ''}AND (created_at, exchange_id) > ($2::bigint, $3::text)
    ORDER BY created_at, exchange_id LIMIT $4`,
  oldestOutbox: 'SELECT min(created_at) AS oldest FROM outbox WHERE status = $1',
  getSchedule: `SELECT ${schedules.select} FROM schedules WHERE id = $1`,
  listSchedules: `SELECT ${schedules.select} FROM schedules ORDER BY name`,
  getRun: `SELECT ${scheduleRuns.select} FROM schedule_runs WHERE id = $1`,
  runCursor: 'SELECT started_at AS at, id, schedule_id FROM schedule_runs WHERE id = $1',
  listRuns: `SELECT ${scheduleRuns.select} FROM schedule_runs WHERE schedule_id = $1 AND (started_at, id) < ($2::bigint, $3::text)
    ORDER BY started_at DESC, id DESC LIMIT $4`,
  checkpoints: `SELECT ${checkpoints.select} FROM audit_checkpoints WHERE seq >= $1 ORDER BY seq LIMIT $2`,
};

/** One list's consents statement per filter combination (child, registering party). */
const consentList = (bySubject: boolean, byRegistrar: boolean): string => {
  const where = [
    ...(bySubject ? ['subject_pseudonym = $4'] : []),
    ...(byRegistrar ? [`registered_by = $${bySubject ? 5 : 4}`] : []),
    '(registered_at, id) > ($1::bigint, $2::text)',
  ];
  return `SELECT ${consentSelect} FROM consents WHERE ${where.join(' AND ')} ORDER BY registered_at, id LIMIT $3`;
};
const consentLists = [consentList(false, false), consentList(true, false), consentList(false, true), consentList(true, true)];

/**
 * The audit reads. Every record is the record as written (the hashed JSON); the columns beside it only
 * choose rows, so each read also selects them and checks that each equals the record's field.
 */
function auditSql(d: Dialect) {
  const columns = Object.entries(d.auditColumns);
  const cols = ['record', ...columns.map(([column]) => column)].join(', ');
  return {
    /** The columns beside the record, in the order `cols` selects them (column name, record field). */
    columns,
    cols,
    chain: `SELECT ${cols} FROM audit WHERE seq >= $1 ORDER BY seq LIMIT $2`,
    all: `SELECT ${cols} FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2`,
    exchange: `SELECT ${cols} FROM audit WHERE exchange_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    // Two index-ordered branches, each at most `limit` rows, instead of sorting every record of the party.
    party: `SELECT ${cols} FROM (
        SELECT ${cols} FROM audit WHERE actor = $1 AND seq > $2 ORDER BY seq LIMIT $3) AS acted
      UNION ALL
      SELECT ${cols} FROM (
        SELECT ${cols} FROM audit WHERE counterparty = $1 AND actor <> $1 AND seq > $2 AND ${refusedForReceiver}
         ORDER BY seq LIMIT $3) AS countered
      ORDER BY seq LIMIT $3`,
    exchangeParty: `SELECT ${cols} FROM audit WHERE exchange_id = $1 AND seq > $3
        AND (actor = $2 OR (counterparty = $2 AND ${refusedForReceiver})) ORDER BY seq LIMIT $4`,
  };
}

/** A column's value as text: numbers (seq) compare with the record's numbers whatever the driver returns. */
const scalarText = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : JSON.stringify(value));

/** Whether a stored column holds the record's field: absent as NULL, else the same scalar text. */
function sameAsField(stored: unknown, value: unknown): boolean {
  if (stored === null || stored === undefined) return value === undefined;
  if (value === undefined) return false;
  // The common cases, without the text: two strings, or two numbers (a finite number's text is one
  // of its own, and 0 and -0 both read "0", as === has them equal).
  if (typeof stored === 'string' && typeof value === 'string') return stored === value;
  if (typeof stored === 'number' && typeof value === 'number' && Number.isFinite(stored) && Number.isFinite(value)) return stored === value;
  return scalarText(stored) === scalarText(value);
}

/** No column differs: one shared, frozen list rather than an empty one per record. */
const noMismatch: readonly string[] = Object.freeze([]);

/** The record as written and the names of the columns beside it that differ from its fields. */
export function auditRowOf(row: Rec, columns: Readonly<Record<string, string>>): AuditChainRow {
  const record = JSON.parse(row.record as string) as AuditRecord;
  const fields = record as unknown as Rec;
  let mismatchedColumns: string[] | undefined;
  for (const [column, field] of Object.entries(columns)) {
    if (!sameAsField(row[column], fields[field])) (mismatchedColumns ??= []).push(column);
  }
  return { record, mismatchedColumns: mismatchedColumns ?? noMismatch };
}

/**
 * auditRowOf for a row read as an array: the record first, then the columns in the order of
 * `columns` (auditSql's `cols`). The audit reads of this file read so: no object per row.
 */
function auditRowOfArray(
  row: readonly unknown[],
  columns: readonly (readonly [column: string, field: string])[],
  parse: (text: string) => unknown = JSON.parse,
): AuditChainRow {
  const record = parse(row[0] as string) as AuditRecord;
  const fields = record as unknown as Rec;
  let mismatchedColumns: string[] | undefined;
  let i = 1;
  for (const [column, field] of columns) {
    if (!sameAsField(row[i], fields[field])) (mismatchedColumns ??= []).push(column);
    i += 1;
  }
  return { record, mismatchedColumns: mismatchedColumns ?? noMismatch };
}

// searchAudit: one statement per combination of filters (at most 2^7, each prepared once), built from
// fixed fragments only; every value is a bound parameter.
const searchFilters = ['dataSubjectId', 'party', 'purpose', 'outcome', 'action', 'from', 'to'] as const satisfies readonly (keyof AuditSearch)[];

function searchFragments(d: Dialect): Record<(typeof searchFilters)[number], string> {
  return {
    dataSubjectId: `${d.auditSubject} = {}`,
    party: '(actor = {} OR counterparty = {})',
    purpose: `${d.auditPurpose} = {}`,
    outcome: 'outcome = {}',
    action: 'action = {}',
    from: `${d.auditTime} >= {}`,
    to: `${d.auditTime} < {}`,
  };
}

interface Cursor {
  readonly at: number;
  readonly id: string;
}

export function storeReads(db: Db, d: Dialect): StoreReads {
  const one = async <R>(operation: string, text: string, params: Params, t: Table<R>): Promise<R | undefined> => {
    const [row] = await db.all<Rec>(operation, text, params);
    return row === undefined ? undefined : t.read(row);
  };
  const oneRow = async <R>(operation: string, text: string, params: Params, read: (r: Rec) => R): Promise<R | undefined> => {
    const [row] = await db.all<Rec>(operation, text, params);
    return row === undefined ? undefined : read(row);
  };
  const many = async <R>(operation: string, text: string, params: Params, read: (r: Rec) => R): Promise<R[]> =>
    (await db.all<Rec>(operation, text, params)).map(read);
  const audit = auditSql(d);
  const auditRows = async (operation: string, text: string, params: Params): Promise<AuditChainRow[]> =>
    (await db.arrays(operation, text, params)).map((r) => auditRowOfArray(r, audit.columns));
  // The chain's walk reads every record once and keeps none: its records share each recurring list of
  // released fields (frozen), and the verifier hashes them without serialising the list again
  // (audit-record-text.ts). The trees are JSON.parse's.
  const chainRows = async (operation: string, text: string, params: Params): Promise<AuditChainRow[]> =>
    (await db.arrays(operation, text, params)).map((r) => auditRowOfArray(r, audit.columns, parseAuditRecordText));
  /** Records for the API: a row whose columns disagree with its record was tampered with; nothing is answered. */
  const records = async (operation: string, text: string, params: Params): Promise<AuditRecord[]> =>
    (await auditRows(operation, text, params)).map(({ record, mismatchedColumns }) => {
      if (mismatchedColumns.length === 0) return record;
      throw new GatewayError('internal', {
        detail: `store: audit record seq ${record.seq} was tampered with: column ${mismatchedColumns.join(', ')} differs from the hashed record`,
        logOnlyDetail: true,
      });
    });
  /** The sort key of the row `id` names: from the start without one, undefined when it names no row. */
  const cursorOf = async (operation: string, text: string, id: string | undefined): Promise<Cursor | undefined> => {
    if (id === undefined) return { at: minSeq, id: '' };
    const [row] = await db.all<Cursor>(operation, text, [id]);
    return row;
  };
  const read = <R>(t: Table<R>) => (r: Rec): R => t.read(r);
  const fragments = searchFragments(d);

  return {
    ...carePathHistoryRead(db),
    getExchange: (id) => oneRow('getExchange', sql.getExchange, [id], readExchange),
    async listExchanges(query) {
      const limit = checkLimit(query.limit);
      if (query.before === undefined) return limit === 0 ? [] : many('listExchanges', sql.listExchanges, [query.party, limit], readExchange);
      const cursor = await cursorOf('listExchanges', sql.exchangeCursor, query.before);
      if (cursor === undefined || limit === 0) return []; // an unknown cursor names no position
      return many('listExchanges', sql.listExchangesBefore, [query.party, limit, cursor.at, cursor.id], readExchange);
    },
    async listExchangesBySubject(subject, query) {
      const limit = checkLimit(query.limit);
      if (query.after === undefined) return limit === 0 ? [] : many('listExchangesBySubject', sql.bySubject, [subject, limit], readExchange);
      const cursor = await cursorOf('listExchangesBySubject', sql.exchangeCursor, query.after);
      if (cursor === undefined || limit === 0) return [];
      return many('listExchangesBySubject', sql.bySubjectAfter, [subject, limit, cursor.at, cursor.id], readExchange);
    },

    async listAudit(query) {
      const limit = checkLimit(query.limit);
      if (limit === 0) return [];
      const after = query.afterSeq ?? minSeq;
      if (query.exchangeId !== undefined && query.party !== undefined) {
        return records('listAudit', audit.exchangeParty, [query.exchangeId, query.party, after, limit]);
      }
      if (query.exchangeId !== undefined) return records('listAudit', audit.exchange, [query.exchangeId, after, limit]);
      if (query.party !== undefined) return records('listAudit', audit.party, [query.party, after, limit]);
      return records('listAudit', audit.all, [after, limit]);
    },
    async readAuditChain(fromSeq, limit) {
      const n = checkLimit(limit);
      return n === 0 ? [] : (await auditRows('readAuditChain', audit.chain, [fromSeq, n])).map((r) => r.record);
    },
    async readAuditChainRows(fromSeq, limit) {
      const n = checkLimit(limit);
      return n === 0 ? [] : chainRows('readAuditChainRows', audit.chain, [fromSeq, n]);
    },
    async searchAudit(query) {
      if (checkLimit(query.limit) === 0) return [];
      const values: unknown[] = [query.afterSeq ?? minSeq, query.limit];
      const where = ['seq > $1'];
      for (const field of searchFilters) {
        const value = query[field];
        if (value === undefined || field === 'party') continue;
        values.push(value);
        where.push(fragments[field].replaceAll('{}', `$${values.length}`));
      }
      if (query.party === undefined) {
        return records('searchAudit', `SELECT ${audit.cols} FROM audit WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $2`, values);
      }
      // A party is the actor or the counterparty: two index-ordered branches (as listAudit's party
      // read), so another filter (an outcome, an action) does not make the store walk the whole chain.
      values.push(query.party);
      const party = `$${values.length}`;
      const rest = where.join(' AND ');
      return records(
        'searchAudit',
        `SELECT ${audit.cols} FROM (
            SELECT ${audit.cols} FROM audit WHERE actor = ${party} AND ${rest} ORDER BY seq LIMIT $2) AS acted
          UNION ALL
          SELECT ${audit.cols} FROM (
            SELECT ${audit.cols} FROM audit WHERE counterparty = ${party} AND actor <> ${party} AND ${rest} ORDER BY seq LIMIT $2) AS countered
          ORDER BY seq LIMIT $2`,
        values,
      );
    },

    async getIdempotency(party, key) {
      const [row] = await db.all<Rec>('getIdempotency', getIdempotencySql, [party, key]);
      return row === undefined ? undefined : readIdempotency(row);
    },

    claimDueDeliveries: (query) => claimDueDeliveries(db, d, query),
    getOutbox: (exchangeId) => one('getOutbox', sql.getOutbox, [exchangeId], outbox),
    async countOutbox() {
      const counts: Record<OutboxStatus, number> = { pending: 0, delivered: 0, dead: 0, cancelled: 0 };
      for (const { status, n } of await db.all<{ status: string; n: number }>('countOutbox', sql.countOutbox, [])) {
        if (status in counts) counts[status as OutboxStatus] = n;
      }
      return counts;
    },

    async getConsent(id) {
      const [row] = await db.all<Rec>('getConsent', sql.getConsent, [id]);
      return row === undefined ? undefined : toConsent(row);
    },
    async listConsents(query) {
      const limit = checkLimit(query.limit);
      const cursor = await cursorOf('listConsents', sql.consentCursor, query.after);
      if (cursor === undefined || limit === 0) return [];
      const values: unknown[] = [cursor.at, cursor.id, limit];
      if (query.subjectPseudonym !== undefined) values.push(query.subjectPseudonym);
      if (query.registeredBy !== undefined) values.push(query.registeredBy);
      const list = consentLists[(query.subjectPseudonym !== undefined ? 1 : 0) + (query.registeredBy !== undefined ? 2 : 0)];
      return list === undefined ? [] : many('listConsents', list, values, toConsent);
    },

    getOverrideReview: (exchangeId) => one('getOverrideReview', sql.getReview, [exchangeId], overrideReviews),
    async listOverrideReviews(query) {
      const limit = checkLimit(query.limit);
      const cursor = await cursorOf('listOverrideReviews', sql.reviewCursor, query.after);
      if (cursor === undefined || limit === 0) return [];
      const values = [cursor.at, cursor.id, limit, ...(query.status === undefined ? [] : [query.status])];
      return many('listOverrideReviews', sql.reviews(query.status !== undefined), values, read(overrideReviews));
    },

    listInbox: (receiver, query) =>
      many('listInbox', query.includeAcknowledged ? sql.inboxAll : sql.inboxOpen, [receiver, checkLimit(query.limit)], read(inbox)),
    getInboxItem: (receiver, exchangeId) => one('getInboxItem', sql.getInbox, [receiver, exchangeId], inbox),
    findIjwPairing: (key) => one('findIjwPairing', sql.findPairing, [key.messageType, key.afzender, key.identificatie, key.dagtekening], ijwPairings),

    async listOutbox(query) {
      const limit = checkLimit(query.limit);
      const cursor = await cursorOf('listOutbox', sql.outboxCursor, query.after);
      if (cursor === undefined || limit === 0) return [];
      const values = [query.status, cursor.at, cursor.id, limit, ...(query.receiver === undefined ? [] : [query.receiver])];
      return many('listOutbox', sql.outboxEntries(query.receiver !== undefined), values, read(outboxEntries));
    },
    async oldestOutboxCreatedAt(status) {
      const [row] = await db.all<{ oldest: number | null }>('oldestOutboxCreatedAt', sql.oldestOutbox, [status]);
      return row?.oldest ?? null;
    },
    getSchedule: (id) => one('getSchedule', sql.getSchedule, [id], schedules),
    listSchedules: () => many('listSchedules', sql.listSchedules, [], read(schedules)),
    async getScheduleRun(id) {
      const run = await one('getScheduleRun', sql.getRun, [id], scheduleRuns);
      return run === undefined ? undefined : toRun(run);
    },
    async listScheduleRuns(scheduleId, query) {
      const limit = checkLimit(query.limit);
      let before: Cursor = { at: Number.MAX_SAFE_INTEGER, id: '\u{10FFFF}' };
      if (query.before !== undefined) {
        const [cursor] = await db.all<Cursor & { schedule_id: string }>('listScheduleRuns', sql.runCursor, [query.before]);
        if (cursor?.schedule_id !== scheduleId) return []; // a cursor of another schedule names no position here
        before = cursor;
      }
      if (limit === 0) return [];
      return many('listScheduleRuns', sql.listRuns, [scheduleId, before.at, before.id, limit], (r) => toRun(scheduleRuns.read(r)));
    },
    async listAuditCheckpoints(query) {
      const limit = checkLimit(query.limit);
      return limit === 0 ? [] : many('listAuditCheckpoints', sql.checkpoints, [query.fromSeq ?? minSeq, limit], read(checkpoints));
    },
  };
}
