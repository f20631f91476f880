'use client';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { Level2Compare } from '@/app/lib/views/types';
import { EChart } from '../chart/EChart';
import type { ChartOption } from '../chart/echarts';
import { axisTooltip } from '../chart/tooltip';

const pct = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 100);

/** The department's score rate per level-2 indicator (bars) against the group's mean, median and best (markers). */
export function Level2Chart({ rows }: { rows: Level2Compare[] }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 40, bottom: 8 },
      legend: { top: 0, left: 0 },
      tooltip: { trigger: 'axis', formatter: axisTooltip((v) => `${Number(v).toFixed(2)}%`) },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
      series: [
        { type: 'bar', name: t('thisDepartment'), data: rows.map((r) => pct(r.rate)), barMaxWidth: 18, itemStyle: { color: '#1f4e79' } },
        { type: 'scatter', name: t('mean'), data: rows.map((r) => pct(r.mean)), symbol: 'circle', symbolSize: 10, itemStyle: { color: '#e0a458' } },
        { type: 'scatter', name: t('median'), data: rows.map((r) => pct(r.median)), symbol: 'diamond', symbolSize: 12, itemStyle: { color: '#9bbf85' } },
        { type: 'scatter', name: t('best'), data: rows.map((r) => pct(r.best)), symbol: 'triangle', symbolSize: 11, itemStyle: { color: '#b5542d' } },
      ],
    }),
    [rows, t],
  );
  return (
    <EChart
      option={option}
      height={rows.length * 44 + 80}
      testId="level2-chart"
      label={t('level2ChartAlt')}
      table={() => (
        <table className="data">
          <caption>{t('level2Chart')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('level2')}</th>
              <th scope="col" className="num">{t('thisDepartment')}</th>
              <th scope="col" className="num">{t('mean')}</th>
              <th scope="col" className="num">{t('median')}</th>
              <th scope="col" className="num">{t('best')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.name}</th>
                <td className="num">{r.rateText}</td>
                <td className="num">{r.meanText}</td>
                <td className="num">{r.medianText}</td>
                <td className="num">{r.bestText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
