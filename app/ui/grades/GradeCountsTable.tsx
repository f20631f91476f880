'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { GradeCountsView } from '@/app/lib/views/types';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';
import { GradeBadge } from './GradeBadge';

type Row = GradeCountsView['rows'][number];
const helper = createColumnHelper<Features, Row>();

/** Departments per grade in each group of the round. */
export function GradeCountsTable({ view }: { view: GradeCountsView }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, Row, any>[]>(
    () => [
      helper.accessor('group', { header: t('group'), enableSorting: false, meta: { label: t('group') } }),
      ...view.labels.map((g, i) =>
        helper.accessor((r) => r.counts[i]!, {
          id: `grade.${i}`,
          header: () => <GradeBadge grade={g} grades={view.labels} />,
          enableSorting: false,
          meta: { numeric: true, label: g },
        }),
      ),
      helper.accessor('n', { header: t('unitsCount'), enableSorting: false, meta: { numeric: true, label: t('unitsCount') } }),
    ],
    [t, view.labels],
  );
  const table = useTable({ features, columns, data: view.rows, getRowId: (r) => r.group });
  return <DataTable table={table} caption={t('gradeCountsCaption')} rowHeader="group" testId="grade-counts" />;
}
