// Refusals and overrides per Dutch day, party and reason, kept as they happen (migration 15;
// decision-counts.ts is the port). The store adds one to a day's count in the transaction that
// records a refused exchange or an override review, after taking the audit chain head (the lock order
// of store-tx.ts), so the count can never disagree with the rows; the chart reads a few rows per day.
import { amsterdamDayOf } from '../../kernel/amsterdam-time.ts';
import { dayNumber } from '../../kernel/dutch-working-days.ts';
import type { DecisionCount, DecisionCountQuery, DecisionCounts } from '../decision-counts.ts';
import type { Db, TxDb } from './sql-db.ts';

export type DecisionKind = 'refused' | 'override';

/** What an unknown reason is counted under (a refusal always has one; older rows may not). */
const noReason = 'unknown';

const sql = {
  add: `INSERT INTO decision_day_counts (kind, day, party, reason, n) VALUES ($1, $2, $3, $4, 1)
    ON CONFLICT (kind, day, party, reason) DO UPDATE SET n = decision_day_counts.n + 1`,
  read: (byParty: boolean) => `SELECT party, reason, day, n FROM decision_day_counts
    WHERE kind = $1 AND day >= $2 AND day <= $3${byParty ? ' AND party = $4' : ''}`,
};

/** Adds one decision to its day's count (inside the transaction that records it). */
export async function addDecisionCount(db: TxDb, kind: DecisionKind, at: number, party: string, reason: string | null): Promise<void> {
  await db.run('addDecisionCount', sql.add, [kind, amsterdamDayOf(at), party, reason ?? noReason]);
}

interface DecisionRow {
  readonly created_at: number | string;
  readonly sender: string;
  readonly reason: string | null;
}

/** The counts of existing rows, for the migration that introduces the table. */
export function countDecisionDays(refused: Iterable<DecisionRow>, overrides: Iterable<DecisionRow>): { kind: DecisionKind; day: string; party: string; reason: string; n: number }[] {
  const counts = new Map<string, { kind: DecisionKind; day: string; party: string; reason: string; n: number }>();
  const add = (kind: DecisionKind, row: DecisionRow): void => {
    const day = amsterdamDayOf(Number(row.created_at));
    const reason = row.reason ?? noReason;
    const key = `${kind}\u0000${day}\u0000${row.sender}\u0000${reason}`;
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { kind, day, party: row.sender, reason, n: 1 });
    else entry.n += 1;
  };
  for (const row of refused) add('refused', row);
  for (const row of overrides) add('override', row);
  return [...counts.values()];
}

export function decisionCountReads(db: Db): DecisionCounts {
  const read = async (kind: DecisionKind, query: DecisionCountQuery): Promise<DecisionCount[]> => {
    const params: unknown[] = [kind, query.from, query.to, ...(query.party !== undefined ? [query.party] : [])];
    const rows = await db.all<Record<string, unknown>>(kind === 'refused' ? 'countRefusals' : 'countOverrides', sql.read(query.party !== undefined), params);
    return rows.map((r) => ({ party: r.party as string, reason: r.reason as string, day: dayNumber(r.day as string), count: Number(r.n) }));
  };
  return {
    countRefusals: (query) => read('refused', query),
    countOverrides: (query) => read('override', query),
  };
}
