import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchSubmissionForm } from '@/app/lib/data';
import { getTranslator } from '@/app/i18n/server';
import { SubmissionStatus } from '@/app/ui/auth/SubmissionStatus';
import { columnLabels, relabel } from '@/app/lib/views/column-label';
import { formSections } from './fields';
import { SubmissionForm } from './SubmissionForm';

export const dynamic = 'force-dynamic';

/**
 * A department fills in and submits its own submission for a round. The department is always the
 * account's own: there is no code in the URL to change.
 */
export default async function SubmissionPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await requireUser((v) => v.departmentCode !== null && can(v, 'submission:edit', { departmentCode: v.departmentCode }), {
    returnTo: `/rounds/${encodeURIComponent(slug)}/submission`,
  });
  const form = await fetchSubmissionForm(viewer, slug, viewer.departmentCode!);
  if (!form) notFound();
  const { t, f, locale } = await getTranslator();
  return (
    <>
      <div className="round-bar">
        <div className="round-title">
          <h1>{t('submissionTitle')}</h1>
          <div className="meta">
            <span data-name="">
              {form.department.name} · {form.round.name}
            </span>
            <span data-name="">{form.department.group}</span>
            <span className={`badge status-${form.round.status}`} data-testid="round-status">
              {t(`roundStatus.${form.round.status}`)}
            </span>
            {form.round.deadline ? <span data-testid="deadline">{t('deadlineLine', { date: f.date(form.round.deadline) })}</span> : null}
          </div>
        </div>
        <Link className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(form.department.code)}`}>
          {t('viewScorecard')}
        </Link>
      </div>
      <section className="card" aria-labelledby="files-title">
        <h2 id="files-title">{t('filesTitle')}</h2>
        <p className="muted">{t('filesHint')}</p>
        <div className="button-row">
          <a className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/template`} download data-testid="download-template">
            {t('downloadTemplate')}
          </a>
          {form.version ? (
            <a className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/template?data=1`} download data-testid="download-own">
              {t('downloadOwn')}
            </a>
          ) : null}
        </div>
        <p className="muted">{t('selfScoreHint')}</p>
      </section>
      <SubmissionStatus t={t} f={f} form={form} />
      <section className="card" aria-label={t('submissionTitle')}>
        {form.readOnly ? (
          <p className="note" role="note" data-testid="read-only">
            {t('readOnlyNote', { reason: form.readOnly })}
          </p>
        ) : null}
        <SubmissionForm slug={slug} code={form.department.code} version={form.version} sections={relabel(formSections(form.system), columnLabels(form.system, locale, t))} values={form.values} readOnly={form.readOnly} />
      </section>
    </>
  );
}
