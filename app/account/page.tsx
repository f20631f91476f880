import '@/app/ui/auth/auth.css';
import { requireUser } from '@/app/lib/auth/guard';
import { getAuthT } from '@/app/lib/auth/server-t';
import { logoutAction } from '@/app/login/actions';
import { PasswordForm } from './PasswordForm';

export const dynamic = 'force-dynamic';

/** Every signed-in user: who am I, change my password, sign out. */
export default async function AccountPage() {
  const viewer = await requireUser(undefined, { returnTo: '/account' });
  const { at } = await getAuthT();
  return (
    <>
      <h1>{at('accountTitle')}</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="who-title">
          <h2 id="who-title">{viewer.username}</h2>
          <dl className="agg-figures">
            <div>
              <dt>{at('role')}</dt>
              <dd data-testid="account-role">{at(`role.${viewer.role}`)}</dd>
            </div>
            {viewer.departmentName ? (
              <div>
                <dt>{at('departmentOf')}</dt>
                <dd>{viewer.departmentName}</dd>
              </div>
            ) : null}
          </dl>
          <p className="muted" style={{ marginTop: 12 }}>
            {at('sessionNote')}
          </p>
          <form action={logoutAction}>
            <button type="submit" className="button secondary" data-testid="logout">
              {at('logout')}
            </button>
          </form>
        </section>
        <section className="card" aria-labelledby="pw-title">
          <h2 id="pw-title">{at('changePassword')}</h2>
          <PasswordForm />
        </section>
      </div>
    </>
  );
}
