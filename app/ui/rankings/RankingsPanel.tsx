'use client';
import { useMemo, type ReactNode } from 'react';
import { useT } from '@/app/i18n/client';
import type { RankingsView } from '@/app/lib/views/types';
import { MOVEMENT_THRESHOLD } from '@/lib/stats/movement-threshold';
import { RankingChart } from './RankingChart';
import { RankingTable, useRankingTable } from './RankingTable';

/**
 * The ranking table and the chart of totals share one table state: the chart draws the rows of
 * the table's current page, in its order and under its filter. A round of 2,000 departments thus
 * never asks the chart for more than one page of bars. `linkOnly`: a department viewer's own code —
 * the other rows are not links, their pages being closed to it.
 */
export function RankingsPanel({ view, slug, exports, chartSvg, linkOnly = null }: { view: RankingsView; slug: string; exports: ReactNode; chartSvg?: string; linkOnly?: string | null }) {
  const t = useT();
  const table = useRankingTable(view, slug, linkOnly);
  const model = table.getRowModel();
  const rows = useMemo(() => model.rows.map((r) => r.original), [model]);
  return (
    <>
      <section className="card" aria-labelledby="ranking-title">
        <div className="card-head">
          <h2 id="ranking-title">{t('rankingsTitle')}</h2>
          {exports}
        </div>
        <p className="muted" data-testid="compared-with">
          {view.previous
            ? `${t('comparedWith', { name: view.previous.name, rank: MOVEMENT_THRESHOLD.rank, points: MOVEMENT_THRESHOLD.points })}${view.previous.published ? '' : t('comparedUnpublished', { name: view.previous.name })}`
            : t('noPrevious')}
        </p>
        <RankingTable table={table} />
      </section>
      <section className="card" aria-labelledby="chart-title">
        <div className="card-head">
          <h2 id="chart-title">{t('chartTotals')}</h2>
          {rows.length < view.rows.length ? <p className="muted" style={{ margin: 0 }}>{t('chartPageNote', { n: rows.length, total: view.rows.length })}</p> : null}
        </div>
        <RankingChart view={view} rows={rows} ssrSvg={chartSvg} />
      </section>
    </>
  );
}
