'use client';
import Link from 'next/link';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useT } from '@/app/i18n/client';
import type { HeatRow, HeatView } from '@/app/lib/views/types';
import { ExplanationDialog, type ExplainTarget } from '../explain/ExplanationDialog';
import { DataTable, NameFilter } from '../table/DataTable';
import { features, type Features } from '../table/features';
import { unitColumn } from '../table/unit-column';
import { leafColumnIds, useUrlTableState } from '../table/url-state';
import { HEAT_GRADIENT, heatColor } from './heat-color';

const helper = createColumnHelper<Features, HeatRow>();

export function HeatTable({ view, slug, group }: { view: HeatView; slug: string; group: string }) {
  const t = useT();
  const [target, setTarget] = useState<ExplainTarget | null>(null);

  const columns = useMemo<ColumnDef<Features, HeatRow, any>[]>(() => {
    const byLevel1 = new Map<string, HeatView['leaves']>();
    for (const l of view.leaves) byLevel1.set(l.level1, [...(byLevel1.get(l.level1) ?? []), l]);
    return [
      unitColumn(t('department'), (r) => <Link prefetch={false} href={`/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(r.code)}`}>{r.name}</Link>),
      helper.accessor('rank', { header: t('rank'), sortFn: 'basic', sortDescFirst: false, meta: { numeric: true, label: t('rank') } }),
      helper.accessor('totalText', { header: t('total'), enableSorting: false, meta: { numeric: true } }),
      ...[...byLevel1.values()].map((leaves) =>
        helper.group({
          id: `g.${leaves[0]!.level1}`,
          header: () => (
            <>
              {leaves[0]!.level1Name}
              <span className="weight">{t('weightLabel', { w: leaves[0]!.level1Weight })}</span>
            </>
          ),
          columns: helper.columns(
            leaves.map((leaf) => {
              const k = view.leaves.indexOf(leaf);
              return helper.accessor((r) => parseFloat(r.cells[k]![1]), {
                id: leaf.code,
                enableSorting: false,
                header: () => (
                  <Link prefetch={false} href={`/rounds/${encodeURIComponent(slug)}/indicators/${encodeURIComponent(leaf.code)}?group=${encodeURIComponent(group)}`}>
                    {leaf.name}
                    <span className="weight">{t('weightLabel', { w: leaf.weight })}</span>
                  </Link>
                ),
                cell: (c) => {
                  const [score, rateText] = c.row.original.cells[k]!;
                  return (
                    <button
                      type="button"
                      style={{ background: heatColor(parseFloat(rateText) / 100) }}
                      title={t('heatCellTitle', { indicator: leaf.name, score, weight: leaf.weight })}
                      aria-label={t('heatCellLabel', { unit: c.row.original.name, indicator: leaf.name, rate: rateText, score, weight: leaf.weight })}
                      onClick={() => setTarget({ department: c.row.original.code, departmentName: c.row.original.name, indicator: leaf.code, indicatorName: leaf.name })}
                    >
                      {rateText}
                    </button>
                  );
                },
              });
            }),
          ),
        }),
      ),
    ];
  }, [t, view.leaves, slug, group]);

  const url = useUrlTableState({ sort: { id: 'rank', desc: false }, size: 50, columns: leafColumnIds(columns) });
  const table = useTable({
    features,
    columns,
    data: view.rows,
    getRowId: (r) => r.code,
    enableSortingRemoval: false,
    ...url,
  });

  return (
    <>
      <div className="toolbar">
        <NameFilter table={table} columnId="name" />
        <span className="spacer" style={{ flex: 1 }} />
        <div className="legend" aria-hidden="true">
          <span>0%</span>
          <span className="swatch" style={{ background: HEAT_GRADIENT }} />
          <span>100%</span>
        </div>
      </div>
      <DataTable table={table} caption={t('indicatorsTitle')} className="heat" rowHeader="name" testId="heat-table" grid />
      <ExplanationDialog slug={slug} target={target} onClose={() => setTarget(null)} />
    </>
  );
}
