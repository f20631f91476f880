import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchReviewList } from '@/app/lib/data';
import { getTranslator } from '@/app/i18n/server';
import { fmtWhen } from '@/app/lib/format';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { ReviewTable, type ReviewRow } from '@/app/ui/cycle/ReviewTable';
import { acceptAllAction } from './actions';

export const dynamic = 'force-dynamic';

/** The bureau's overview of a round: every unit's submission and evaluation, and accepting all waiting ones. */
export default async function ReviewListPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await requireUser('submission:review', { returnTo: `/rounds/${encodeURIComponent(slug)}/review` });
  const review = await fetchReviewList(viewer, slug);
  if (!review) notFound();
  const { round, list } = review;
  const { t, locale } = await getTranslator();
  const rows: ReviewRow[] = list.map((r) => ({
    code: r.code,
    name: r.name,
    group: r.group,
    status: r.status,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt ? fmtWhen(r.updatedAt, locale) : null,
    comment: r.comment,
    pending: r.pending,
    panel: r.panel,
  }));
  const counts = (['submitted', 'returned', 'accepted'] as const).map((s) => [s, list.filter((r) => r.status === s).length] as const);
  const none = list.filter((r) => r.status === null || r.status === 'draft').length;
  return (
    <>
      <div className="round-bar">
        <div className="round-title">
          <h1>
            {t('navReview')} · {round.name}
          </h1>
          <div className="meta">
            <span className={`badge status-${round.status}`} data-testid="round-status">
              {t(`roundStatus.${round.status}`)}
            </span>
            <span>
              {t('submission.none')} {none} · {counts.map(([s, n]) => `${t(`submission.${s}`)} ${n}`).join(' · ')}
            </span>
          </div>
        </div>
        <Link className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/manage`}>
          {t('navManage')}
        </Link>
      </div>
      <section className="card" aria-labelledby="list-title">
        <div className="card-head">
          <h2 id="list-title">{t('reviewListCaption')}</h2>
          {round.status !== 'published' ? (
            <ActionForm action={acceptAllAction} submit={t('acceptAll', { n: counts[0]![1] })} testId="accept-all-form">
              <input type="hidden" name="slug" value={slug} />
            </ActionForm>
          ) : null}
        </div>
        <ReviewTable slug={slug} rows={rows} />
      </section>
    </>
  );
}
