'use client';
import { functionalUpdate, type ColumnSort, type OnChangeFn, type PaginationState, type SortingState, type ColumnFiltersState } from '@tanstack/react-table';
import { useQueryStates } from 'nuqs';
import { useMemo } from 'react';
import { PAGE_SIZES, tableParams } from '@/app/lib/search-params';

/**
 * A table's sorting, name filter and page held in the URL (app/lib/search-params.ts), so the view
 * can be shared and survives a reload or a change of round. The URL is replaced, not pushed: the
 * back button leaves the page instead of undoing each click. `columns`: the sortable column ids —
 * a sort naming another (a link from a round whose system differs) falls back to the default.
 */
export function useUrlTableState(defaults: { sort: ColumnSort | null; size: number; filterColumn?: string; columns: string[] }) {
  const key = `${defaults.sort?.id ?? ''}|${defaults.sort?.desc ?? ''}|${defaults.size}`;
  // The parsers depend on the defaults' values only, whatever object they arrive in.
  const parsers = useMemo(() => tableParams(defaults), [key]);
  const [q, setQ] = useQueryStates(parsers, { history: 'replace', scroll: false, clearOnDefault: true });
  const sorting: SortingState = q.sort.every((s) => defaults.columns.includes(s.id)) ? q.sort : defaults.sort ? [defaults.sort] : [];
  const size = (PAGE_SIZES as readonly number[]).includes(q.size) ? q.size : defaults.size;
  const pagination: PaginationState = { pageIndex: Math.max(0, q.page - 1), pageSize: size };
  const filterColumn = defaults.filterColumn ?? 'name';
  const columnFilters: ColumnFiltersState = q.q ? [{ id: filterColumn, value: q.q }] : [];

  const onSortingChange: OnChangeFn<SortingState> = (u) => void setQ({ sort: functionalUpdate(u, sorting), page: 1 });
  const onPaginationChange: OnChangeFn<PaginationState> = (u) => {
    const next = functionalUpdate(u, pagination);
    void setQ({ page: next.pageIndex + 1, size: next.pageSize });
  };
  const onColumnFiltersChange: OnChangeFn<ColumnFiltersState> = (u) => {
    const next = functionalUpdate(u, columnFilters).find((f) => f.id === filterColumn);
    void setQ({ q: typeof next?.value === 'string' ? next.value : '', page: 1 });
  };
  return {
    state: { sorting, pagination, columnFilters },
    onSortingChange,
    onPaginationChange,
    onColumnFiltersChange,
    // Paging is reset by the handlers above; the table must not reset it again while the URL loads.
    autoResetPageIndex: false,
  };
}

interface Def {
  id?: string;
  accessorKey?: unknown;
  columns?: readonly unknown[];
}

/** The ids of a column definition list's leaf columns (those a sort can name). */
export function leafColumnIds(defs: readonly unknown[]): string[] {
  return (defs as Def[]).flatMap((d) => (d.columns ? leafColumnIds(d.columns) : [d.id ?? String(d.accessorKey ?? '')]));
}
