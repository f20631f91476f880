'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { PoliciesView } from '@/app/lib/views/types';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';
import { Move } from './Move';
import { RangeBar } from './RangeBar';

interface PolicyLine {
  policy: PoliciesView['policies'][number];
  own: boolean;
  total: string;
  rank: number;
  tied: boolean;
  move: number;
}
const helper = createColumnHelper<Features, PolicyLine>();

/** A department's own row of 口径对比, one line per policy (narrow enough for a phone). */
export function OwnPoliciesTable({ view }: { view: PoliciesView }) {
  const t = useT();
  const row = view.rows[0];
  const data = useMemo<PolicyLine[]>(() => (row ? view.policies.map((policy, k) => ({ policy, own: k === 0, ...row.results[k]! })) : []), [row, view.policies]);
  const columns = useMemo<ColumnDef<Features, PolicyLine, any>[]>(
    () => [
      helper.accessor('policy', {
        header: t('policyColumn'),
        enableSorting: false,
        cell: (c) => (
          <>
            {t(`policy.${c.row.original.policy}`)}
            {c.row.original.own ? <span className="own-policy">{t('ownPolicy')}</span> : null}
          </>
        ),
      }),
      helper.accessor('total', { header: t('total'), enableSorting: false, meta: { numeric: true } }),
      helper.accessor('rank', {
        header: t('rank'),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => (
          <>
            {c.getValue()}
            {c.row.original.tied ? <span className="badge tied">{t('tied')}</span> : null}
          </>
        ),
      }),
      helper.accessor('move', { header: t('move'), enableSorting: false, meta: { numeric: true }, cell: (c) => (c.row.original.own ? '' : <Move move={c.getValue()} />) }),
    ],
    [t],
  );
  const table = useTable({ features, columns, data, getRowId: (r) => r.policy, initialState: { sorting: [], pagination: { pageIndex: 0, pageSize: 25 } } });
  if (!row) return null;
  return (
    <>
      {row.range ? (
        <p>
          {t('rankRange')}{' '}
          <RangeBar t={t} range={row.range} rank={row.results[0]!.rank} n={view.groupSize} />
        </p>
      ) : null}
      <DataTable table={table} caption={t('policiesTableTitle')} rowHeader="policy" testId="policies-table" />
    </>
  );
}
