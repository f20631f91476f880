import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Translate } from '@/app/i18n';
import { getTranslator } from '@/app/i18n/server';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchDepartment } from '@/app/lib/data';
import { TrendChart } from '@/app/ui/department/TrendChart';
import { GradeBadge } from '@/app/ui/grades/GradeBadge';
import { MoveRank, MoveTotal } from '@/app/ui/grades/MoveCells';
import { scorecardPdfHref } from '@/app/ui/grades/ReportLinks';
import { Level2Chart } from '@/app/ui/department/Level2Chart';
import { ScoreTree } from '@/app/ui/department/ScoreTree';
import { VersionList } from '@/app/ui/department/VersionList';
import { WeakList } from '@/app/ui/department/WeakList';
import { RoundHeader } from '@/app/ui/layout/RoundHeader';
import { RangeBar } from '@/app/ui/sensitivity/RangeBar';

export const dynamic = 'force-dynamic';

/** A unit's 评分表: its figures, weak indicators, level-2 rates, history, indicator tree and submission versions. */
export default async function DepartmentPage({ params }: { params: Promise<{ slug: string; code: string }> }) {
  const { slug, code } = await params;
  const viewer = await requireUser('department:view', {
    target: { departmentCode: code },
    returnTo: `/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(code)}`,
  });
  const data = await fetchDepartment(viewer, slug, code);
  if (!data) notFound();
  const { t, locale } = await getTranslator();
  const { department: d, round } = data;
  return (
    <>
      <RoundHeader
        locale={locale}
        t={t}
        viewer={viewer}
        rounds={data.rounds}
        round={round}
        section="department"
        title={
          <>
            <span data-name="">{d.name}</span> · {t('departmentTitle')}
          </>
        }
        pathIn={d.history.map((h) => h.roundSlug)}
        path={`/departments/${encodeURIComponent(d.code)}`}
        groupSwitch={false}
      />
      <Figures t={t} data={data} />
      <div className="grid-2">
        <section className="card" aria-labelledby="weak-title">
          <h2 id="weak-title">{t('weakIndicators')}</h2>
          <WeakList t={t} weak={d.weak} slug={round.slug} group={d.group} linkIndicators={can(viewer, 'round:indicators')} />
        </section>
        <div className="stack">
          <section className="card" aria-labelledby="l2-title">
            <h2 id="l2-title">{t('level2Chart')}</h2>
            <Level2Chart rows={d.level2} />
          </section>
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">{t('trendTitle')}</h2>
            {data.trend.points.length > 1 ? null : <p className="muted">{t('trendOnlyOne')}</p>}
            <TrendChart view={data.trend} />
          </section>
        </div>
      </div>
      <section className="card" aria-labelledby="tree-title" style={{ marginTop: 16 }}>
        <div className="card-head">
          <h2 id="tree-title">{t('indicatorTree')}</h2>
          <p className="muted" style={{ margin: 0 }} data-testid="self-summary">
            {!d.hasSelf ? t('noSelf') : d.selfDiffCount ? t('selfDiffCount', { n: d.selfDiffCount }) : t('selfDiffNone')}
          </p>
        </div>
        <ScoreTree t={t} rows={d.tree} />
      </section>
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{t('submissionVersions')}</h2>
        <p className="muted">{t('versionsHint')}</p>
        <VersionList locale={locale} versions={data.versions} />
      </section>
    </>
  );
}

type Data = NonNullable<Awaited<ReturnType<typeof fetchDepartment>>>;

/** The unit's figures: its standing, the group's, and its own self-score. */
function Figures({ t, data }: { t: Translate; data: Data }) {
  const { department: d, round } = data;
  return (
    <section className="card figures-card" aria-label={t('total')}>
      <div className="toolbar" aria-label={t('reports')}>
        <a className="button secondary" href={scorecardPdfHref(round.slug, d.code)} download data-testid="pdf-scorecard">
          {t('pdfScorecard')}
        </a>
        <Link className="button secondary" href={`/rounds/${encodeURIComponent(round.slug)}/departments/${encodeURIComponent(d.code)}/whatif`} data-testid="whatif-link">
          {t('whatIfLink')}
        </Link>
      </div>
      <dl className="figures" data-testid="department-figures">
        <Standing t={t} data={data} />
        <GroupTotals t={t} totals={data.groupTotals} />
        <div>
          <dt>{t('selfTotal')}</dt>
          <dd>{d.selfTotal ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('selfDiff')}</dt>
          <dd className={d.selfTotalDiff?.startsWith('+') ? 'status-bad' : d.selfTotalDiff && d.selfTotalDiff !== '0.00' ? 'status-ok' : undefined}>
            {d.selfTotalDiff ?? '—'}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** Total (a range while the unit awaits evaluation), grade, rank in the group and rank range, the group, and the change since last year. */
function Standing({ t, data }: { t: Translate; data: Data }) {
  const d = data.department;
  return (
    <>
      <div>
        <dt>{t('total')}</dt>
        <dd data-testid="department-total">
          {d.totalMax ? (
            <span title={t('totalRangeHint', { lo: d.total, hi: d.totalMax })}>
              {t('totalRange', { lo: d.total, hi: d.totalMax })}
              <span className="badge pending">{t('pendingRow')}</span>
            </span>
          ) : (
            d.total
          )}
        </dd>
      </div>
      <div>
        <dt>{t('gradeLong')}</dt>
        <dd data-testid="department-grade">
          <GradeBadge grade={d.grade} grades={data.grades} provisional={d.totalMax ? t('paren', { x: t('provisional') }) : undefined} />
        </dd>
      </div>
      <div>
        <dt>{t('rank')}</dt>
        <dd>
          {d.rank}
          <span className="muted" style={{ fontSize: 14, fontWeight: 400 }}>
            {' '}
            / {d.groupSize}
          </span>
          {d.tied ? <span className="badge tied">{t('tied')}</span> : null}
        </dd>
      </div>
      {data.rankRange ? (
        <div>
          <dt title={t('rankRangeHint')}>{t('rankRange')}</dt>
          <dd style={{ fontSize: 14 }}>
            <RangeBar t={t} range={data.rankRange} rank={d.rank} n={d.groupSize} />
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t('group')}</dt>
        <dd>{d.group}</dd>
      </div>
      {data.move ? (
        <div title={data.previous ? data.previous.name : undefined}>
          <dt>{t('change')}</dt>
          <dd data-testid="department-move">
            <MoveRank move={data.move} code={d.code} t={t} /> <MoveTotal move={data.move} t={t} />
          </dd>
        </div>
      ) : null}
    </>
  );
}

/** The group's mean, median and best total: all a department may know of the others' scores. */
function GroupTotals({ t, totals }: { t: Translate; totals: Data['groupTotals'] }) {
  if (!totals) return null;
  return (
    <>
      <div>
        <dt>{t('groupMeanTotal')}</dt>
        <dd data-testid="group-mean">{totals.mean}</dd>
      </div>
      <div>
        <dt>{t('groupMedianTotal')}</dt>
        <dd data-testid="group-median">{totals.median}</dd>
      </div>
      <div>
        <dt>{t('groupBestTotal')}</dt>
        <dd data-testid="group-best">{totals.best}</dd>
      </div>
    </>
  );
}
