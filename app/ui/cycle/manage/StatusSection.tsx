import Link from 'next/link';
import type { Locale, Translate } from '@/app/i18n';
import { formats } from '@/app/i18n/format';
import type { PublicationView, RoundStatusName } from '@/app/lib/views/types';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { closeCollectionAction, publishAction, reopenCollectionAction, unpublishAction } from '@/app/rounds/[slug]/manage/actions';
import { ResultForm } from '../ResultForm';

interface Props {
  t: Translate;
  locale: Locale;
  slug: string;
  status: RoundStatusName;
  blockers: number;
  publications: PublicationView[];
}

/** 填报中 → 评审中 → 已发布: the step the round is at, the next step, and every publication so far. */
export function StatusSection({ t, locale, slug, status, blockers, publications }: Props) {
  const steps: RoundStatusName[] = ['collecting', 'reviewing', 'published'];
  const base = `/rounds/${encodeURIComponent(slug)}`;
  const f = formats(locale);
  return (
    <section className="card" aria-labelledby="status-title" data-testid="status-section">
      <h2 id="status-title">{t('statusTitle')}</h2>
      <ol className="steps">
        {steps.map((s) => (
          <li key={s} aria-current={s === status ? 'step' : undefined}>
            {t(`roundStatus.${s}`)}
          </li>
        ))}
      </ol>
      <p className="muted">{t(`statusHint.${status}`)}</p>
      {status === 'collecting' ? (
        <ActionForm action={closeCollectionAction} submit={t('closeCollection')} testId="close-collection-form" confirm={t('closeCollectionConfirm')}>
          <input type="hidden" name="slug" value={slug} />
        </ActionForm>
      ) : null}
      {status === 'reviewing' ? (
        <>
          <p>{blockers ? t('blockersN', { n: blockers }) : t('readyToPublish')}</p>
          <ResultForm action={publishAction} submit={t('publish')} testId="publish-form" confirm={t('publishConfirm')}>
            <input type="hidden" name="slug" value={slug} />
          </ResultForm>
          <ActionForm action={reopenCollectionAction} submit={t('reopenCollection')} testId="reopen-form" danger confirm={t('reopenConfirm')}>
            <input type="hidden" name="slug" value={slug} />
            <label>
              {t('reasonLabel')}
              <input name="reason" type="text" required maxLength={500} />
            </label>
          </ActionForm>
        </>
      ) : null}
      {status === 'published' ? (
        <ActionForm action={unpublishAction} submit={t('unpublish')} testId="unpublish-form" danger confirm={t('unpublishConfirm')}>
          <input type="hidden" name="slug" value={slug} />
          <label>
            {t('unpublishReason')}
            <input name="reason" type="text" required maxLength={500} />
          </label>
        </ActionForm>
      ) : null}
      <h3>{t('publicationsTitle')}</h3>
      {publications.length === 0 ? (
        <p className="muted">{t('noPublications')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="publications">
            <caption className="visually-hidden">{t('publicationsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('publicationCol')}</th>
                <th scope="col">{t('publishedAtCol')}</th>
                <th scope="col">{t('engineCol')}</th>
                <th scope="col">{t('withdrawnCol')}</th>
                <th scope="col">{t('figuresCol')}</th>
              </tr>
            </thead>
            <tbody>
              {publications.map((p) => (
                <tr key={p.number}>
                  <th scope="row">{t('publicationN', { n: p.number })}</th>
                  <td>
                    {f.dateTime(p.publishedAt)} · {p.publishedBy}
                  </td>
                  <td>{p.engineVersion ?? '—'}</td>
                  <td>{p.withdrawnAt ? `${f.dateTime(p.withdrawnAt)} · ${p.withdrawReason ?? ''}` : <span className="badge done">{t('standing')}</span>}</td>
                  <td>
                    <Link href={`${base}?publication=${p.number}`}>{t('viewPublication')}</Link>
                    {' · '}
                    <a href={`${base}/export?format=xlsx&publication=${p.number}`} download>
                      xlsx
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
