// Refusals and overrides per party and reason over time, for the privacy officer's charts (issue 11):
// per Dutch calendar day in a window of at most 92 days, one series of counts per (sending party,
// reason). Counts only, never an exchange or a child; reading them is audited as privacy.read.

import { appendAudit } from '../audit/audit-log.ts';
import { dutchDate, type Clock } from '../kernel/clock.ts';
import { addCalendarDays, calendarDaysBetween, dayNumber, type IsoDay } from '../kernel/dutch-working-days.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { Principal } from '../config/config-types.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { DecisionCount } from '../store/decision-counts.ts';
import type { Store } from '../store/store.ts';

/** The longest window, in days: a quarter (a day per bar stays readable, and the query stays cheap). */
export const maxWindowDays = 92;
export const defaultWindowDays = 30;

export interface DecisionStatisticsQuery {
  /** First and last Dutch calendar day (inclusive); default the last 30 days up to today. */
  readonly from?: IsoDay;
  readonly to?: IsoDay;
  readonly party?: string;
}

export interface DecisionSeries {
  readonly party: string;
  readonly reason: string;
  readonly total: number;
  /** One count per day of `days`. */
  readonly counts: readonly number[];
}

export interface DecisionStatistics {
  readonly from: IsoDay;
  readonly to: IsoDay;
  readonly days: readonly IsoDay[];
  readonly refusals: readonly DecisionSeries[];
  readonly overrides: readonly DecisionSeries[];
}

export interface DecisionStatisticsReader {
  read(principal: Principal, query: DecisionStatisticsQuery, trace: TraceContext): Promise<DecisionStatistics>;
}

/** Series by (party, reason), most frequent first, with a zero for every day without any. */
function seriesOf(counts: readonly DecisionCount[], firstDay: number, dayCount: number): DecisionSeries[] {
  const byKey = new Map<string, { party: string; reason: string; counts: number[] }>();
  for (const c of counts) {
    const key = `${c.party}\u0000${c.reason}`;
    let series = byKey.get(key);
    if (series === undefined) {
      series = { party: c.party, reason: c.reason, counts: new Array<number>(dayCount).fill(0) };
      byKey.set(key, series);
    }
    const index = c.day - firstDay;
    if (index >= 0 && index < dayCount) series.counts[index] = (series.counts[index] ?? 0) + c.count;
  }
  return [...byKey.values()]
    .map((s) => ({ ...s, total: s.counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.party.localeCompare(b.party) || a.reason.localeCompare(b.reason));
}

export function createDecisionStatistics(deps: { readonly store: Store; readonly committer: GroupCommitter; readonly clock: Clock }): DecisionStatisticsReader {
  const { store, committer, clock } = deps;
  return {
    async read(principal, query, trace) {
      if (principal.role !== 'privacy-officer') throw new GatewayError('forbidden', { detail: 'needs the role privacy-officer' });
      const now = clock.now();
      const to = query.to ?? dutchDate(now);
      const from = query.from ?? addCalendarDays(to, -(defaultWindowDays - 1));
      const dayCount = calendarDaysBetween(from, to) + 1;
      if (dayCount < 1) throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/to', detail: 'must not be before from' }] });
      if (dayCount > maxWindowDays) throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/from', detail: `the window is at most ${maxWindowDays} days (it is ${dayCount})` }] });
      const countQuery = { from, to, ...(query.party !== undefined ? { party: query.party } : {}) };
      const [refused, overridden] = await Promise.all([store.countRefusals(countQuery), store.countOverrides(countQuery)]);
      const firstDay = dayNumber(from);
      const answer: DecisionStatistics = {
        from,
        to,
        days: Array.from({ length: dayCount }, (_, i) => addCalendarDays(from, i)),
        refusals: seriesOf(refused, firstDay, dayCount),
        overrides: seriesOf(overridden, firstDay, dayCount),
      };
      await committer.run((tx) =>
        appendAudit(
          tx,
          {
            traceId: trace.traceId,
            spanId: trace.spanId,
            action: 'privacy.read',
            outcome: 'read',
            actor: principal.id,
            detail: `decision-statistics ${from}..${to}${query.party !== undefined ? ` for ${query.party}` : ''}`,
          },
          now,
        ),
      );
      return answer;
    },
  };
}
