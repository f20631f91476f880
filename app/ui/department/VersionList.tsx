import type { Locale, Translate } from '@/app/i18n';
import type { VersionRow } from '@/app/lib/views/types';

/** Every stored version of the department's submission in this round, newest first. */
export function VersionList({ t, locale, versions }: { t: Translate; locale: Locale; versions: VersionRow[] }) {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  return (
    <div className="table-scroll">
      <table className="data" data-testid="versions">
        <caption className="visually-hidden">{t('submissionVersions')}</caption>
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
          {versions.map((v) => (
            <tr key={v.version}>
              <td className="num">
                {v.version}
                {v.current ? <span className="badge">{t('versionCurrent')}</span> : null}
              </td>
              <td>{t(`submission.${v.status}`)}</td>
              <td>{v.by}</td>
              <td>
                <time dateTime={v.at}>{when.format(new Date(v.at))}</time>
              </td>
              <td>{v.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
