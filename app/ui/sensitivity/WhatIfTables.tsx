'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { WhatIfView } from '@/app/lib/views/types';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';

type Result = NonNullable<WhatIfView['result']>;
type Leaf = Result['leaves'][number];
type Other = NonNullable<Result['others']>[number];
const leaf = createColumnHelper<Features, Leaf>();
const other = createColumnHelper<Features, Other>();
const signClass = (v: unknown) => (typeof v !== 'number' || v === 0 ? undefined : v > 0 ? 'diff-neg' : 'diff-pos');

/** Every leaf's score now and in the what-if; changed leaves first and highlighted. */
export function WhatIfLeavesTable({ leaves }: { leaves: Leaf[] }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, Leaf, any>[]>(
    () => [
      leaf.accessor('name', { header: t('indicator'), enableSorting: false, meta: { sticky: true } }),
      leaf.accessor('weight', { header: t('weight'), enableSorting: false, meta: { numeric: true } }),
      leaf.accessor('before', { header: t('before'), enableSorting: false, meta: { numeric: true } }),
      leaf.accessor('after', { header: t('after'), enableSorting: false, meta: { numeric: true }, cell: (c) => <strong>{c.getValue()}</strong> }),
      leaf.accessor((r) => parseFloat(r.delta), { id: 'delta', header: t('whatIfDelta'), enableSorting: false, meta: { numeric: true, cellClass: signClass }, cell: (c) => c.row.original.delta }),
      leaf.accessor('status', { header: t('status'), enableSorting: false, cell: (c) => t(`leafStatus.${c.row.original.status}`) }),
    ],
    [t],
  );
  // Changed leaves first, each part in the system's order.
  const data = useMemo(() => [...leaves.filter((l) => l.changed), ...leaves.filter((l) => !l.changed)], [leaves]);
  const table = useTable({ features, columns, data, getRowId: (r) => r.code, initialState: { sorting: [], pagination: { pageIndex: 0, pageSize: 50 } } });
  return <DataTable table={table} caption={t('whatIfLeavesTitle')} rowHeader="name" testId="whatif-leaves" rowClass={(r) => (r.changed ? 'changed' : undefined)} />;
}

/** The other units whose total or rank the what-if moves (the bureau and leaders only). */
export function WhatIfOthersTable({ others }: { others: Other[] }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, Other, any>[]>(
    () => [
      other.accessor('name', { header: t('department'), sortFn: 'chinese', meta: { sticky: true, label: t('department') } }),
      other.accessor((r) => parseFloat(r.totalBefore), { id: 'before', header: t('whatIfTotalBefore'), sortFn: 'basic', meta: { numeric: true, label: t('whatIfTotalBefore') }, cell: (c) => c.row.original.totalBefore }),
      other.accessor((r) => parseFloat(r.totalAfter), { id: 'after', header: t('whatIfTotal'), sortFn: 'basic', meta: { numeric: true, label: t('whatIfTotal') }, cell: (c) => c.row.original.totalAfter }),
      other.accessor((r) => parseFloat(r.delta), { id: 'delta', header: t('whatIfDelta'), sortFn: 'basic', meta: { numeric: true, label: t('whatIfDelta'), cellClass: signClass }, cell: (c) => c.row.original.delta }),
      other.accessor((r) => r.rankAfter - r.rankBefore, {
        id: 'rank',
        header: t('rank'),
        sortFn: 'basic',
        meta: { numeric: true, label: t('rank') },
        cell: (c) => `${c.row.original.rankBefore} → ${c.row.original.rankAfter}`,
      }),
    ],
    [t],
  );
  const table = useTable({
    features,
    columns,
    data: others,
    getRowId: (r) => r.code,
    enableSortingRemoval: false,
    initialState: { sorting: [{ id: 'delta', desc: false }], pagination: { pageIndex: 0, pageSize: 25 } },
  });
  return <DataTable table={table} caption={t('whatIfOthersTitle', { n: others.length })} rowHeader="name" testId="whatif-others" />;
}
