// The operators' reads (operator-store.ts), written once for both dialects over a Db (sql-db.ts): the
// message log (every filter a bound parameter, fixed fragments only, newest first by a position
// cursor), paused receivers, per-receiver delivery figures and the dashboard's counts. Indexes:
// migration 8 (exchanges by creation, by status and by delivery time; outbox by receiver and status;
// audit by counterparty, action, outcome and time).

import { GatewayError } from '../../kernel/gateway-error.ts';
import type { ExchangeLogRow, ExchangeLogStatus, OperatorReads, ReceiverPause } from '../operator-store.ts';
import { checkLimit, type Db, type Dialect } from './sql-db.ts';
import { auditRowOf } from './store-reads.ts';

type Rec = Record<string, unknown>;

const logColumns = 'id, created_at, updated_at, sender, receiver, message_type, purpose, status, reason, delivered_at, trace_id';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));
const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function logRow(r: Rec): ExchangeLogRow {
  return {
    id: r.id as string,
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    sender: r.sender as string,
    receiver: textOrNull(r.receiver),
    messageType: r.message_type as string,
    purpose: textOrNull(r.purpose),
    status: r.status as ExchangeLogStatus,
    reason: textOrNull(r.reason),
    deliveredAt: numOrNull(r.delivered_at),
    traceId: r.trace_id as string,
  };
}

const logFilters = {
  status: 'status = {}',
  sender: 'sender = {}',
  receiver: 'receiver = {}',
  messageType: 'message_type = {}',
  reason: 'reason = {}',
  from: 'created_at >= {}::bigint',
  to: 'created_at < {}::bigint',
} as const;

export function operatorReads(db: Db, d: Dialect): OperatorReads {
  const auditCols = ['record', ...Object.keys(d.auditColumns)].join(', ');
  const sql = {
    pauses: 'SELECT receiver, paused_at, paused_by, reason FROM receiver_pauses ORDER BY receiver',
    pending: "SELECT count(*) AS n, min(created_at) AS oldest FROM outbox WHERE receiver = $1 AND status = 'pending'",
    dead: "SELECT count(*) AS n FROM outbox WHERE receiver = $1 AND status = 'dead'",
    attempts: `SELECT count(*) AS n FROM audit WHERE counterparty = $1 AND action = 'delivery.attempt' AND outcome = $2 AND ${d.auditTime} >= $3`,
    lastFailure: `SELECT ${auditCols} FROM audit WHERE counterparty = $1 AND action = 'delivery.attempt' AND outcome = $2
      ORDER BY ${d.auditTime} DESC LIMIT 1`,
    created: `SELECT CAST((created_at - $1::bigint) / $3::bigint AS integer) AS b, count(*) AS n, sum(CASE WHEN status = 'refused' THEN 1 ELSE 0 END) AS refused
      FROM exchanges WHERE created_at >= $1::bigint AND created_at < $2::bigint GROUP BY 1`,
    delivered: `SELECT CAST((delivered_at - $1::bigint) / $3::bigint AS integer) AS b, count(*) AS n
      FROM exchanges WHERE delivered_at >= $1::bigint AND delivered_at < $2::bigint GROUP BY 1`,
    latencies: `SELECT delivered_at - created_at AS ms FROM exchanges WHERE delivered_at >= $1::bigint AND delivered_at < $2::bigint
      ORDER BY delivered_at DESC LIMIT $3`,
  };

  return {
    async listExchangeLog(query) {
      const limit = checkLimit(query.limit);
      if (limit === 0) return [];
      const values: unknown[] = [limit];
      const where: string[] = [];
      for (const [field, fragment] of Object.entries(logFilters) as [keyof typeof logFilters, string][]) {
        const value = query[field];
        if (value === undefined) continue;
        values.push(value);
        where.push(fragment.replaceAll('{}', `$${values.length}`));
      }
      if (query.before !== undefined) {
        values.push(query.before.createdAt, query.before.id);
        where.push(`(created_at, id) < ($${values.length - 1}::bigint, $${values.length}::text)`);
      }
      const text = `SELECT ${logColumns} FROM exchanges${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT $1`;
      return (await db.all<Rec>('listExchangeLog', text, values)).map(logRow);
    },

    async listReceiverPauses() {
      return (await db.all<Rec>('listReceiverPauses', sql.pauses, [])).map(
        (r): ReceiverPause => ({ receiver: r.receiver as string, pausedAt: num(r.paused_at), pausedBy: r.paused_by as string, reason: textOrNull(r.reason) }),
      );
    },

    async receiverDeliveryFigures(receiver, query) {
      const [pending] = await db.all<Rec>('receiverDeliveryFigures', sql.pending, [receiver]);
      const [dead] = await db.all<Rec>('receiverDeliveryFigures', sql.dead, [receiver]);
      const count = async (outcome: string): Promise<number> => num((await db.all<Rec>('receiverDeliveryFigures', sql.attempts, [receiver, outcome, query.since]))[0]?.n ?? 0);
      const failures = [];
      for (const outcome of ['retry', 'dead-letter']) {
        const [row] = await db.all<Rec>('receiverDeliveryFigures', sql.lastFailure, [receiver, outcome]);
        if (row === undefined) continue;
        const { record, mismatchedColumns } = auditRowOf(row, d.auditColumns);
        if (mismatchedColumns.length > 0) {
          throw new GatewayError('internal', { detail: `store: audit record seq ${record.seq} was tampered with: column ${mismatchedColumns.join(', ')} differs from the hashed record`, logOnlyDetail: true });
        }
        failures.push(record);
      }
      const last = failures.sort((a, b) => (a.time < b.time ? 1 : -1))[0];
      return {
        receiver,
        pending: num(pending?.n ?? 0),
        oldestPendingAt: numOrNull(pending?.oldest),
        dead: num(dead?.n ?? 0),
        attempts: { delivered: await count('delivered'), retry: await count('retry'), deadLetter: await count('dead-letter'), leaseExpired: await count('lease-expired') },
        lastFailure: last === undefined ? null : { at: last.time, exchangeId: last.exchangeId ?? null, detail: last.detail ?? null },
      };
    },

    async trafficFigures(query) {
      const bucketCount = Math.max(1, Math.ceil((query.to - query.from) / query.bucketMs));
      const buckets = Array.from({ length: bucketCount }, (_, i) => ({ start: query.from + i * query.bucketMs, accepted: 0, refused: 0, delivered: 0 }));
      const params = [query.from, query.to, query.bucketMs];
      for (const r of await db.all<Rec>('trafficFigures', sql.created, params)) {
        const bucket = buckets[num(r.b)];
        if (bucket === undefined) continue;
        bucket.refused = num(r.refused);
        bucket.accepted = num(r.n) - bucket.refused;
      }
      for (const r of await db.all<Rec>('trafficFigures', sql.delivered, params)) {
        const bucket = buckets[num(r.b)];
        if (bucket !== undefined) bucket.delivered = num(r.n);
      }
      const sample = checkLimit(query.latencySample);
      const latenciesMs = sample === 0 ? [] : (await db.all<Rec>('trafficFigures', sql.latencies, [query.from, query.to, sample])).map((r) => num(r.ms));
      return { buckets, latenciesMs };
    },
  };
}
