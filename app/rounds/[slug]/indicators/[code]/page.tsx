import { notFound } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchIndicator } from '@/app/lib/data';
import type { SearchParams } from '@/app/lib/params';
import { loadRoundParams } from '@/app/lib/search-params';
import { Distribution } from '@/app/ui/indicator/Distribution';
import { InBandList } from '@/app/ui/indicator/InBandList';
import { LostPointsTable } from '@/app/ui/indicator/LostPointsTable';
import { RoundHeader } from '@/app/ui/layout/RoundHeader';
import { ScaleSetters } from '@/app/ui/sensitivity/ScaleSetters';

export const dynamic = 'force-dynamic';

export default async function IndicatorPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; code: string }>;
  searchParams: SearchParams;
}) {
  const { slug, code } = await params;
  const viewer = await requireUser('round:indicators', { returnTo: `/rounds/${encodeURIComponent(slug)}/indicators/${encodeURIComponent(code)}` });
  const data = await fetchIndicator(viewer, slug, code, (loadRoundParams(await searchParams).group ?? undefined));
  if (!data) notFound();
  const { t, locale } = await getTranslator();
  const { indicator: v, round } = data;
  return (
    <>
      <RoundHeader
        locale={locale}
        t={t}
        viewer={viewer}
        rounds={data.rounds}
        round={round}
        section="indicators"
        title={
          <>
            <span data-name="">{v.leaf.name}</span>
            {t('paren', { x: t('weightLabel', { w: v.leaf.weight }) })}
          </>
        }
        path={`/indicators/${encodeURIComponent(v.leaf.code)}`}
      />
      <section className="card" aria-labelledby="rule-title">
        <h2 id="rule-title">{t('rule')}</h2>
        <p className="muted">
          {v.leaf.level1Name}
          {v.leaf.level2Name ? ` › ${v.leaf.level2Name}` : ''} · <code>{v.leaf.code}</code>
        </p>
        <p>{v.ruleText}</p>
        {v.target ? <p className="target">{v.target}</p> : null}
        <dl className="figures">
          {v.lines.map((l) => (
            <div key={l.key}>
              <dt>{{ full: t('fullLine'), zero: t('zeroLine'), min: t('cohortMinUsed'), max: t('cohortMaxUsed') }[l.key]}</dt>
              <dd>{l.text}</dd>
            </div>
          ))}
          {v.stat ? (
            <div>
              <dt>{t('basis')}</dt>
              <dd>
                {t(`basis.${v.stat.basis}`)}
                {t('paren', { x: t('qualifyingOfValid', { qualifying: v.stat.qualifying, n: v.stat.n }) })}
              </dd>
            </div>
          ) : null}
          {v.summary ? (
            <>
              <div>
                <dt>{t('meanScore')}</dt>
                <dd>{v.summary.meanScore}</dd>
              </div>
              <div>
                <dt>{t('medianScore')}</dt>
                <dd>{v.summary.medianScore}</dd>
              </div>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="dist-title">
        <h2 id="dist-title">{v.leaf.kind === 'banded' || v.leaf.kind === 'proportional' ? t('distribution') : t('scoreDistribution')}</h2>
        <Distribution view={v} />
        {v.leaf.kind === 'banded' ? <InBandList t={t} view={v} /> : null}
      </section>
      {data.scale ? (
        <section className="card" aria-labelledby="setters-title" data-testid="scale-setters">
          <h2 id="setters-title">{t('settersTitle')}</h2>
          <ScaleSetters t={t} scale={data.scale} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="lost-title">
        <h2 id="lost-title">{t('lostPoints')}</h2>
        <LostPointsTable view={v} slug={round.slug} />
      </section>
    </>
  );
}
