'use client';
import { useActionState, useEffect, useRef } from 'react';
import { useT } from '@/app/i18n/client';
import { changePasswordAction } from './actions';

export function PasswordForm() {
  const t = useT();
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const err = (k: string) => state?.fieldErrors?.[k]?.[0];
  return (
    <form ref={form} action={action} className="auth-form" data-testid="password-form">
      <label className="auth-field">
        <span>{t('currentPassword')}</span>
        <input name="current" type="password" autoComplete="current-password" required aria-invalid={Boolean(err('current'))} />
      </label>
      <div className="auth-field">
        <label className="auth-field">
          <span>{t('newPassword')}</span>
          <input name="next" type="password" autoComplete="new-password" required minLength={10} aria-describedby="pw-rule" aria-invalid={Boolean(err('next'))} />
        </label>
        <small id="pw-rule" className="muted">
          {t('passwordRule')}
        </small>
      </div>
      <label className="auth-field">
        <span>{t('confirmPassword')}</span>
        <input name="confirm" type="password" autoComplete="new-password" required aria-invalid={Boolean(err('confirm'))} />
      </label>
      {state ? (
        <p className={state.ok ? 'auth-ok' : 'auth-error'} role={state.ok ? 'status' : 'alert'}>
          {state.ok ? t('passwordChanged') : state.message}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('saving') : t('changePassword')}
      </button>
    </form>
  );
}
