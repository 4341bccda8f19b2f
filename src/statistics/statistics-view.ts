// Who sees which part of the waiting-time tables (issue 10, "Evaluation: waiting times, in the
// open"). Every view is a slice of ONE suppressed table, computed over all care paths: a gemeente sees
// the cells of its region's gemeenten, an aanbieder the cells of its own AGB code, the CBS the whole
// national table. Because suppression was decided on the whole table (small-cell-suppression.ts),
// putting two views side by side reveals nothing that either hides.
//
// Filters narrow a view further (gemeente, aanbieder, categorie, a range of months); they never widen it.
// A view is a selection of the published tables' cells (published-tables.ts): choosing them compares
// dimension codes, and answering copies the cells' serialised bytes.
import { GatewayError } from '../kernel/gateway-error.ts';
import type { Cell } from './small-cell-suppression.ts';
import { VIEW_DIMENSIONS, type PublishedTable, type PublishedTables, type ViewDimension } from './published-tables.ts';
import { CSV_COLUMNS } from './waiting-times-csv.ts';
import { WAIT_MEASURES, type WaitMeasure } from './waiting-times.ts';

export type StatisticsScope =
  | { readonly kind: 'region'; readonly region: string | null; readonly gemeenten: readonly string[] }
  | { readonly kind: 'aanbieder'; readonly aanbieder: string }
  | { readonly kind: 'national' };

export interface StatisticsFilter {
  readonly gemeente?: string;
  readonly aanbieder?: string;
  readonly categorie?: string;
  /** First and last month (YYYY-MM), inclusive. */
  readonly fromMonth?: string;
  readonly toMonth?: string;
  readonly measures?: readonly WaitMeasure[];
}

/** The cells of one published table a view holds, as runs [from, to) of consecutive cells. */
export interface TableSelection {
  readonly table: PublishedTable;
  readonly runs: Uint32Array;
}

export interface WaitingTimeView {
  readonly scope: StatisticsScope;
  readonly threshold: number;
  /** The measures asked for, in the order asked (all of them, in WAIT_MEASURES order, by default). */
  readonly measures: readonly TableSelection[];
  readonly refusals: TableSelection;
}

/** The region of a gemeente among the configured ones (carePath.regions), with all its gemeenten. */
export function regionLookup(regions: readonly { readonly id: string; readonly gemeenten: readonly string[] }[]): (gemeente: string) => { readonly id: string; readonly gemeenten: readonly string[] } | undefined {
  const byGemeente = new Map<string, { readonly id: string; readonly gemeenten: readonly string[] }>();
  for (const region of regions) for (const g of region.gemeenten) if (!byGemeente.has(g)) byGemeente.set(g, { id: region.id, gemeenten: region.gemeenten });
  return (gemeente) => byGemeente.get(gemeente);
}

/** The scope of a party: its role decides, its identifiers and the configured regions fill it in. */
export function scopeOf(party: { readonly role: string; readonly identifiers: { readonly gemeentecode?: string; readonly agb?: string } }, regionOf: (gemeente: string) => { readonly id: string; readonly gemeenten: readonly string[] } | undefined): StatisticsScope {
  if (party.role === 'cbs') return { kind: 'national' };
  if (party.role === 'gemeente' && party.identifiers.gemeentecode !== undefined) {
    const code = party.identifiers.gemeentecode;
    const region = regionOf(code);
    return region === undefined ? { kind: 'region', region: null, gemeenten: [code] } : { kind: 'region', region: region.id, gemeenten: region.gemeenten };
  }
  if ((party.role === 'aanbieder' || party.role === 'gi') && party.identifiers.agb !== undefined) return { kind: 'aanbieder', aanbieder: party.identifiers.agb };
  throw new GatewayError('forbidden', { detail: 'waiting-time statistics are for gemeenten (their region), aanbieders and GIs (their own figures) and the CBS (the national table)' });
}

/** Per dimension, which of a table's values this scope and filter keep (by code). */
function keptValues(table: PublishedTable, dim: ViewDimension, scope: StatisticsScope, filter: StatisticsFilter): Uint8Array {
  const values = table.dictionary[dim];
  const keep = new Uint8Array(values.length);
  values.forEach((value, code) => {
    let ok = true;
    if (dim === 'gemeente' && scope.kind === 'region') ok = scope.gemeenten.includes(value);
    if (dim === 'aanbieder' && scope.kind === 'aanbieder') ok = value === scope.aanbieder;
    if (dim === 'month') ok = (filter.fromMonth === undefined || value >= filter.fromMonth) && (filter.toMonth === undefined || value <= filter.toMonth);
    // A filter on a dimension selects that value; ALL ('*') selects the totals over it.
    if (dim !== 'month' && filter[dim] !== undefined) ok &&= value === filter[dim];
    keep[code] = ok ? 1 : 0;
  });
  return keep;
}

