'use client';
import type { Header, ReactTable, RowData, SortingState } from '@tanstack/react-table';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useT } from '@/app/i18n/client';
import { PAGE_SIZES } from '@/app/lib/search-params';
import type { Features } from './features';
import { useRovingGrid } from './roving-grid';


interface DataTableProps<TData extends RowData> {
  table: ReactTable<Features, TData>;
  caption: string;
  className?: string;
  /** Called for each body row, e.g. to highlight it. */
  rowClass?: (row: TData) => string | undefined;
  /** Which column's cell is the row header (`<th scope="row">`). */
  rowHeader?: string;
  testId?: string;
  /** Data attributes of each body row, e.g. `{ 'data-action': … }` for the tests to read. */
  rowData?: (row: TData) => Record<`data-${string}`, string>;
  /** The scroll box is capped at 70 % of the window (default), or as tall as the table. */
  tall?: boolean;
  /** The pager under the table (default); off where the server pages the rows itself. */
  pager?: boolean;
  /**
   * An ARIA grid: the body's cells are one tab stop, moved between with the arrow keys. For tables
   * whose cells are the controls (the heat table), not for lists with a link per row.
   */
  grid?: boolean;
}

/**
 * Renders a TanStack table as semantic HTML: grouped headers (leaf columns span the header rows
 * their group lacks), sort buttons with aria-sort, a sticky header and a pager.
 */
export function DataTable<TData extends RowData>({ table, caption, className, rowClass, rowHeader, testId, rowData, grid = false, tall = true, pager = true }: DataTableProps<TData>) {
  const t = useT();
  usePrintAllRows(table);
  const groups = table.getHeaderGroups();
  const spanned = new Set<string>();
  const rows = table.getRowModel().rows;
  const ref = useRef<HTMLTableElement>(null);
  const roving = useRovingGrid(ref, grid);
  return (
    <>
      <div className={tall ? 'table-scroll tall' : 'table-scroll'}>
        <table ref={ref} className={`data ${className ?? ''}`} data-testid={testId} role={grid ? 'grid' : undefined} aria-label={grid ? caption : undefined}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {groups.map((group, gi) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  if (spanned.has(header.column.id)) return null;
                  if (header.isPlaceholder) {
                    // A leaf column without a group above it: one cell spanning the remaining header rows.
                    spanned.add(header.column.id);
                    return <HeaderCell key={header.id} table={table} header={header} rowSpan={groups.length - gi} />;
                  }
                  return <HeaderCell key={header.id} table={table} header={header} />;
                })}
              </tr>
            ))}
          </thead>
          <tbody onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={table.getAllLeafColumns().length} className="muted">
                  {t('noRows')}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id} className={rowClass?.(row.original)} {...rowData?.(row.original)}>
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const cls = [meta?.numeric ? 'num' : '', meta?.sticky ? 'sticky-col' : '', meta?.cellClass?.(cell.getValue()) ?? '']
                      .filter(Boolean)
                      .join(' ');
                    const content = <table.FlexRender cell={cell} />;
                    // data-col names the column, so tests (and print) can find a cell whatever columns precede it.
                    return cell.column.id === rowHeader ? (
                      <th key={cell.id} scope="row" className={cls || undefined} data-col={cell.column.id}>
                        {content}
                      </th>
                    ) : (
                      <td key={cell.id} className={cls || undefined} data-col={cell.column.id}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {pager ? <Pager table={table} /> : null}
    </>
  );
}

/**
 * A printed table shows every row, not the page on screen: before printing the page size becomes
 * the row count (synchronously, so the print layout has them), and afterwards it is restored.
 */
function usePrintAllRows<TData extends RowData>(table: ReactTable<Features, TData>) {
  useEffect(() => {
    let saved: number | null = null;
    const before = () => {
      saved = table.state.pagination.pageSize;
      flushSync(() => table.setPagination({ pageIndex: 0, pageSize: Math.max(1, table.getRowCount()) }));
    };
    const after = () => {
      if (saved !== null) table.setPagination({ pageIndex: 0, pageSize: saved });
      saved = null;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [table]);
}

function HeaderCell<TData extends RowData>({
  table,
  header,
  rowSpan,
}: {
  table: ReactTable<Features, TData>;
  header: Header<Features, TData, unknown>;
  rowSpan?: number;
}) {
  const t = useT();
  const column = header.column;
  const meta = column.columnDef.meta;
  const isGroup = header.subHeaders.length > 0 && !header.isPlaceholder;
  const sorted = column.getIsSorted();
  const canSort = !isGroup && column.getCanSort();
  const cls = [isGroup ? 'group-head' : '', meta?.numeric ? 'num' : '', meta?.sticky ? 'sticky-col' : ''].filter(Boolean).join(' ');
  const content = <table.FlexRender header={header} />;
  return (
    <th
      colSpan={header.colSpan > 1 ? header.colSpan : undefined}
      rowSpan={rowSpan && rowSpan > 1 ? rowSpan : undefined}
      scope={isGroup ? 'colgroup' : 'col'}
      className={cls || undefined}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
    >
      {canSort ? (
        <button
          type="button"
          className="sort-button"
          onClick={column.getToggleSortingHandler()}
          title={t('sortBy', { col: meta?.label ?? column.id })}
        >
          <span>{content}</span>
          <span className="sort-icon" aria-hidden="true">
            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
          </span>
        </button>
      ) : (
        content
      )}
    </th>
  );
}

function Pager<TData extends RowData>({ table }: { table: ReactTable<Features, TData> }) {
  const t = useT();
  const { pageIndex, pageSize } = table.state.pagination;
  const n = table.getRowCount();
  if (n <= PAGE_SIZES[0]!) return null;
  const from = n === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(n, (pageIndex + 1) * pageSize);
  return (
    <nav className="pager" aria-label={t('pageOf', { page: pageIndex + 1, pages: table.getPageCount() })}>
      <span>{t('rowsShown', { from, to, n })}</span>
      <span className="spacer" />
      <button type="button" className="button secondary" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage()}>
        {t('firstPage')}
      </button>
      <button type="button" className="button secondary" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
        {t('prevPage')}
      </button>
      <span aria-live="polite">{t('pageOf', { page: pageIndex + 1, pages: Math.max(1, table.getPageCount()) })}</span>
      <button type="button" className="button secondary" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
        {t('nextPage')}
      </button>
      <button type="button" className="button secondary" onClick={() => table.lastPage()} disabled={!table.getCanNextPage()}>
        {t('lastPage')}
      </button>
      <label className="field">
        {t('pageSize')}
        <select value={pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}

/** A name filter bound to one column. */
export function NameFilter<TData extends RowData>({ table, columnId }: { table: ReactTable<Features, TData>; columnId: string }) {
  const t = useT();
  const column = table.getColumn(columnId);
  // Typed text shows at once; the table (and the URL holding its filter) follows.
  const [value, setValue] = useState(() => String(column?.getFilterValue() ?? ''));
  return (
    <label className="field">
      {t('filterByName')}
      <input
        type="search"
        value={value}
        placeholder={t('filterPlaceholder')}
        onChange={(e) => {
          setValue(e.target.value);
          column?.setFilterValue(e.target.value || undefined);
        }}
      />
    </label>
  );
}

export type { SortingState, ReactNode };
