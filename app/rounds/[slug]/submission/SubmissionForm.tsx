'use client';
import { useRouter } from 'next/navigation';
import { startTransition, useActionState, useEffect, useRef } from 'react';
import type { Problem } from '@/lib/scoring';
import { useT } from '@/app/i18n/client';
import type { MessageKey } from '@/app/i18n';
import { saveSubmissionAction } from './actions';
import { FIELD_PREFIX, type FormSection } from './form-shape';

const SECTION_TITLE: Record<FormSection['kind'], MessageKey> = {
  input: 'sectionInputs',
  checklist: 'sectionChecklists',
  grade: 'sectionGrades',
  judgement: 'sectionJudgements',
  self: 'sectionSelf',
};

interface Props {
  slug: string;
  code: string;
  version: number;
  sections: FormSection[];
  values: Record<string, string>;
  readOnly: string | null;
}

/**
 * The department's form. It posts every field as text, so the server's validation — the import's —
 * is the one that speaks; its problems are shown next to each field and in a list.
 */
export function SubmissionForm({ slug, code, version, sections, values, readOnly }: Props) {
  const t = useT();
  const router = useRouter();
  const [state, action, pending] = useActionState(saveSubmissionAction, null);
  const problems = (state?.data?.problems as Problem[] | undefined) ?? [];
  const byField = new Map<string, string[]>();
  for (const p of problems) if (p.field) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
  const labels = new Map(sections.flatMap((s) => s.fields.map((f) => [f.key, f.label] as const)));
  const saved = state?.ok ? (state.data as { version: number; status: string }) : null;
  // After a save the page's version moves on; the next save must be based on it.
  const base = saved?.version ?? version;

  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!state) return;
    // The outcome sits above a long form: bring it into view.
    resultRef.current?.scrollIntoView({ block: 'start' });
    if (state.ok) router.refresh();
  }, [state, router]);

  return (
    <form
      noValidate
      data-testid="submission-form"
      onSubmit={(e) => {
        // Submitting through onSubmit instead of `action` keeps what was typed when the server
        // refuses it (a form action resets the fields to their loaded values).
        e.preventDefault();
        const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        startTransition(() => action(data));
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="baseVersion" value={base} />
      <div aria-live="polite" data-testid="submission-result" ref={resultRef} tabIndex={-1}>
        {saved ? <p className="auth-ok">{saved.status === 'submitted' ? t('submitted', { n: saved.version }) : t('savedDraft', { n: saved.version })}</p> : null}
        {state && !state.ok && state.message ? (
          <p className="auth-error" role="alert">
            {state.message}
          </p>
        ) : null}
        {problems.length ? (
          <div role="alert">
            <p className="auth-error">{t('problemsTitle')}</p>
            <ul className="problem-list">
              {problems.map((p, i) => (
                <li key={i}>
                  {(p.header ?? (p.field && labels.get(p.field))) ? `${p.header ?? labels.get(p.field!)}：` : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <fieldset disabled={Boolean(readOnly) || pending} style={{ border: 0, padding: 0, margin: 0 }}>
        {sections.map((s) => (
          <fieldset key={s.kind} className="form-section">
            <legend>{t(SECTION_TITLE[s.kind])}</legend>
            <div className="form-grid">
              {s.fields.map((f) => {
                const errors = byField.get(f.key);
                const id = `f-${f.key}`;
                return (
                  <label key={f.key} className={errors ? 'invalid' : undefined} htmlFor={id}>
                    <span>{f.label}</span>
                    {f.control.type === 'select' ? (
                      <select id={id} name={`${FIELD_PREFIX}${f.key}`} defaultValue={values[f.key] ?? ''} aria-invalid={Boolean(errors)}>
                        <option value="">{t('choose')}</option>
                        {f.control.options.map((o) => (
                          // 是/否 are the values a file carries; the page says them in its language. Grade labels are data.
                          <option key={o} value={o} data-name={o === '是' || o === '否' ? undefined : ''}>
                            {o === '是' ? t('yes') : o === '否' ? t('no') : o}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input id={id} name={`${FIELD_PREFIX}${f.key}`} type="text" inputMode="decimal" defaultValue={values[f.key] ?? ''} aria-invalid={Boolean(errors)} />
                    )}
                    {f.hint ? <small>{f.hint}</small> : null}
                    {errors?.map((m) => (
                      <span key={m} className="field-error">
                        {m}
                      </span>
                    ))}
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" name="intent" value="save" className="button secondary" disabled={Boolean(readOnly) || pending} data-testid="save-draft">
          {t('saveDraft')}
        </button>
        <button type="submit" name="intent" value="submit" className="button" disabled={Boolean(readOnly) || pending} data-testid="submit">
          {t('submit')}
        </button>
        <span className="muted">{t('submitConfirm')}</span>
      </div>
    </form>
  );
}
