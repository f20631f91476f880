import Link from 'next/link';
import type { Translate } from '@/app/i18n';
import type { RoundContext, RoundSummary } from '@/app/lib/views/types';
import { RoundSelect } from './RoundSelect';

export type Section = 'rankings' | 'indicators' | 'department';

interface Props {
  t: Translate;
  rounds: RoundSummary[];
  round: RoundContext;
  section: Section;
  /** Page heading; the round's name when omitted. */
  title?: string;
  /** Path after /rounds/<slug> that the group links keep ('' for rankings). */
  path: string;
  /** Whether the page can switch group (a department page shows its own group only). */
  groupSwitch?: boolean;
}

export function roundHref(slug: string, path: string, group?: string) {
  return `/rounds/${encodeURIComponent(slug)}${path}${group ? `?group=${encodeURIComponent(group)}` : ''}`;
}

/** Round title, round and group selectors, page tabs and the note on relative scoring. */
export function RoundHeader({ t, rounds, round, section, title, path, groupSwitch = true }: Props) {
  return (
    <>
      <div className="round-bar">
        <div className="round-title">
          <h1>{title ?? round.name}</h1>
          <div className="meta">
            {title ? <span>{round.name}</span> : null}
            <span className={`badge ${round.locked ? 'locked' : ''}`}>{round.locked ? t('roundLocked') : t('roundOpen')}</span>
            <span>{t('policyLine', { policy: t(`policy.${round.policy}`) })}</span>
            {round.group ? <span>{t('groupLine', { group: round.group, n: round.groupSize })}</span> : null}
          </div>
        </div>
        <RoundSelect rounds={rounds} current={round.slug} suffix={section === 'department' ? '' : path} />
        {groupSwitch && round.groups.length > 1 ? (
          <div className="field">
            <span id="group-label">{t('group')}</span>
            <nav className="segmented" aria-labelledby="group-label">
              {round.groups.map((g) => (
                <Link key={g} href={roundHref(round.slug, path, g)} aria-current={g === round.group ? 'true' : undefined}>
                  {g}
                </Link>
              ))}
            </nav>
          </div>
        ) : null}
      </div>
      <nav className="tabs" aria-label={round.name}>
        <Link href={roundHref(round.slug, '', round.group)} aria-current={section === 'rankings' ? 'page' : undefined}>
          {t('navRankings')}
        </Link>
        <Link href={roundHref(round.slug, '/indicators', round.group)} aria-current={section === 'indicators' ? 'page' : undefined}>
          {t('navIndicators')}
        </Link>
      </nav>
      <p className="note" role="note" data-testid="relative-note">
        {t('relativeNote')}
      </p>
    </>
  );
}
