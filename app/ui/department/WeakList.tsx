import Link from 'next/link';
import type { Translate } from '@/app/i18n';
import type { ExplanationView } from '@/app/lib/views/types';
import { ExplanationDetails } from '../explain/ExplanationDetails';

/**
 * Indicators below full marks, the costliest first, each with its explanation and what would earn
 * full marks. Links to the indicator pages only with `linkIndicators` (a department may not open them).
 */
export function WeakList({ t, weak, slug, group, linkIndicators = true }: { t: Translate; weak: ExplanationView[]; slug: string; group: string; linkIndicators?: boolean }) {
  if (weak.length === 0) return <p className="status-ok">{t('noWeak')}</p>;
  return (
    <ol className="weak-list" data-testid="weak-list">
      {weak.map((e) => (
        <li key={e.indicator.code} data-code={e.indicator.code}>
          <h3>
            <span>{e.indicator.name}</span>
            <span className="lost">
              {t('pointsLost')} {e.pointsLost}
            </span>
            <span className="muted">
              {e.score} / {e.indicator.weight}
            </span>
            {linkIndicators ? (
              <Link prefetch={false} href={`/rounds/${encodeURIComponent(slug)}/indicators/${encodeURIComponent(e.indicator.code)}?group=${encodeURIComponent(group)}`} style={{ fontSize: 13, fontWeight: 400 }}>
                {t('viewIndicator')}
              </Link>
            ) : null}
          </h3>
          <ExplanationDetails e={e} />
        </li>
      ))}
    </ol>
  );
}
