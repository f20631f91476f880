import type { Locale, Translate } from '@/app/i18n';
import type { ScorecardReport } from '@/app/lib/views/report';
import type { TreeRow } from '@/app/lib/views/types';
import { renderChartSvg } from '@/app/ui/chart/render-svg';
import { TREND_HEIGHT, trendChartOption } from '@/app/ui/department/trend-chart-option';
import { gradeColor } from '@/app/ui/grades/colors';
import { PdfWriter, type TableRow } from '@/lib/pdf/writer';
import { BAD, drawHead, drawSignatures, INK_SOFT, moveText } from './head';

/** Width the charts are drawn at before scaling to the page: about a desktop card's width. */
const CHART_PX = 760;

/** The indicator table in the seed's layout: 一级 / 二级 / 三级指标, 分值, 评分标准, 得分. */
function indicatorRows(tree: TreeRow[], t: Translate): TableRow[] {
  const rows: TableRow[] = [];
  let l1 = '';
  let l2 = '';
  let l1Text = '';
  let l2Text = '';
  for (const r of tree) {
    if (r.level === 1) {
      l1 = r.code;
      l1Text = `${r.name}${t('paren', { x: t('weightLabel', { w: r.weight }) })}\n${t('pdfScore')} ${r.score}`;
      l2 = '';
      l2Text = '';
      continue;
    }
    if (r.level === 2) {
      l2 = r.code;
      l2Text = `${r.name}${t('paren', { x: t('weightLabel', { w: r.weight }) })}\n${t('pdfScore')} ${r.score}`;
      continue;
    }
    const prev = rows[rows.length - 1] as (TableRow & { l1?: string; l2?: string }) | undefined;
    const row: TableRow & { l1?: string; l2?: string } = {
      l1,
      l2,
      cells: [
        { text: l1Text, continued: prev?.l1 === l1, weight: 700 },
        { text: l2Text, continued: prev?.l1 === l1 && prev?.l2 === l2 && l2 !== '' },
        r.name,
        r.weight,
        r.ruleText ?? '',
        { text: r.score, weight: 700, color: Number(r.score) < Number(r.weight) ? BAD : undefined },
      ],
    };
    rows.push(row);
  }
  return rows;
}

