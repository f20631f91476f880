import { redirect } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { fetchNewestRoundSlug } from '@/app/lib/data';

export const dynamic = 'force-dynamic';

/** `/` opens the newest round's rankings. */
export default async function Home() {
  const slug = await fetchNewestRoundSlug();
  if (slug) redirect(`/rounds/${encodeURIComponent(slug)}`);
  const { t } = await getTranslator();
  return (
    <section className="card">
      <h1>{t('appTitle')}</h1>
      <p>{t('noRounds')}</p>
    </section>
  );
}
