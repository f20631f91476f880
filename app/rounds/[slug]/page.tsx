import { notFound, redirect } from 'next/navigation';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/app/lib/auth/guard';
import { getTranslator } from '@/app/i18n/server';
import { fetchRankings } from '@/app/lib/data';
import type { SearchParams } from '@/app/lib/params';
import { loadRoundParams } from '@/app/lib/search-params';
import { RoundHeader } from '@/app/ui/layout/RoundHeader';
import { GradeCountsTable } from '@/app/ui/grades/GradeCountsTable';
import { ReportLinks } from '@/app/ui/grades/ReportLinks';
import { ExportLinks } from '@/app/ui/rankings/ExportLinks';
import { RankingsPanel } from '@/app/ui/rankings/RankingsPanel';
import { rankingChartSvg } from '@/app/ui/rankings/ranking-chart-svg';
import { UploadForm } from '@/app/ui/rankings/UploadForm';

export const dynamic = 'force-dynamic';

export default async function RankingsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  const { slug } = await params;
  const sp = loadRoundParams(await searchParams);
  const group = sp.group ?? undefined;
  // ?publication=N: the figures an earlier publication froze, withdrawn or not.
  const publication = sp.publication !== null && sp.publication > 0 ? sp.publication : undefined;
  const viewer = await requireUser('round:view', { returnTo: `/rounds/${encodeURIComponent(slug)}` });
  const data = await fetchRankings(viewer, slug, group, publication);
  if (!data) {
    // A department whose round keeps the ranking list closed sees its own page instead.
    if (viewer.departmentCode) redirect(`/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(viewer.departmentCode)}`);
    notFound();
  }
  const { t, locale } = await getTranslator();
  const { round, rankings } = data;
  return (
    <div className="print-wide">
      <RoundHeader t={t} locale={locale} viewer={viewer} rounds={data.rounds} round={round} section="rankings" path="" />
      {rankings ? (
        <RankingsPanel
          view={rankings}
          slug={round.slug}
          exports={
            can(viewer, 'round:export') ? (
              <div className="toolbar-group">
                <ExportLinks t={t} slug={round.slug} group={round.group} publication={publication} />
                <ReportLinks t={t} slug={round.slug} publication={publication} />
              </div>
            ) : null
          }
          linkOnly={viewer.departmentCode}
          chartSvg={rankingChartSvg(rankings, t, locale)}
        />
      ) : (
        <p className="card muted">{t('noRows')}</p>
      )}
      {data.gradeCounts.rows.length ? (
        <section className="card" aria-labelledby="grades-title">
          <h2 id="grades-title">{t('gradeCountsTitle')}</h2>
          <GradeCountsTable view={data.gradeCounts} />
        </section>
      ) : null}
      {can(viewer, 'round:import') && publication === undefined ? (
        <section className="card upload" aria-labelledby="upload-title">
          <h2 id="upload-title">{t('uploadTitle')}</h2>
          <p className="muted">{t('uploadHint')}</p>
          <UploadForm slug={round.slug} locked={round.locked} />
        </section>
      ) : null}
    </div>
  );
}
