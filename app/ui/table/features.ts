import {
  columnFilteringFeature,
  constructSortFn,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/react-table';

export interface DashboardColumnMeta {
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Stays in view when the table scrolls sideways. */
  sticky?: boolean;
  /** Extra class on body cells, e.g. for highlighted differences. */
  cellClass?: (value: unknown) => string | undefined;
  /** The header text as plain words, for the sort button's accessible name. */
  label?: string;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Chinese names sort by pinyin order, as people expect, not by code point. */
export const sortFn_chinese = constructSortFn({
  sort: (a: unknown, b: unknown) => collator.compare(String(a ?? ''), String(b ?? '')),
});

/**
 * The one feature set of every dashboard table: client-side sorting, a name filter and paging.
 * Paging keeps 2,000 departments to a few dozen DOM rows at a time.
 */
export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, chinese: sortFn_chinese },
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  filterFns: { includesString: filterFn_includesString },
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
  columnMeta: metaHelper<DashboardColumnMeta>(),
});

export type Features = typeof features;
