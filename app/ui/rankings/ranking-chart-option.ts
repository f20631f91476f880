import type { Translate } from '@/app/i18n';
import type { RankingRow, RankingsView } from '@/app/lib/views/types';
import type { ChartOption } from '../chart/echarts';

const ROW_PX = 20;

/** Rows per table page at first load; the chart draws one page. */
export const RANKING_PAGE_SIZE = 50;

/** Chart height for a number of bars: the chart shows every row it is given (one table page at most). */
export function rankingChartHeight(rows: number): number {
  return Math.max(rows, 3) * ROW_PX + 96;
}

/**
 * The stacked bar chart of totals, built the same way on the server (SVG for the first paint) and
 * in the browser (the interactive chart). No functions in it, so both produce the same drawing.
 */
export function rankingChartOption(view: RankingsView, rows: RankingRow[], t: Translate): ChartOption {
  const marks = [
    ...(view.meanText !== null ? [{ name: t('mean'), xAxis: Number(view.meanText), label: { formatter: `${t('mean')} ${view.meanText}` } }] : []),
    ...(view.medianText !== null ? [{ name: t('median'), xAxis: Number(view.medianText), label: { formatter: `${t('median')} ${view.medianText}` } }] : []),
  ];
  return {
    grid: { left: 8, right: 28, top: 64, bottom: 8 },
    legend: { top: 0, left: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: 100, name: t('score'), nameGap: 8 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
    series: view.level1.map((l, i) => ({
      type: 'bar',
      name: `${l.name}（${t('weightLabel', { w: l.weight })}）`,
      stack: 'total',
      barMaxWidth: 14,
      data: rows.map((r) => parseFloat(r.l1[i]![0])),
      ...(i === view.level1.length - 1 && marks.length
        ? {
            markLine: {
              symbol: 'none',
              silent: true,
              lineStyle: { type: 'dashed', color: '#b5542d' },
              label: { position: 'start', color: '#6b3a1f', backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] },
              data: marks,
            },
          }
        : {}),
    })),
  };
}
