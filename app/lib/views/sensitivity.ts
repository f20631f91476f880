import type { RoundScores } from '@/db/queries';
import { fmtPercent, fmtScore, indexSystem, type Decimal } from '@/lib/scoring';
import { comparePolicies, groupStability, groupTable, scaleOf, type GroupStability, type GroupTable, type PolicyComparison } from '@/lib/scoring/sensitivity';
import { memoByScores } from './memo';
import type { PoliciesView, PolicyRowView, ScaleView } from './types';

/**
 * The sensitivity analyses of a round, each built once per scoring (memoByScores) and shared by
 * the pages: the ranking's range bars and the 口径对比 page read the same leave-one-out.
 */

export function tableOf(rs: RoundScores, group: string): GroupTable {
  return memoByScores(rs.scores, `sensitivity-table|${group}`, () => groupTable(rs.system, rs.scores, group));
}

export function stabilityOf(rs: RoundScores, group: string): GroupStability {
  return memoByScores(rs.scores, `stability|${group}`, () => groupStability(tableOf(rs, group), { limit: 500 }));
}

/** Rank ranges by department code, for the ranking table. */
export function rangesOf(rs: RoundScores, group: string): Map<string, [number, number]> {
  return memoByScores(rs.scores, `ranges|${group}`, () => new Map(stabilityOf(rs, group).ranges.map((r) => [r.code, [r.lo, r.hi]])));
}

function policiesOf(rs: RoundScores): PolicyComparison {
  return memoByScores(rs.scores, 'policies', () => comparePolicies(rs.system, rs.departments, rs.scores.policy, rs.scores));
}

/** 口径对比 of one group: every unit under each policy, rank ranges, and what moves the scale. */
export function policiesView(rs: RoundScores, group: string): PoliciesView {
  const comparison = policiesOf(rs);
  const stability = stabilityOf(rs, group);
  const ranges = rangesOf(rs, group);
  const rows: PolicyRowView[] = comparison.rows
    .filter((r) => r.group === group)
    .map((r) => ({
      code: r.code,
      name: r.name,
      range: ranges.get(r.code) ?? null,
      results: r.results.map((p) => ({ total: fmtScore(p.total), rank: p.rank, tied: p.tied, move: p.move })),
    }));
  const names = new Map(rows.map((r) => [r.code, r.name]));
  const leafName = (code: string) => indexSystem(rs.system).byCode.get(code)?.leaf.name ?? code;
  return {
    policies: comparison.policies,
    groupSize: rows.length,
    rows,
    removals: stability.removals.map((r) => ({ code: r.removed, name: names.get(r.removed) ?? r.removed, leaves: r.leaves.map(leafName), moved: r.moved, reversals: r.reversals })),
    reversals: stability.reversals.map((r) => ({
      removed: names.get(r.removed) ?? r.removed,
      a: names.get(r.a) ?? r.a,
      b: names.get(r.b) ?? r.b,
      before: r.before,
      after: r.after,
    })),
    reversalCount: stability.reversalCount,
  };
}

/** What a department may see of the comparison: its own row, nothing of the others. */
export function ownPoliciesView(view: PoliciesView, code: string): PoliciesView {
  return { policies: view.policies, groupSize: view.groupSize, rows: view.rows.filter((r) => r.code === code), removals: [], reversals: [], reversalCount: 0 };
}

const rate = (x: Decimal | null) => (x ? fmtPercent(x) : null);

/** Who sets the scale of a banded leaf in a group, and every other unit's score without each setter. */
export function scaleView(rs: RoundScores, group: string, code: string): ScaleView | null {
  const scale = memoByScores(rs.scores, `scale|${group}|${code}`, () => scaleOf(rs.system, rs.scores, group, code, tableOf(rs, group)));
  if (!scale) return null;
  const setterCodes = new Set(scale.without.map((w) => w.code));
  return {
    basis: scale.stat.basis,
    setters: scale.setters.map((s) => ({ code: s.code, name: s.name, side: s.side, valueText: fmtPercent(s.value), shared: s.shared, outlier: s.outlier })),
    median: rate(scale.median),
    mad: rate(scale.mad),
    without: scale.without.map((w) => ({
      code: w.code,
      name: scale.members.find((m) => m.code === w.code)!.name,
      side: w.side,
      min: fmtPercent(w.stat.min),
      max: fmtPercent(w.stat.max),
      basis: w.stat.basis,
      moved: w.moved,
    })),
    rows: scale.members
      .map((m, i) => ({
        code: m.code,
        name: m.name,
        valueText: m.value?.kind === 'value' ? fmtPercent(m.value.x) : null,
        score: fmtScore(m.score),
        without: scale.without.map((w) => (w.scores[i] ? fmtScore(w.scores[i]!) : null)),
      }))
      .filter((r) => !setterCodes.has(r.code) || scale.without.length > 1),
  };
}
