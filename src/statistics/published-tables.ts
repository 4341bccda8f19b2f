// The waiting-time tables as the API serves them: sorted once and every cell serialised once (its JSON
// and its CSV row), when the tables are computed. An answer is then a selection of byte ranges, not a
// sort and a serialisation of up to a few hundred thousand cells per request (the national table over
// 100,000 care paths holds some 370,000 cells, 50 MB of JSON).
//
// Everything here is a typed array or a plain string list, so a worker thread can compute the tables
// and hand them to the main thread without copying (transferablesOf).
//
// Layout per table: `json` holds the cells' JSON one after the other, each followed by a comma;
// `jsonEnds[i]` is where cell i ends (after its comma). `csv` and `csvEnds` likewise hold one CSV row
// per cell (with its CRLF). The dimensions a view filters on are kept as codes into a dictionary per
// dimension, so choosing the cells of a view compares small integers.
import { ALL, type Cell } from './small-cell-suppression.ts';
import { csvRow } from './waiting-times-csv.ts';
import { WAIT_MEASURES, type WaitMeasure, type WaitingTimeTables } from './waiting-times.ts';

/** The dimensions a view selects on (the refusals' reden is never selected on). */
export const VIEW_DIMENSIONS = ['month', 'gemeente', 'aanbieder', 'categorie'] as const;
export type ViewDimension = (typeof VIEW_DIMENSIONS)[number];

export interface PublishedTable {
  /** The measure, or 'refusals'. */
  readonly name: WaitMeasure | 'refusals';
  readonly json: Uint8Array;
  readonly jsonEnds: Uint32Array;
  readonly csv: Uint8Array;
  readonly csvEnds: Uint32Array;
  /** Per dimension the distinct values (a cell without the dimension has ''), and each cell's code. */
  readonly dictionary: Readonly<Record<ViewDimension, readonly string[]>>;
  readonly codes: Readonly<Record<ViewDimension, Uint32Array>>;
}

export interface PublishedTables {
  readonly measures: Readonly<Record<WaitMeasure, PublishedTable>>;
  readonly refusals: PublishedTable;
}

/** The order of every answer: month, then gemeente, aanbieder, categorie, reden, totals ('*') first. */
function compareCells(a: Cell, b: Cell): number {
  for (const dim of ['month', 'gemeente', 'aanbieder', 'categorie', 'reden']) {
    const x = a.dims[dim] ?? '';
    const y = b.dims[dim] ?? '';
    if (x !== y) return x === ALL ? -1 : y === ALL ? 1 : x < y ? -1 : 1;
  }
  return 0;
}

const encoder = new TextEncoder();

/** Strings one after the other as UTF-8, with where each ends. */
function packed(texts: readonly string[]): { bytes: Uint8Array; ends: Uint32Array } {
  const bytes = encoder.encode(texts.join(''));
  const ends = new Uint32Array(texts.length);
  let at = 0;
  texts.forEach((text, i) => {
    at += Buffer.byteLength(text);
    ends[i] = at;
  });
  return { bytes, ends };
}

function publishTable(name: WaitMeasure | 'refusals', cells: readonly Cell[]): PublishedTable {
  const sorted = [...cells].sort(compareCells);
  const json = packed(sorted.map((cell) => `${JSON.stringify(cell)},`));
  const csv = packed(sorted.map((cell) => `${csvRow(name, cell)}\r\n`));
  const dictionary = {} as Record<ViewDimension, string[]>;
  const codes = {} as Record<ViewDimension, Uint32Array>;
  for (const dim of VIEW_DIMENSIONS) {
    const values = new Map<string, number>();
    const column = new Uint32Array(sorted.length);
    sorted.forEach((cell, i) => {
      const value = cell.dims[dim] ?? '';
      let code = values.get(value);
      if (code === undefined) values.set(value, (code = values.size));
      column[i] = code;
    });
    dictionary[dim] = [...values.keys()];
    codes[dim] = column;
  }
  return { name, json: json.bytes, jsonEnds: json.ends, csv: csv.bytes, csvEnds: csv.ends, dictionary, codes };
}

/** The tables sorted and serialised, ready to be sliced per caller. */
export function publishTables(tables: WaitingTimeTables): PublishedTables {
  const measures = Object.fromEntries(WAIT_MEASURES.map((m) => [m, publishTable(m, tables.measures[m])])) as Record<WaitMeasure, PublishedTable>;
  return { measures, refusals: publishTable('refusals', tables.refusals) };
}

/** The buffers to hand over (postMessage's transfer list) instead of copying them. */
export function transferablesOf(published: PublishedTables): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const table of [...Object.values(published.measures), published.refusals]) {
    out.push(table.json.buffer as ArrayBuffer, table.jsonEnds.buffer as ArrayBuffer, table.csv.buffer as ArrayBuffer, table.csvEnds.buffer as ArrayBuffer);
    for (const dim of VIEW_DIMENSIONS) out.push(table.codes[dim].buffer as ArrayBuffer);
  }
  return out;
}
