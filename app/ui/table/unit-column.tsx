import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { Features } from './features';

/**
 * The first column of every table of units: the name, sticky when the table scrolls sideways,
 * sorted in pinyin order, and found by the name filter by name or code. Tables differ only in
 * what the cell shows (a link to the 评分表, or the name alone).
 */
export function unitColumn<T extends { name: string; code: string }>(
  label: string,
  cell: (row: T) => ReactNode = (row) => row.name,
): ColumnDef<Features, T, string> {
  return createColumnHelper<Features, T>().accessor((r) => `${r.name} ${r.code}`, {
    id: 'name',
    header: label,
    sortFn: 'chinese',
    filterFn: 'includesString',
    meta: { sticky: true, label },
    cell: (c) => cell(c.row.original),
  }) as ColumnDef<Features, T, string>;
}