/** One department's 评分表, from a new page of `w`. */
export function drawScorecard(w: PdfWriter, r: ScorecardReport, t: Translate, locale: Locale): void {
  drawHead(w, r.head, t, locale, t('pdfScorecardTitle'));
  const d = r.department;
  w.paragraph(`${t('pdfUnit', { name: d.name })}　${t('pdfCode', { code: d.code })}`, { size: 11, weight: 700, after: 2 });
  w.paragraph(`${t('pdfGroupRank', { group: d.group, rank: d.rank, n: d.groupSize })}${d.tied ? `（${t('tied')}）` : ''}`, { size: 10, after: 8 });

  w.table({
    columns: [
      { header: t('pdfLevel1'), width: 1.15 },
      { header: t('pdfLevel2'), width: 1.25 },
      { header: t('pdfLevel3'), width: 1.2 },
      { header: t('pdfWeight'), width: 0.6, align: 'right' },
      { header: t('pdfRule'), width: 2.95 },
      { header: t('pdfScore'), width: 0.6, align: 'right' },
    ],
    rows: [
      ...indicatorRows(r.tree, t),
      { cells: [{ text: t('pdfTotalRow'), weight: 700 }, '', '', { text: r.totalWeight, weight: 700 }, `${t('gradeLong')} ${d.grade}${d.totalMax ? t('paren', { x: t('provisional') }) : ''}`, { text: d.totalMax ? t('totalRange', { lo: d.total, hi: d.totalMax }) : d.total, weight: 700 }], fill: '#eef2f6' },
    ],
    size: 8.5,
  });

  // The outcome: grade, total and movement.
  w.ensure(60);
  const gi = r.grades.indexOf(d.grade);
  const total = d.totalMax ? t('totalRange', { lo: d.total, hi: d.totalMax }) : d.total;
  const grade = `${d.grade}${d.totalMax ? t('paren', { x: t('provisional') }) : ''}`;
  w.paragraph(t('pdfGradeLine', { grade, total }), { size: 13, weight: 700, color: gradeColor(gi, r.grades.length), after: 2 });
  if (d.totalMax) w.paragraph(t('provisionalNote'), { size: 9.5, color: BAD, after: 4 });
  if (r.move) {
    const m = moveText(r.move, t);
    const line = r.move.kind === 'new' ? t('moveLineNew') : t('moveLine', { rank: m.rank, total: m.total });
    w.paragraph(`${line}${r.head.previous ? t('paren', { x: r.head.previous.name }) : ''}`, { size: 10, after: 8 });
  } else w.paragraph(t('pdfNoPrevious'), { size: 10, color: INK_SOFT, after: 8 });

  // Self-score against the evaluation.
  w.ensure(60);
  w.paragraph(t('pdfSelfTitle'), { size: 12, weight: 700, after: 4 });
  if (!r.self.any) w.paragraph(t('pdfSelfNone'), { size: 10 });
  else {
    w.table({
      columns: [
        { header: t('indicator'), width: 3 },
        { header: t('pdfSelfScore'), width: 1, align: 'right' },
        { header: t('pdfEvaluated'), width: 1, align: 'right' },
        { header: t('pdfDifference'), width: 1.4, align: 'right' },
      ],
      rows: [
        { cells: [{ text: t('pdfTotalRow'), weight: 700 }, r.self.total ?? '—', d.total, r.self.diff ?? '—'], fill: '#eef2f6' },
        ...r.self.leaves.map((l) => ({ cells: [l.name, l.self, l.score, { text: l.diff, color: l.diff.startsWith('+') ? BAD : undefined }] })),
      ],
      size: 9,
    });
    if (r.self.leaves.length === 0) w.paragraph(t('pdfSelfSame'), { size: 9.5, color: INK_SOFT });
  }

  // Weak indicators and what earns full marks.
  w.ensure(60);
  w.paragraph(t('pdfWeakTitle'), { size: 12, weight: 700, after: 4 });
  if (r.weak.length === 0) w.paragraph(t('pdfWeakNone'), { size: 10 });
  else
    w.table({
      columns: [
        { header: t('indicator'), width: 1.4 },
        { header: t('pdfScore'), width: 0.9, align: 'right' },
        { header: t('pdfLost'), width: 0.6, align: 'right' },
        { header: t('formula'), width: 2.6 },
        { header: t('pdfTarget'), width: 2.4 },
      ],
      rows: r.weak.map((e) => ({
        cells: [
          `${e.indicator.level1Name} · ${e.indicator.name}`,
          `${e.score} / ${e.indicator.weight}`,
          { text: e.pointsLost, color: BAD, weight: 700 },
          e.formula,
          e.target,
        ],
      })),
      size: 8.5,
    });

  if (r.trend && r.trend.points.length > 1) {
    const height = (w.width * TREND_HEIGHT) / CHART_PX;
    w.ensure(height + 30);
    w.paragraph(t('trendTitle'), { size: 12, weight: 700, after: 2 });
    w.svg(renderChartSvg(trendChartOption(r.trend, t), CHART_PX, TREND_HEIGHT), w.width, height);
  }
  drawSignatures(w, t);
}

/** 评分表 of one or more departments in one PDF, each starting on a new page. */
export async function scorecardPdf(reports: ScorecardReport[], t: Translate, locale: Locale): Promise<Buffer> {
  const first = reports[0]!;
  const title = reports.length === 1 ? `${first.department.name} ${first.head.round.name}${t('pdfScorecardTitle')}` : `${first.head.round.name}${t('pdfScorecardTitle')}`;
  const w = new PdfWriter({ layout: 'portrait', info: { title, author: first.head.bureau, subject: first.head.round.name }, footer: (page, pages) => t('pdfFooter', { page, pages }) });
  reports.forEach((r, i) => {
    if (i > 0) w.newPage();
    drawScorecard(w, r, t, locale);
  });
  return w.finish();
}
