import './auth.css';
import Link from 'next/link';
import type { Locale } from '@/app/i18n';
import { authTranslator } from '@/app/lib/auth/messages';
import { getViewer } from '@/app/lib/auth/viewer';
import { logoutAction } from '@/app/login/actions';

/** The header's account corner: who is signed in, the admin pages, and sign-out — or the login link. */
export async function UserMenu({ locale }: { locale: Locale }) {
  const at = authTranslator(locale);
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <nav className="user-menu" aria-label={at('account')}>
        <Link href="/login" data-testid="login-link">
          {at('login')}
        </Link>
      </nav>
    );
  }
  return (
    <nav className="user-menu" aria-label={at('account')} data-testid="user-menu">
      {viewer.role === 'admin' ? (
        <>
          <Link href="/admin/rounds">{at('navRounds')}</Link>
          <Link href="/admin/users">{at('navUsers')}</Link>
          <Link href="/admin/audit">{at('navAudit')}</Link>
          <Link href="/admin/units">{at('navUnits')}</Link>
        </>
      ) : null}
      <Link href="/account" className="who" data-testid="account-link">
        {locale === 'en' ? `${viewer.departmentName ?? viewer.username} (${at(`role.${viewer.role}`)})` : `${viewer.departmentName ?? viewer.username}（${at(`role.${viewer.role}`)}）`}
      </Link>
      <form action={logoutAction}>
        <button type="submit" className="link-button">
          {at('logout')}
        </button>
      </form>
    </nav>
  );
}
