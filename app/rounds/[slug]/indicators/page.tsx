import { notFound } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchHeat } from '@/app/lib/data';
import type { SearchParams } from '@/app/lib/params';
import { loadRoundParams } from '@/app/lib/search-params';
import { HeatTable } from '@/app/ui/indicators/HeatTable';
import { RoundHeader } from '@/app/ui/layout/RoundHeader';

export const dynamic = 'force-dynamic';

export default async function IndicatorsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  const { slug } = await params;
  const viewer = await requireUser('round:indicators', { returnTo: `/rounds/${encodeURIComponent(slug)}/indicators` });
  const data = await fetchHeat(viewer, slug, (loadRoundParams(await searchParams).group ?? undefined));
  if (!data) notFound();
  const { t, locale } = await getTranslator();
  return (
    <div className="print-wide">
      <RoundHeader t={t} locale={locale} viewer={viewer} rounds={data.rounds} round={data.round} section="indicators" path="/indicators" />
      <section className="card" aria-labelledby="heat-title">
        <h2 id="heat-title">{t('indicatorsTitle')}</h2>
        <p className="muted">{t('indicatorsHint')}</p>
        {data.heat ? <HeatTable view={data.heat} slug={data.round.slug} group={data.round.group} /> : <p className="muted">{t('noRows')}</p>}
      </section>
    </div>
  );
}
