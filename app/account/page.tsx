import '@/app/ui/auth/auth.css';
import { requireUser } from '@/app/lib/auth/guard';
import { getTranslator } from '@/app/i18n/server';
import { logoutAction } from '@/app/login/actions';
import { PasswordForm } from './PasswordForm';

export const dynamic = 'force-dynamic';

/** Every signed-in user: who am I, change my password, sign out. */
export default async function AccountPage() {
  const viewer = await requireUser(undefined, { returnTo: '/account' });
  const { t } = await getTranslator();
  return (
    <>
      <h1>{t('accountTitle')}</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="who-title">
          <h2 id="who-title">{viewer.username}</h2>
          <dl className="agg-figures">
            <div>
              <dt>{t('role')}</dt>
              <dd data-testid="account-role">{t(`role.${viewer.role}`)}</dd>
            </div>
            {viewer.departmentName ? (
              <div>
                <dt>{t('departmentOf')}</dt>
                <dd>{viewer.departmentName}</dd>
              </div>
            ) : null}
          </dl>
          <p className="muted" style={{ marginTop: 12 }}>
            {t('sessionNote')}
          </p>
          <form action={logoutAction}>
            <button type="submit" className="button secondary" data-testid="logout">
              {t('logout')}
            </button>
          </form>
        </section>
        <section className="card" aria-labelledby="pw-title">
          <h2 id="pw-title">{t('changePassword')}</h2>
          <PasswordForm />
        </section>
      </div>
    </>
  );
}
