import '@/app/ui/auth/auth.css';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/lib/auth/guard';
import { listAccounts } from '@/app/lib/services/users';
import { getAuthT } from '@/app/lib/auth/server-t';
import { ActionForm } from '@/app/ui/auth/ActionForm';
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
        <div className="table-scroll">
          <table className="data" data-testid="user-list">
            <thead>
              <tr>
                <th>{at('username')}</th>
                <th>{at('role')}</th>
                <th>{at('unit')}</th>
                <th>{at('status')}</th>
                <th>{at('lastSeen')}</th>
                <th>{at('createdByCol')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.username}</th>
                  <td>{at(`role.${u.role}`)}</td>
                  <td>{u.departmentName ? `${u.departmentName}（${u.departmentCode}）` : '—'}</td>
                  <td>{u.disabled ? <span className="status-bad">{at('disabled')}</span> : at('active')}</td>
                  <td>{when(u.lastSeenAt)}</td>
                  <td>{u.createdBy}</td>
                  <td>
                    <ActionForm action={resetPasswordAction} submit={at('resetPassword')} danger>
                      <input type="hidden" name="username" value={u.username} />
                    </ActionForm>
                    {u.id !== viewer.id ? (
                      <ActionForm action={setDisabledAction} submit={u.disabled ? at('enable') : at('disable')} danger>
                        <input type="hidden" name="username" value={u.username} />
                        <input type="hidden" name="disabled" value={u.disabled ? '0' : '1'} />
                      </ActionForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
