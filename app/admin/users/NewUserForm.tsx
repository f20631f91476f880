'use client';
import { useActionState, useState } from 'react';
import { useAuthT } from '@/app/lib/auth/client-t';
import { createUserAction } from './actions';

export function NewUserForm({ departments }: { departments: { code: string; name: string }[] }) {
  const at = useAuthT();
  const [state, action, pending] = useActionState(createUserAction, null);
  const [role, setRole] = useState('department');
  const generated = typeof state?.data?.password === 'string' ? state.data.password : null;
  return (
    <form action={action} className="inline-form" data-testid="new-user-form">
      <label>
        {at('username')}
        <input name="username" type="text" required autoComplete="off" spellCheck={false} />
      </label>
      <label>
        {at('role')}
        <select name="role" value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="department">{at('role.department')}</option>
          <option value="leader">{at('role.leader')}</option>
          <option value="reviewer">{at('role.reviewer')}</option>
          <option value="admin">{at('role.admin')}</option>
        </select>
      </label>
      {role === 'department' ? (
        <label>
          {at('unit')}
          <select name="department" required defaultValue="">
            <option value="" disabled>
              {at('choose')}
            </option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}（{d.code}）
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {at('initialPassword')}
        <input name="password" type="text" autoComplete="new-password" placeholder={at('initialPasswordHint')} />
      </label>
      <button type="submit" className="button" disabled={pending}>
        {at('addUser')}
      </button>
      <div aria-live="polite" style={{ flexBasis: '100%' }}>
        {state ? (
          <p className={state.ok ? 'auth-ok' : 'auth-error'} role={state.ok ? 'status' : 'alert'}>
            {state.message}
            {generated ? (
              <>
                {' '}
                {at('generatedPassword')} <code data-testid="generated-password">{generated}</code>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
    </form>
  );
}
