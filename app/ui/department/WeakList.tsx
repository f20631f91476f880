import Link from 'next/link';
import type { Translate } from '@/app/i18n';
import type { ExplanationView } from '@/app/lib/views/types';
import { ExplanationDetails } from '../explain/ExplanationDetails';

/** Open at first: the costliest few. The rest fold to one line each, so a low scorer's page stays short. */
const OPEN = 3;

/**
 * Indicators below full marks, the costliest first, each with its explanation and what would earn
 * full marks. Links to the indicator pages only with `linkIndicators` (a department may not open them).
 */
export function WeakList({ t, weak, slug, group, linkIndicators = true }: { t: Translate; weak: ExplanationView[]; slug: string; group: string; linkIndicators?: boolean }) {
  if (weak.length === 0) return <p className="status-ok">{t('noWeak')}</p>;
  return (
    <>
      {weak.length > OPEN ? <p className="muted">{t('weakFolded', { n: weak.length - OPEN })}</p> : null}
      <ol className="weak-list" data-testid="weak-list">
        {weak.map((e, i) => (
          <li key={e.indicator.code} data-code={e.indicator.code}>
            <details open={i < OPEN}>
              <summary>
                <h3>
                  <span data-name="">{e.indicator.name}</span>
                  <span className="lost">
                    {t('pointsLost')} {e.pointsLost}
                  </span>
                  <span className="muted">
                    {e.score} / {e.indicator.weight}
                  </span>
                </h3>
              </summary>
              {linkIndicators ? (
                <p className="weak-link">
                  <Link prefetch={false} href={`/rounds/${encodeURIComponent(slug)}/indicators/${encodeURIComponent(e.indicator.code)}?group=${encodeURIComponent(group)}`}>
                    {t('viewIndicator')}
                  </Link>
                </p>
              ) : null}
              <ExplanationDetails e={e} />
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
