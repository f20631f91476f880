'use client';
import { useMemo, useSyncExternalStore } from 'react';
import { useT } from '@/app/i18n/client';
import type { PoliciesView, PolicyRowView } from '@/app/lib/views/types';
import { EChart } from '../chart/EChart';
import type { ChartOption } from '../chart/echarts';
import { seriesItemTooltip } from '../chart/tooltip';
import { slopeChartHeight, slopeChartOption } from './slope-chart-option';

const WIDE = '(min-width: 720px)';
const subscribe = (change: () => void) => {
  const m = window.matchMedia(WIDE);
  m.addEventListener('change', change);
  return () => m.removeEventListener('change', change);
};

/** `rows`: the units to draw (the table's current page), with the table of the same figures as its alternative. */
export function SlopeChart({ view, rows }: { view: PoliciesView; rows: PolicyRowView[] }) {
  const t = useT();
  // Names get less room on a phone, so the lines keep some width.
  const wide = useSyncExternalStore(subscribe, () => window.matchMedia(WIDE).matches, () => true);
  const option = useMemo<ChartOption>(() => {
    const o = slopeChartOption(view, rows, t, wide ? 160 : 96);
    // Names come from uploaded files: the tooltip is built as text nodes (chart/tooltip.ts).
    return { ...o, tooltip: { ...(o.tooltip as object), formatter: seriesItemTooltip((v) => t('rankOf', { rank: String(v) })) } };
  }, [view, rows, t, wide]);
  return (
    <EChart
      option={option}
      height={slopeChartHeight(rows.length)}
      testId="slope-chart"
      label={t('slopeChartAlt')}
      table={() => (
        <div className="table-scroll tall">
          <table className="data">
            <caption>{t('slopeChart')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('department')}</th>
                {view.policies.map((p) => (
                  <th key={p} scope="col" className="num">
                    {t(`policy.${p}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.name}</th>
                  {r.results.map((x, k) => (
                    <td key={view.policies[k]} className="num">
                      {x.rank}
                      {x.tied ? t('paren', { x: t('tied') }) : ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    />
  );
}
