import { describe, expect, it } from 'vitest';
import { translator } from '@/app/i18n';
import type { PoliciesView, PolicyRowView } from '@/app/lib/views/types';
import { slopeChartOption } from './slope-chart-option';

const t = translator('zh-CN');
const row = (code: string, ranks: number[]): PolicyRowView => ({
  code,
  name: `单位${code}`,
  range: null,
  results: ranks.map((rank) => ({ total: '0.00', rank, tied: false, move: rank - ranks[0]! })),
});
const rows = [row('a', [1, 1, 2]), row('b', [2, 3, 1]), row('c', [2, 2, 3])];
const view: PoliciesView = { policies: ['cohort-all', 'cohort-in-band', 'thresholds'], groupSize: 3, rows, removals: [], reversals: [], reversalCount: 0 };

describe('slope chart option', () => {
  const option = slopeChartOption(view, rows, t) as any;

  it('puts the round’s own policy first and draws one line per unit through its three ranks', () => {
    expect(option.xAxis.data[0]).toBe('全部值插值\n（本轮口径）');
    expect(option.series.map((s: any) => s.data.map((d: any) => d.value))).toEqual([
      [1, 1, 2],
      [2, 3, 1],
      [2, 2, 3],
    ]);
  });

  it('colours the lines whose rank moves and stacks the names of units level at an end', () => {
    expect(option.series.map((s: any) => s.lineStyle.color)).toEqual(['#b5542d', '#b5542d', '#b5542d']);
    // b and c share rank 2 at the left: their names sit 13 px apart.
    const left = option.series.map((s: any) => s.data[0].label.offset[1]);
    expect(left).toEqual([0, -6.5, 6.5]);
  });

  it('holds no functions, so the server and the browser draw the same', () => {
    expect(JSON.parse(JSON.stringify(option))).toEqual(option);
  });
});
