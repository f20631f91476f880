import type { Formats } from '@/app/i18n/format';
import type { Translate } from '@/app/i18n';
import type { SubmissionForm } from '@/app/lib/services/submission';

/** Status, the bureau's comment, and the version history of one submission. */
export function SubmissionStatus({ t, f, form }: { t: Translate; f: Formats; form: SubmissionForm }) {
  return (
    <section className="card" aria-labelledby="status-title">
      <div className="card-head">
        <h2 id="status-title">
          {t('labelValue', { label: t('status'), value: '' })}
          <span className={`status-pill ${form.status ?? 'draft'}`} data-testid="submission-status">
            {t(`submission.${form.status ?? 'none'}`)}
          </span>{' '}
          {form.version ? <span className="muted">{t('versionN', { n: form.version })}</span> : null}
        </h2>
      </div>
      {form.comment && (form.status === 'returned' || form.status === 'accepted') ? (
        <p className="note" role="note" data-testid="bureau-comment">
          {t('labelValue', { label: t('bureauComment'), value: '' })}
          <span data-name="">{form.comment}</span>
        </p>
      ) : null}
      {form.versions.length ? (
        <details>
          <summary>{t('versionsTitle')}</summary>
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('versionNo')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('versionBy')}</th>
                  <th scope="col">{t('versionAt')}</th>
                  <th scope="col">{t('versionComment')}</th>
                </tr>
              </thead>
              <tbody>
                {form.versions.map((v) => (
                  <tr key={v.version}>
                    <td className="num">{v.version}</td>
                    <td>{t(`submission.${v.status}`)}</td>
                    <td>{v.createdBy}</td>
                    <td className="nowrap">
                      <time dateTime={v.createdAt.toISOString()}>{f.dateTime(v.createdAt)}</time>
                    </td>
                    <td data-name="">{v.comment ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}
