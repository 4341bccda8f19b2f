// The waiting-time view as CSV (RFC 4180: comma separated, CRLF line ends, a header line, fields
// quoted only when they must be). One row per published or suppressed cell; `*` in a dimension means
// "all" (the total over it). A suppressed cell keeps its place and says why, with no figures at all.
// The rows are rendered once per cell when the tables are published (published-tables.ts); a view's
// CSV is the header and its cells' rows (statistics-view.ts, viewCsv).
import type { Cell } from './small-cell-suppression.ts';

export const CSV_COLUMNS = ['table', 'month', 'gemeente', 'aanbieder', 'categorie', 'reden', 'children', 'count', 'median_days', 'p90_days', 'within_term_share', 'suppressed'] as const;

function field(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell's row (without the line end). */
export function csvRow(table: string, cell: Cell): string {
  const d = cell.dims;
  const dims = [table, d.month, d.gemeente, d.aanbieder, d.categorie, d.reden];
  const figures = cell.suppressed !== undefined ? [undefined, undefined, undefined, undefined, undefined, cell.suppressed] : [cell.children, cell.count, cell.median, cell.p90, cell.withinTermShare, undefined];
  return [...dims, ...figures].map(field).join(',');
}
