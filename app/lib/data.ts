/**
 * Every read the pages make, in one place. Each returns plain view data (or null for "not found")
 * and takes the signed-in viewer: what a viewer may not see is never returned, so a page that
 * forgot its own check (`requireUser`) still cannot show another department's data.
 */
import { cache } from 'react';
import { listMembers } from '@/db/enrolment';
import { listEarlierCodes } from '@/db/links';
import { listBlockers, listPublications } from '@/db/publication';
import { getPreviousRound, getTrend } from '@/db/report-data';
import { listReviewerAssignments } from '@/db/reviewers';
import { selectDepartmentRoundSlugs, selectReviewerRoundSlugs } from '@/db/round-data';
import { listGroups } from '@/db/round-setup';
import { getBureauName } from '@/db/settings';
import { listDepartmentChoices } from '@/db/users';
import { getDb } from '@/db/client';
import { getDepartmentHistory, getRound, getRoundCohort, getRoundFigures, listRounds, listSubmissionVersions, type RoundScores } from '@/db/queries';
import { departmentToRow } from '@/lib/interchange/table';
import { buildTemplate } from '@/lib/interchange/xlsx';
import { bulletin, scorecardReports, unitTrend, type ReportSources } from './reports/assemble';
import { getLocale } from '@/app/i18n/server';
import { can, type Viewer } from '@/lib/auth/roles';
import { fmtScore } from '@/lib/scoring';
import { totalSummary } from '@/lib/stats';
import { loadDepartmentEvaluation, loadReviewerWork } from './services/evaluation';

export type { Member } from '@/db/enrolment';
export type { ReviewerAssignmentRow } from '@/db/reviewers';
export type { Round } from '@/db/queries';
import { listRoundSubmissions } from './services/review';
import { loadSubmissionForm } from './services/submission';
import { departmentView, versionView } from './views/department';
import { explanationView } from './views/explanation';
import { heatView } from './views/heat';
import { indicatorView } from './views/indicator';
import { memoByScores, scoringId } from './views/memo';
import { rankingsView } from './views/rankings';
import { membersOf, pickGroup, publicationView, roundContext, roundSummary } from './views/round';
import { ownPoliciesView, policiesView, rangesOf, scaleView } from './views/sensitivity';
import { gradeCountsView, movementsOf, standingsOf, type Comparison } from './views/standing';
import { whatIfView } from './views/whatif';

/**
 * The figures every page of a round shows (db/queries' getRoundFigures: a published round's
 * frozen publication, any other round live), read once per request even when a page and its
 * header both ask.
 */
const roundScores = cache((slug: string, publication?: number): Promise<RoundScores | null> => getRoundFigures(slug, publication));

/**
 * Which rounds a viewer may know about: all of them for the bureau and leaders, for a department
 * the rounds it takes part in, for a reviewer those it evaluates in. Null means "no restriction".
 */
async function visibleRoundSlugs(viewer: Viewer): Promise<Set<string> | null> {
  if (viewer.role === 'reviewer') return selectReviewerRoundSlugs(await getDb(), viewer.id);
  if (viewer.role !== 'department') return null;
  if (viewer.departmentId === null) return new Set();
  return selectDepartmentRoundSlugs(await getDb(), viewer.departmentId);
}

/** The rounds the viewer may know about (a department: those it takes part in), newest first. */
export async function fetchRoundList(viewer: Viewer) {
  const [rounds, visible] = await Promise.all([listRounds(), visibleRoundSlugs(viewer)]);
  return rounds.filter((r) => !visible || visible.has(r.slug)).map(roundSummary);
}

/** The newest round the viewer may see (with its status), for `/`. */
export async function fetchNewestRound(viewer: Viewer) {
  return (await fetchRoundList(viewer))[0] ?? null;
}

/** The newest round the viewer may see, for `/`. */
export async function fetchNewestRoundSlug(viewer: Viewer): Promise<string | null> {
  return (await fetchNewestRound(viewer))?.slug ?? null;
}