/** The cells of one table in a view, as runs of consecutive cells [from, to). */
function selectedRuns(table: PublishedTable, scope: StatisticsScope, filter: StatisticsFilter): Uint32Array {
  const kept = VIEW_DIMENSIONS.map((dim) => ({ keep: keptValues(table, dim, scope, filter), codes: table.codes[dim] }));
  const runs: number[] = [];
  const n = table.jsonEnds.length;
  let from = -1;
  for (let i = 0; i < n; i += 1) {
    let ok = true;
    for (const { keep, codes } of kept) if (keep[codes[i] ?? 0] === 0) { ok = false; break; }
    if (ok && from < 0) from = i;
    if (!ok && from >= 0) { runs.push(from, i); from = -1; }
  }
  if (from >= 0) runs.push(from, n);
  return Uint32Array.from(runs);
}

/** The slice of the tables this scope may see, narrowed by the filter, in the tables' order. */
export function viewOf(tables: PublishedTables, scope: StatisticsScope, filter: StatisticsFilter, threshold: number): WaitingTimeView {
  const measures = [...new Set(filter.measures ?? WAIT_MEASURES)].map((m) => ({ table: tables.measures[m], runs: selectedRuns(tables.measures[m], scope, filter) }));
  return { scope, threshold, measures, refusals: { table: tables.refusals, runs: selectedRuns(tables.refusals, scope, filter) } };
}

/** The bytes of the selected cells (each followed by its separator), as subarrays without copying. */
function pieces(selection: TableSelection, bytes: 'json' | 'csv'): Uint8Array[] {
  const data = selection.table[bytes];
  const ends = bytes === 'json' ? selection.table.jsonEnds : selection.table.csvEnds;
  const out: Uint8Array[] = [];
  for (let r = 0; r < selection.runs.length; r += 2) {
    const from = selection.runs[r] ?? 0;
    const to = selection.runs[r + 1] ?? 0;
    out.push(data.subarray(from === 0 ? 0 : (ends[from - 1] ?? 0), ends[to - 1] ?? 0));
  }
  return out;
}

/** A JSON array of the selected cells: each cell's JSON carries a trailing comma; the last one's is dropped. */
function jsonArray(selection: TableSelection): Uint8Array[] {
  const body = pieces(selection, 'json');
  const last = body.at(-1);
  if (last !== undefined) body[body.length - 1] = last.subarray(0, last.length - 1);
  return [Buffer.from('['), ...body, Buffer.from(']')];
}

/** The view as the API answers it in JSON (the WaitingTimeStatistics schema of openapi.yaml). */
export function viewJson(view: WaitingTimeView, generatedAt: string): Buffer {
  const out: Uint8Array[] = [Buffer.from(`{"scope":${JSON.stringify(view.scope)},"threshold":${view.threshold},"measures":{`)];
  view.measures.forEach((selection, i) => out.push(Buffer.from(`${i > 0 ? ',' : ''}${JSON.stringify(selection.table.name)}:`), ...jsonArray(selection)));
  out.push(Buffer.from('},"refusals":'), ...jsonArray(view.refusals), Buffer.from(`,"generatedAt":${JSON.stringify(generatedAt)}}`));
  return Buffer.concat(out);
}

/** The view as CSV (waiting-times-csv.ts): the header, then a row per selected cell, refusals last. */
export function viewCsv(view: WaitingTimeView): Buffer {
  return Buffer.concat([Buffer.from(`${CSV_COLUMNS.join(',')}\r\n`), ...view.measures.flatMap((s) => pieces(s, 'csv')), ...pieces(view.refusals, 'csv')]);
}

/** The selected cells as objects, per measure and the refusals (for callers that compute with them). */
export function viewCells(view: WaitingTimeView): { readonly measures: Partial<Record<WaitMeasure, Cell[]>>; readonly refusals: Cell[] } {
  const parse = (selection: TableSelection): Cell[] => JSON.parse(Buffer.concat(jsonArray(selection)).toString('utf8')) as Cell[];
  const measures: Partial<Record<WaitMeasure, Cell[]>> = {};
  for (const selection of view.measures) measures[selection.table.name as WaitMeasure] = parse(selection);
  return { measures, refusals: parse(view.refusals) };
}
