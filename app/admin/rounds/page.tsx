import '@/app/ui/auth/auth.css';
import '@/app/ui/cycle/cycle.css';
import Link from 'next/link';
import { BUILTIN_SYSTEM_DOCUMENTS, builtinSystem } from '@/lib/scoring';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchRoundAdminList } from '@/app/lib/data';
import { AdminNav } from '../AdminNav';
import { NewRoundForm } from './NewRoundForm';

export const dynamic = 'force-dynamic';

/** The bureau's rounds: each with its status and units, and a new round. */
export default async function RoundsAdminPage() {
  const viewer = await requireUser('round:manage', { returnTo: '/admin/rounds' });
  const rounds = (await fetchRoundAdminList(viewer)) ?? [];
  const { t } = await getTranslator();
  const builtins = Object.keys(BUILTIN_SYSTEM_DOCUMENTS).map((id) => ({ id, name: builtinSystem(id)!.name }));
  const year = new Date().getFullYear();
  return (
    <>
      <h1>{t('roundsTitle')}</h1>
      <AdminNav t={t} current="rounds" />
      <section className="card" aria-labelledby="rounds-title">
        <h2 id="rounds-title">{t('allRounds')}</h2>
        {rounds.length ? (
          <ul className="round-list" data-testid="round-list">
            {rounds.map((r) => (
              <li key={r.slug}>
                <Link href={`/rounds/${encodeURIComponent(r.slug)}/manage`}>{r.name}</Link> <span className={`badge status-${r.status}`}>{t(`roundStatus.${r.status}`)}</span>{' '}
                <span className="muted">
                  {r.slug} · {t('departmentsCount', { n: r.departmentCount })} · {r.systemName}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('noRoundsYet')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="new-title">
        <h2 id="new-title">{t('newRound')}</h2>
        <p className="muted">{t('newRoundHint')}</p>
        <NewRoundForm builtins={builtins} year={year} />
      </section>
    </>
  );
}
