'use client';
import Link from 'next/link';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { TrendView } from '@/app/lib/views/types';
import { EChart } from '../chart/EChart';
import type { ChartOption } from '../chart/echarts';
import { axisTooltip } from '../chart/tooltip';
import { TREND_HEIGHT, trendChartOption } from './trend-chart-option';

/** Total and level-1 score rates over every round the unit took part in, each with what it was scored under. */
export function TrendChart({ view }: { view: TrendView }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const o = trendChartOption(view, t);
    // The tooltip exists only in the browser, built as DOM (chart/tooltip.ts); the PDF's drawing has none.
    return { ...o, tooltip: { ...(o.tooltip as object), formatter: axisTooltip((v) => Number(v).toFixed(2)) } };
  }, [view, t]);
  return (
    <EChart
      option={option}
      height={TREND_HEIGHT}
      testId="history-chart"
      label={t('trendAlt')}
      table={() => (
        <div className="table-scroll">
          <table className="data">
            <caption>{t('trendTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('year')}</th>
                <th scope="col">{t('round')}</th>
                <th scope="col">{t('group')}</th>
                <th scope="col" className="num">{t('total')}</th>
                <th scope="col">{t('grade')}</th>
                <th scope="col" className="num">{t('rank')}</th>
                {view.series.map((s) => (
                  <th key={s.code} scope="col" className="num">
                    {t('trendRate', { name: s.name })}
                  </th>
                ))}
                <th scope="col">{t('trendScoredUnder')}</th>
              </tr>
            </thead>
            <tbody>
              {view.points.map((p, i) => (
                <tr key={p.roundSlug}>
                  <td>{p.year}</td>
                  <td>
                    <Link prefetch={false} href={`/rounds/${encodeURIComponent(p.roundSlug)}/departments/${encodeURIComponent(p.code)}`}>
                      {p.roundName}
                    </Link>
                    {p.published ? null : <span className="badge">{t('trendUnpublished')}</span>}
                  </td>
                  <td>{p.group}</td>
                  <td className="num">{p.total}</td>
                  <td>{p.grade ?? '—'}</td>
                  <td className="num">
                    {t('rankOfN', { rank: p.rank, n: p.groupSize })}
                    {p.tied ? <span className="badge tied">{t('tied')}</span> : null}
                  </td>
                  {p.rateTexts.map((r, k) => (
                    <td key={view.series[k]!.code} className="num">
                      {r}
                    </td>
                  ))}
                  <td>
                    {t('trendBasis', { system: p.system, policy: t(`policy.${p.policy}`) })}
                    {view.systemChanges.includes(i) ? <span className="badge tied">{t('trendSystemChange')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    />
  );
}
