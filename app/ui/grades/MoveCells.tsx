import type { Translate } from '@/app/i18n';
import type { MovementView } from '@/app/lib/views/types';

/** The rank part of 较上年: ▲3 / ▼2 / — (an arrow only at the threshold), 新增, or 换组. */
export function MoveRank({ move, code, t }: { move: MovementView; code: string; t: Translate }) {
  if (move.kind === 'new') return <span className="badge new" title={t('moveNewHint')}>{t('newThisYear')}</span>;
  const vars = { rank: move.previousRank, group: move.previousGroup, code: move.previousCode };
  const hint = move.previousCode === code ? t('moveRankHint', vars) : t('moveRankHintCode', vars);
  if (move.rank === null) return <span className="muted" title={hint}>{t('movedGroup')}</span>;
  const text = move.rankArrow === 'up' ? t('changeUp', { n: move.rank }) : move.rankArrow === 'down' ? t('changeDown', { n: -move.rank }) : t('noMove');
  return (
    <span className={move.rankArrow ? `move-${move.rankArrow}` : 'muted'} title={hint} data-testid="move-rank">
      {text}
    </span>
  );
}

/** The total part of 较上年: the signed change, with its arrow only at the threshold. */
export function MoveTotal({ move, t }: { move: MovementView; t: Translate }) {
  if (move.kind === 'new') return <span className="muted">{t('noMove')}</span>;
  const arrow = move.totalArrow === 'up' ? '▲' : move.totalArrow === 'down' ? '▼' : '';
  return (
    <span className={move.totalArrow ? `move-${move.totalArrow}` : 'muted'} data-testid="move-total">
      {arrow}
      {move.total}
    </span>
  );
}
