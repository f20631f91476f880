'use client';
import Link from 'next/link';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { IndicatorPoint, IndicatorView } from '@/app/lib/views/types';
import { DataTable, NameFilter } from '../table/DataTable';
import { features, type Features } from '../table/features';
import { unitColumn } from '../table/unit-column';
import { leafColumnIds, useUrlTableState } from '../table/url-state';

const helper = createColumnHelper<Features, IndicatorPoint>();

/** Every department's value, band, score and points lost on one indicator; the biggest losses first. */
export function LostPointsTable({ view, slug }: { view: IndicatorView; slug: string }) {
  const t = useT();
  const metric = view.leaf.kind === 'banded' || view.leaf.kind === 'proportional';
  const banded = view.leaf.kind === 'banded';
  const columns = useMemo<ColumnDef<Features, IndicatorPoint, any>[]>(
    () => [
      unitColumn(t('department'), (r) => (
        <Link prefetch={false} href={`/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(r.code)}#leaf-${view.leaf.code}`}>{r.name}</Link>
      )),
      ...(metric
        ? [
            helper.accessor((r) => r.valuePct ?? undefined, {
              id: 'value',
              header: t('value'),
              sortFn: 'basic',
              sortUndefined: 'last',
              meta: { numeric: true, label: t('value') },
              cell: (c) => c.row.original.valueText ?? '—',
            }),
          ]
        : []),
      ...(banded
        ? [
            helper.accessor((r) => (r.band === 'in_band' ? 1 : 0), {
              id: 'inBand',
              header: t('bandColumn'),
              sortFn: 'basic',
              sortDescFirst: true,
              meta: { label: t('bandColumn') },
              cell: (c) => (c.row.original.band ? t(`band.${c.row.original.band}`) : '—'),
            }),
          ]
        : []),
      ...(metric
        ? []
        : [helper.accessor('formula', { header: t('formula'), enableSorting: false, cell: (c) => <span className="formula">{c.getValue()}</span> })]),
      helper.accessor('status', { header: t('status'), enableSorting: false, cell: (c) => t(`leafStatus.${c.row.original.status}`) }),
      helper.accessor('score', { header: t('score'), sortFn: 'basic', meta: { numeric: true, label: t('score') }, cell: (c) => c.row.original.scoreText }),
      helper.accessor('lost', {
        header: t('pointsLost'),
        sortFn: 'basic',
        sortDescFirst: true,
        meta: { numeric: true, label: t('pointsLost'), cellClass: (v) => (typeof v === 'number' && v > 0 ? 'diff-pos' : undefined) },
        cell: (c) => c.row.original.lostText,
      }),
    ],
    [t, metric, banded, slug, view.leaf.code],
  );
  const url = useUrlTableState({ sort: { id: 'lost', desc: true }, size: 50, columns: leafColumnIds(columns) });
  const table = useTable({
    features,
    columns,
    data: view.points,
    getRowId: (r) => r.code,
    enableSortingRemoval: false,
    ...url,
  });
  return (
    <>
      <div className="toolbar">
        <NameFilter table={table} columnId="name" />
      </div>
      <DataTable table={table} caption={t('lostPoints')} rowHeader="name" testId="lost-table" />
    </>
  );
}
