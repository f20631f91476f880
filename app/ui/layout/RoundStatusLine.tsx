import Link from 'next/link';
import type { Translate } from '@/app/i18n';
import type { Locale } from '@/app/i18n';
import type { RoundContext } from '@/app/lib/views/types';
import { formats } from '@/app/i18n/format';

/**
 * What every page of a round says about its figures: frozen by a publication ("已发布 ⟨date⟩ ·
 * 成绩已冻结", and nothing about moving), or live and relative — what may still move them depends on
 * the round's status — and then 暂定 while any unit awaits evaluation.
 */
export function RoundStatusLine({ t, locale, round }: { t: Translate; locale: Locale; round: RoundContext }) {
  const p = round.publication;
  const f = formats(locale);
  if (p) {
    return (
      <p className="note frozen" role="note" data-testid="published-banner">
        <strong>{t('publishedBanner', { date: f.dateTime(p.publishedAt) })}</strong>
        <span className="muted"> · {t('publicationLine', { n: p.number, by: p.publishedBy, engine: p.engineVersion ?? '—' })}</span>
        {p.withdrawnAt ? (
          <>
            <br />
            <span data-testid="withdrawn-note">{t('withdrawnLine', { date: f.dateTime(p.withdrawnAt), reason: p.withdrawReason ?? '' })}</span>{' '}
            <Link href={`/rounds/${encodeURIComponent(round.slug)}`}>{t('backToCurrent')}</Link>
          </>
        ) : null}
      </p>
    );
  }
  return (
    <>
      <p className="note" role="note" data-testid="relative-note">
        {t(round.status === 'reviewing' ? 'relativeNoteReviewing' : 'relativeNote')}
      </p>
      {round.provisional ? (
        <p className="note provisional" role="note" data-testid="provisional-note">
          <strong>{t('provisional')}</strong> {t('provisionalNote')}
        </p>
      ) : null}
    </>
  );
}