/** The scored round, if the viewer may see it at all: a department only the rounds it is in. */
async function visibleRound(viewer: Viewer, slug: string, publication?: number) {
  const rs = await roundScores(slug, publication);
  if (!rs) return null;
  if (viewer.role === 'department' && !rs.scores.departments.some((d) => d.code === viewer.departmentCode)) return null;
  return rs;
}

async function roundAndGroup(viewer: Viewer, slug: string, group: string | undefined, publication?: number) {
  const [rs, rounds] = await Promise.all([visibleRound(viewer, slug, publication), fetchRoundList(viewer)]);
  if (!rs) return null;
  // A department allowed the ranking list sees its own group's list only.
  const own = viewer.role === 'department' ? rs.scores.departments.find((d) => d.code === viewer.departmentCode)?.group : undefined;
  const g = own ?? pickGroup(rs, group);
  const context = g ? roundContext(rs, g) : { ...roundContext(rs, ''), groups: [] };
  return { rs, rounds, group: g, context: own ? { ...context, groups: [own] } : context };
}

/**

 * What 较上年 compares with: the previous round's figures (its standing publication when published,
 * else its current ones) and the bureau's code links. Internal: only movements derived from it
 * leave the server.
 */
const comparisonFor = cache(async (slug: string): Promise<{ comparison: Comparison; key: string } | null> => {
  const rs = await roundScores(slug);
  if (!rs) return null;
  const previous = await getPreviousRound(rs.round);
  const prs = previous ? await roundScores(previous.slug) : null;
  if (!previous || !prs) return null;
  const earlierOf = await listEarlierCodes();
  const key = `${previous.slug}:${scoringId(prs.scores)}:${previous.published}:${JSON.stringify([...earlierOf])}`;
  return {
    key,
    comparison: { info: { slug: previous.slug, name: previous.name, year: previous.year, published: previous.published }, standings: standingsOf(prs.scores), earlierOf },
  };
});

/**
 * The ranking list: the bureau and leaders always, a department only where its round allows.
 * `publication`: an earlier publication's figures (the bureau and leaders only).
 */
export async function fetchRankings(viewer: Viewer, slug: string, group: string | undefined, publication?: number) {
  if (publication !== undefined && !can(viewer, 'round:export')) return null;
  const r = await roundAndGroup(viewer, slug, group, publication);
  if (!r || !can(viewer, 'round:rankings', { round: r.rs.round })) return null;
  const g = r.group;
  const c = await comparisonFor(slug);
  const rankings = g ? memoByScores(r.rs.scores, `rankings|${g}|${c?.key ?? ''}`, () => rankingsView(r.rs, g, rangesOf(r.rs, g), c?.comparison ?? null)) : null;
  // Counts per grade for every group the viewer may see (a department: its own).
  const gradeCounts = gradeCountsView(r.rs, r.context.groups);
  return { rounds: r.rounds, round: r.context, rankings, gradeCounts };
}

export async function fetchHeat(viewer: Viewer, slug: string, group: string | undefined) {
  if (!can(viewer, 'round:indicators')) return null;
  const r = await roundAndGroup(viewer, slug, group);
  if (!r) return null;
  return { rounds: r.rounds, round: r.context, heat: r.group ? heatView(r.rs, r.group) : null };
}

export async function fetchIndicator(viewer: Viewer, slug: string, code: string, group: string | undefined) {
  if (!can(viewer, 'round:indicators')) return null;
  const r = await roundAndGroup(viewer, slug, group);
  if (!r || !r.group) return null;
  // Formulas and targets come from the engine's renderer, in the viewer's language.
  const indicator = indicatorView(r.rs, r.group, code, await getLocale());
  if (!indicator) return null;
  return { rounds: r.rounds, round: r.context, indicator, scale: scaleView(r.rs, r.group, code) };
}

/**
 * 口径对比: the bureau and leaders see every unit of the group; a department sees its own row only
 * (its three totals and ranks), and nothing of who moves the scale.
 */
