import Link from 'next/link';
import { getTranslator } from '@/app/i18n/server';

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <section className="card">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <Link href="/">{t('backToRankings')}</Link>
    </section>
  );
}
