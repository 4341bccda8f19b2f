// Statistics that cannot point at a child: aggregation into a table with all its margins, and
// small-cell suppression over the whole table at once.
//
// The table. Each observation (one wait, one refusal) has values for some dimensions that may be
// totalled (gemeente, aanbieder, product category, ...) and for some that never are (the month). The
// table holds a cell for every combination of a value or "all" ('*') per totalled dimension, so the
// total of a gemeente and its split per category are cells of one table. Per cell: the number of
// distinct children, the number of observations, the median and 90th percentile of the values, and
// the share of observations that met their term.
//
// The rule.
// 1. Primary: a cell with fewer than `threshold` distinct children is suppressed (default 10,
//    configurable, never below 5).
// 2. Complementary: a published total and its published parts would give away a suppressed part by
//    subtraction. So for every total and its parts along one dimension (a "relation": the cell with
//    '*' for that dimension and the cells that differ from it only there), when the total is published
//    and some parts are suppressed, at least two parts must be suppressed and the suppressed parts
//    together must hold at least `threshold` distinct children. Otherwise the published part with the
//    fewest children is suppressed too, and again, until it holds; when no part is left, the total
//    itself is suppressed, which moves the question one level up. This repeats over all relations
//    until none changes, so a difference of two published cells never isolates fewer than
//    `threshold` children.
// 3. A suppressed cell publishes no figures at all (not the count, not the median).
// Because every view (a gemeente's, an aanbieder's, the national table) is a slice of the same
// suppressed table, combining two views gives away nothing either.
import { GatewayError } from '../kernel/gateway-error.ts';

export const ALL = '*';

/** The smallest threshold the gateway accepts, whatever the configuration says. */
export const MIN_SUPPRESSION_THRESHOLD = 5;
export const DEFAULT_SUPPRESSION_THRESHOLD = 10;

export interface Observation {
  /** A value for every dimension of the table. */
  readonly dims: Readonly<Record<string, string>>;
  /** The child (pseudonym) the observation is about. */
  readonly child: string;
  /** The measured value (days); absent for pure counts. */
  readonly value?: number;
  /** Whether the observation met its term; absent when no term applies. */
  readonly withinTerm?: boolean;
}

export type Suppression = 'primary' | 'complementary';

export interface PublishedCell {
  /** A value or ALL per totalled dimension, a value per fixed dimension. */
  readonly dims: Readonly<Record<string, string>>;
  readonly suppressed?: undefined;
  readonly children: number;
  readonly count: number;
  readonly median?: number;
  readonly p90?: number;
  /** Share (0..1) of observations that met their term. */
  readonly withinTermShare?: number;
}

/** A suppressed cell publishes its place in the table and nothing else. */
export interface SuppressedCell {
  readonly dims: Readonly<Record<string, string>>;
  readonly suppressed: Suppression;
}

export type Cell = PublishedCell | SuppressedCell;

export interface TableSpec {
  /** Dimensions that get totals ('*'). */
  readonly totalled: readonly string[];
  /** Dimensions never totalled (e.g. the month). */
  readonly fixed: readonly string[];
}

interface Accumulator {
  readonly dims: Record<string, string>;
  readonly children: Set<number>;
  readonly values: number[];
  count: number;
  within: number;
  withTerm: number;
}

const SEP = '\u0000';
const keyOf = (spec: TableSpec, dims: Readonly<Record<string, string>>): string => [...spec.fixed, ...spec.totalled].map((d) => dims[d] ?? '').join(SEP);

/** The threshold to use: the configured one, never below the minimum. */
export function suppressionThreshold(configured: number | undefined): number {
  const t = configured ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(t) || t < MIN_SUPPRESSION_THRESHOLD) throw new GatewayError('internal', { detail: `the suppression threshold must be a whole number of at least ${MIN_SUPPRESSION_THRESHOLD}, got ${t}` });
  return t;
}

/** A percentile by linear interpolation between closest ranks (Hyndman and Fan type 7, as R, NumPy and spreadsheets compute it). */
export function percentile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) throw new GatewayError('internal', { detail: 'percentile of no values' });
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, n - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The table with all its margins, then suppressed. */
export function suppressedTable(observations: Iterable<Observation>, spec: TableSpec, threshold: number): Cell[] {
  const { cells, children } = aggregate(observations, spec);
  return suppress(cells, children, spec, suppressionThreshold(threshold));
}

