import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Locale, Translate } from '@/app/i18n';
import { formats } from '@/app/i18n/format';
import { can, type Viewer } from '@/lib/auth/roles';
import type { RoundContext, RoundSummary } from '@/app/lib/views/types';
import { GroupSwitch } from './GroupSwitch';
import { RoundSelect } from './RoundSelect';
import { RoundStatusLine } from './RoundStatusLine';

export type Section = 'rankings' | 'indicators' | 'policies' | 'department' | 'whatif' | 'manage';

interface Props {
  t: Translate;
  locale: Locale;
  /** Decides which tabs exist: each leads only where the viewer may go. */
  viewer: Viewer;
  rounds: RoundSummary[];
  round: RoundContext;
  section: Section;
  /** Page heading; the round's name when omitted. Names in it are data: wrap them in `data-name`. */
  title?: ReactNode;
  /** Path after /rounds/<slug> that the group links keep ('' for rankings). */
  path: string;
  /** Whether the page can switch group (a department page shows its own group only). */
  groupSwitch?: boolean;
  /** The rounds where `path` exists (a unit's pages: the rounds it took part in); all when omitted. */
  pathIn?: string[];
}

export function roundHref(slug: string, path: string, group?: string) {
  return `/rounds/${encodeURIComponent(slug)}${path}${group ? `?group=${encodeURIComponent(group)}` : ''}`;
}

/** Round title, round and group selectors, page tabs and the note on relative scoring. */
export function RoundHeader({ t, locale, viewer, rounds, round, section, title, path, groupSwitch = true, pathIn }: Props) {
  const own = viewer.departmentCode;
  const base = `/rounds/${encodeURIComponent(round.slug)}`;
  return (
    <>
      <div className="round-bar">
        <div className="round-title">
          <h1>{title ?? <span data-name="">{round.name}</span>}</h1>
          <div className="meta">
            {title ? <span data-name="">{round.name}</span> : null}
            <span className={`badge status-${round.status}`} data-testid="round-status">
              {t(`roundStatus.${round.status}`)}
            </span>
            {round.deadline && round.status === 'collecting' ? <span>{t('deadlineLine', { date: formats(locale).date(round.deadline) })}</span> : null}
            <span>{t('policyLine', { policy: t(`policy.${round.policy}`) })}</span>
            {round.group ? <span>{t('groupLine', { group: round.group, n: round.groupSize })}</span> : null}
          </div>
        </div>
        <RoundSelect rounds={rounds} current={round.slug} path={path} pathIn={pathIn} />
        {groupSwitch && round.groups.length > 1 ? <GroupSwitch base={`${base}${path}`} groups={round.groups} current={round.group} label={t('group')} /> : null}
      </div>
      <nav className="tabs" aria-label={round.name}>
        {can(viewer, 'round:rankings', { round }) ? (
          <Link href={roundHref(round.slug, '', round.group)} aria-current={section === 'rankings' ? 'page' : undefined}>
            {t('navRankings')}
          </Link>
        ) : null}
        {can(viewer, 'round:indicators') ? (
          <Link href={roundHref(round.slug, '/indicators', round.group)} aria-current={section === 'indicators' ? 'page' : undefined}>
            {t('navIndicators')}
          </Link>
        ) : null}
        {/* Everyone may open 口径对比; a department sees its own row there. */}
        <Link href={roundHref(round.slug, '/policies', own ? undefined : round.group)} aria-current={section === 'policies' ? 'page' : undefined}>
          {t('navPolicies')}
        </Link>
        {own ? (
          <>
            <Link href={`${base}/departments/${encodeURIComponent(own)}`} aria-current={section === 'department' || section === 'whatif' ? 'page' : undefined}>
              {t('navScorecard')}
            </Link>
            <Link href={`${base}/submission`}>{t('navSubmission')}</Link>
          </>
        ) : null}
        {can(viewer, 'submission:review') ? <Link href={`${base}/review`}>{t('navReview')}</Link> : null}
        {can(viewer, 'round:manage') ? (
          <Link href={`${base}/manage`} aria-current={section === 'manage' ? 'page' : undefined}>
            {t('navManage')}
          </Link>
        ) : null}
      </nav>
      <RoundStatusLine t={t} locale={locale} round={round} />
    </>
  );
}
