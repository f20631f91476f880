import type { Translate } from '@/app/i18n';

/** Where a round's PDFs are downloaded from (route handlers under /rounds/<slug>/report). */
export function reportHref(slug: string, what: 'bulletin' | 'scorecards', query = ''): string {
  return `/rounds/${encodeURIComponent(slug)}/report/${what}${query}`;
}

export function scorecardPdfHref(slug: string, code: string): string {
  return `/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(code)}/scorecard`;
}

/** The round's reports for the bureau and leaders: the 通报 and every 评分表, as one PDF or a zip; `publication`: an earlier one's. */
export function ReportLinks({ t, slug, publication }: { t: Translate; slug: string; publication?: number }) {
  const p = publication !== undefined ? `publication=${publication}` : '';
  return (
    <div className="toolbar" aria-label={t('reports')}>
      <a className="button secondary" href={reportHref(slug, 'bulletin', p ? `?${p}` : '')} download data-testid="pdf-bulletin">
        {t('pdfBulletin')}
      </a>
      <a className="button secondary" href={reportHref(slug, 'scorecards', p ? `?${p}` : '')} download data-testid="pdf-scorecards">
        {t('pdfAllScorecards')}
      </a>
      <a className="button secondary" href={reportHref(slug, 'scorecards', `?format=zip${p ? `&${p}` : ''}`)} download data-testid="zip-scorecards">
        {t('zipAllScorecards')}
      </a>
    </div>
  );
}
