import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchWhatIf } from '@/app/lib/data';
import { one, type SearchParams } from '@/app/lib/params';
import { RoundHeader } from '@/app/ui/layout/RoundHeader';
import { WhatIfForm } from '@/app/ui/sensitivity/WhatIfForm';
import { WhatIfLeavesTable, WhatIfOthersTable } from '@/app/ui/sensitivity/WhatIfTables';

export const dynamic = 'force-dynamic';

// The tried values come from the URL: a bounded number of short texts, anything else is dropped.
const Query = z.record(z.string().max(80), z.string().max(80));
const MAX_FIELDS = 200;

/** 试算: the unit's own values changed in the URL, scored against its group; nothing is saved. */
export default async function WhatIfPage({ params, searchParams }: { params: Promise<{ slug: string; code: string }>; searchParams: SearchParams }) {
  const { slug, code } = await params;
  const base = `/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(code)}/whatif`;
  const viewer = await requireUser('department:view', { target: { departmentCode: code }, returnTo: base });
  const raw = Object.entries(await searchParams)
    .slice(0, MAX_FIELDS)
    .map(([k, v]) => [k, one(v)] as const)
    .filter((e): e is readonly [string, string] => e[1] !== undefined);
  const parsed = Query.safeParse(Object.fromEntries(raw));
  const data = await fetchWhatIf(viewer, slug, code, parsed.success ? parsed.data : {});
  if (!data) notFound();
  const { t, locale } = await getTranslator();
  const { round, whatIf: w } = data;
  const r = w.result;
  return (
    <>
      <RoundHeader
        t={t}
        locale={locale}
        viewer={viewer}
        rounds={data.rounds}
        round={round}
        section="whatif"
        title={
          <>
            <span data-name="">{w.name}</span> · {t('whatIfTitle')}
          </>
        }
        pathIn={data.unitRounds}
        path={`/departments/${encodeURIComponent(code)}/whatif`}
        groupSwitch={false}
      />
      <section className="card" aria-labelledby="whatif-form-title">
        <h2 id="whatif-form-title">{t('whatIfFormTitle')}</h2>
        <p className="muted">{t('whatIfIntro')}</p>
        <WhatIfForm fields={w.fields} problemKeys={w.problems.map((p) => p.key ?? '')} />
        {/* The headline again, pinned under the form; the result below says it to screen readers. */}
        <div className="whatif-sticky" aria-hidden="true" data-testid="whatif-sticky">
          {r ? (
            <>
              <span>
                {t('whatIfTotal')} <strong>{r.totalAfter}</strong>
                {t('paren', { x: r.delta })}
              </span>
              <span>
                {t('whatIfRank')} <strong>{r.rankAfter}</strong> / {w.groupSize}
              </span>
              <span>
                {t('whatIfGrade')} <strong>{r.gradeAfter}</strong>
              </span>
            </>
          ) : (
            <span className="status-bad">{t('whatIfProblems')}</span>
          )}
        </div>
      </section>
      <section className="card" aria-labelledby="whatif-result-title" aria-live="polite" data-testid="whatif-result">
        <h2 id="whatif-result-title">{t('whatIfResultTitle')}</h2>
        {w.problems.length ? (
          <div role="alert" data-testid="whatif-problems">
            <p className="status-bad">{t('whatIfProblems')}</p>
            <ul>
              {w.problems.map((p, i) => (
                <li key={i}>{p.label || p.key ? t('labelValue', { label: p.label ?? p.key ?? '', value: p.message }) : p.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {r ? (
          <>
            <p className="muted">{w.changed.length ? t('whatIfChanged', { n: w.changed.length }) : t('whatIfNoChange')}</p>
            <dl className="figures" data-testid="whatif-figures">
              <div>
                <dt>{t('whatIfTotalBefore')}</dt>
                <dd>{r.totalBefore}</dd>
              </div>
              <div>
                <dt>{t('whatIfTotal')}</dt>
                <dd data-testid="whatif-total">
                  {r.totalAfter}
                  <span className={r.delta.startsWith('+') ? 'move-up' : r.delta.startsWith('-') ? 'move-down' : 'muted'} style={{ fontSize: 14, marginLeft: 6 }}>
                    {r.delta}
                  </span>
                </dd>
              </div>
              <div>
                <dt>{t('whatIfRankBefore')}</dt>
                <dd>
                  {r.rankBefore}
                  <span className="muted" style={{ fontSize: 14, fontWeight: 400 }}> / {w.groupSize}</span>
                </dd>
              </div>
              <div>
                <dt>{t('whatIfRank')}</dt>
                <dd data-testid="whatif-rank">
                  {r.rankAfter}
                  <span className="muted" style={{ fontSize: 14, fontWeight: 400 }}> / {w.groupSize}</span>
                  {r.tiedAfter ? <span className="badge tied">{t('tied')}</span> : null}
                </dd>
              </div>
              <div>
                <dt>{t('whatIfGradeBefore')}</dt>
                <dd data-testid="whatif-grade-before">{r.gradeBefore}</dd>
              </div>
              <div>
                <dt>{t('whatIfGrade')}</dt>
                <dd data-testid="whatif-grade">
                  <span className={r.gradeMove === 'up' ? 'move-up' : r.gradeMove === 'down' ? 'move-down' : undefined}>{r.gradeAfter}</span>
                  {r.gradeMove ? <span className="muted" style={{ fontSize: 14, fontWeight: 400, marginLeft: 6 }}>{t('paren', { x: `${r.gradeBefore} → ${r.gradeAfter}` })}</span> : null}
                </dd>
              </div>
            </dl>
            <p className="note" role="note" data-testid="whatif-others-note">
              {r.othersMove ? t('whatIfOthersMove') : t('whatIfOthersStill')}
            </p>
            {r.scales && r.scales.length ? (
              <>
                <h3>{t('whatIfScalesTitle')}</h3>
                <ul data-testid="whatif-scales">
                  {r.scales.map((s) => (
                    <li key={s.leaf}>{t('labelValue', { label: s.name, value: `${s.before ?? t('basis.thresholds')} → ${s.after ?? t('basis.thresholds')}` })}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {r.others && r.others.length ? (
              <>
                <h3>{t('whatIfOthersTitle', { n: r.others.length })}</h3>
                <WhatIfOthersTable others={r.others} />
              </>
            ) : null}
            <h3>{t('whatIfLeavesTitle')}</h3>
            <WhatIfLeavesTable leaves={r.leaves} />
          </>
        ) : null}
      </section>
    </>
  );
}
