import type { Locale, Translate } from '@/app/i18n';
import { formats } from '@/app/i18n/format';
import type { ReportHead } from '@/app/lib/views/report';
import type { MovementView } from '@/app/lib/views/types';
import type { PdfWriter } from '@/lib/pdf/writer';

export const INK_SOFT = '#4a5866';
export const BAD = '#b23a3a';

/**
 * The head of every document: the bureau's name, the title, the round, the publication date (or
 * that the round is not published), and the rules it was scored under.
 */
export function drawHead(w: PdfWriter, head: ReportHead, t: Translate, locale: Locale, title: string): void {
  w.paragraph(head.bureau, { size: 13, weight: 700, align: 'center', after: 2 });
  w.paragraph(title, { size: 17, weight: 700, align: 'center', after: 2 });
  w.paragraph(head.round.name, { size: 11, align: 'center', color: INK_SOFT, after: 8 });
  if (head.publishedAt) w.paragraph(t('pdfPublished', { date: formats(locale).documentDate(head.publishedAt) }), { size: 9.5, after: 2 });
  else w.paragraph(t('pdfDraft', { date: formats(locale).documentDate(head.madeAt) }), { size: 9.5, weight: 700, color: BAD, after: 2 });
  w.paragraph(
    t('pdfBasis', { round: head.round.name, system: head.system.name, id: head.system.id, version: head.system.version, policy: t(`policy.${head.policy}`) }),
    { size: 9.5, color: INK_SOFT, after: 6 },
  );
}

/** 较上年 as text: "▲2 · +1.52", "— · +0.50", "新增"; arrows only at the threshold, as on the page. */
export function moveText(m: MovementView | undefined | null, t: Translate): { rank: string; total: string } {
  if (!m) return { rank: '', total: '' };
  if (m.kind === 'new') return { rank: t('newThisYear'), total: t('noMove') };
  const rank = m.rank === null ? t('movedGroup') : m.rankArrow === 'up' ? t('changeUp', { n: m.rank }) : m.rankArrow === 'down' ? t('changeDown', { n: -m.rank }) : t('noMove');
  const arrow = m.totalArrow === 'up' ? '▲' : m.totalArrow === 'down' ? '▼' : '';
  return { rank, total: `${arrow}${m.total}` };
}

/** Room for the signatures of 评价人 and 复核人, a date, and the seal. */
export function drawSignatures(w: PdfWriter, t: Translate): void {
  const height = 96;
  w.ensure(height + 16);
  w.gap(10);
  const y = w.y;
  const col = w.width / 3;
  const labels = [t('pdfEvaluator'), t('pdfReviewer'), t('pdfDate')];
  labels.forEach((label, i) => {
    const x = w.left + i * col;
    w.line(label, x, y + 20, { size: 10.5 });
    w.doc.moveTo(x + 52, y + 34).lineTo(x + col - 14, y + 34).lineWidth(0.6).strokeColor('#1c2733').stroke();
  });
  // The seal goes over the bureau's name at the right, as on paper forms.
  const sx = w.right - 118;
  w.doc.roundedRect(sx, y + 44, 110, 48, 6).dash(3, { space: 3 }).lineWidth(0.6).strokeColor('#8a96a3').stroke().undash();
  w.line(t('pdfSeal'), sx, y + 61, { size: 10, color: INK_SOFT, align: 'center', width: 110 });
  w.y = y + height + 4;
}
