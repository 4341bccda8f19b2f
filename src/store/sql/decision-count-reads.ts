// Refusals and overrides per party, reason and Dutch day (decision-counts.ts), once for both dialects.
// The day is computed in SQL from the instant plus Amsterdam's offset, chosen by a CASE over the
// moments the offset changes inside the window (at most three), so that a day is a Dutch calendar day
// also across a change of clocks. Refusals read the index on (status, created_at) (migration 8);
// overrides are few and read their table in the window.

import { GatewayError } from '../../kernel/gateway-error.ts';
import type { DecisionCount, DecisionCountQuery, DecisionCounts } from '../decision-counts.ts';
import type { Db } from './sql-db.ts';
import type { OffsetStretch } from '../../kernel/amsterdam-time.ts';

type Rec = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const dayMs = 86_400_000;
const maxStretches = 4;
/** Beyond any instant in the window: a stretch boundary that is never reached. */
const never = Number.MAX_SAFE_INTEGER;

/** `CAST((t + CASE WHEN t < $a THEN $b ... END) / day AS integer)` with the parameters from `first`. */
const dayOf = (column: string, first: number): string => {
  const whens = [0, 1, 2].map((i) => `WHEN ${column} < $${first + 2 * i}::bigint THEN $${first + 2 * i + 1}::bigint`).join(' ');
  return `CAST((${column} + CASE ${whens} ELSE $${first + 6}::bigint END) / ${dayMs} AS integer)`;
};

const sql = {
  refusals: (byParty: boolean) => `SELECT sender AS party, reason, ${dayOf('created_at', 3)} AS day, count(*) AS n
    FROM exchanges WHERE status = 'refused' AND created_at >= $1::bigint AND created_at < $2::bigint${byParty ? ' AND sender = $10' : ''}
    GROUP BY sender, reason, day`,
  overrides: (byParty: boolean) => `SELECT sender AS party, reason_code AS reason, ${dayOf('created_at', 3)} AS day, count(*) AS n
    FROM override_reviews WHERE created_at >= $1::bigint AND created_at < $2::bigint${byParty ? ' AND sender = $10' : ''}
    GROUP BY sender, reason_code, day`,
};

function params(query: DecisionCountQuery): unknown[] {
  const { stretches } = query;
  if (stretches.length === 0 || stretches.length > maxStretches) {
    throw new GatewayError('internal', { detail: `store: a decision count takes 1 to ${maxStretches} offset stretches`, logOnlyDetail: true });
  }
  // Three boundaries and four offsets: the unused stretches repeat the last offset beyond `never`.
  const last = stretches[stretches.length - 1] as OffsetStretch;
  const values: unknown[] = [query.from, query.to];
  for (let i = 0; i < maxStretches - 1; i++) {
    const s = stretches[i];
    values.push(s === undefined || s === last ? never : s.until, (s ?? last).offsetMs);
  }
  values.push(last.offsetMs);
  if (query.party !== undefined) values.push(query.party);
  return values;
}

const toCount = (r: Rec): DecisionCount => ({ party: r.party as string, reason: (r.reason as string | null) ?? 'unknown', day: num(r.day), count: num(r.n) });

export function decisionCountReads(db: Db): DecisionCounts {
  return {
    async countRefusals(query) {
      return (await db.all<Rec>('countRefusals', sql.refusals(query.party !== undefined), params(query))).map(toCount);
    },
    async countOverrides(query) {
      return (await db.all<Rec>('countOverrides', sql.overrides(query.party !== undefined), params(query))).map(toCount);
    },
  };
}
