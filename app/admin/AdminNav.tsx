import Link from 'next/link';
import type { AuthT } from '@/app/lib/auth/messages';

export function AdminNav({ at, current }: { at: AuthT; current: 'rounds' | 'users' | 'audit' | 'units' }) {
  return (
    <nav className="admin-nav" aria-label={at('adminNav')}>
      <Link href="/admin/rounds" aria-current={current === 'rounds' ? 'page' : undefined}>
        {at('navRounds')}
      </Link>
      <Link href="/admin/users" aria-current={current === 'users' ? 'page' : undefined}>
        {at('navUsers')}
      </Link>
      <Link href="/admin/audit" aria-current={current === 'audit' ? 'page' : undefined}>
        {at('navAudit')}
      </Link>
      <Link href="/admin/units" aria-current={current === 'units' ? 'page' : undefined}>
        {at('navUnits')}
      </Link>
    </nav>
  );
}
