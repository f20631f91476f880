import type { Translate } from '@/app/i18n';

/**
 * A department's leave-one-out rank range as a small bar on the group's rank axis (1 at the left),
 * with its rank as a dot, followed by the range as text: the text is the bar's alternative.
 */
export function RangeBar({ t, range, rank, n }: { t: Translate; range: [number, number]; rank: number; n: number }) {
  const [lo, hi] = range;
  const at = (r: number) => (n > 1 ? ((r - 1) / (n - 1)) * 100 : 0);
  const label = t('rangeBarLabel', { lo, hi, rank, n });
  return (
    <span className="range-bar" title={label} data-testid="rank-range">
      <span className="range-track" aria-hidden="true">
        <span className="range-span" style={{ left: `${at(lo)}%`, width: `${at(hi) - at(lo)}%` }} />
        <span className="range-dot" style={{ left: `${at(rank)}%` }} />
      </span>
      <span className={`range-text${hi > lo ? ' wide' : ''}`}>
        <span aria-hidden="true">{lo === hi ? lo : `${lo}–${hi}`}</span>
        <span className="visually-hidden">{label}</span>
      </span>
    </span>
  );
}
