import type { Locale, Translate } from '@/app/i18n';
import type { BulletinReport } from '@/app/lib/views/report';
import type { RankingsView } from '@/app/lib/views/types';
import { renderChartSvg } from '@/app/ui/chart/render-svg';
import { gradeColor } from '@/app/ui/grades/colors';
import { RANKING_PAGE_SIZE, rankingChartHeight, rankingChartOption } from '@/app/ui/rankings/ranking-chart-option';
import { MOVEMENT_THRESHOLD } from '@/lib/stats/movement-threshold';
import { PdfWriter, type TableColumn, type TableRow } from '@/lib/pdf/writer';
import { drawHead, drawSignatures, INK_SOFT, moveText } from './head';

const CHART_PX = 1100;

function rankingTable(view: RankingsView, t: Translate): { columns: TableColumn[]; rows: TableRow[] } {
  // A total awaiting evaluation is a range, graded on its lower end for now: wider cells.
  const pending = view.rows.some((r) => r.totalMax);
  const columns: TableColumn[] = [
    { header: t('rank'), width: 0.8, align: 'right' },
    { header: t('department'), width: 2.6 },
    { header: t('total'), width: pending ? 1.2 : 0.8, align: 'right' },
    ...view.level1.map((l) => ({ header: `${l.name}\n${t('weightLabel', { w: l.weight })}`, width: 0.8, align: 'right' as const })),
    { header: t('grade'), width: pending ? 1 : 0.6, align: 'center' },
    ...(view.previous
      ? [
          { header: `${t('change')}\n${t('changeRank')}`, width: 0.9, align: 'right' as const },
          { header: `${t('change')}\n${t('changeTotal')}`, width: 0.9, align: 'right' as const },
        ]
      : []),
  ];
  const rows = view.rows.map((r) => {
    const m = moveText(r.move, t);
    return {
      cells: [
        `${t('rankOfN', { rank: r.rank, n: view.rows.length })}${r.tied ? ` ${t('tied')}` : ''}`,
        r.name,
        { text: r.totalMax ? t('totalRange', { lo: r.total, hi: r.totalMax }) : r.total, weight: 700 as const },
        ...r.l1.map(([score]) => score),
        { text: `${r.grade}${r.totalMax ? t('paren', { x: t('provisional') }) : ''}`, weight: 700 as const, color: gradeColor(view.grades.indexOf(r.grade), view.grades.length) },
        ...(view.previous ? [m.rank, m.total] : []),
      ],
    };
  });
  return { columns, rows };
}

/** The round's 通报: grades per group, each group's ranking with its chart, and the notes on how it was scored. */
export async function bulletinPdf(r: BulletinReport, t: Translate, locale: Locale): Promise<Buffer> {
  const title = `${r.head.round.name}${t('pdfBulletinTitle')}`;
  const w = new PdfWriter({ layout: 'landscape', info: { title, author: r.head.bureau, subject: r.head.round.name }, footer: (page, pages) => t('pdfFooter', { page, pages }) });
  drawHead(w, r.head, t, locale, t('pdfBulletinTitle'));

  w.paragraph(t('pdfOverview'), { size: 12, weight: 700, after: 4 });
  w.table({
    columns: [{ header: t('group'), width: 2 }, ...r.gradeCounts.labels.map((g) => ({ header: g, width: 1, align: 'right' as const })), { header: t('unitsCount'), width: 1, align: 'right' }],
    rows: r.gradeCounts.rows.map((row) => ({ cells: [row.group, ...row.counts.map(String), String(row.n)] })),
    size: 9.5,
  });

  for (const g of r.groups) {
    const view = g.rankings;
    w.newPage();
    w.paragraph(t('pdfGroupHeading', { group: g.name, n: view.rows.length }), { size: 13, weight: 700, after: 2 });
    const counts = r.gradeCounts.rows.find((x) => x.group === g.name)!;
    w.paragraph(t('pdfGradeCounts', { counts: r.gradeCounts.labels.map((l, i) => t('pdfGradeCount', { g: l, n: counts.counts[i]! })).join(t('listSep')) }), { size: 10, after: 6 });
    w.table({ ...rankingTable(view, t), size: 8.5 });
    const rows = view.rows.slice(0, RANKING_PAGE_SIZE);
    const px = rankingChartHeight(rows.length);
    const height = (w.width * px) / CHART_PX;
    w.ensure(height + 24);
    w.paragraph(`${g.name} · ${t('chartTotals')}`, { size: 11, weight: 700, after: 2 });
    if (rows.length < view.rows.length) w.paragraph(t('pdfChartFirst', { n: rows.length, total: view.rows.length }), { size: 9, color: INK_SOFT });
    w.svg(renderChartSvg(rankingChartOption(view, rows, t), CHART_PX, px), w.width, height);
  }

  // How it was scored and who is compared with whom.
  w.ensure(80);
  w.gap(6);
  w.paragraph(t('pdfCohortTitle'), { size: 12, weight: 700, after: 4 });
  const s = r.head.system;
  w.paragraph(t('pdfCohortPolicy', { system: s.name, id: s.id, version: s.version, policy: t(`policy.${r.head.policy}`) }), { size: 10 });
  const prev = r.head.previous;
  w.paragraph(
    prev
      ? `${t('comparedWith', { name: prev.name, rank: MOVEMENT_THRESHOLD.rank, points: MOVEMENT_THRESHOLD.points })}${prev.published ? '' : t('comparedUnpublished', { name: prev.name })}`
      : t('noPrevious'),
    { size: 10 },
  );
  for (const g of r.groups) {
    w.paragraph(t('pdfCohortMembers', { group: g.name, n: g.rankings.rows.length, names: g.rankings.rows.map((x) => x.name).join(t('listSep')) }), { size: 9.5, color: INK_SOFT });
  }
  drawSignatures(w, t);
  return w.finish();
}
