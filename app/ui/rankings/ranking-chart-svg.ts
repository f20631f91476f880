import type { Locale, Translate } from '@/app/i18n';
import type { RankingsView } from '@/app/lib/views/types';
import { renderChartSvg } from '../chart/render-svg';
import { RANKING_PAGE_SIZE, rankingChartHeight, rankingChartOption } from './ranking-chart-option';

/** Width the server draws at; the SVG scales to the real box, which is about this wide on a desktop. */
const SSR_WIDTH = 1240;

// Drawing takes tens of milliseconds; a view object stands for one unchanged round and group.
const drawn = new WeakMap<RankingsView, Map<Locale, string>>();

/** The first page's chart, drawn on the server: the rows the table shows before anyone sorts or pages. */
export function rankingChartSvg(view: RankingsView, t: Translate, locale: Locale): string {
  let byLocale = drawn.get(view);
  if (!byLocale) drawn.set(view, (byLocale = new Map()));
  let svg = byLocale.get(locale);
  if (svg === undefined) {
    const rows = view.rows.slice(0, RANKING_PAGE_SIZE);
    svg = renderChartSvg(rankingChartOption(view, rows, t), SSR_WIDTH, rankingChartHeight(rows.length));
    byLocale.set(locale, svg);
  }
  return svg;
}
