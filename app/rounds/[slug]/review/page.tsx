import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchReviewList } from '@/app/lib/data';
import { getTranslator } from '@/app/i18n/server';
import type { SearchParams } from '@/app/lib/params';
import { loadReviewParams, SUBMISSION_FILTERS, type SubmissionFilter } from '@/app/lib/search-params';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { ReviewTable, type ReviewRow } from '@/app/ui/cycle/ReviewTable';
import { acceptAllAction } from './actions';

export const dynamic = 'force-dynamic';

/** A draft is not yet submitted: for the bureau it counts with the units that have not submitted. */
const filterOf = (status: ReviewRow['status']): SubmissionFilter => (status === null || status === 'draft' ? 'none' : status);

/**
 * The bureau's overview of a round: how many units are in each submission status (未提交 /
 * 待审核 / 已退回 / 已接受), the list filtered by one of them (?status=, works without script), and
 * accepting all waiting ones.
 */
export default async function ReviewListPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  const { slug } = await params;
  const viewer = await requireUser('submission:review', { returnTo: `/rounds/${encodeURIComponent(slug)}/review` });
  const { status } = loadReviewParams(await searchParams);
  const review = await fetchReviewList(viewer, slug);
  if (!review) notFound();
  const { round, list } = review;
  const { t, f } = await getTranslator();
  const rows: ReviewRow[] = list.map((r) => ({
    code: r.code,
    name: r.name,
    group: r.group,
    status: r.status,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt ? f.dateTime(r.updatedAt) : null,
    updatedIso: r.updatedAt?.toISOString() ?? null,
    comment: r.comment,
    pending: r.pending,
    panel: r.panel,
  }));
  const count = (s: SubmissionFilter) => rows.filter((r) => filterOf(r.status) === s).length;
  const base = `/rounds/${encodeURIComponent(slug)}/review`;
  const shown = status ? rows.filter((r) => filterOf(r.status) === status) : rows;
  return (
    <>
      <div className="round-bar">
        <div className="round-title">
          <h1>
            {t('navReview')} · <span data-name="">{round.name}</span>
          </h1>
          <div className="meta">
            <span className={`badge status-${round.status}`} data-testid="round-status">
              {t(`roundStatus.${round.status}`)}
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
            <ActionForm action={acceptAllAction} submit={t('acceptAll', { n: count('submitted') })} testId="accept-all-form" confirm={t('acceptAllConfirm', { n: count('submitted') })}>
              <input type="hidden" name="slug" value={slug} />
            </ActionForm>
          ) : null}
        </div>
        <nav className="status-filter" aria-label={t('submissionStatus')} data-testid="status-filter">
          <Link href={base} aria-current={status === null ? 'true' : undefined}>
            {t('filterAll')} <span className="count">{rows.length}</span>
          </Link>
          {SUBMISSION_FILTERS.map((s) => (
            <Link key={s} href={`${base}?status=${s}`} aria-current={status === s ? 'true' : undefined} data-status={s}>
              {t(`reviewFilter.${s}`)} <span className="count">{count(s)}</span>
            </Link>
          ))}
        </nav>
        <ReviewTable slug={slug} rows={shown} />
      </section>
    </>
  );
}
