// Waiting-time statistics as a service (GET /v1/statistics/waiting-times): the tables are computed
// over every care path the gateway knows (waiting-times.ts, with small-cell suppression over the whole
// table), kept for a configured time, and each caller gets its own slice (statistics-view.ts).
//
// Why a kept table and not a query per request: suppression has to be decided on the whole table at
// once (a cell is hidden because of its neighbours), so every answer needs every care path; statistics
// about months do not need to be fresher than a few minutes; and the answer then costs a slice, not a
// scan. The answer says when its table was computed.
//
// The computation (seconds over 100,000 care paths: the read of every fact, then the tables) runs in a
// worker thread in the gateway, so the event loop keeps serving exchanges meanwhile; the tables come
// back already sorted and serialised (published-tables.ts). A stale table is refreshed in the
// background: a request waits for the refresh only briefly, then is answered from the older table.
import type { Clock } from '../kernel/clock.ts';
import type { TermResolver } from '../care-path/care-path-terms.ts';
import { publishTables, type PublishedTables } from './published-tables.ts';
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

export interface WaitingTimeAnswer {
  readonly view: WaitingTimeView;
  /** When the table behind this answer was computed (ISO 8601). */
  readonly generatedAt: string;
}

export interface WaitingTimeStatistics {
  view(party: StatisticsParty, filter: StatisticsFilter): Promise<WaitingTimeAnswer>;
  /** Drops the kept table (tests, and after a bulk import). */
  invalidate(): void;
}

/** Computes the published tables from scratch (in a worker thread in the gateway; see src/workers). */
export type ComputeTables = () => Promise<PublishedTables>;

export interface WaitingTimeStatisticsDeps {
  readonly compute: ComputeTables;
  /** The configured region of a gemeente, with all its gemeenten. */
  readonly regionOf: (gemeente: string) => { readonly id: string; readonly gemeenten: readonly string[] } | undefined;
  readonly settings: StatisticsSettings;
  readonly clock: Clock;
  /** How long a request waits for a refresh before it is answered from the older table (default 1 s). */
  readonly freshWaitMs?: number;
}

/** Lets the event loop serve other requests between two long steps. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The published tables computed on this thread, one step at a time with a turn of the event loop in
 * between (each step still runs without a break): for a store a worker thread cannot open (SQLite in
 * memory, in tests). The gateway otherwise computes in a worker (src/workers/statistics-worker.ts).
 */
export function computeInTurns(source: CarePathHistorySource, terms: TermResolver, thresholdSetting: number): ComputeTables {
  const threshold = suppressionThreshold(thresholdSetting);
  return async () => {
    const history = await source.history();
    await turn();
    const { waits, refusals } = waitObservations(history, terms);
    const measures: Partial<Record<WaitMeasure, Cell[]>> = {};
    for (const m of WAIT_MEASURES) {
      await turn();
      measures[m] = suppressedTable(waits[m], WAIT_TABLE, threshold);
    }
    await turn();
    const tables: WaitingTimeTables = { measures: measures as Record<WaitMeasure, Cell[]>, refusals: suppressedTable(refusals, REFUSAL_TABLE, threshold) };
    await turn();
    return publishTables(tables);
  };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

export function createWaitingTimeStatistics(deps: WaitingTimeStatisticsDeps): WaitingTimeStatistics {
  const threshold = suppressionThreshold(deps.settings.suppressionThreshold);
  const freshWaitMs = deps.freshWaitMs ?? 1_000;
  interface Kept { readonly tables: PublishedTables; readonly at: number }
  let kept: Kept | undefined;
  // Bumped by invalidate(): a computation that started before it must not be kept after it.
  let generation = 0;
  // One computation at a time: callers arriving while it runs wait for the same result.
  let computing: Promise<Kept> | undefined;

  function refresh(): Promise<Kept> {
    const started = generation;
    computing ??= (async () => {
      try {
        const tables = await deps.compute();
        const fresh = { tables, at: deps.clock.now().getTime() };
        if (started === generation) kept = fresh;
        return fresh;
      } finally {
        computing = undefined;
      }
    })();
    return computing;
  }

  /**
   * The table to answer from. With none kept the caller waits for the computation; with a stale one
   * the refresh starts and the caller waits for it at most freshWaitMs, then gets the older table
   * (its generatedAt says so), so a large history never holds a request for the whole computation.
   */
  async function current(): Promise<Kept> {
    const now = deps.clock.now().getTime();
    const held = kept;
    if (held !== undefined && now - held.at < deps.settings.refreshSeconds * 1000) return held;
    const next = refresh();
    if (held === undefined) return next;
    // A failed refresh keeps the older table; the next request tries again.
    return Promise.race([next.catch(() => held), delay(freshWaitMs).then(() => held)]);
  }

  return {
    async view(party, filter) {
      // Who may ask is settled before any work is done.
      const scope = scopeOf(party, deps.regionOf);
      const { tables, at } = await current();
      return { view: viewOf(tables, scope, filter, threshold), generatedAt: new Date(at).toISOString() };
    },
    invalidate() {
      generation += 1;
      kept = undefined;
    },
  };
}
