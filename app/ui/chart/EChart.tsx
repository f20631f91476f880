'use client';
import { init, type ECharts } from 'echarts/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocale, useT } from '@/app/i18n/client';
import { BASE_OPTION, type ChartOption } from './echarts';

export interface EChartProps {
  option: ChartOption;
  /** What the chart shows, read by screen readers in place of the drawing. */
  label: string;
  height: number;
  /** The same data as a table; rendered only when the reader opens it. */
  table?: () => ReactNode;
  /** The server's SVG drawing of this same option, shown until the interactive chart has drawn. */
  ssrSvg?: string;
  /** Called with the series data index of a clicked item. */
  onItemClick?: (dataIndex: number, seriesIndex: number) => void;
  testId?: string;
}

/** A small echarts host: init on mount, follow the container's size, dispose on unmount. */
export function EChart({ option, label, height, table, ssrSvg, onItemClick, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;
  const optionRef = useRef(option);
  optionRef.current = option;
  const [drawn, setDrawn] = useState(false);
  const locale = useLocale();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let live = true;
    let instance: ECharts | null = null;
    let observer: ResizeObserver | null = null;
    // Labels are measured (and cut to fit) when drawn: wait for the page's web font, or names would
    // be cut to the widths of the fallback font and stay cut once the real one is in.
    void document.fonts.ready.then(() => {
      if (!live) return;
      instance = init(el, null, { renderer: 'svg', locale: locale === 'en' ? 'EN' : 'ZH' });
      chart.current = instance;
      instance.on('click', (p) => {
        if (typeof p.dataIndex === 'number') clickRef.current?.(p.dataIndex, p.seriesIndex ?? 0);
      });
      instance.on('finished', () => setDrawn(true));
      instance.setOption({ ...BASE_OPTION, ...optionRef.current }, { notMerge: true });
      const drawnOn = instance;
      observer = new ResizeObserver(() => drawnOn.resize());
      observer.observe(el);
    });
    return () => {
      live = false;
      observer?.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption({ ...BASE_OPTION, ...option }, { notMerge: true });
  }, [option]);

  const showSsr = Boolean(ssrSvg) && !drawn;
  return (
    <figure style={{ margin: 0 }}>
      <div
        className="chart-box"
        role="img"
        aria-label={label}
        style={{ height }}
        data-testid={testId}
        data-drawn={drawn ? 'client' : ssrSvg ? 'server' : 'none'}
      >
        {showSsr ? <div className="chart-ssr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: ssrSvg! }} /> : null}
        <div ref={ref} className="chart" aria-hidden="true" style={{ height, visibility: showSsr ? 'hidden' : 'visible' }} />
      </div>
      {table ? <ChartTable render={table} /> : null}
    </figure>
  );
}

function ChartTable({ render }: { render: () => ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-alt" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('showDataTable')}</summary>
      {/* A wide table scrolls in its own box, never the phone's page. */}
      {open ? <div className="table-scroll">{render()}</div> : null}
    </details>
  );
}
