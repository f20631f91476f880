import '@/app/ui/auth/auth.css';
import '@/app/ui/cycle/cycle.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchReviewerWork, reviewerAssigned } from '@/app/lib/data';
import { RoundSelect } from '@/app/ui/layout/RoundSelect';

export const dynamic = 'force-dynamic';

/** A reviewer's units in a round: nothing else of the round is shown to it. */
export default async function EvaluateListPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await requireUser((v) => reviewerAssigned(v, slug), { returnTo: `/rounds/${encodeURIComponent(slug)}/evaluate` });
  const work = await fetchReviewerWork(viewer, slug);
  if (!work) notFound();
  const { t } = await getTranslator();
  return (
    <>
      <div className="round-bar">
        <div className="round-title">
          <h1>
            {t('evaluateTitle')} · {work.round.name}
          </h1>
          <div className="meta">
            <span className={`badge status-${work.round.status}`} data-testid="round-status">
              {t(`roundStatus.${work.round.status}`)}
            </span>
            <span>{t('panelRuleLine', { rule: t(`panelRule.${work.round.panelRule}`) })}</span>
          </div>
        </div>
        <RoundSelect rounds={work.rounds} current={slug} path="/evaluate" />
      </div>
      <p className="note">{t('reviewerNote')}</p>
      <section className="card" aria-labelledby="units-title">
        <h2 id="units-title">{t('myUnits', { n: work.departments.length })}</h2>
        <ul className="unit-list" data-testid="reviewer-units">
          {work.departments.map((d) => (
            <li key={d.code}>
              <Link href={`/rounds/${encodeURIComponent(slug)}/evaluate/${encodeURIComponent(d.code)}`}>{d.name}</Link>
              <span className="muted">
                {' '}
                {d.code} · {d.group} · {t(`submission.${d.status ?? 'none'}`)}
              </span>{' '}
              {d.scored >= work.leaves ? <span className="badge done">{t('scoredAll')}</span> : <span className="badge pending">{t('scoredOf', { n: d.scored, of: work.leaves })}</span>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
