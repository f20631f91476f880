import type { Translate } from '@/app/i18n';
import type { PoliciesView, PolicyRowView } from '@/app/lib/views/types';
import type { ChartOption } from '../chart/echarts';

const MOVED = '#b5542d';
const STEADY = '#9aa7b4';
const LINE_PX = 18;

/** Height for a number of lines: room for every name at both ends. */
export function slopeChartHeight(rows: number): number {
  return Math.max(rows, 4) * LINE_PX + 100;
}

/**
 * The slope chart of 口径对比: one line per unit joining its rank under each policy, the round's own
 * policy at the left; units whose rank moves are drawn in the accent colour. Names sit at both ends
 * (`nameWidth` px: less on a phone); units level at one end have their names stacked, not overprinted.
 * No functions in it, so the server and the browser draw the same.
 */
export function slopeChartOption(view: PoliciesView, rows: PolicyRowView[], t: Translate, nameWidth = 160): ChartOption {
  const ranks = rows.flatMap((r) => r.results.map((x) => x.rank));
  const last = view.policies.length - 1;
  // Per end and rank: the units sharing it, in table order, so each gets its own line of text.
  const sharing = (k: number) => {
    const byRank = new Map<number, string[]>();
    for (const r of rows) byRank.set(r.results[k]!.rank, [...(byRank.get(r.results[k]!.rank) ?? []), r.code]);
    return byRank;
  };
  const ends = new Map([
    [0, sharing(0)],
    [last, sharing(last)],
  ]);
  const offset = (k: number, r: PolicyRowView) => {
    const same = ends.get(k)!.get(r.results[k]!.rank)!;
    return (same.indexOf(r.code) - (same.length - 1) / 2) * 13;
  };
  return {
    grid: { left: nameWidth + 8, right: nameWidth + 8, top: 52, bottom: 16 },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      position: 'top',
      data: view.policies.map((p, k) => (k === 0 ? `${t(`policyShort.${p}`)}\n${t('paren', { x: t('ownPolicy') }).trim()}` : t(`policyShort.${p}`))),
      axisLabel: { interval: 0, fontSize: 11 },
    },
    yAxis: { type: 'value', inverse: true, min: ranks.length ? Math.min(...ranks) : 1, max: ranks.length ? Math.max(...ranks) : 1, minInterval: 1, show: false },
    series: rows.map((r) => {
      const moved = r.results.some((x) => x.move !== 0);
      return {
        type: 'line',
        name: r.name,
        symbolSize: 6,
        emphasis: { focus: 'series' },
        lineStyle: { width: moved ? 2.5 : 1, color: moved ? MOVED : STEADY },
        itemStyle: { color: moved ? MOVED : STEADY },
        data: r.results.map((x, k) => ({
          value: x.rank,
          ...(k === 0 || k === last
            ? {
                label: {
                  show: true,
                  position: k === 0 ? 'left' : 'right',
                  offset: [0, offset(k, r)],
                  formatter: `${x.rank} {a}`,
                  width: nameWidth - 8,
                  overflow: 'truncate',
                  color: moved ? MOVED : '#4a5866',
                },
              }
            : {}),
        })),
      };
    }),
  };
}
