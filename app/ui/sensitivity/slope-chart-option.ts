import type { Translate } from '@/app/i18n';
import type { PoliciesView, PolicyRowView } from '@/app/lib/views/types';
import type { ChartOption } from '../chart/echarts';

const MOVED = '#b5542d';
const STEADY = '#9aa7b4';

/** Height for a number of lines: room for every name at both ends. */
export function slopeChartHeight(rows: number): number {
  return Math.max(rows, 4) * 18 + 90;
}

/**
 * The slope chart of 口径对比: one line per unit joining its rank under each policy, the round's own
 * policy at the left; units whose rank moves are drawn in the accent colour. Names sit at both ends.
 * No functions in it, so the server and the browser draw the same.
 */
export function slopeChartOption(view: PoliciesView, rows: PolicyRowView[], t: Translate): ChartOption {
  const ranks = rows.flatMap((r) => r.results.map((x) => x.rank));
  const last = view.policies.length - 1;
  return {
    grid: { left: 150, right: 150, top: 40, bottom: 16 },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      position: 'top',
      data: view.policies.map((p, k) => (k === 0 ? `${t(`policy.${p}`)}（${t('ownPolicy')}）` : t(`policy.${p}`))),
      axisLabel: { interval: 0, width: 150, overflow: 'break', fontSize: 11 },
    },
    yAxis: { type: 'value', inverse: true, min: ranks.length ? Math.min(...ranks) : 1, max: ranks.length ? Math.max(...ranks) : 1, minInterval: 1, name: t('rank'), show: false },
    series: rows.map((r) => {
      const moved = r.results.some((x) => x.move !== 0);
      return {
        type: 'line',
        name: r.name,
        symbolSize: 6,
        emphasis: { focus: 'series' },
        lineStyle: { width: moved ? 2.5 : 1, color: moved ? MOVED : STEADY },
        itemStyle: { color: moved ? MOVED : STEADY },
        labelLayout: { hideOverlap: true },
        data: r.results.map((x, k) => ({
          value: x.rank,
          ...(k === 0 || k === last
            ? { label: { show: true, position: k === 0 ? 'left' : 'right', formatter: `${x.rank} {a}`, width: 140, overflow: 'truncate', color: moved ? MOVED : '#4a5866' } }
            : {}),
        })),
      };
    }),
  };
}
