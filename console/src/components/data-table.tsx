// Tables through TanStack Table (headless): it owns columns, cells and row models; the markup, the
// caption (what the table shows, for screen readers) and the empty state are ours.
import { createColumnHelper, tableFeatures, useTable, type ColumnDef, type RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export const basicFeatures = tableFeatures({});
export type BasicFeatures = typeof basicFeatures;
// Each column has its own cell value type; a list of them can only say "any" (TanStack's own helper
// types do the same).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Columns<T extends RowData> = ColumnDef<BasicFeatures, T, any>[];

/** The column helper for a row type (typed cell values). */
export function columnsFor<T extends RowData>() {
  return createColumnHelper<BasicFeatures, T>();
}

export function DataTable<T extends RowData>({
  columns,
  data,
  caption,
  rowId,
  empty,
  busy = false,
}: {
  columns: Columns<T>;
  data: readonly T[];
  caption: string;
  rowId: (row: T) => string;
  empty?: ReactNode;
  busy?: boolean;
}) {
  const { t } = useI18n();
  const table = useTable({ features: basicFeatures, columns, data, getRowId: rowId });
  const rows = table.getRowModel().rows;
  // The wrapper scrolls sideways when the table is wider than the screen: a named region in the tab
  // order, so that keyboard users can scroll it too (WCAG 2.1.1; axe scrollable-region-focusable).
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table aria-busy={busy}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty ?? t('table.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
