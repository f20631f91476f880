import type { LineSeriesOption } from 'echarts/charts';
import type { Translate } from '@/app/i18n';
import type { TrendView } from '@/app/lib/views/types';
import { PALETTE, type ChartOption } from '../chart/echarts';

/** Height of the trend chart: room for three lines of axis labels under the plot. */
export const TREND_HEIGHT = 320;

/** One round's label on the x axis: the year, the system version and the policy it was scored under (short name; the table has the full one). */
export function trendPointLabel(p: TrendView['points'][number], t: Translate): string {
  return [`${p.year}${p.published ? '' : t('paren', { x: t('trendUnpublished') })}`, p.system, t(`policyShort.${p.policy}`)].join('\n');
}

/**
 * A unit's total (left axis) and score rate per level-1 indicator (right axis) by round. Built the
 * same on the server (the PDF's vector drawing) and in the browser; no functions in it. A change
 * of system between two rounds is a dashed vertical line at the later one.
 */
export function trendChartOption(view: TrendView, t: Translate): ChartOption {
  const total: LineSeriesOption = {
    type: 'line',
    name: t('trendTotal'),
    yAxisIndex: 0,
    // Each label the total's own text ("96.00"), not the number's shortest form.
    data: view.points.map((p) => ({ value: Number(p.total), label: { formatter: p.total } })),
    symbolSize: 8,
    lineStyle: { width: 3 },
    itemStyle: { color: PALETTE[0] },
    label: { show: true, position: 'top', fontWeight: 'bold' },
    ...(view.systemChanges.length
      ? {
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: '#b5542d' },
            label: { formatter: t('trendSystemChange'), position: 'insideEndTop', color: '#6b3a1f' },
            data: view.systemChanges.map((i) => ({ xAxis: i })),
          },
        }
      : {}),
  };
  const rates = view.series.map(
    (s, i): LineSeriesOption => ({
      type: 'line',
      name: t('trendRate', { name: s.name }),
      yAxisIndex: 1,
      data: view.points.map((p) => p.rates[i] ?? null),
      connectNulls: false,
      symbolSize: 6,
      lineStyle: { width: 1.5, type: 'dashed' },
      itemStyle: { color: PALETTE[(i + 1) % PALETTE.length] },
    }),
  );
  return {
    // Room above for a legend wrapped to two lines on a phone.
    grid: { left: 48, right: 56, top: 84, bottom: 72 },
    legend: { top: 0, left: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: view.points.map((p) => trendPointLabel(p, t)), axisLabel: { interval: 0, lineHeight: 14 } },
    yAxis: [
      { type: 'value', name: t('trendAxisTotal'), min: 0, max: 100 },
      { type: 'value', name: t('trendAxisRate'), min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [total, ...rates],
  };
}