export async function fetchPolicies(viewer: Viewer, slug: string, group: string | undefined) {
  const all = can(viewer, 'round:policies');
  const own = viewer.departmentCode;
  if (!all && !(own && can(viewer, 'department:view', { departmentCode: own }))) return null;
  const r = await roundAndGroup(viewer, slug, group);
  if (!r || !r.group) return null;
  const g = r.group;
  const view = memoByScores(r.rs.scores, `policies|${g}`, () => policiesView(r.rs, g));
  return { rounds: r.rounds, round: r.context, full: all, policies: all ? view : ownPoliciesView(view, own!) };
}

/**
 * 试算 for one unit, with the tried values of the URL; nothing is saved. Whoever may see the
 * unit's 评分表 may try; only the bureau and leaders learn which other units would move.
 */
export async function fetchWhatIf(viewer: Viewer, slug: string, code: string, query: Record<string, string>) {
  if (!can(viewer, 'department:view', { departmentCode: code })) return null;
  const rs = await visibleRound(viewer, slug);
  const d = rs?.scores.departments.find((x) => x.code === code);
  if (!rs || !d) return null;
  const whatIf = whatIfView(rs, code, query, { others: can(viewer, 'whatif:others'), locale: await getLocale() });
  if (!whatIf) return null;
  const [rounds, published] = await Promise.all([fetchRoundList(viewer), getDepartmentHistory(code)]);
  // The rounds where this unit's 试算 exists, for the round selector: those it was published in, and this one.
  const unitRounds = [...new Set([...published.map((h) => h.roundSlug), slug])];
  return { rounds, round: roundContext(rs, d.group), whatIf, unitRounds };
}

export async function fetchDepartment(viewer: Viewer, slug: string, code: string) {
  if (!can(viewer, 'department:view', { departmentCode: code })) return null;
  const rs = await visibleRound(viewer, slug);
  const d = rs?.scores.departments.find((x) => x.code === code);
  if (!rs || !d) return null;
  const [rounds, published, versions] = await Promise.all([fetchRoundList(viewer), getDepartmentHistory(code), listSubmissionVersions(slug, code)]);
  // History is the published rounds; a round in progress adds its live (maybe 暂定) figure at the end.
  const history = rs.publication
    ? published
    : [...published.filter((h) => h.roundSlug !== slug), { roundSlug: slug, roundName: rs.round.name, year: rs.round.year, group: d.group, total: fmtScore(d.total), rank: d.rank, tied: d.tied, snapshotAt: new Date() }].sort((a, b) => a.year - b.year);
  // The group's mean, median and best total: all a department may know of the others' scores.
  const totals = totalSummary(membersOf(rs, d.group));
  const groupTotals = totals ? { mean: fmtScore(totals.mean), median: fmtScore(totals.median), best: fmtScore(totals.max) } : null;
  const [c, trend] = await Promise.all([comparisonFor(slug), departmentTrend(rs, code)]);
  const move = movementsOf(rs, c?.comparison ?? null)?.get(code) ?? null;
  return {
    rounds,
    round: roundContext(rs, d.group),
    department: departmentView(rs, code, history, await getLocale())!,
    versions: versions.map(versionView),
    groupTotals,
    rankRange: rangesOf(rs, d.group).get(code) ?? null,
    move,
    previous: c?.comparison.info ?? null,
    trend,
    grades: rs.system.grades.map((g) => g.label),
  };
}

/** A unit over every round it took part in, under its code or an earlier one linked to it; this round as the page shows it. */
async function departmentTrend(rs: RoundScores, code: string) {
  return unitTrend(rs, code, { earlierOf: await listEarlierCodes(), trendOf: (codes) => getTrend(codes), publishedAt: await publishedAt(rs) });
}

/** When the figures shown were published (null: a round in progress, scored live). */
async function publishedAt(rs: RoundScores): Promise<Date | null> {
  return rs.publication?.publishedAt ?? null;
}

