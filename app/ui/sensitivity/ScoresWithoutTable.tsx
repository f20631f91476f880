'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { ScaleView } from '@/app/lib/views/types';
import { DataTable, NameFilter } from '../table/DataTable';
import { features, type Features } from '../table/features';
import { unitColumn } from '../table/unit-column';

type Row = ScaleView['rows'][number];
const helper = createColumnHelper<Features, Row>();

/** Every unit's score on the leaf now and without each setter; a score that changes is highlighted. */
export function ScoresWithoutTable({ scale }: { scale: ScaleView }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, Row, any>[]>(
    () => [
      unitColumn(t('department')),
      helper.accessor('valueText', { header: t('value'), enableSorting: false, meta: { numeric: true }, cell: (c) => c.getValue() ?? '—' }),
      helper.accessor((r) => parseFloat(r.score), { id: 'score', header: t('scoreNow'), sortFn: 'basic', sortDescFirst: true, meta: { numeric: true, label: t('scoreNow') }, cell: (c) => c.row.original.score }),
      ...scale.without.map((w, k) =>
        helper.accessor((r) => (r.without[k] === null ? undefined : parseFloat(r.without[k]!)), {
          id: `without.${w.code}`,
          header: t('withoutColumn', { name: w.name }),
          sortFn: 'basic',
          sortUndefined: 'last',
          meta: {
            numeric: true,
            label: t('withoutColumn', { name: w.name }),
          },
          cell: (c) => {
            const v = c.row.original.without[k];
            if (v === null || v === undefined) return '—';
            return v === c.row.original.score ? v : <strong className="changed-value">{v}</strong>;
          },
        }),
      ),
    ],
    [t, scale.without],
  );
  const table = useTable({
    features,
    columns,
    data: scale.rows,
    getRowId: (r) => r.code,
    enableSortingRemoval: false,
    initialState: { sorting: [{ id: 'score', desc: true }], pagination: { pageIndex: 0, pageSize: 25 } },
  });
  return (
    <>
      <h3>{t('scoresWithoutTitle')}</h3>
      <div className="toolbar">
        <NameFilter table={table} columnId="name" />
      </div>
      <DataTable table={table} caption={t('scoresWithoutTitle')} rowHeader="name" testId="scores-without" />
    </>
  );
}
