import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchNewestRound } from '@/app/lib/data';

export const dynamic = 'force-dynamic';

/**
 * `/` opens the newest round's rankings; for a department, its own submission form until the
 * round is published, then its own 评分表; for a reviewer, its list of units to evaluate.
 */
export default async function Home() {
  const viewer = await requireUser(undefined, { returnTo: '/' });
  const newest = await fetchNewestRound(viewer);
  const slug = newest?.slug ?? null;
  if (slug && viewer.role === 'department' && viewer.departmentCode) {
    const published = newest!.status === 'published';
    redirect(`/rounds/${encodeURIComponent(slug)}${published ? `/departments/${encodeURIComponent(viewer.departmentCode)}` : '/submission'}`);
  }
  if (slug && viewer.role === 'reviewer') redirect(`/rounds/${encodeURIComponent(slug)}/evaluate`);
  if (slug) redirect(`/rounds/${encodeURIComponent(slug)}`);
  const { t } = await getTranslator();
  return (
    <section className="card">
      <h1>{t('appTitle')}</h1>
      <p>{viewer.role === 'reviewer' ? t('noAssignments') : t('noRounds')}</p>
      {viewer.role === 'admin' ? (
        <p>
          <Link className="button" href="/admin/rounds">
            {t('newRound')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