/** One cell's explanation, for the heat table's dialog. */
export async function fetchExplanation(viewer: Viewer, slug: string, departmentCode: string, indicatorCode: string) {
  if (!can(viewer, 'department:view', { departmentCode })) return null;
  const rs = await visibleRound(viewer, slug);
  const d = rs?.scores.departments.find((x) => x.code === departmentCode);
  const s = d?.indicators[indicatorCode];
  if (!rs || !d || !s) return null;
  return explanationView(rs.system, d, s, await getLocale());
}

/** The scored round itself, for exports: every department's figures, so the bureau and leaders only. */
export async function fetchRoundScores(viewer: Viewer, slug: string, publication?: number) {
  if (!can(viewer, 'round:export')) return null;
  return roundScores(slug, publication);
}

/**
 * The round's 填报模板 (the xlsx of `npm run template`) for the viewer: the bureau gets every enrolled
 * unit (with `withData`, their current figures and evaluations); a department gets its own row
 * only (with `withData`, its own current submission — never an evaluator's score).
 */
export async function fetchTemplate(viewer: Viewer, slug: string, withData: boolean): Promise<{ buffer: Buffer; round: { slug: string; name: string } } | null> {
  const round = await getRound(slug);
  if (!round) return null;
  if (can(viewer, 'round:import')) {
    const cohort = await getRoundCohort(slug);
    const rows = withData ? cohort!.departments.map((d) => departmentToRow(d)) : (await listMembers(round.id)).map((m) => ({ code: m.code, name: m.name, group: m.group }));
    return { buffer: await buildTemplate(cohort!.system, round, rows), round };
  }
  const code = viewer.departmentCode;
  if (!code || !can(viewer, 'submission:edit', { departmentCode: code })) return null;
  const form = await loadSubmissionForm(viewer, slug, code);
  if (!form) return null;
  const row = { code, name: form.department.name, group: form.department.group, ...(withData ? form.values : {}) };
  return { buffer: await buildTemplate(form.system, round, [row]), round };
}

/** Everything the round's admin page shows: status, publications, settings, groups, units, reviewers. */
export async function fetchManage(viewer: Viewer, slug: string) {
  if (!can(viewer, 'round:manage')) return null;
  const r = await roundAndGroup(viewer, slug, undefined);
  if (!r) return null;
  const round = r.rs.round;
  const [groups, members, publications, reviewers, blockers, all] = await Promise.all([
    listGroups(round.id),
    listMembers(round.id),
    listPublications(round.id),
    listReviewerAssignments(round.id),
    listBlockers(round),
    listRounds(),
  ]);
  const master = await listDepartmentChoices();
  const enrolled = new Set(members.map((m) => m.code));
  return {
    rounds: r.rounds,
    // The whole round, not one group: provisional when any unit awaits evaluation.
    context: { ...r.context, group: '', groupSize: 0, provisional: r.rs.scores.departments.some((d) => d.provisional) },
    round,
    groups,
    members,
    publications: publications.map(publicationView),
    reviewers,
    blockers,
    otherRounds: all.filter((x) => x.slug !== slug && x.departmentCount > 0).map((x) => ({ slug: x.slug, name: x.name, departmentCount: x.departmentCount })),
    notEnrolled: master.filter((d) => !enrolled.has(d.code)),
  };
}

/** The round a file may be imported into by the viewer; null when there is none or the viewer may not import. */
export async function fetchImportTarget(viewer: Viewer, slug: string) {
  if (!can(viewer, 'round:import')) return null;
  const round = await getRound(slug);
  return round ? roundSummary(round) : null;
}

/** Rounds for the bureau's round list, with their status and size. */
export async function fetchRoundAdminList(viewer: Viewer) {
  if (!can(viewer, 'round:manage')) return null;
  return listRounds();
}

