'use client';
import Link from 'next/link';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { PoliciesView, PolicyRowView } from '@/app/lib/views/types';
import { DataTable, NameFilter } from '../table/DataTable';
import { features, type Features } from '../table/features';
import { unitColumn } from '../table/unit-column';
import { leafColumnIds, useUrlTableState } from '../table/url-state';
import { Move } from './Move';
import { OwnPoliciesTable } from './OwnPoliciesTable';
import { RangeBar } from './RangeBar';
import { SlopeChart } from './SlopeChart';

const helper = createColumnHelper<Features, PolicyRowView>();

/**
 * Every unit's total and rank under each policy (the round's own first), its rank range, and a
 * slope chart of the table's current page. `chart` is off for a department, which sees its own row,
 * one line per policy.
 * `linkOnly`: a department viewer's own code, the only 评分表 it may open.
 */
export function PoliciesPanel({ view, slug, chart, linkOnly = null }: { view: PoliciesView; slug: string; chart: boolean; linkOnly?: string | null }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, PolicyRowView, any>[]>(
    () => [
      helper.accessor((r) => r.results[0]!.rank, {
        id: 'rank',
        header: t('rank'),
        sortFn: 'basic',
        meta: { numeric: true, label: t('rank') },
        cell: (c) => (
          <>
            {c.getValue()}
            {c.row.original.results[0]!.tied ? <span className="badge tied">{t('tied')}</span> : null}
          </>
        ),
      }),
      unitColumn(t('department'), (r) =>
        linkOnly === null || linkOnly === r.code ? (
          <Link prefetch={false} href={`/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(r.code)}`}>
            {r.name}
          </Link>
        ) : (
          r.name
      )),
      helper.accessor((r) => (r.range ? r.range[1] - r.range[0] : undefined), {
        id: 'range',
        header: () => <span title={t('rankRangeHint')}>{t('rankRange')}</span>,
        sortFn: 'basic',
        sortDescFirst: true,
        sortUndefined: 'last',
        meta: { label: t('rankRange') },
        cell: (c) => (c.row.original.range ? <RangeBar t={t} range={c.row.original.range} rank={c.row.original.results[0]!.rank} n={view.groupSize} /> : '—'),
      }),
      ...view.policies.map((p, k) =>
        helper.group({
          id: `g.${p}`,
          header: () => (
            <>
              {t(`policy.${p}`)}
              {k === 0 ? <span className="own-policy">{t('ownPolicy')}</span> : null}
            </>
          ),
          columns: helper.columns([
            helper.accessor((r) => parseFloat(r.results[k]!.total), {
              id: `total.${p}`,
              header: t('total'),
              sortFn: 'basic',
              sortDescFirst: true,
              meta: { numeric: true, label: `${t(`policy.${p}`)} ${t('total')}` },
              cell: (c) => c.row.original.results[k]!.total,
            }),
            helper.accessor((r) => r.results[k]!.rank, {
              id: `rank.${p}`,
              header: t('rank'),
              sortFn: 'basic',
              meta: { numeric: true, label: `${t(`policy.${p}`)} ${t('rank')}` },
              cell: (c) => (
                <>
                  {c.getValue()}
                  {c.row.original.results[k]!.tied ? <span className="badge tied">{t('tied')}</span> : null}
                </>
              ),
            }),
            ...(k === 0
              ? []
              : [
                  helper.accessor((r) => r.results[k]!.move, {
                    id: `move.${p}`,
                    header: t('move'),
                    sortFn: 'basic',
                    meta: { numeric: true, label: `${t(`policy.${p}`)} ${t('move')}` },
                    cell: (c) => <Move move={c.getValue()} />,
                  }),
                ]),
          ]),
        }),
      ),
    ],
    [t, view.policies, view.groupSize, slug, linkOnly],
  );
  const url = useUrlTableState({ sort: { id: 'rank', desc: false }, size: 50, columns: leafColumnIds(columns) });
  const table = useTable({
    features,
    columns,
    data: view.rows,
    getRowId: (r) => r.code,
    enableSortingRemoval: false,
    ...url,
  });
  const model = table.getRowModel();
  const rows = useMemo(() => model.rows.map((r) => r.original), [model]);
  return (
    <>
      <section className="card" aria-labelledby="policies-table-title">
        <h2 id="policies-table-title">{t('policiesTableTitle')}</h2>
        <p className="muted">{chart ? t('policiesIntro') : t('policiesOwnIntro')}</p>
        {chart ? (
          <>
            <div className="toolbar">
              <NameFilter table={table} columnId="name" />
            </div>
            <DataTable
              table={table}
              caption={t('policiesTableTitle')}
              rowHeader="name"
              testId="policies-table"
              rowClass={(r) => (r.results.some((x) => x.move !== 0) ? 'moved' : undefined)}
            />
          </>
        ) : (
          <OwnPoliciesTable view={view} />
        )}
      </section>
      {chart ? (
        <section className="card" aria-labelledby="slope-title">
          <div className="card-head">
            <h2 id="slope-title">{t('slopeChart')}</h2>
            {rows.length < view.rows.length ? <p className="muted" style={{ margin: 0 }}>{t('chartPageNote', { n: rows.length, total: view.rows.length })}</p> : null}
          </div>
          <SlopeChart view={view} rows={rows} />
        </section>
      ) : null}
    </>
  );
}
