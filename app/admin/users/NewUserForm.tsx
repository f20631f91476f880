'use client';
import { useActionState, useState } from 'react';
import { useT } from '@/app/i18n/client';
import { createUserAction } from './actions';

export function NewUserForm({ departments }: { departments: { code: string; name: string }[] }) {
  const t = useT();
  const [state, action, pending] = useActionState(createUserAction, null);
  const [role, setRole] = useState('department');
  const generated = typeof state?.data?.password === 'string' ? state.data.password : null;
  return (
    <form action={action} className="inline-form" data-testid="new-user-form">
      <label>
        {t('username')}
        <input name="username" type="text" required autoComplete="off" spellCheck={false} />
      </label>
      <label>
        {t('role')}
        <select name="role" value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="department">{t('role.department')}</option>
          <option value="leader">{t('role.leader')}</option>
          <option value="reviewer">{t('role.reviewer')}</option>
          <option value="admin">{t('role.admin')}</option>
        </select>
      </label>
      {role === 'department' ? (
        <label>
          {t('department')}
          <select name="department" required defaultValue="">
            <option value="" disabled>
              {t('choose')}
            </option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
                {t('paren', { x: d.code })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {t('initialPassword')}
        <input name="password" type="text" autoComplete="new-password" placeholder={t('initialPasswordHint')} />
      </label>
      <button type="submit" className="button" disabled={pending}>
        {t('addUser')}
      </button>
      <div aria-live="polite" style={{ flexBasis: '100%' }}>
        {state ? (
          <p className={state.ok ? 'auth-ok' : 'auth-error'} role={state.ok ? 'status' : 'alert'}>
            {state.message}
            {generated ? (
              <>
                {' '}
                {t('generatedPassword')} <code data-testid="generated-password">{generated}</code>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
    </form>
  );
}
