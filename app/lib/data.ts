/**
 * Every read the pages make, in one place. Each returns plain view data (or null for "not found")
 * and is called at the top of a page or route after the access check that issue 5 adds
 * (`await requireUser()` goes in front of these calls, not inside components).
 */
import { cache } from 'react';
import { getDepartmentHistory, getRoundScores, listRounds, listSubmissionVersions } from '@/db/queries';
import { departmentView, versionView } from './views/department';
import { explanationView } from './views/explanation';
import { heatView } from './views/heat';
import { indicatorView } from './views/indicator';
import { memoByScores } from './views/memo';
import { rankingsView } from './views/rankings';
import { pickGroup, roundContext, roundSummary } from './views/round';

// One scoring per request even when a page and its header both ask.
const roundScores = cache((slug: string) => getRoundScores(slug));

export async function fetchRoundList() {
  return (await listRounds()).map(roundSummary);
}

/** The newest round's slug, for `/`. */
export async function fetchNewestRoundSlug(): Promise<string | null> {
  const rounds = await listRounds();
  return rounds[0]?.slug ?? null;
}

async function roundAndGroup(slug: string, group: string | undefined) {
  const [rs, rounds] = await Promise.all([roundScores(slug), fetchRoundList()]);
  if (!rs) return null;
  const g = pickGroup(rs, group);
  return { rs, rounds, group: g, context: g ? roundContext(rs, g) : { ...roundContext(rs, ''), groups: [] } };
}

export async function fetchRankings(slug: string, group: string | undefined) {
  const r = await roundAndGroup(slug, group);
  if (!r) return null;
  const g = r.group;
  return { rounds: r.rounds, round: r.context, rankings: g ? memoByScores(r.rs.scores, `rankings|${g}`, () => rankingsView(r.rs, g)) : null };
}

export async function fetchHeat(slug: string, group: string | undefined) {
  const r = await roundAndGroup(slug, group);
  if (!r) return null;
  return { rounds: r.rounds, round: r.context, heat: r.group ? heatView(r.rs, r.group) : null };
}

export async function fetchIndicator(slug: string, code: string, group: string | undefined) {
  const r = await roundAndGroup(slug, group);
  if (!r || !r.group) return null;
  const indicator = indicatorView(r.rs, r.group, code);
  if (!indicator) return null;
  return { rounds: r.rounds, round: r.context, indicator };
}

export async function fetchDepartment(slug: string, code: string) {
  const rs = await roundScores(slug);
  const d = rs?.scores.departments.find((x) => x.code === code);
  if (!rs || !d) return null;
  const [rounds, history, versions] = await Promise.all([fetchRoundList(), getDepartmentHistory(code), listSubmissionVersions(slug, code)]);
  return { rounds, round: roundContext(rs, d.group), department: departmentView(rs, code, history)!, versions: versions.map(versionView) };
}

/** One cell's explanation, for the heat table's dialog. */
export async function fetchExplanation(slug: string, departmentCode: string, indicatorCode: string) {
  const rs = await roundScores(slug);
  const d = rs?.scores.departments.find((x) => x.code === departmentCode);
  const s = d?.indicators[indicatorCode];
  if (!rs || !d || !s) return null;
  return explanationView(rs.system, d, s);
}

/** The scored round itself, for exports. */
export async function fetchRoundScores(slug: string) {
  return roundScores(slug);
}