/** Whether a reviewer is assigned to the department (or, without a code, to any department) of a round. */
export async function reviewerAssigned(viewer: Viewer, slug: string, code?: string): Promise<boolean> {
  if (viewer.role !== 'reviewer') return false;
  const work = await loadReviewerWork(viewer, slug);
  return Boolean(work && (code === undefined || work.departments.some((d) => d.code === code)));
}

/** A reviewer's units in a round, with progress; null when it has none there. */
export async function fetchReviewerWork(viewer: Viewer, slug: string) {
  const work = await loadReviewerWork(viewer, slug);
  if (!work) return null;
  const rounds = await fetchRoundList(viewer);
  return { ...work, rounds };
}

/** One unit for its reviewer (or the bureau): the submission's figures, self-scores and the scores given. */
export async function fetchEvaluation(viewer: Viewer, slug: string, code: string) {
  return loadDepartmentEvaluation(viewer, slug, code);
}

/**
 * The round for its xlsx/CSV export: the scores, each department's change since last year, and the
 * inputs scored (a publication's pinned submissions). `publication`: an earlier publication's.
 */
export async function fetchRoundExport(viewer: Viewer, slug: string, publication?: number) {
  const rs = await fetchRoundScores(viewer, slug, publication);
  if (!rs) return null;
  const c = await comparisonFor(slug);
  return { rs, moves: movementsOf(rs, c?.comparison ?? null), inputs: rs.departments.map((d) => departmentToRow(d)) };
}

/** What every document of a round is made from: the bureau's name, the dates, last year's figures, the trends. */
async function reportSources(rs: RoundScores): Promise<ReportSources> {
  const [bureau, c, locale, at, earlierOf] = await Promise.all([getBureauName(), comparisonFor(rs.round.slug), getLocale(), publishedAt(rs), listEarlierCodes()]);
  return { bureau, publishedAt: at, comparison: c?.comparison ?? null, earlierOf, trendOf: (codes) => getTrend(codes), locale };
}

/**
 * 评分表 for print: one department's (`code`; a department viewer its own only), or every
 * department's of the round (the bureau and leaders), in the engine's group and rank order.
 * `publication`: an earlier publication's figures (the bureau and leaders only).
 */
export async function fetchScorecards(viewer: Viewer, slug: string, code?: string, publication?: number) {
  if (code !== undefined ? !can(viewer, 'department:view', { departmentCode: code }) : !can(viewer, 'round:export')) return null;
  if (publication !== undefined && !can(viewer, 'round:export')) return null;
  const rs = await visibleRound(viewer, slug, publication);
  if (!rs) return null;
  const codes = rs.scores.departments.map((d) => d.code).filter((c) => code === undefined || c === code);
  if (codes.length === 0) return null;
  return { round: rs.round, reports: await scorecardReports(rs, codes, await reportSources(rs)) };
}

/** The round's 通报: every group's ranking with grades and movement. The bureau and leaders only. */
export async function fetchBulletin(viewer: Viewer, slug: string, publication?: number) {
  if (!can(viewer, 'round:export')) return null;
  const rs = await visibleRound(viewer, slug, publication);
  if (!rs || rs.scores.departments.length === 0) return null;
  return { round: rs.round, report: bulletin(rs, await reportSources(rs)) };
}

/** One unit for the bureau's review: its submission (figures, versions, status) and its evaluation. */
export async function fetchReview(viewer: Viewer, slug: string, code: string) {
  const [form, evaluation] = await Promise.all([loadSubmissionForm(viewer, slug, code), loadDepartmentEvaluation(viewer, slug, code)]);
  return form && evaluation ? { form, evaluation } : null;
}

/** The bureau's review list of a round: every unit with its submission and evaluation. */
export async function fetchReviewList(viewer: Viewer, slug: string) {
  const [round, list] = await Promise.all([getRound(slug), listRoundSubmissions(viewer, slug)]);
  return round && list ? { round, list } : null;
}

/** A department's own submission form (or, for the bureau, any unit's). */
export async function fetchSubmissionForm(viewer: Viewer, slug: string, code: string) {
  return loadSubmissionForm(viewer, slug, code);
}
