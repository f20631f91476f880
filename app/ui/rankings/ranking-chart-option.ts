import type { Translate } from '@/app/i18n';
import type { RankingRow, RankingsView } from '@/app/lib/views/types';
import type { BarSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { ChartOption } from '../chart/echarts';
import { gradeColor } from '../grades/colors';

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
  // Mean and median are often close: their labels sit on two rows above the plot, never on each other.
  const marks = [
    ...(view.meanText !== null ? [{ name: t('mean'), xAxis: Number(view.meanText), label: { formatter: `${t('mean')} ${view.meanText}`, distance: 4 } }] : []),
    ...(view.medianText !== null ? [{ name: t('median'), xAxis: Number(view.medianText), label: { formatter: `${t('median')} ${view.medianText}`, distance: 22 } }] : []),
  ];
  // Each grade a series of its own (one colour, one legend entry): a badge at the end of each bar.
  const grades = view.grades.map((g, gi): ScatterSeriesOption => ({
    type: 'scatter',
    name: t('gradeSeries', { g }),
    symbol: 'roundRect',
    symbolSize: [20, 14],
    symbolOffset: [14, 0],
    itemStyle: { color: gradeColor(gi, view.grades.length) },
    label: { show: true, position: 'inside', formatter: g, color: '#fff', fontSize: 10 },
    tooltip: { show: false },
    z: 3,
    data: rows.map((r, k) => (r.grade === g ? [parseFloat(r.total), k] : null)).filter((x) => x !== null),
  }));
  const stacks = view.level1.map((l, i): BarSeriesOption => ({
    type: 'bar',
    name: `${l.name}${t('paren', { x: t('weightLabel', { w: l.weight }) })}`,
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
  }));
  return {
    grid: { left: 8, right: 44, top: 72, bottom: 8 },
    // One scrolling line, so the plot starts at the same height on a phone as on a desk.
    legend: { type: 'scroll', top: 0, left: 0, right: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: 100, name: t('score'), nameGap: 8 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
    series: [...stacks, ...grades],
  };
}
