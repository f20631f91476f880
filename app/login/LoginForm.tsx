'use client';
import { useActionState } from 'react';
import { useT } from '@/app/i18n/client';
import type { ActionState } from '@/app/lib/auth/guard';
import { loginAction } from './actions';

export function LoginForm({ next }: { next: string }) {
  const t = useT();
  const [state, action, pending] = useActionState(async (prev: ActionState | null, form: FormData): Promise<ActionState> => {
    try {
      return await loginAction(prev, form);
    } catch (e) {
      // Navigation after a successful login travels as an error too; only a refused request is ours to show.
      if (String((e as { digest?: unknown } | null)?.digest ?? '').startsWith('NEXT_')) throw e;
      // During a flood of logins the server answers 429 before the action runs.
      return { ok: false, message: t('loginBusy') };
    }
  }, null);
  const username = typeof state?.data?.username === 'string' ? state.data.username : '';
  return (
    <form action={action} className="auth-form" data-testid="login-form">
      <input type="hidden" name="next" value={next} />
      <label className="auth-field">
        <span>{t('username')}</span>
        <input name="username" type="text" autoComplete="username" autoCapitalize="none" spellCheck={false} required defaultValue={username} autoFocus />
      </label>
      <label className="auth-field">
        <span>{t('password')}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {state && !state.ok ? (
        <p className="auth-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('signingIn') : t('login')}
      </button>
    </form>
  );
}
