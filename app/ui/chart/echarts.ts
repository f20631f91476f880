import { BarChart, LineChart, ScatterChart, type BarSeriesOption, type LineSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  LegendComponent,
  LegendScrollComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkAreaComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the dashboard draws is registered, so the client bundle carries no unused chart types.
// SVG text follows the page's CSS font, so the bundled Chinese webfont is used once it has loaded.
use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, LegendScrollComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, DataZoomInsideComponent, DataZoomSliderComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
  | DataZoomComponentOption
>;

export const FONT_FAMILY = "'Noto Sans SC', system-ui, sans-serif";

/** Level-1 colours: calm and distinguishable, also in greyscale print. */
export const PALETTE = ['#1f4e79', '#4f8fc0', '#9bbf85', '#e0a458', '#b5542d', '#7a6c9d'];

/** What every chart shares: palette, the page's font, no animation (charts are read, not watched). */
export const BASE_OPTION = { color: PALETTE, textStyle: { fontFamily: FONT_FAMILY }, animation: false } as const;
