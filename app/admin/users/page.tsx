import '@/app/ui/auth/auth.css';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/lib/auth/guard';
import { listAccounts } from '@/app/lib/services/users';
import { getAuthT } from '@/app/lib/auth/server-t';
import { UsersTable } from '@/app/ui/admin/UsersTable';
import { AdminNav } from '../AdminNav';
import { resetPasswordAction, setDisabledAction } from './actions';
import { NewUserForm } from './NewUserForm';

export const dynamic = 'force-dynamic';

const when = (d: Date | null) => (d ? d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

/** The bureau's list of accounts: add, reset a password, disable or enable. */
export default async function UsersPage() {
  const viewer = await requireUser('users:manage', { returnTo: '/admin/users' });
  const accounts = await listAccounts(viewer);
  if (!accounts) notFound();
  const { users, departments } = accounts;
  const { at } = await getAuthT();
  return (
    <>
      <h1>{at('usersTitle')}</h1>
      <AdminNav at={at} current="users" />
      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title">{at('addUser')}</h2>
        <NewUserForm departments={departments} />
      </section>
      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">{at('allUsers')}</h2>
        <UsersTable
          rows={users.map((u) => ({
            id: u.id,
            username: u.username,
            role: at(`role.${u.role}`),
            unit: u.departmentName ? `${u.departmentName}（${u.departmentCode}）` : '—',
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
