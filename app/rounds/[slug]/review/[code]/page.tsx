import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Locale, Translate } from '@/app/i18n';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchReview } from '@/app/lib/data';
import type { AuthT } from '@/app/lib/auth/messages';
import { getAuthT } from '@/app/lib/auth/server-t';
import { fmtWhen } from '@/app/lib/format';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { SubmissionStatus } from '@/app/ui/auth/SubmissionStatus';
import { BUREAU } from '@/app/lib/services/evaluation';
import { EvaluationTable } from '@/app/ui/cycle/EvaluationTable';
import { formSections } from '../../submission/fields';
import { acceptAction, evaluateAction, returnAction } from '../actions';

export const dynamic = 'force-dynamic';

/** One unit's submission for the bureau: its figures, its history, the review decisions and the evaluation of its judgement leaves. */
export default async function ReviewPage({ params }: { params: Promise<{ slug: string; code: string }> }) {
  const { slug, code } = await params;
  const viewer = await requireUser('submission:review', { returnTo: `/rounds/${encodeURIComponent(slug)}/review/${encodeURIComponent(code)}` });
  const review = await fetchReview(viewer, slug, code);
  if (!review) notFound();
  const { form, evaluation: ev } = review;
  const { at } = await getAuthT();
  const { t, locale } = await getTranslator();
  return (
    <>
      <ReviewBar at={at} t={t} form={form} slug={slug} code={code} />
      <SubmissionStatus at={at} form={form} />
      <Decisions at={at} form={form} slug={slug} code={code} />
      <Evaluation t={t} locale={locale} form={form} ev={ev} slug={slug} code={code} />
      <SubmittedValues at={at} form={form} />
    </>
  );
}

type Review = NonNullable<Awaited<ReturnType<typeof fetchReview>>>;

/** The unit, its round and status, and the ways back: its 评分表 and the review list. */
function ReviewBar({ at, t, form, slug, code }: { at: AuthT; t: Translate; form: Review['form']; slug: string; code: string }) {
  return (
    <div className="round-bar">
      <div className="round-title">
        <h1>
          {form.department.name} · {at('reviewTitle')}
        </h1>
        <div className="meta">
          <span className={`badge status-${form.round.status}`} data-testid="round-status">
            {t(`roundStatus.${form.round.status}`)}
          </span>
          <span>{form.round.name}</span>
          <span>
            {form.department.code} · {form.department.group}
          </span>
        </div>
      </div>
      <Link className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(code)}`}>
        {t('viewScorecardOf')}
      </Link>
      <Link className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/review`}>
        {at('reviewList')}
      </Link>
    </div>
  );
}

/** The bureau's decision on the version shown: accept (with an optional note) or return with a comment. */
function Decisions({ at, form, slug, code }: { at: AuthT; form: Review['form']; slug: string; code: string }) {
  const target = (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="baseVersion" value={form.version} />
    </>
  );
  return (
    <section className="card" aria-labelledby="decide-title">
      <h2 id="decide-title">{at('reviewTitle')}</h2>
      <ActionForm action={acceptAction} submit={at('accept')} okText={at('accepted')} testId="accept-form">
        {target}
        <label>
          {at('acceptComment')}
          <input name="comment" type="text" maxLength={2000} />
        </label>
      </ActionForm>
      <ActionForm action={returnAction} submit={at('returnIt')} okText={at('returned')} testId="return-form" danger>
        {target}
        <label>
          {at('returnComment')}
          <textarea name="comment" required maxLength={2000} />
        </label>
      </ActionForm>
    </section>
  );
}

/** The judgement leaves: the scores given, the bureau's own form when no panel evaluates the unit, and every score ever given. */
function Evaluation({ t, locale, form, ev, slug, code }: { t: Translate; locale: Locale; form: Review['form']; ev: Review['evaluation']; slug: string; code: string }) {
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
                {l.name}（0–{l.weight}）
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
                {fmtWhen(h.at, locale)} · {h.by} · {ev.leaves.find((l) => l.code === h.leaf)?.name ?? h.leaf} {h.score}
                {h.comment ? `（${h.comment}）` : ''}
                {h.current ? '' : ` · ${t('replaced')}`}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** What the unit handed in: its inputs, checklist answers, grades and self-scores, by section. */
function SubmittedValues({ at, form }: { at: AuthT; form: Review['form'] }) {
  return (
    <section className="card" aria-labelledby="values-title">
      <h2 id="values-title">{at('submissionTitle')}</h2>
      {formSections(form.system).map((s) => (
        <dl key={s.kind} className="value-grid" data-testid={`values-${s.kind}`}>
          {s.fields.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{form.values[f.key] ?? '—'}</dd>
            </div>
          ))}
        </dl>
      ))}
    </section>
  );
}
