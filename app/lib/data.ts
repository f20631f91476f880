/**
 * Every read the pages make, in one place. Each returns plain view data (or null for "not found")
 * and takes the signed-in viewer: what a viewer may not see is never returned, so a page that
 * forgot its own check (`requireUser`) still cannot show another department's data.
 */
import { cache } from 'react';
import { getDepartmentHistory, getRoundScores, listRounds, listSubmissionVersions } from '@/db/queries';
import { visibleRoundSlugs } from '@/db/scope';
import { getLocale } from '@/app/i18n/server';
import { can, type Viewer } from '@/lib/auth/roles';
import { fmtScore } from '@/lib/scoring';
import { totalSummary } from '@/lib/stats';
import { departmentView, versionView } from './views/department';
import { explanationView } from './views/explanation';
import { heatView } from './views/heat';
import { indicatorView } from './views/indicator';
import { memoByScores } from './views/memo';
import { rankingsView } from './views/rankings';
import { membersOf, pickGroup, roundContext, roundSummary } from './views/round';
import { ownPoliciesView, policiesView, rangesOf, scaleView } from './views/sensitivity';
import { whatIfView } from './views/whatif';

// One scoring per request even when a page and its header both ask.
const roundScores = cache((slug: string) => getRoundScores(slug));

/** The rounds the viewer may know about (a department: those it takes part in), newest first. */
export async function fetchRoundList(viewer: Viewer) {
  const [rounds, visible] = await Promise.all([listRounds(), visibleRoundSlugs(viewer)]);
  return rounds.filter((r) => !visible || visible.has(r.slug)).map(roundSummary);
}

/** The newest round the viewer may see, for `/`. */
export async function fetchNewestRoundSlug(viewer: Viewer): Promise<string | null> {
  return (await fetchRoundList(viewer))[0]?.slug ?? null;
}

/** The scored round, if the viewer may see it at all: a department only the rounds it is in. */
async function visibleRound(viewer: Viewer, slug: string) {
  const rs = await roundScores(slug);
  if (!rs) return null;
  if (viewer.role === 'department' && !rs.scores.departments.some((d) => d.code === viewer.departmentCode)) return null;
  return rs;
}

async function roundAndGroup(viewer: Viewer, slug: string, group: string | undefined) {
  const [rs, rounds] = await Promise.all([visibleRound(viewer, slug), fetchRoundList(viewer)]);
  if (!rs) return null;
  // A department allowed the ranking list sees its own group's list only.
  const own = viewer.role === 'department' ? rs.scores.departments.find((d) => d.code === viewer.departmentCode)?.group : undefined;
  const g = own ?? pickGroup(rs, group);
  const context = g ? roundContext(rs, g) : { ...roundContext(rs, ''), groups: [] };
  return { rs, rounds, group: g, context: own ? { ...context, groups: [own] } : context };
}

/** The ranking list: the bureau and leaders always, a department only where its round allows. */
export async function fetchRankings(viewer: Viewer, slug: string, group: string | undefined) {
  const r = await roundAndGroup(viewer, slug, group);
  if (!r || !can(viewer, 'round:rankings', { round: r.rs.round })) return null;
  const g = r.group;
  return { rounds: r.rounds, round: r.context, rankings: g ? memoByScores(r.rs.scores, `rankings|${g}`, () => rankingsView(r.rs, g, rangesOf(r.rs, g))) : null };
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
  const whatIf = whatIfView(rs, code, query, { others: can(viewer, 'whatif:others') });
  if (!whatIf) return null;
  return { rounds: await fetchRoundList(viewer), round: roundContext(rs, d.group), whatIf };
}

export async function fetchDepartment(viewer: Viewer, slug: string, code: string) {
  if (!can(viewer, 'department:view', { departmentCode: code })) return null;
  const rs = await visibleRound(viewer, slug);
  const d = rs?.scores.departments.find((x) => x.code === code);
  if (!rs || !d) return null;
  const [rounds, history, versions] = await Promise.all([fetchRoundList(viewer), getDepartmentHistory(code), listSubmissionVersions(slug, code)]);
  // The group's mean, median and best total: all a department may know of the others' scores.
  const totals = totalSummary(membersOf(rs, d.group));
  const groupTotals = totals ? { mean: fmtScore(totals.mean), median: fmtScore(totals.median), best: fmtScore(totals.max) } : null;
  return {
    rounds,
    round: roundContext(rs, d.group),
    department: departmentView(rs, code, history, await getLocale())!,
    versions: versions.map(versionView),
    groupTotals,
    rankRange: rangesOf(rs, d.group).get(code) ?? null,
  };
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
export async function fetchRoundScores(viewer: Viewer, slug: string) {
  if (!can(viewer, 'round:export')) return null;
  return roundScores(slug);
}
