import type { Translate } from '@/app/i18n';
import type { Member, ReviewerAssignmentRow } from '@/app/lib/data';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { enrolFromFileAction, enrolFromMasterAction, enrolFromRoundAction, moveDepartmentAction } from '@/app/rounds/[slug]/manage/actions';
import { CodeChecklist } from '../CodeChecklist';
import { MembersTable } from '../MembersTable';
import { ResultForm } from '../ResultForm';

interface Props {
  t: Translate;
  slug: string;
  frozen: boolean;
  groups: string[];
  members: Member[];
  reviewers: ReviewerAssignmentRow[];
  otherRounds: { slug: string; name: string; departmentCount: number }[];
  notEnrolled: { code: string; name: string }[];
}

/** Which units take part: copy from an earlier round, pick from the master list, upload a list; and moving one to another group. */
export function MembersSection({ t, slug, frozen, groups, members, reviewers, otherRounds, notEnrolled }: Props) {
  const rows = members.map((m) => ({ ...m, reviewers: reviewers.filter((r) => r.codes.includes(m.code)).map((r) => r.username) }));
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">
        {t('membersTitle')} <span className="muted">{t('departmentsCount', { n: members.length })}</span>
      </h2>
      {!frozen ? (
        <div className="enrol-grid">
          <div>
            <h3>{t('enrolCopy')}</h3>
            {otherRounds.length ? (
              <ActionForm action={enrolFromRoundAction} submit={t('copyUnits')} testId="enrol-copy-form">
                <input type="hidden" name="slug" value={slug} />
                <label>
                  {t('fromRound')}
                  <select name="from" required defaultValue={otherRounds[0]!.slug}>
                    {otherRounds.map((r) => (
                      <option key={r.slug} value={r.slug}>
                        {r.name}
                        {t('paren', { x: t('departmentsCount', { n: r.departmentCount }) })}
                      </option>
                    ))}
                  </select>
                </label>
              </ActionForm>
            ) : (
              <p className="muted">{t('noOtherRounds')}</p>
            )}
          </div>
          <div>
            <h3>{t('enrolUpload')}</h3>
            <p className="muted">{t('enrolUploadHint')}</p>
            <ResultForm action={enrolFromFileAction} submit={t('uploadList')} testId="enrol-file-form">
              <input type="hidden" name="slug" value={slug} />
              <input name="file" type="file" accept=".csv,.xlsx" required />
            </ResultForm>
          </div>
          {notEnrolled.length ? (
            <details className="wide">
              <summary>{t('enrolMaster', { n: notEnrolled.length })}</summary>
              <ActionForm action={enrolFromMasterAction} submit={t('enrolPicked')} testId="enrol-master-form" className="stack-form">
                <input type="hidden" name="slug" value={slug} />
                <CodeChecklist name="codes" options={notEnrolled} testId="master-list" />
                <label>
                  {t('intoGroup')}
                  <select name="group" required defaultValue="">
                    <option value="" disabled>
                      {t('choose')}
                    </option>
                    {groups.map((g) => (
                      <option key={g}>{g}</option>
                    ))}
                  </select>
                </label>
              </ActionForm>
            </details>
          ) : null}
        </div>
      ) : null}
      {members.length ? <MembersTable rows={rows} /> : <p className="muted">{t('noMembers')}</p>}
      {!frozen && members.length && groups.length > 1 ? (
        <>
          <h3>{t('moveTitle')}</h3>
          <p className="muted">{t('moveHint')}</p>
          <ActionForm action={moveDepartmentAction} submit={t('moveUnit')} testId="move-form" danger>
            <input type="hidden" name="slug" value={slug} />
            <label>
              {t('department')}
              <select name="code" required defaultValue="">
                <option value="" disabled>
                  {t('choose')}
                </option>
                {members.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                    {t('paren', { x: m.group })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('toGroup')}
              <select name="group" required defaultValue="">
                <option value="" disabled>
                  {t('choose')}
                </option>
                {groups.map((g) => (
                  <option key={g}>{g}</option>
                ))}
              </select>
            </label>
            <label>
              {t('reasonLabel')}
              <input name="reason" type="text" required maxLength={500} />
            </label>
          </ActionForm>
        </>
      ) : null}
    </section>
  );
}
