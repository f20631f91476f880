import '@/app/ui/auth/auth.css';
import { redirect } from 'next/navigation';
import { getAuthT } from '@/app/lib/auth/server-t';
import { safeNext } from '@/app/lib/auth/redirect';
import { getViewer } from '@/app/lib/auth/viewer';
import { one, type SearchParams } from '@/app/lib/params';
import { anyAccount } from '@/app/lib/services/session';
import { LoginForm } from './LoginForm';

export const dynamic = 'force-dynamic';
export const metadata = { title: '登录 · 部门整体支出绩效评价对比看板' };

/** The way in. Someone already signed in goes straight on. */
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const next = safeNext(one((await searchParams).next));
  if (await getViewer()) redirect(next);
  const { at } = await getAuthT();
  const empty = !(await anyAccount());
  return (
    <section className="card auth-card" aria-labelledby="login-title">
      <h1 id="login-title">{at('loginTitle')}</h1>
      <p className="muted">{at('loginHint')}</p>
      {empty ? (
        <div className="note" role="note" data-testid="no-accounts">
          {at('noAccountsYet')}
          <pre>npm run user -- add --role admin --username &lt;用户名&gt;</pre>
        </div>
      ) : null}
      <LoginForm next={next} />
    </section>
  );
}
