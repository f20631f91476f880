import type { Translate } from '@/app/i18n';

/** Plain download links: they work without JavaScript and open in any spreadsheet program. */
export function ExportLinks({ t, slug, group, publication }: { t: Translate; slug: string; group: string; publication?: number }) {
  const q = (format: string) =>
    `/rounds/${encodeURIComponent(slug)}/export?format=${format}&group=${encodeURIComponent(group)}${publication !== undefined ? `&publication=${publication}` : ''}`;
  return (
    <div className="toolbar" aria-label={t('exports')}>
      <a className="button secondary" href={q('xlsx')} download data-testid="export-xlsx">
        {t('exportXlsx')}
      </a>
      <a className="button secondary" href={q('csv')} download data-testid="export-csv">
        {t('exportCsv')}
      </a>
    </div>
  );
}
