'use client';
import Link from 'next/link';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { HistoryPoint } from '@/app/lib/views/types';
import { EChart } from '../chart/EChart';
import type { ChartOption } from '../chart/echarts';
import { axisTooltip } from '../chart/tooltip';

/** Total and rank in group by round, oldest first. */
export function HistoryChart({ history, code }: { history: HistoryPoint[]; code: string }) {
  const t = useT();
  // Rank is written on each bar rather than drawn on a second axis, where rank 3 would look like a total of 0.
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 36, bottom: 8 },
      tooltip: { trigger: 'axis', formatter: axisTooltip((v) => Number(v).toFixed(2)) },
      xAxis: { type: 'category', data: history.map((h) => `${h.year}`) },
      yAxis: { type: 'value', name: t('total'), min: 0, max: 100 },
      series: [
        {
          type: 'bar',
          name: t('total'),
          barMaxWidth: 48,
          data: history.map((h) => Number(h.total)),
          itemStyle: { color: '#4f8fc0' },
          label: {
            show: true,
            position: 'top',
            formatter: (p: unknown) => {
              const h = history[(p as { dataIndex: number }).dataIndex]!;
              return `${h.total}\n${t('rankOf', { rank: h.rank })}${h.tied ? `（${t('tied')}）` : ''}`;
            },
          },
        },
      ],
    }),
    [history, t],
  );
  return (
    <EChart
      option={option}
      height={260}
      testId="history-chart"
      label={t('historyAlt')}
      table={() => (
        <table className="data">
          <caption>{t('history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('year')}</th>
              <th scope="col">{t('round')}</th>
              <th scope="col">{t('group')}</th>
              <th scope="col" className="num">{t('total')}</th>
              <th scope="col" className="num">{t('rank')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.roundSlug}>
                <td>{h.year}</td>
                <td>
                  <Link prefetch={false} href={`/rounds/${encodeURIComponent(h.roundSlug)}/departments/${encodeURIComponent(code)}`}>{h.roundName}</Link>
                </td>
                <td>{h.group}</td>
                <td className="num">{h.total}</td>
                <td className="num">
                  {h.rank}
                  {h.tied ? <span className="badge tied">{t('tied')}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
