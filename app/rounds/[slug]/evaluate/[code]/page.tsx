import '@/app/ui/auth/auth.css';
import '@/app/ui/cycle/cycle.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchEvaluation, reviewerAssigned } from '@/app/lib/data';
import { formSections } from '@/app/rounds/[slug]/submission/fields';
import { columnLabels, relabel } from '@/app/lib/views/column-label';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { SubmittedValues } from '@/app/ui/cycle/SubmittedValues';
import { reviewerScoreAction } from '../actions';

export const dynamic = 'force-dynamic';

/** A reviewer scores one unit's judgement leaves, each with a comment, beside the unit's figures and self-scores. */
export default async function EvaluatePage({ params }: { params: Promise<{ slug: string; code: string }> }) {
  const { slug, code } = await params;
  const viewer = await requireUser((v) => reviewerAssigned(v, slug, code), { returnTo: `/rounds/${encodeURIComponent(slug)}/evaluate/${encodeURIComponent(code)}` });
  const ev = await fetchEvaluation(viewer, slug, code);
  if (!ev) notFound();
  const { t, locale } = await getTranslator();
  const open = ev.round.status !== 'published' && ev.status !== null && ev.status !== 'draft';
  const mine = (leaf: string) => ev.leaves.find((l) => l.code === leaf)?.scores[0];
  return (
    <>
      <div className="round-bar">
        <div className="round-title">
          <h1>
            <span data-name="">{ev.name}</span> · {t('evaluateTitle')}
          </h1>
          <div className="meta">
            <span className={`badge status-${ev.round.status}`} data-testid="round-status">
              {t(`roundStatus.${ev.round.status}`)}
            </span>
            <span data-name="">{ev.round.name}</span>
            <span>
              {ev.code} · <span data-name="">{ev.group}</span> · {t(`submission.${ev.status ?? 'none'}`)}
            </span>
          </div>
        </div>
        <Link className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/evaluate`}>
          {t('backToMyUnits')}
        </Link>
      </div>
      <section className="card" aria-labelledby="score-title">
        <h2 id="score-title">{t('evaluationTitle')}</h2>
        {!open ? <p className="note">{ev.round.status === 'published' ? t('evaluationClosed') : t('notSubmittedYet')}</p> : null}
        <ActionForm action={reviewerScoreAction} submit={t('saveEvaluation')} testId="reviewer-form" className="stack-form">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="code" value={code} />
          {ev.leaves.map((l) => (
            <fieldset key={l.code} className="leaf-score" disabled={!open}>
              <legend>
                <span data-name="">{l.name}</span>
                {t('paren', { x: `0–${l.weight}` })} <span className="muted">{t('selfScoreIs', { s: l.self ?? '—' })}</span>
              </legend>
              {l.points.length ? (
                <ul className="points" data-name="">
                  {l.points.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              ) : null}
              <label>
                {t('scoreLabel')}
                <input name={`score.${l.code}`} type="text" inputMode="decimal" size={6} defaultValue={mine(l.code)?.score ?? ''} required />
              </label>
              <label className="grow">
                {t('commentLabel')}
                <input name={`comment.${l.code}`} type="text" maxLength={2000} defaultValue={mine(l.code)?.comment ?? ''} required />
              </label>
            </fieldset>
          ))}
        </ActionForm>
      </section>
      <section className="card" aria-labelledby="figures-title">
        <h2 id="figures-title">{t('unitFigures')}</h2>
        {Object.keys(ev.values).length ? (
          <SubmittedValues t={t} sections={relabel(formSections(ev.system), columnLabels(ev.system, locale, t))} values={ev.values} />
        ) : (
          <p className="muted">{t('notSubmittedYet')}</p>
        )}
      </section>
    </>
  );
}
