'use client';
import { startTransition, useActionState, useRef, type ReactNode } from 'react';
import { useT } from '@/app/i18n/client';
import type { ActionState } from '@/app/lib/auth/guard';
import type { Problem } from '@/lib/scoring';

interface Missing {
  code: string;
  name: string;
  group: string;
  status: 'draft' | 'submitted' | 'returned' | 'accepted' | null;
  pending: string[];
  waitingFor: string[];
}

interface Account {
  code: string;
  name: string;
  username: string;
  password: string;
}

/**
 * A form bound to one guarded action that may answer with more than a message: the list of what
 * keeps a round from publication, the problems of an uploaded list (row by row), or the accounts
 * just created with their one-time passwords and a print button.
 */
export function ResultForm({
  action,
  children,
  submit,
  testId,
  danger,
  confirm,
}: {
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  children?: ReactNode;
  submit: string;
  testId?: string;
  danger?: boolean;
  /** Asked before sending, for steps that are hard to undo. */
  confirm?: string;
}) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  const missing = (state?.data?.missing as Missing[] | undefined) ?? [];
  const problems = (state?.data?.problems as Problem[] | undefined) ?? [];
  const accounts = (state?.data?.accounts as Account[] | undefined) ?? [];
  return (
    <form
      ref={form}
      className="stack-form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {children}
      <div className="button-row">
        <button type="submit" className={danger ? 'button secondary' : 'button'} disabled={pending}>
          {submit}
        </button>
        <span aria-live="polite">
          {state ? (
            <span className={state.ok ? 'auth-ok' : 'auth-error'} role={state.ok ? 'status' : 'alert'}>
              {state.message}
            </span>
          ) : null}
        </span>
      </div>
      {missing.length ? (
        <div className="table-scroll" data-testid="publish-missing">
          <table className="data">
            <caption className="visually-hidden">{t('missingTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('department')}</th>
                <th scope="col">{t('submissionStatus')}</th>
                <th scope="col">{t('evaluationCol')}</th>
              </tr>
            </thead>
            <tbody>
              {missing.map((m) => (
                <tr key={m.code}>
                  <th scope="row">
                    {m.name} <span className="muted">{m.code} · {m.group}</span>
                  </th>
                  <td>{m.status === 'accepted' ? t('submission.accepted') : <span className="status-bad">{t(`submission.${m.status ?? 'none'}`)}</span>}</td>
                  <td>
                    {m.pending.length ? (
                      <span className="status-bad">
                        {t('pendingLeaves', { leaves: m.pending.join(t('listSep')) })}
                        {m.waitingFor.length ? ` · ${t('waitingFor', { names: m.waitingFor.join(t('listSep')) })}` : ''}
                      </span>
                    ) : (
                      t('evaluated')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {problems.length ? (
        <ul className="problem-list" role="alert" data-testid="list-problems">
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      {accounts.length ? (
        <div className="printable" data-testid="new-accounts">
          <p className="note">{t('passwordsOnce')}</p>
          <table className="data">
            <caption>{t('newAccountsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('department')}</th>
                <th scope="col">{t('usernameCol')}</th>
                <th scope="col">{t('initialPasswordCol')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.username}>
                  <th scope="row">
                    {a.name} <span className="muted">{a.code}</span>
                  </th>
                  <td>
                    <code>{a.username}</code>
                  </td>
                  <td>
                    <code data-testid={`password-${a.code}`}>{a.password}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button secondary no-print" onClick={() => window.print()}>
            {t('printList')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
