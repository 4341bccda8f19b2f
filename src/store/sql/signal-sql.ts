// The signals and the watchdog's overdue items in SQL, once for both dialects (migration 7; the port
// is src/store/signal-store.ts). A signal is one row; at most one that is not closed per source and key
// (the partial unique index signals_live_key), so raising the same item twice writes nothing.
import type { DeadlineFact } from '../../kernel/care-path-record.ts';
import type { Signal, SignalRefs, SignalStatus } from '../../kernel/signal-record.ts';
import type { SignalReads, SignalWrites } from '../signal-store.ts';
import { checkLimit, fromJson, type Db, type TxDb } from './sql-db.ts';

const columns = 'id, source, signal_key, kind, rule, title, owed_by, concerned, subject, refs, due_day, status, raised_at, acknowledged_at, acknowledged_by, note, closed_at, closed_reason, closed_by_exchange';

type Row = Record<string, unknown>;

function signalOf(r: Row): Signal {
  const opt = <K extends string>(key: K, value: unknown): Partial<Record<K, unknown>> => (value === null || value === undefined ? {} : ({ [key]: value } as Record<K, unknown>));
  return {
    id: r.id as string,
    source: r.source as string,
    key: r.signal_key as string,
    kind: r.kind as string,
    rule: r.rule as string,
    title: r.title as string,
    owedBy: r.owed_by as string,
    ...opt('concerned', r.concerned),
    ...opt('subject', r.subject),
    refs: fromJson(r.refs) as SignalRefs,
    dueDay: r.due_day as string,
    status: r.status as SignalStatus,
    raisedAt: Number(r.raised_at),
    ...opt('acknowledgedAt', r.acknowledged_at === null ? null : Number(r.acknowledged_at)),
    ...opt('acknowledgedBy', r.acknowledged_by),
    ...opt('note', r.note),
    ...opt('closedAt', r.closed_at === null ? null : Number(r.closed_at)),
    ...opt('closedReason', r.closed_reason),
    ...opt('closedByExchange', r.closed_by_exchange),
  } as Signal;
}

/** Keys per close statement (a bound on its parameters; a message closes a few). */
const closeChunk = 100;

const sql = {
  overdue: `SELECT d.fact FROM cp_deadlines d
     WHERE d.status = 'open' AND d.overdue_on <= $1 AND d.id > $2
       AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.source = $3 AND s.signal_key = d.id AND s.status <> 'closed')
     ORDER BY d.id LIMIT $4`,
  get: `SELECT ${columns} FROM signals WHERE id = $1`,
  // Filters are optional: a NULL parameter matches every row.
  list: `SELECT ${columns} FROM signals
     WHERE ($1::text IS NULL OR owed_by = $1 OR concerned = $1)
       AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3) AND ($4::text IS NULL OR rule = $4)
       AND ($5::text IS NULL OR subject = $5)
       AND (raised_at > $6 OR (raised_at = $6 AND id > $7))
     ORDER BY raised_at, id LIMIT $8`,
  cursor: 'SELECT raised_at, id FROM signals WHERE id = $1',
  count: 'SELECT status, count(*) AS n FROM signals GROUP BY status',
  insert: `INSERT INTO signals (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::json, $11, $12, $13, $14, $15, $16, $17, $18, $19) ON CONFLICT DO NOTHING`,
  acknowledge: `UPDATE signals SET status = 'acknowledged', acknowledged_by = $2, note = $3, acknowledged_at = $4 WHERE id = $1 AND status = 'open' RETURNING ${columns}`,
  close: (keys: number) => `UPDATE signals SET status = 'closed', closed_reason = $2, closed_by_exchange = $3, closed_at = $4
     WHERE source = $1 AND signal_key IN (${Array.from({ length: keys }, (_, i) => `$${i + 5}`).join(', ')}) AND status <> 'closed' RETURNING ${columns}`,
};

export function signalReads(db: Db): SignalReads {
  return {
    async listOverdueDeadlines({ today, source, limit, after }) {
      const rows = await db.all<{ fact: unknown }>('listOverdueDeadlines', sql.overdue, [today, after ?? '', source, checkLimit(limit)]);
      return rows.map((r) => fromJson(r.fact) as DeadlineFact);
    },
    async getSignal(id) {
      const [row] = await db.all<Row>('getSignal', sql.get, [id]);
      return row === undefined ? undefined : signalOf(row);
    },
    async listSignals(q) {
      const limit = checkLimit(q.limit);
      let at = -1;
      let id = '';
      if (q.after !== undefined) {
        const [cursor] = await db.all<{ raised_at: number; id: string }>('listSignals', sql.cursor, [q.after]);
        if (cursor === undefined) return [];
        at = cursor.raised_at;
        id = cursor.id;
      }
      if (limit === 0) return [];
      const rows = await db.all<Row>('listSignals', sql.list, [q.party ?? null, q.status ?? null, q.kind ?? null, q.rule ?? null, q.subject ?? null, at, id, limit]);
      return rows.map(signalOf);
    },
    async countSignals() {
      const counts: Record<SignalStatus, number> = { open: 0, acknowledged: 0, closed: 0 };
      for (const r of await db.all<{ status: SignalStatus; n: number | string }>('countSignals', sql.count, [])) counts[r.status] = Number(r.n);
      return counts;
    },
  };
}

export function signalWrites(db: TxDb, lockChain: () => Promise<void>): SignalWrites {
  return {
    async insertSignal(s) {
      const values = [
        s.id, s.source, s.key, s.kind, s.rule, s.title, s.owedBy, s.concerned ?? null, s.subject ?? null, JSON.stringify(s.refs), s.dueDay, s.status, s.raisedAt,
        s.acknowledgedAt ?? null, s.acknowledgedBy ?? null, s.note ?? null, s.closedAt ?? null, s.closedReason ?? null, s.closedByExchange ?? null,
      ];
      return (await db.run('insertSignal', sql.insert, values)) === 1;
    },
    async acknowledgeSignal(id, ack) {
      await lockChain();
      const [row] = await db.all<Row>('acknowledgeSignal', sql.acknowledge, [id, ack.by, ack.note, ack.at]);
      return row === undefined ? undefined : signalOf(row);
    },
    async closeSignals({ source, keys, reason, byExchange, now }) {
      await lockChain();
      // One statement per chunk of keys, not one per key (a message's care path closes or re-terms a
      // few deadlines, each a possible signal: on PostgreSQL every statement is a round trip). The
      // answer keeps the order of the keys asked for, as the audit records that follow are written in it.
      const position = new Map(keys.map((key, i) => [key, i]));
      const closed: { signal: Signal; at: number }[] = [];
      for (let start = 0; start < keys.length; start += closeChunk) {
        const chunk = keys.slice(start, start + closeChunk);
        // Signals are written at once, never deferred: the deferred writes can wait (pg-tx.ts).
        for (const row of await db.all<Row>('closeSignals', sql.close(chunk.length), [source, reason, byExchange ?? null, now, ...chunk], { touches: [] })) {
          const signal = signalOf(row);
          closed.push({ signal, at: position.get(signal.key) ?? 0 });
        }
      }
      return closed.sort((a, b) => a.at - b.at).map((c) => c.signal);
    },
  };
}
