import type { Translate } from '@/app/i18n';
import type { IndicatorView } from '@/app/lib/views/types';

/** The departments whose value lies strictly between the thresholds: the ones interpolated against each other. */
export function InBandList({ t, view }: { t: Translate; view: IndicatorView }) {
  const inside = view.points.filter((p) => p.band === 'in_band').sort((a, b) => (a.valuePct ?? 0) - (b.valuePct ?? 0));
  return (
    <div data-testid="in-band">
      <h3>{t('inBandList', { n: inside.length })}</h3>
      {inside.length ? (
        <p>{inside.map((p) => `${p.name}${t('paren', { x: `${p.valueText} → ${p.scoreText}` })}`).join(t('listSep'))}</p>
      ) : (
        <p className="muted">{t('noneInBand')}</p>
      )}
    </div>
  );
}
