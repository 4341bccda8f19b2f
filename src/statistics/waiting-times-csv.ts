// The waiting-time view as CSV (RFC 4180: comma separated, CRLF line ends, a header line, fields
// quoted only when they must be). One row per published or suppressed cell; `*` in a dimension means
// "all" (the total over it). A suppressed cell keeps its place and says why, with no figures at all.
import type { Cell } from './small-cell-suppression.ts';
import type { WaitingTimeView } from './statistics-view.ts';

export const CSV_COLUMNS = ['table', 'month', 'gemeente', 'aanbieder', 'categorie', 'reden', 'children', 'count', 'median_days', 'p90_days', 'within_term_share', 'suppressed'] as const;

function field(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(table: string, cell: Cell): string {
  const d = cell.dims;
  const dims = [table, d.month, d.gemeente, d.aanbieder, d.categorie, d.reden];
  const figures = cell.suppressed !== undefined ? [undefined, undefined, undefined, undefined, undefined, cell.suppressed] : [cell.children, cell.count, cell.median, cell.p90, cell.withinTermShare, undefined];
  return [...dims, ...figures].map(field).join(',');
}

export function waitingTimesCsv(view: WaitingTimeView): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const [measure, cells] of Object.entries(view.measures)) for (const cell of cells) lines.push(row(measure, cell));
  for (const cell of view.refusals) lines.push(row('refusals', cell));
  return `${lines.join('\r\n')}\r\n`;
}
