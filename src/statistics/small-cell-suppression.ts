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

/** The threshold to use: the configured one, never below the minimum. */
export function suppressionThreshold(configured: number | undefined): number {
  const t = configured ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(t) || t < MIN_SUPPRESSION_THRESHOLD) throw new GatewayError('internal', { detail: `the suppression threshold must be a whole number of at least ${MIN_SUPPRESSION_THRESHOLD}, got ${t}` });
  return t;
}

/** A percentile by linear interpolation between closest ranks (Hyndman and Fan type 7, as R, NumPy and spreadsheets compute it). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
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
  const t = suppressionThreshold(threshold);
  const table = aggregate(observations, spec, t);
  return suppress(table, spec, t);
}

// How the work is done, for speed: the tables behind the waiting-time statistics hold some 100,000
// cells per measure, each observation lands in 2^k of them. Every dimension value is interned to a
// small integer (0 is ALL) and a cell's key is one number in mixed radix over its dimensions, so the
// hot loops use integer arithmetic and Maps keyed by numbers instead of building strings; a parent
// cell's key is its own with one digit set to 0.

interface Aggregated {
  readonly cells: PublishedCell[];
  /** Each cell's key (same order as `cells`). */
  readonly keys: readonly number[];
  /** Per dimension (fixed first, then totalled) the place value of its digit, and its radix. */
  readonly place: readonly number[];
  readonly radix: readonly number[];
  /**
   * The distinct children of each cell with fewer than `threshold` of them, by cell index, for the
   * complementary rule: a union is only ever needed over such cells (a part of `threshold` or more
   * settles the question by itself), so the big cells' lists are not kept.
   */
  readonly children: ReadonlyMap<number, ArrayLike<number>>;
}

/** The number of distinct values in a sorted run. */
function distinctSorted(run: Int32Array): number {
  let n = run.length > 0 ? 1 : 0;
  for (let i = 1; i < run.length; i += 1) if (run[i] !== run[i - 1]) n += 1;
  return n;
}

function aggregate(observations: Iterable<Observation>, spec: TableSpec, threshold: number): Aggregated {
  const dims = [...spec.fixed, ...spec.totalled];
  const width = dims.length;
  const nFixed = spec.fixed.length;
  const all = Array.isArray(observations) ? (observations as readonly Observation[]) : [...observations];
  // Intern every dimension's values (0 = ALL, then the values in sorted order) and every child. The
  // ids, and so the keys and the order in which cells and relations are visited, depend on the data
  // only, never on the order the observations come in: the same data always gives the same
  // suppression pattern (two patterns of one table, published at two moments, could be combined).
  const names: string[][] = dims.map((d) => [ALL, ...[...new Set(all.map((o) => o.dims[d] ?? ''))].filter((v) => v !== ALL).sort()]);
  const interned: Map<string, number>[] = names.map((values) => new Map(values.map((v, id) => [v, id])));
  const childIds = new Map<string, number>();
  const digits = new Int32Array(all.length * width);
  const childOf = new Int32Array(all.length);
  all.forEach((o, i) => {
    dims.forEach((d, j) => {
      digits[i * width + j] = (interned[j] as Map<string, number>).get(o.dims[d] ?? '') ?? 0;
    });
    let child = childIds.get(o.child);
    if (child === undefined) {
      child = childIds.size;
      childIds.set(o.child, child);
    }
    childOf[i] = child;
  });
  const radix = names.map((n) => n.length);
  const place: number[] = [];
  let span = 1;
  for (const r of radix) {
    place.push(span);
    span *= r;
  }
  if (!Number.isSafeInteger(span)) throw new GatewayError('internal', { detail: 'statistics table too wide to key by number' });

  // Pass 1: the cell of every (observation, mask), cells numbered as they first appear.
  const masks = 1 << spec.totalled.length;
  const entries = all.length * masks;
  const cellOf = new Int32Array(entries);
  const index = new Map<number, number>();
  const keys: number[] = [];
  for (let i = 0; i < all.length; i += 1) {
    let fixedKey = 0;
    for (let j = 0; j < nFixed; j += 1) fixedKey += (digits[i * width + j] ?? 0) * (place[j] ?? 0);
    for (let mask = 0; mask < masks; mask += 1) {
      let key = fixedKey;
      for (let t = 0; t < spec.totalled.length; t += 1) {
        if ((mask & (1 << t)) === 0) key += (digits[i * width + nFixed + t] ?? 0) * (place[nFixed + t] ?? 0);
      }
      let cell = index.get(key);
      if (cell === undefined) {
        cell = keys.length;
        index.set(key, cell);
        keys.push(key);
      }
      cellOf[i * masks + mask] = cell;
    }
  }
  // Cells in key order (see above: the order must not depend on the input's).
  const byKey = keys.map((_, i) => i).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0));
  const rank = new Int32Array(keys.length);
  byKey.forEach((cell, r) => (rank[cell] = r));
  for (let e = 0; e < entries; e += 1) cellOf[e] = rank[cellOf[e] ?? 0] ?? 0;
  keys.sort((a, b) => a - b);
  // Pass 2: group the entries by cell in a few large typed arrays (a counting sort), not one small
  // array per cell: the garbage collector then has almost nothing to do.
  const cellCount = keys.length;
  const start = new Int32Array(cellCount + 1);
  for (let e = 0; e < entries; e += 1) start[(cellOf[e] ?? 0) + 1] = (start[(cellOf[e] ?? 0) + 1] ?? 0) + 1;
  for (let c = 0; c < cellCount; c += 1) start[c + 1] = (start[c + 1] ?? 0) + (start[c] ?? 0);
  const fill = start.slice(0, cellCount);
  const kids = new Int32Array(entries);
  const values = new Float64Array(entries);
  const hasValue = new Uint8Array(entries);
  const within = new Int32Array(cellCount);
  const withTerm = new Int32Array(cellCount);
  for (let e = 0; e < entries; e += 1) {
    const o = all[Math.floor(e / masks)] as Observation;
    const cell = cellOf[e] ?? 0;
    const at = fill[cell] ?? 0;
    fill[cell] = at + 1;
    kids[at] = childOf[Math.floor(e / masks)] ?? 0;
    if (o.value !== undefined) {
      values[at] = o.value;
      hasValue[at] = 1;
    }
    if (o.withinTerm !== undefined) {
      withTerm[cell] = (withTerm[cell] ?? 0) + 1;
      if (o.withinTerm) within[cell] = (within[cell] ?? 0) + 1;
    }
  }

  const cells: PublishedCell[] = [];
  const children = new Map<number, ArrayLike<number>>();
  for (let c = 0; c < cellCount; c += 1) {
    const from = start[c] ?? 0;
    const to = start[c + 1] ?? 0;
    const key = keys[c] ?? 0;
    const cellDims: Record<string, string> = {};
    dims.forEach((d, j) => (cellDims[d] = names[j]?.[Math.floor(key / (place[j] ?? 1)) % (radix[j] ?? 1)] ?? ''));
    const run = kids.subarray(from, to).sort();
    const distinctChildren = distinctSorted(run);
    // A view into the sorted ids, not a copy (duplicates do not matter to a union).
    if (distinctChildren < threshold) children.set(c, run);
    // A cell's observations either all carry a value or none do (one measure per table).
    let measured = values.subarray(from, to);
    if (hasValue.subarray(from, to).includes(0)) measured = measured.filter((_, k) => hasValue[from + k] === 1);
    measured.sort();
    const terms = withTerm[c] ?? 0;
    const cell: { -readonly [K in keyof PublishedCell]: PublishedCell[K] } = { dims: cellDims, children: distinctChildren, count: to - from };
    if (measured.length > 0) {
      cell.median = round1(percentile(measured, 0.5));
      cell.p90 = round1(percentile(measured, 0.9));
    }
    if (terms > 0) cell.withinTermShare = Math.round(((within[c] ?? 0) / terms) * 1000) / 1000;
    cells.push(cell);
  }
  return { cells, keys, place, radix, children };
}