interface Aggregated {
  readonly cells: PublishedCell[];
  /** Distinct children per cell key, for the complementary rule. */
  readonly children: ReadonlyMap<string, ReadonlySet<number>>;
}

function aggregate(observations: Iterable<Observation>, spec: TableSpec): Aggregated {
  const acc = new Map<string, Accumulator>();
  const masks = 1 << spec.totalled.length;
  // Children as small integers: sets of numbers are much cheaper than sets of 64-character pseudonyms.
  const ids = new Map<string, number>();
  for (const o of observations) {
    let child = ids.get(o.child);
    if (child === undefined) {
      child = ids.size;
      ids.set(o.child, child);
    }
    const fixed = spec.fixed.map((d) => o.dims[d] ?? '');
    const values = spec.totalled.map((d) => o.dims[d] ?? '');
    for (let mask = 0; mask < masks; mask += 1) {
      let key = fixed.join(SEP);
      for (let i = 0; i < values.length; i += 1) key += SEP + ((mask & (1 << i)) !== 0 ? ALL : (values[i] ?? ''));
      let a = acc.get(key);
      if (a === undefined) {
        const dims: Record<string, string> = {};
        spec.fixed.forEach((d, i) => (dims[d] = fixed[i] ?? ''));
        spec.totalled.forEach((d, i) => (dims[d] = (mask & (1 << i)) !== 0 ? ALL : (values[i] ?? '')));
        a = { dims, children: new Set(), values: [], count: 0, within: 0, withTerm: 0 };
        acc.set(key, a);
      }
      a.children.add(child);
      a.count += 1;
      if (o.value !== undefined) a.values.push(o.value);
      if (o.withinTerm !== undefined) {
        a.withTerm += 1;
        if (o.withinTerm) a.within += 1;
      }
    }
  }
  const cells: PublishedCell[] = [];
  const children = new Map<string, ReadonlySet<number>>();
  for (const [key, a] of acc) {
    a.values.sort((x, y) => x - y);
    cells.push({
      dims: a.dims,
      children: a.children.size,
      count: a.count,
      ...(a.values.length > 0 ? { median: round1(percentile(a.values, 0.5)), p90: round1(percentile(a.values, 0.9)) } : {}),
      ...(a.withTerm > 0 ? { withinTermShare: Math.round((a.within / a.withTerm) * 1000) / 1000 } : {}),
    });
    children.set(key, a.children);
  }
  return { cells, children };
}

function suppress(cells: readonly PublishedCell[], children: ReadonlyMap<string, ReadonlySet<number>>, spec: TableSpec, threshold: number): Cell[] {
  const state = new Map<string, Suppression | undefined>();
  const byKey = new Map<string, PublishedCell>();
  for (const c of cells) {
    const key = keyOf(spec, c.dims);
    byKey.set(key, c);
    state.set(key, c.children < threshold ? 'primary' : undefined);
  }
  // Relations: for each total (ALL in dimension d), the cells that differ from it only in d.
  const relations = new Map<string, string[]>();
  for (const c of cells) {
    for (const d of spec.totalled) {
      if (c.dims[d] === ALL) continue;
      const parent = keyOf(spec, { ...c.dims, [d]: ALL });
      const rel = `${d}\u0001${parent}`;
      const list = relations.get(rel);
      if (list === undefined) relations.set(rel, [keyOf(spec, c.dims)]);
      else list.push(keyOf(spec, c.dims));
    }
  }
  const size = (key: string): number => byKey.get(key)?.children ?? 0;
  const union = (keys: readonly string[]): number => {
    const all = new Set<number>();
    for (const k of keys) for (const child of children.get(k) ?? []) all.add(child);
    return all.size;
  };
  // Repeat until a whole pass over the relations suppresses nothing more.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [rel, parts] of relations) {
      const parent = rel.slice(rel.indexOf('\u0001') + 1);
      if (state.get(parent) !== undefined) continue;
      const hidden = parts.filter((k) => state.get(k) !== undefined);
      if (hidden.length === 0) continue;
      while (hidden.length < 2 || union(hidden) < threshold) {
        const next = parts.filter((k) => state.get(k) === undefined).sort((a, b) => size(a) - size(b) || (a < b ? -1 : 1))[0];
        changed = true;
        if (next === undefined) {
          state.set(parent, 'complementary');
          break;
        }
        state.set(next, 'complementary');
        hidden.push(next);
      }
    }
  }
  return cells.map((c) => {
    const s = state.get(keyOf(spec, c.dims));
    return s === undefined ? c : { dims: c.dims, suppressed: s };
  });
}
