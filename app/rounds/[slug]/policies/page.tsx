import { notFound } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchPolicies } from '@/app/lib/data';
import type { SearchParams } from '@/app/lib/params';
import { loadRoundParams } from '@/app/lib/search-params';
import { RoundHeader } from '@/app/ui/layout/RoundHeader';
import { PoliciesPanel } from '@/app/ui/sensitivity/PoliciesPanel';
import { StabilityTables } from '@/app/ui/sensitivity/StabilityTables';

export const dynamic = 'force-dynamic';

/** 口径对比: every unit under each policy with its rank range (a department: its own row only). */
export default async function PoliciesPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  const { slug } = await params;
  const viewer = await requireUser('round:view', { returnTo: `/rounds/${encodeURIComponent(slug)}/policies` });
  const data = await fetchPolicies(viewer, slug, (loadRoundParams(await searchParams).group ?? undefined));
  if (!data) notFound();
  const { t, locale } = await getTranslator();
  const { round, policies, full } = data;
  return (
    <>
      <RoundHeader t={t} locale={locale} viewer={viewer} rounds={data.rounds} round={round} section="policies" title={t('policiesTitle')} path="/policies" groupSwitch={full} />
      {round.locked ? (
        <p className="note" role="note" data-testid="analysis-note">
          {t('analysisNote')}
        </p>
      ) : null}
      <PoliciesPanel view={policies} slug={round.slug} chart={full} linkOnly={viewer.departmentCode} />
      {full ? <StabilityTables view={policies} /> : null}
    </>
  );
}
