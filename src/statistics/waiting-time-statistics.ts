// Waiting-time statistics as a service (GET /v1/statistics/waiting-times): the tables are computed
// over every care path the gateway knows (waiting-times.ts, with small-cell suppression over the whole
// table), kept for a configured time, and each caller gets its own slice (statistics-view.ts).
//
// Why a kept table and not a query per request: suppression has to be decided on the whole table at
// once (a cell is hidden because of its neighbours), so every answer needs every care path; statistics
// about months do not need to be fresher than a few minutes; and the answer then costs a slice, not a
// scan. The answer says when its table was computed.
import type { Clock } from '../kernel/clock.ts';
import type { TermResolver } from '../care-path/care-path-terms.ts';
import { suppressedTable, suppressionThreshold, type Cell } from './small-cell-suppression.ts';
import { scopeOf, viewOf, type StatisticsFilter, type WaitingTimeView } from './statistics-view.ts';
import { REFUSAL_TABLE, WAIT_MEASURES, WAIT_TABLE, waitObservations, type CarePathHistory, type WaitMeasure, type WaitingTimeTables } from './waiting-times.ts';

/** Where the facts come from: the store, read in full (requests, toewijzingen, deliveries). */
export interface CarePathHistorySource {
  history(): Promise<CarePathHistory>;
}

export interface StatisticsSettings {
  /** Cells with fewer children than this are suppressed (default 10, never below 5). */
  readonly suppressionThreshold: number;
  /** How long a computed table is served before it is computed again. */
  readonly refreshSeconds: number;
}

export interface StatisticsParty {
  readonly role: string;
  readonly identifiers: { readonly gemeentecode?: string; readonly agb?: string };
}

export interface WaitingTimeAnswer extends WaitingTimeView {
  /** When the table behind this answer was computed (ISO 8601). */
  readonly generatedAt: string;
}

export interface WaitingTimeStatistics {
  view(party: StatisticsParty, filter: StatisticsFilter): Promise<WaitingTimeAnswer>;
  /** Drops the kept table (tests, and after a bulk import). */
  invalidate(): void;
}

export interface WaitingTimeStatisticsDeps {
  readonly source: CarePathHistorySource;
  readonly terms: TermResolver;
  /** The configured region of a gemeente, with all its gemeenten. */
  readonly regionOf: (gemeente: string) => { readonly id: string; readonly gemeenten: readonly string[] } | undefined;
  readonly settings: StatisticsSettings;
  readonly clock: Clock;
}

/** Lets the event loop serve other requests between two long steps. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The same tables as waitingTimeTables(), one measure at a time with a turn of the event loop in
 * between: a computation over 100,000 care paths takes seconds, and the gateway keeps answering
 * other requests meanwhile (each step still runs without a break).
 */
async function tablesInTurns(history: CarePathHistory, terms: TermResolver, threshold: number): Promise<WaitingTimeTables> {
  const { waits, refusals } = waitObservations(history, terms);
  const measures: Partial<Record<WaitMeasure, Cell[]>> = {};
  for (const m of WAIT_MEASURES) {
    await turn();
    measures[m] = suppressedTable(waits[m], WAIT_TABLE, threshold);
  }
  await turn();
  return { measures: measures as Record<WaitMeasure, Cell[]>, refusals: suppressedTable(refusals, REFUSAL_TABLE, threshold) };
}

export function createWaitingTimeStatistics(deps: WaitingTimeStatisticsDeps): WaitingTimeStatistics {
  const threshold = suppressionThreshold(deps.settings.suppressionThreshold);
  let kept: { readonly tables: WaitingTimeTables; readonly at: number } | undefined;
  // One computation at a time: callers arriving while it runs wait for the same result.
  let computing: Promise<{ readonly tables: WaitingTimeTables; readonly at: number }> | undefined;

  async function current(): Promise<{ readonly tables: WaitingTimeTables; readonly at: number }> {
    const now = deps.clock.now().getTime();
    if (kept !== undefined && now - kept.at < deps.settings.refreshSeconds * 1000) return kept;
    computing ??= (async () => {
      try {
        const history = await deps.source.history();
        kept = { tables: await tablesInTurns(history, deps.terms, threshold), at: deps.clock.now().getTime() };
        return kept;
      } finally {
        computing = undefined;
      }
    })();
    return computing;
  }

  return {
    async view(party, filter) {
      // Who may ask is settled before any work is done.
      const scope = scopeOf(party, deps.regionOf);
      const { tables, at } = await current();
      return { ...viewOf(tables, scope, filter, threshold), generatedAt: new Date(at).toISOString() };
    },
    invalidate() {
      kept = undefined;
    },
  };
}
