import type { Locale } from '@/app/i18n';
import type { VersionRow } from '@/app/lib/views/types';
import { VersionTable } from './VersionTable';

/** Every stored version of the department's submission in this round, newest first, dated in the viewer's language. */
export function VersionList({ locale, versions }: { locale: Locale; versions: VersionRow[] }) {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  return <VersionTable rows={versions.map((v) => ({ ...v, atText: when.format(new Date(v.at)) }))} />;
}
