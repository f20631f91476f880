import type { Translate } from '@/app/i18n';
import type { ScaleView } from '@/app/lib/views/types';
import { ScoresWithoutTable } from './ScoresWithoutTable';

/** Who sets a banded leaf's scale in the group, the robust outlier rule, and every score without each setter. */
export function ScaleSetters({ t, scale }: { t: Translate; scale: ScaleView }) {
  if (scale.setters.length === 0) return <p data-testid="setters-none">{t('settersNone')}</p>;
  return (
    <>
      <p className="muted">{t('settersIntro')}</p>
      <ul className="setter-list" data-testid="setters">
        {scale.setters.map((s) => (
          <li key={`${s.side}.${s.code}`}>
            {t('labelValue', { label: t(`setterSide.${s.side}`), value: `${s.name}${t('paren', { x: s.valueText })}` })}
            {s.outlier ? <span className="badge outlier">{t('outlier')}</span> : null}
            {s.shared ? <span className="muted">{t('paren', { x: t('setterShared') })}</span> : null}
          </li>
        ))}
      </ul>
      <p className="muted">{scale.median && scale.mad ? t('outlierRule', { median: scale.median, mad: scale.mad }) : t('outlierTooFew')}</p>
      {scale.without.map((w) => (
        <p key={w.code} data-testid="without-setter">
          {w.basis === 'cohort' ? t('withoutScale', { name: w.name, min: w.min, max: w.max, n: w.moved }) : t('withoutThresholds', { name: w.name, n: w.moved })}
        </p>
      ))}
      {scale.without.length ? <ScoresWithoutTable scale={scale} /> : null}
    </>
  );
}
