import type { Locale } from '@/app/i18n';
import { formats } from '@/app/i18n/format';
import type { VersionRow } from '@/app/lib/views/types';
import { VersionTable } from './VersionTable';

/** Every stored version of the department's submission in this round, newest first, dated in the viewer's language (China time). */
export function VersionList({ locale, versions }: { locale: Locale; versions: VersionRow[] }) {
  const f = formats(locale);
  return <VersionTable rows={versions.map((v) => ({ ...v, atText: f.dateTime(v.at) }))} />;
}
