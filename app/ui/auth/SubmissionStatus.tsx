import type { SubmissionForm } from '@/app/lib/services/submission';
import type { AuthT } from '@/app/lib/auth/messages';

const when = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Status, the bureau's comment, and the version history of one submission. */
export function SubmissionStatus({ at, form }: { at: AuthT; form: SubmissionForm }) {
  return (
    <section className="card" aria-labelledby="status-title">
      <div className="card-head">
        <h2 id="status-title">
          {at('status')}：
          <span className={`status-pill ${form.status ?? 'draft'}`} data-testid="submission-status">
            {form.status ? at(`status.${form.status}`) : at('status.none')}
          </span>{' '}
          {form.version ? <span className="muted">{at('versionN', { n: form.version })}</span> : null}
        </h2>
      </div>
      {form.comment && (form.status === 'returned' || form.status === 'accepted') ? (
        <p className="note" role="note" data-testid="bureau-comment">
          {at('bureauComment')}：{form.comment}
        </p>
      ) : null}
      {form.versions.length ? (
        <details>
          <summary>{at('versionsTitle')}</summary>
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>{at('versionCol')}</th>
                  <th>{at('status')}</th>
                  <th>{at('byCol')}</th>
                  <th>{at('atCol')}</th>
                  <th>{at('commentCol')}</th>
                </tr>
              </thead>
              <tbody>
                {form.versions.map((v) => (
                  <tr key={v.version}>
                    <td className="num">{v.version}</td>
                    <td>{at(`status.${v.status}`)}</td>
                    <td>{v.createdBy}</td>
                    <td>{when(v.createdAt)}</td>
                    <td>{v.comment ?? ''}</td>
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
