'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { PoliciesView } from '@/app/lib/views/types';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';

type Removal = PoliciesView['removals'][number];
type Reversal = PoliciesView['reversals'][number];
const removal = createColumnHelper<Features, Removal>();
const reversal = createColumnHelper<Features, Reversal>();

/** The units whose removal moves a scale, and the pairs each removal flips. */
export function StabilityTables({ view }: { view: PoliciesView }) {
  const t = useT();
  const removalColumns = useMemo<ColumnDef<Features, Removal, any>[]>(
    () => [
      removal.accessor('name', { header: t('removedUnit'), sortFn: 'chinese', meta: { label: t('removedUnit') } }),
      removal.accessor((r) => r.leaves.join(t('listSep')), { id: 'leaves', header: t('scaleLeaves'), enableSorting: false }),
      removal.accessor('moved', { header: t('unitsMoved'), sortFn: 'basic', sortDescFirst: true, meta: { numeric: true, label: t('unitsMoved') } }),
      removal.accessor('reversals', { header: t('pairsFlipped'), sortFn: 'basic', sortDescFirst: true, meta: { numeric: true, label: t('pairsFlipped') } }),
    ],
    [t],
  );
  const reversalColumns = useMemo<ColumnDef<Features, Reversal, any>[]>(
    () => [
      reversal.accessor('removed', { header: t('removedUnit'), sortFn: 'chinese', meta: { label: t('removedUnit') } }),
      reversal.accessor((r) => t(`order.${r.before}`, { a: r.a, b: r.b }), { id: 'before', header: t('reversalBefore'), enableSorting: false }),
      reversal.accessor((r) => t(`order.${r.after}`, { a: r.a, b: r.b }), { id: 'after', header: t('reversalAfter'), enableSorting: false }),
    ],
    [t],
  );
  const removals = useTable({
    features,
    columns: removalColumns,
    data: view.removals,
    getRowId: (r) => r.code,
    enableSortingRemoval: false,
    initialState: { sorting: [{ id: 'reversals', desc: true }], pagination: { pageIndex: 0, pageSize: 25 } },
  });
  const reversals = useTable({
    features,
    columns: reversalColumns,
    data: view.reversals,
    enableSortingRemoval: false,
    initialState: { sorting: [], pagination: { pageIndex: 0, pageSize: 25 } },
  });
  return (
    <section className="card" aria-labelledby="stability-title">
      <h2 id="stability-title">{t('stabilityTitle')}</h2>
      <p className="muted">{t('stabilityIntro')}</p>
      {view.removals.length === 0 ? (
        <p data-testid="removals-none">{t('removalsNone')}</p>
      ) : (
        <>
          <DataTable table={removals} caption={t('stabilityTitle')} rowHeader="name" testId="removals-table" />
          <h3>{t('reversalsTitle', { n: view.reversalCount })}</h3>
          {view.reversals.length < view.reversalCount ? <p className="muted">{t('reversalsShown', { n: view.reversals.length })}</p> : null}
          {view.reversalCount ? <DataTable table={reversals} caption={t('reversalsTitle', { n: view.reversalCount })} rowHeader="removed" testId="reversals-table" /> : null}
        </>
      )}
    </section>
  );
}
