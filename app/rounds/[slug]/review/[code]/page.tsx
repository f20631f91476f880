import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { loadSubmissionForm } from '@/db/submission-form';
import { indexSystem } from '@/lib/scoring';
import { requireUser } from '@/app/lib/auth/guard';
import { getAuthT } from '@/app/lib/auth/server-t';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { SubmissionStatus } from '@/app/ui/auth/SubmissionStatus';
import { formSections } from '../../submission/fields';
import { acceptAction, adjustAction, returnAction } from '../actions';

export const dynamic = 'force-dynamic';

/** One unit's submission for the bureau: its figures, its history, and the three review decisions. */
export default async function ReviewPage({ params }: { params: Promise<{ slug: string; code: string }> }) {
  const { slug, code } = await params;
  const viewer = await requireUser('submission:review', { returnTo: `/rounds/${encodeURIComponent(slug)}/review/${encodeURIComponent(code)}` });
  const form = await loadSubmissionForm(viewer, slug, code);
  if (!form) notFound();
  const { at } = await getAuthT();
  const judgements = indexSystem(form.system).judgementLeaves.map((l) => l.leaf);
  const target = (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="baseVersion" value={form.version} />
    </>
  );
  return (
    <>
      <div className="round-bar">
        <div className="round-title">
          <h1>
            {form.department.name} · {at('reviewTitle')}
          </h1>
          <div className="meta">
            <span>{form.round.name}</span>
            <span>
              {form.department.code} · {form.department.group}
            </span>
          </div>
        </div>
        <Link className="button secondary" href={`/rounds/${encodeURIComponent(slug)}/review`}>
          {at('reviewList')}
        </Link>
      </div>
      <SubmissionStatus at={at} form={form} />
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
        <h3 style={{ marginTop: 16 }}>{at('adjustTitle')}</h3>
        <ActionForm action={adjustAction} submit={at('adjust')} okText={at('adjusted')} testId="adjust-form">
          {target}
          <label>
            {at('indicator')}
            <select name="indicator" required defaultValue="">
              <option value="" disabled>
                {at('choose')}
              </option>
              {judgements.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}（0–{l.weight.toFixed()}，{form.values[l.code] ?? '—'}）
                </option>
              ))}
            </select>
          </label>
          <label>
            {at('newScore')}
            <input name="score" type="text" inputMode="decimal" required size={6} />
          </label>
          <label>
            {at('reason')}
            <input name="reason" type="text" required maxLength={2000} />
          </label>
        </ActionForm>
      </section>
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
    </>
  );
}
