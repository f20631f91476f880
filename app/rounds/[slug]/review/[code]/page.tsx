import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Locale, Translate } from '@/app/i18n';
import type { Formats } from '@/app/i18n/format';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchDepartment, fetchReview } from '@/app/lib/data';
import { columnLabels, relabel } from '@/app/lib/views/column-label';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { SubmissionStatus } from '@/app/ui/auth/SubmissionStatus';
import { BUREAU } from '@/app/lib/services/evaluation';
import { EvaluationTable } from '@/app/ui/cycle/EvaluationTable';
import { SubmittedValues } from '@/app/ui/cycle/SubmittedValues';
import { ScoreTree } from '@/app/ui/department/ScoreTree';
import { formSections } from '../../submission/fields';
import { acceptAction, evaluateAction, returnAction } from '../actions';

export const dynamic = 'force-dynamic';

/** One unit's submission for the bureau: its figures, its computed scores, its history, the review decisions and the evaluation of its judgement leaves. */
export default async function ReviewPage({ params }: { params: Promise<{ slug: string; code: string }> }) {
  const { slug, code } = await params;
  const viewer = await requireUser('submission:review', { returnTo: `/rounds/${encodeURIComponent(slug)}/review/${encodeURIComponent(code)}` });
  const [review, scored] = await Promise.all([fetchReview(viewer, slug, code), fetchDepartment(viewer, slug, code)]);
  if (!review) notFound();
  const { form, evaluation: ev } = review;
  const { t, f, locale } = await getTranslator();
  return (
    <>
      <ReviewBar t={t} form={form} slug={slug} code={code} />
      <SubmissionStatus t={t} f={f} form={form} />
      <ComputedScores t={t} scored={scored} slug={slug} code={code} />
      <Decisions t={t} form={form} slug={slug} code={code} />
      <Evaluation t={t} f={f} form={form} ev={ev} slug={slug} code={code} />
      <section className="card" aria-labelledby="values-title">
        <h2 id="values-title">{t('submissionTitle')}</h2>
        <SubmittedValues t={t} sections={relabel(formSections(form.system), columnLabels(form.system, locale, t))} values={form.values} />
      </section>
    </>
  );
}

type Review = NonNullable<Awaited<ReturnType<typeof fetchReview>>>;
type Scored = Awaited<ReturnType<typeof fetchDepartment>>;

/** The unit, its round and status, and the ways back: its 评分表 and the review list. */
function ReviewBar({ t, form, slug, code }: { t: Translate; form: Review['form']; slug: string; code: string }) {
  return (
    <div className="round-bar">
      <div className="round-title">
        <h1>
          <span data-name="">{form.department.name}</span> · {t('reviewTitle')}
        </h1>
        <div className="meta">
          <span className={`badge status-${form.round.status}`} data-testid="round-status">
            {t(`roundStatus.${form.round.status}`)}
          </span>
          <span data-name="">{form.round.name}</span>
          <span>
            {form.department.code} · <span data-name="">{form.department.group}</span>
          </span>
        </div>
      </div>
      <Link className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(code)}`}>
        {t('viewScorecardOf')}
      </Link>
      <Link className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/review`}>
        {t('reviewList')}
      </Link>
    </div>
  );
}

