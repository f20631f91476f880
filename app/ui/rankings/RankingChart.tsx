'use client';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { RankingRow, RankingsView } from '@/app/lib/views/types';
import { EChart } from '../chart/EChart';
import type { ChartOption } from '../chart/echarts';
import { axisTooltip } from '../chart/tooltip';
import { rankingChartHeight, rankingChartOption } from './ranking-chart-option';

/** `rows`: the departments to draw, in the order to draw them (top to bottom). */
export function RankingChart({ view, rows, ssrSvg }: { view: RankingsView; rows: RankingRow[]; ssrSvg?: string }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const o = rankingChartOption(view, rows, t);
    // The tooltip exists only in the browser; the server's SVG of the same option has none.
    return { ...o, tooltip: { ...(o.tooltip as object), formatter: axisTooltip((v) => Number(v).toFixed(2)) } };
  }, [view, rows, t]);
  const height = rankingChartHeight(rows.length);
  return (
    <EChart
      option={option}
      height={height}
      ssrSvg={ssrSvg}
      testId="ranking-chart"
      label={t('chartTotalsAlt', { mean: view.meanText ?? '—', median: view.medianText ?? '—' })}
      table={() => (
        <div className="table-scroll tall">
          <table className="data">
            <caption>{t('chartTotals')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">{t('rank')}</th>
                <th scope="col">{t('department')}</th>
                {view.level1.map((l) => (
                  <th key={l.code} scope="col" className="num">
                    {l.name}
                  </th>
                ))}
                <th scope="col" className="num">{t('total')}</th>
                <th scope="col">{t('grade')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <td className="num">{r.rank}</td>
                  <th scope="row">{r.name}</th>
                  {view.level1.map((l, i) => (
                    <td key={l.code} className="num">
                      {r.l1[i]![0]}
                    </td>
                  ))}
                  <td className="num">{r.total}</td>
                  <td>{r.grade}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    />
  );
}
