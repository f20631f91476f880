import { redirect } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchNewestRoundSlug } from '@/app/lib/data';
import { getRound } from '@/db/queries';

export const dynamic = 'force-dynamic';

/**
 * `/` opens the newest round's rankings; for a department, its own submission form while the
 * round is open, and its own 评分表 once the round is locked.
 */
export default async function Home() {
  const viewer = await requireUser(undefined, { returnTo: '/' });
  const slug = await fetchNewestRoundSlug(viewer);
  if (slug && viewer.role === 'department' && viewer.departmentCode) {
    const locked = (await getRound(slug))?.status === 'locked';
    redirect(`/rounds/${encodeURIComponent(slug)}${locked ? `/departments/${encodeURIComponent(viewer.departmentCode)}` : '/submission'}`);
  }
  if (slug) redirect(`/rounds/${encodeURIComponent(slug)}`);
  const { t } = await getTranslator();
  return (
    <section className="card">
      <h1>{t('appTitle')}</h1>
      <p>{t('noRounds')}</p>
    </section>
  );
}
