import { init } from 'echarts/core';
import { BASE_OPTION, type ChartOption } from './echarts';

/**
 * Draws a chart to an SVG string on the server, so it is on screen with the first HTML, before
 * any script has run; the browser's interactive chart takes its place once drawn. Also the way to
 * put charts into printable reports.
 */
export function renderChartSvg(option: ChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...BASE_OPTION, ...option, tooltip: undefined });
    // zrender adds a <style> of hover colours: useless on a picture nobody hovers (the interactive
    // chart replaces it), and a <style> without the response's nonce breaks the CSP.
    return chart.renderToSVGString({ useViewBox: true }).replace(/<style[\s\S]*?<\/style>/g, '');
  } finally {
    chart.dispose();
  }
}
