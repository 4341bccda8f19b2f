// Who sees which part of the waiting-time tables (issue 10, "Evaluation: waiting times, in the
// open"). Every view is a slice of ONE suppressed table, computed over all care paths: a gemeente sees
// the cells of its region's gemeenten, an aanbieder the cells of its own AGB code, the CBS the whole
// national table. Because suppression was decided on the whole table (small-cell-suppression.ts),
// putting two views side by side reveals nothing that either hides.
//
// Filters narrow a view further (gemeente, aanbieder, categorie, a range of months); they never widen it.
import { GatewayError } from '../kernel/gateway-error.ts';
import { ALL, type Cell } from './small-cell-suppression.ts';
import { WAIT_MEASURES, type WaitMeasure, type WaitingTimeTables } from './waiting-times.ts';

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

export interface WaitingTimeView {
  readonly scope: StatisticsScope;
  readonly threshold: number;
  readonly measures: Partial<Record<WaitMeasure, readonly Cell[]>>;
  readonly refusals: readonly Cell[];
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

function inScope(cell: Cell, scope: StatisticsScope): boolean {
  switch (scope.kind) {
    case 'national':
      return true;
    case 'region':
      return scope.gemeenten.includes(cell.dims.gemeente ?? '');
    case 'aanbieder':
      return cell.dims.aanbieder === scope.aanbieder;
  }
}

function passes(cell: Cell, filter: StatisticsFilter): boolean {
  const month = cell.dims.month ?? '';
  if (filter.fromMonth !== undefined && month < filter.fromMonth) return false;
  if (filter.toMonth !== undefined && month > filter.toMonth) return false;
  // A filter on a dimension selects that value; ALL ('*') selects the totals over it.
  for (const dim of ['gemeente', 'aanbieder', 'categorie'] as const) {
    const wanted = filter[dim];
    if (wanted !== undefined && cell.dims[dim] !== wanted) return false;
  }
  return true;
}

const order = (a: Cell, b: Cell): number => {
  for (const dim of ['month', 'gemeente', 'aanbieder', 'categorie', 'reden']) {
    const x = a.dims[dim] ?? '';
    const y = b.dims[dim] ?? '';
    if (x !== y) return x === ALL ? -1 : y === ALL ? 1 : x < y ? -1 : 1;
  }
  return 0;
};

/** The slice of the tables this scope may see, narrowed by the filter, in a stable order. */
export function viewOf(tables: WaitingTimeTables, scope: StatisticsScope, filter: StatisticsFilter, threshold: number): WaitingTimeView {
  const keep = (cells: readonly Cell[]): Cell[] => cells.filter((c) => inScope(c, scope) && passes(c, filter)).sort(order);
  const measures: Partial<Record<WaitMeasure, readonly Cell[]>> = {};
  for (const m of filter.measures ?? WAIT_MEASURES) measures[m] = keep(tables.measures[m]);
  return { scope, threshold, measures, refusals: keep(tables.refusals) };
}
