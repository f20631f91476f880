'use client';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { IndicatorView } from '@/app/lib/views/types';
import { EChart } from '../chart/EChart';
import type { ChartOption } from '../chart/echarts';
import { axisTooltip, tooltipNode } from '../chart/tooltip';
import { xRange } from './x-range';

const LINE_COLORS = { full: '#2f7d4f', zero: '#b23a3a', min: '#1f4e79', max: '#1f4e79' } as const;
const LABEL_ROW = 16;

const POINT_COLORS: Record<string, string> = { full: '#2f7d4f', zero: '#b23a3a', in_band: '#e0a458' };

/**
 * Rate indicators: each department's value against its score, with the thresholds and the
 * cohort's min/max drawn in, which shows the interpolation line itself. Other indicators: a
 * histogram of the scores.
 */
export function Distribution({ view }: { view: IndicatorView }) {
  const t = useT();
  const metric = view.leaf.kind === 'banded' || view.leaf.kind === 'proportional';
  const drawn = view.points.filter((p) => p.valuePct !== null);

  const option = useMemo<ChartOption>(() => {
    if (!metric) {
      const counts = new Map<string, number>();
      for (const p of [...view.points].sort((a, b) => a.score - b.score)) counts.set(p.scoreText, (counts.get(p.scoreText) ?? 0) + 1);
      return {
        grid: { left: 8, right: 48, top: 32, bottom: 8 },
        tooltip: { trigger: 'axis', formatter: axisTooltip() },
        xAxis: { type: 'category', data: [...counts.keys()], name: t('score') },
        yAxis: { type: 'value', minInterval: 1, name: t('departmentsCountShort') },
        series: [{ type: 'bar', name: t('departmentsCountShort'), data: [...counts.values()], barMaxWidth: 48 }],
      };
    }
    const names = { full: t('fullLine'), zero: t('zeroLine'), min: t('cohortMinUsed'), max: t('cohortMaxUsed') };
    const full = view.lines.find((l) => l.key === 'full');
    const zero = view.lines.find((l) => l.key === 'zero');
    const range = xRange(
      drawn.map((p) => p.valuePct!),
      view.lines.map((l) => l.pct),
    );
    // Line labels sit above the plot, one row each from left to right, so they never cover each
    // other or the axis numbers; a label leans away from the nearer edge so it is not cut off.
    const order = [...view.lines].sort((a, b) => a.pct - b.pct);
    const rowOf = new Map(order.map((l, i) => [l.key, i]));
    const middle = (range.min + range.max) / 2;
    return {
      grid: { left: 8, right: 32, top: 24 + order.length * LABEL_ROW, bottom: 8 },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const i = (p as { dataIndex: number }).dataIndex;
          const d = drawn[i]!;
          return tooltipNode(d.name, [
            { label: t('value'), value: d.valueText ?? '' },
            { label: t('score'), value: d.scoreText },
          ]);
        },
      },
      // The axes stay at the plot's edges, also when values are negative (a change below 0%).
      xAxis: { type: 'value', min: range.min, max: range.max, name: '%', axisLabel: { formatter: '{value}%' }, axisLine: { onZero: false } },
      yAxis: { type: 'value', min: 0, max: Number(view.leaf.weight), name: t('score'), nameTextStyle: { align: 'left' }, axisLine: { show: true, onZero: false } },
      series: [
        {
          type: 'scatter',
          symbolSize: 10,
          data: drawn.map((p) => ({ value: [p.valuePct!, p.score], itemStyle: { color: POINT_COLORS[p.band ?? ''] ?? '#4f8fc0' } })),
          markLine: {
            symbol: 'none',
            silent: true,
            data: view.lines.map((l) => ({
              xAxis: l.pct,
              name: names[l.key],
              lineStyle: { color: LINE_COLORS[l.key], type: l.key === 'min' || l.key === 'max' ? 'dotted' : 'dashed', width: 1.5 },
              label: {
                formatter: `${names[l.key]} ${l.text}`,
                color: LINE_COLORS[l.key],
                position: 'end',
                distance: 4 + (order.length - 1 - rowOf.get(l.key)!) * LABEL_ROW,
                align: l.pct <= middle ? 'left' : 'right',
              },
            })),
          },
          ...(full && zero
            ? { markArea: { silent: true, itemStyle: { color: 'rgba(224, 164, 88, 0.10)' }, data: [[{ xAxis: Math.min(full.pct, zero.pct) }, { xAxis: Math.max(full.pct, zero.pct) }]] } }
            : {}),
        },
      ],
    };
  }, [metric, view, drawn, t]);

  const missing = view.points.filter((p) => p.valuePct === null);
  return (
    <>
      <EChart
        option={option}
        height={360}
        testId="indicator-chart"
        label={metric ? t('distributionAlt', { name: view.leaf.name }) : t('scoreDistributionAlt', { name: view.leaf.name })}
        table={() => (
          <table className="data">
            <caption>{metric ? t('distribution') : t('scoreDistribution')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('department')}</th>
                {metric ? <th scope="col" className="num">{t('value')}</th> : null}
                <th scope="col" className="num">{t('score')}</th>
              </tr>
            </thead>
            <tbody>
              {view.points.map((p) => (
                <tr key={p.code}>
                  <th scope="row">{p.name}</th>
                  {metric ? <td className="num">{p.valueText ?? '—'}</td> : null}
                  <td className="num">{p.scoreText}</td>
                </tr>
              ))}
            </tbody>
            {metric && view.lines.length ? (
              <tfoot>
                {view.lines.map((l) => (
                  <tr key={l.key}>
                    <th scope="row">{{ full: t('fullLine'), zero: t('zeroLine'), min: t('cohortMinUsed'), max: t('cohortMaxUsed') }[l.key]}</th>
                    <td className="num">{l.text}</td>
                    <td />
                  </tr>
                ))}
              </tfoot>
            ) : null}
          </table>
        )}
      />
      {metric && missing.length ? <p className="muted">{t('notInChart', { names: missing.map((p) => `${p.name}${t('paren', { x: p.valueText ?? t(`leafStatus.${p.status}`) })}`).join(t('listSep')) })}</p> : null}
    </>
  );
}