/** What the engine makes of the submission that counts now: total, rank, self-score and the tree, with a link to the 评分表. */
function ComputedScores({ t, scored, slug, code }: { t: Translate; scored: Scored; slug: string; code: string }) {
  return (
    <section className="card" aria-labelledby="scores-title" data-testid="review-scores">
      <div className="card-head">
        <h2 id="scores-title">{t('computedScores')}</h2>
        <Link href={`/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(code)}`} data-testid="review-scorecard-link">
          {t('viewScorecardOf')}
        </Link>
      </div>
      {scored ? (
        <>
          <dl className="figures">
            <div>
              <dt>{t('total')}</dt>
              <dd data-testid="review-total">
                {scored.department.totalMax ? t('totalRange', { lo: scored.department.total, hi: scored.department.totalMax }) : scored.department.total}
                {scored.department.totalMax ? <span className="badge pending">{t('pendingRow')}</span> : null}
              </dd>
            </div>
            <div>
              <dt>{t('rank')}</dt>
              <dd>
                {scored.department.rank}
                <span className="muted small"> / {scored.department.groupSize}</span>
              </dd>
            </div>
            <div>
              <dt>{t('selfTotal')}</dt>
              <dd>{scored.department.selfTotal ?? '—'}</dd>
            </div>
          </dl>
          <p className="muted">{t('computedScoresHint')}</p>
          <ScoreTree t={t} rows={scored.department.tree} compact testId="review-score-tree" />
        </>
      ) : (
        <p className="muted">{t('noComputedScores')}</p>
      )}
    </section>
  );
}

/** The bureau's decision on the version shown: accept (with an optional note) or return with a comment. */
function Decisions({ t, form, slug, code }: { t: Translate; form: Review['form']; slug: string; code: string }) {
  const target = (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="baseVersion" value={form.version} />
    </>
  );
  return (
    <section className="card" aria-labelledby="decide-title">
      <h2 id="decide-title">{t('reviewTitle')}</h2>
      <ActionForm action={acceptAction} submit={t('accept')} okText={t('accepted')} testId="accept-form">
        {target}
        <label>
          {t('acceptComment')}
          <input name="comment" type="text" maxLength={2000} />
        </label>
      </ActionForm>
      <ActionForm action={returnAction} submit={t('returnIt')} okText={t('returned')} testId="return-form" danger>
        {target}
        <label>
          {t('returnComment')}
          <textarea name="comment" required maxLength={2000} />
        </label>
      </ActionForm>
    </section>
  );
}

/** The judgement leaves: the scores given, the bureau's own form when no panel evaluates the unit, and every score ever given. */
function Evaluation({ t, f, form, ev, slug, code }: { t: Translate; f: Formats; form: Review['form']; ev: Review['evaluation']; slug: string; code: string }) {
  return (
    <section className="card" aria-labelledby="evaluation-title">
      <h2 id="evaluation-title">{t('evaluationTitle')}</h2>
      <p className="muted">{ev.panel.length ? t('panelNote', { names: ev.panel.join(t('listSep')), rule: t(`panelRule.${form.round.panelRule}`) }) : t('bureauNote')}</p>
      <EvaluationTable panel={ev.panel} leaves={ev.leaves} bureau={BUREAU} />
      {!ev.panel.length && form.round.status !== 'published' ? (
        <ActionForm action={evaluateAction} submit={t('saveEvaluation')} testId="bureau-evaluation-form" className="stack-form">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="code" value={code} />
          {ev.leaves.map((l) => (
            <fieldset key={l.code} className="leaf-score">
              <legend>
                <span data-name="">{l.name}</span>
                {t('paren', { x: `0–${l.weight}` })}
              </legend>
              <label>
                {t('scoreLabel')}
                <input name={`score.${l.code}`} type="text" inputMode="decimal" size={6} defaultValue={l.combined ?? ''} />
              </label>
              <label className="grow">
                {t('commentLabel')}
                <input name={`comment.${l.code}`} type="text" maxLength={2000} />
              </label>
            </fieldset>
          ))}
        </ActionForm>
      ) : null}
      {ev.history.length ? (
        <details>
          <summary>{t('evaluationHistory', { n: ev.history.length })}</summary>
          <ul data-testid="evaluation-history">
            {ev.history.map((h, i) => (
              <li key={i} className={h.current ? undefined : 'muted'}>
                <span className="nowrap">{f.dateTime(h.at)}</span> · {h.by === BUREAU ? t('bureau') : h.by} · <span data-name="">{ev.leaves.find((l) => l.code === h.leaf)?.name ?? h.leaf}</span> {h.score}
                {h.comment ? <span data-name="">{t('paren', { x: h.comment })}</span> : ''}
                {h.current ? '' : ` · ${t('replaced')}`}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