const PRIMARY = 1;
const COMPLEMENTARY = 2;

function suppress(table: Aggregated, spec: TableSpec, threshold: number): Cell[] {
  const { cells, keys, place, radix, children } = table;
  const nFixed = spec.fixed.length;
  const index = new Map<number, number>();
  keys.forEach((k, i) => index.set(k, i));
  const state = new Uint8Array(cells.length);
  const size = Int32Array.from(cells, (c) => c.children);
  cells.forEach((c, i) => {
    if (c.children < threshold) state[i] = PRIMARY;
  });
  // Relations: for each total (ALL in totalled dimension t), the cells that differ from it only there.
  // Every parent exists: each observation was counted in all of its 2^k cells.
  const parents: number[] = [];
  const parts: number[][] = [];
  const relationOf = new Map<number, number>();
  keys.forEach((key, i) => {
    for (let t = 0; t < spec.totalled.length; t += 1) {
      const p = place[nFixed + t] ?? 1;
      const digit = Math.floor(key / p) % (radix[nFixed + t] ?? 1);
      if (digit === 0) continue;
      const parent = index.get(key - digit * p);
      if (parent === undefined) continue;
      const id = parent * spec.totalled.length + t;
      let r = relationOf.get(id);
      if (r === undefined) {
        r = parents.length;
        relationOf.set(id, r);
        parents.push(parent);
        parts.push([]);
      }
      (parts[r] as number[]).push(i);
    }
  });
  // The distinct children of the hidden parts together reach the threshold. One part that big settles
  // it; only parts that are all small need a union, and only small cells keep their children.
  const enough = (hidden: readonly number[]): boolean => {
    if (hidden.some((i) => (size[i] ?? 0) >= threshold)) return true;
    const together = new Set<number>();
    for (const i of hidden) {
      const ids = children.get(i);
      if (ids !== undefined) for (let k = 0; k < ids.length; k += 1) together.add(ids[k] ?? 0);
    }
    return together.size >= threshold;
  };
  const byKey = (a: number, b: number): number => (size[a] ?? 0) - (size[b] ?? 0) || (keys[a] ?? 0) - (keys[b] ?? 0);
  // Repeat until a whole pass over the relations suppresses nothing more.
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < parents.length; r += 1) {
      const parent = parents[r] ?? 0;
      if (state[parent] !== 0) continue;
      const members = parts[r] as number[];
      if (!members.some((i) => state[i] !== 0)) continue;
      const hidden = members.filter((i) => state[i] !== 0);
      while (hidden.length < 2 || !enough(hidden)) {
        // The published part with the fewest children goes next (ties: a stable order by key).
        let next = -1;
        for (const i of members) if (state[i] === 0 && (next === -1 || byKey(i, next) < 0)) next = i;
        changed = true;
        if (next === -1) {
          state[parent] = COMPLEMENTARY;
          break;
        }
        state[next] = COMPLEMENTARY;
        hidden.push(next);
      }
    }
  }
  return cells.map((c, i) => (state[i] === 0 ? c : { dims: c.dims, suppressed: state[i] === PRIMARY ? 'primary' : 'complementary' }));
}
