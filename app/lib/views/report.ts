import type { RoundScores } from '@/db/queries';
import type { ExplainLocale } from '@/lib/scoring';
import { departmentView } from './department';
import { rankingsView } from './rankings';
import { groupsOf } from './round';
import { gradeCountsView, type Comparison } from './standing';
import type { ExplanationView, GradeCountsView, MovementView, PreviousRoundInfo, RankingsView, TrendView, TreeRow } from './types';

/**
 * What the printed documents show (issue 12 §3), as plain data: the 评分表 of one department and
 * the round's 通报. Built from the same views as the pages, so a PDF's numbers are the page's.
 */

/** The round as a document names it: what, under which rules, and whether it is final. */
export interface ReportHead {
  bureau: string;
  round: { slug: string; name: string; year: number };
  system: { name: string; id: string; version: number };
  policy: RoundScores['scores']['policy'];
  /** The publication date (ISO 8601); null for a round not published, whose documents say so. */
  publishedAt: string | null;
  /** When the document was made (ISO 8601). */
  madeAt: string;
  previous: PreviousRoundInfo | null;
}

export interface ScorecardReport {
  head: ReportHead;
  /** `totalMax`: a total awaiting evaluation is the range total–totalMax, graded on its lower end for now. */
  department: { code: string; name: string; group: string; groupSize: number; rank: number; tied: boolean; total: string; totalMax: string | null; grade: string };
  /** The system's grade labels, highest first. */
  grades: string[];
  tree: TreeRow[];
  totalWeight: string;
  self: { total: string | null; diff: string | null; leaves: { name: string; self: string; score: string; diff: string }[]; any: boolean };
  weak: ExplanationView[];
  move: MovementView | null;
  trend: TrendView | null;
}

export interface BulletinReport {
  head: ReportHead;
  groups: { name: string; rankings: RankingsView }[];
  gradeCounts: GradeCountsView;
}

export interface ReportContext {
  head: ReportHead;
  comparison: Comparison | null;
  /** Every department's movement against `comparison` (movementsOf), computed once per round. */
  moves: Map<string, MovementView> | null;
  locale: ExplainLocale;
}

export function scorecardReport(rs: RoundScores, code: string, ctx: ReportContext, trend: TrendView | null): ScorecardReport | null {
  const v = departmentView(rs, code, [], ctx.locale);
  if (!v) return null;
  const leaves = v.tree.filter((r) => r.level === 3);
  return {
    head: ctx.head,
    department: { code: v.code, name: v.name, group: v.group, groupSize: v.groupSize, rank: v.rank, tied: v.tied, total: v.total, totalMax: v.totalMax, grade: v.grade },
    grades: rs.system.grades.map((g) => g.label),
    tree: v.tree,
    totalWeight: rs.system.total.toFixed(),
    self: {
      total: v.selfTotal,
      diff: v.selfTotalDiff,
      leaves: leaves.filter((l) => l.selfDiffSign === 1 || l.selfDiffSign === -1).map((l) => ({ name: l.name, self: l.self!, score: l.score, diff: l.selfDiff! })),
      any: v.hasSelf,
    },
    weak: v.weak,
    move: ctx.moves?.get(code) ?? null,
    trend,
  };
}

export function bulletinReport(rs: RoundScores, ctx: ReportContext): BulletinReport {
  const groups = groupsOf(rs);
  return {
    head: ctx.head,
    groups: groups.map((g) => ({ name: g, rankings: rankingsView(rs, g, undefined, ctx.comparison) })),
    gradeCounts: gradeCountsView(rs, groups),
  };
}
