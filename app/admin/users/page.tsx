import '@/app/ui/auth/auth.css';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/lib/auth/guard';
import { listAccounts } from '@/app/lib/services/users';
import { getTranslator } from '@/app/i18n/server';
import { UsersTable } from '@/app/ui/admin/UsersTable';
import { AdminNav } from '../AdminNav';
import { resetPasswordAction, setDisabledAction } from './actions';
import { NewUserForm } from './NewUserForm';

export const dynamic = 'force-dynamic';

/** The bureau's list of accounts: add, reset a password, disable or enable. */
export default async function UsersPage() {
  const viewer = await requireUser('users:manage', { returnTo: '/admin/users' });
  const accounts = await listAccounts(viewer);
  if (!accounts) notFound();
  const { users, departments } = accounts;
  const { t, f } = await getTranslator();
  const when = (d: Date | null) => (d ? f.dateTime(d) : '—');
  return (
    <>
      <h1>{t('usersTitle')}</h1>
      <AdminNav t={t} current="users" />
      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title">{t('addUser')}</h2>
        <NewUserForm departments={departments} />
      </section>
      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">{t('allUsers')}</h2>
        <UsersTable
          rows={users.map((u) => ({
            id: u.id,
            username: u.username,
            role: t(`role.${u.role}`),
            unit: u.departmentName ? `${u.departmentName}${t('paren', { x: u.departmentCode ?? '' })}` : '—',
            disabled: u.disabled,
            lastSeen: when(u.lastSeenAt),
            createdBy: u.createdBy,
            self: u.id === viewer.id,
          }))}
          resetPassword={resetPasswordAction}
          setDisabled={setDisabledAction}
        />
      </section>
    </>
  );
}
