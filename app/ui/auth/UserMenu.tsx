import './auth.css';
import Link from 'next/link';
import type { Locale } from '@/app/i18n';
import { translator } from '@/app/i18n';
import { getViewer } from '@/app/lib/auth/viewer';
import { logoutAction } from '@/app/login/actions';

/** The header's account corner: who is signed in, the admin pages, and sign-out — or the login link. */
export async function UserMenu({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <nav className="user-menu" aria-label={t('account')}>
        <Link href="/login" data-testid="login-link">
          {t('login')}
        </Link>
      </nav>
    );
  }
  return (
    <nav className="user-menu" aria-label={t('account')} data-testid="user-menu">
      {viewer.role === 'admin' ? (
        <>
          <Link href="/admin/rounds">{t('navRounds')}</Link>
          <Link href="/admin/users">{t('navUsers')}</Link>
          <Link href="/admin/audit">{t('navAudit')}</Link>
          <Link href="/admin/units">{t('navUnits')}</Link>
        </>
      ) : null}
      <Link href="/account" className="who" data-testid="account-link">
        <span data-name="">{viewer.departmentName ?? viewer.username}</span>
        {t('paren', { x: t(`role.${viewer.role}`) })}
      </Link>
      <form action={logoutAction}>
        <button type="submit" className="link-button">
          {t('logout')}
        </button>
      </form>
    </nav>
  );
}
