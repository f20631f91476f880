import Link from 'next/link';
import type { Translate } from '@/app/i18n';
import type { Member, ReviewerAssignmentRow } from '@/app/lib/data';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { assignReviewerAction, createAccountsAction } from '@/app/rounds/[slug]/manage/actions';
import { CodeChecklist } from '../CodeChecklist';
import { ResultForm } from '../ResultForm';

/** The template to hand out, the units' accounts, and the reviewers of each unit. */
export function AccessSection({ t, slug, frozen, members, reviewers }: { t: Translate; slug: string; frozen: boolean; members: Member[]; reviewers: ReviewerAssignmentRow[] }) {
  const base = `/rounds/${encodeURIComponent(slug)}`;
  return (
    <>
      <section className="card" aria-labelledby="template-title">
        <h2 id="template-title">{t('filesTitle')}</h2>
        <div className="button-row">
          <a className="button" href={`${base}/template`} download data-testid="download-template">
            {t('downloadTemplate')}
          </a>
          <a className="button secondary" href={`${base}/template?data=1`} download>
            {t('downloadAllData')}
          </a>
        </div>
        <p className="muted">{t('templateHint')}</p>
      </section>
      <section className="card printable-host" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('accountsTitle')}</h2>
        <p className="muted">{t('accountsHint')}</p>
        <ResultForm action={createAccountsAction} submit={t('createAccounts')} testId="accounts-form">
          <input type="hidden" name="slug" value={slug} />
        </ResultForm>
      </section>
      <section className="card" aria-labelledby="reviewers-title">
        <h2 id="reviewers-title">{t('reviewersTitle')}</h2>
        <p className="muted">{t('reviewersHint')}</p>
        {reviewers.length === 0 ? (
          <p className="muted">
            {t('noReviewers')} <Link href="/admin/users">{t('addReviewerAccount')}</Link>
          </p>
        ) : (
          <>
            <ul data-testid="reviewer-assignments">
              {reviewers.map((r) => (
                <li key={r.username}>
                  <strong data-name="">{r.username}</strong>
                  {t('labelValue', { label: '', value: '' })}
                  {r.codes.length ? (
                    <span data-name="">
                      {members
                        .filter((m) => r.codes.includes(m.code))
                        .map((m) => m.name)
                        .join(t('listSep'))}
                    </span>
                  ) : (
                    <span className="muted">{t('noneAssigned')}</span>
                  )}
                </li>
              ))}
            </ul>
            {!frozen && members.length ? (
              <ActionForm action={assignReviewerAction} submit={t('applyAssignment')} testId="assign-form" className="stack-form">
                <input type="hidden" name="slug" value={slug} />
                <div className="form-grid">
                  <label>
                    <span>{t('reviewerLabel')}</span>
                    <select name="reviewer" required defaultValue="">
                      <option value="" disabled>
                        {t('choose')}
                      </option>
                      {reviewers.map((r) => (
                        <option key={r.username}>{r.username}</option>
                      ))}
                    </select>
                  </label>
                  <label>
                    <span>{t('assignOrNot')}</span>
                    <select name="assign" defaultValue="1">
                      <option value="1">{t('assign')}</option>
                      <option value="0">{t('unassign')}</option>
                    </select>
                  </label>
                </div>
                <CodeChecklist name="codes" options={members} testId="assign-list" />
              </ActionForm>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
