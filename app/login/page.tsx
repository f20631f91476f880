import '@/app/ui/auth/auth.css';
import { redirect } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { safeNext } from '@/app/lib/auth/redirect';
import { getViewer } from '@/app/lib/auth/viewer';
import { one, type SearchParams } from '@/app/lib/params';
import { anyAccount } from '@/app/lib/services/session';
import { LoginForm } from './LoginForm';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: `${t('login')} · ${t('appTitle')}` };
}

/** The way in. Someone already signed in goes straight on. */
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const next = safeNext(one((await searchParams).next));
  if (await getViewer()) redirect(next);
  const { t } = await getTranslator();
  const empty = !(await anyAccount());
  return (
    <section className="card auth-card" aria-labelledby="login-title">
      <h1 id="login-title">{t('loginTitle')}</h1>
      <p className="muted">{t('loginHint')}</p>
      {empty ? (
        <div className="note" role="note" data-testid="no-accounts">
          {t('noAccountsYet')}
          <pre>
            npm run user -- add --role admin --username &lt;{t('username')}&gt;
          </pre>
        </div>
      ) : null}
      <LoginForm next={next} />
    </section>
  );
}
