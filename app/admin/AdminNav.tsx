import Link from 'next/link';
import type { Translate } from '@/app/i18n';

export function AdminNav({ t, current }: { t: Translate; current: 'rounds' | 'users' | 'audit' | 'units' }) {
  return (
    <nav className="admin-nav" aria-label={t('adminNav')}>
      <Link href="/admin/rounds" aria-current={current === 'rounds' ? 'page' : undefined}>
        {t('navRounds')}
      </Link>
      <Link href="/admin/users" aria-current={current === 'users' ? 'page' : undefined}>
        {t('navUsers')}
      </Link>
      <Link href="/admin/audit" aria-current={current === 'audit' ? 'page' : undefined}>
        {t('navAudit')}
      </Link>
      <Link href="/admin/units" aria-current={current === 'units' ? 'page' : undefined}>
        {t('navUnits')}
      </Link>
    </nav>
  );
}
