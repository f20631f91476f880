'use client';
import { useActionState } from 'react';
import { useAuthT } from '@/app/lib/auth/client-t';
import { loginAction } from './actions';

export function LoginForm({ next }: { next: string }) {
  const at = useAuthT();
  const [state, action, pending] = useActionState(loginAction, null);
  const username = typeof state?.data?.username === 'string' ? state.data.username : '';
  return (
    <form action={action} className="auth-form" data-testid="login-form">
      <input type="hidden" name="next" value={next} />
      <label className="auth-field">
        <span>{at('username')}</span>
        <input name="username" type="text" autoComplete="username" autoCapitalize="none" spellCheck={false} required defaultValue={username} autoFocus />
      </label>
      <label className="auth-field">
        <span>{at('password')}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {state && !state.ok ? (
        <p className="auth-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? at('signingIn') : at('login')}
      </button>
    </form>
  );
}
