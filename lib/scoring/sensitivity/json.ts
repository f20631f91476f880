import { fmtScore, type Decimal } from '../index';
import type { Sensitivity } from './index';

// Metric values as the Scores JSON prints them: fractions to 6 places.
const value = (x: Decimal) => x.toDecimalPlaces(6).toFixed();

/**
 * The sensitivity part of `score --sensitivity`: `rank_range` for each department (spec §7), and
 * the three-policy table, the units whose removal moves a scale, the reversals and the setters.
 */
export function sensitivityJson(s: Sensitivity): { rankRanges: Map<string, [number, number]>; sensitivity: Record<string, unknown> } {
  const rankRanges = new Map<string, [number, number]>();
  for (const g of s.stability) for (const r of g.ranges) rankRanges.set(r.code, [r.lo, r.hi]);
  const groups = s.stability.map((g) => g.group);
  return {
    rankRanges,
    sensitivity: {
      policies: s.policies.policies,
      departments: s.policies.rows.map((r) => ({
        code: r.code,
        name: r.name,
        group: r.group,
        rank_range: rankRanges.get(r.code),
        ...Object.fromEntries(
          r.results.map((p) => [p.policy, { total: fmtScore(p.total), rank: p.rank, ...(p.tied ? { tied: true } : {}), ...(p.move ? { move: p.move } : {}) }]),
        ),
      })),
      stability: Object.fromEntries(
        s.stability.map((g) => [
          g.group,
          {
            removals: g.removals,
            reversal_count: g.reversalCount,
            reversals: g.reversals,
            ...(g.reversals.length < g.reversalCount ? { reversals_listed: g.reversals.length } : {}),
          },
        ]),
      ),
      setters: Object.fromEntries(
        groups.map((group) => [
          group,
          Object.fromEntries(
            s.scales
              .filter((sc) => sc.group === group && sc.setters.length)
              .map((sc) => [
                sc.leaf,
                {
                  ...Object.fromEntries(
                    (['min', 'max'] as const).map((side) => [
                      side,
                      sc.setters
                        .filter((x) => x.side === side)
                        .map((x) => ({ code: x.code, value: value(x.value), ...(x.shared ? { shared: true } : {}), ...(x.outlier ? { outlier: true } : {}) })),
                    ]),
                  ),
                  ...(sc.median && sc.mad ? { median: value(sc.median), mad: value(sc.mad) } : {}),
                  moves: Object.fromEntries(sc.without.map((w) => [w.code, w.moved])),
                },
              ]),
          ),
        ]),
      ),
    },
  };
}

/** Adds `rank_range` after each department's `rank` in a Scores JSON object, and the sensitivity part. */
export function withSensitivity(scoresJson: Record<string, unknown>, s: Sensitivity): Record<string, unknown> {
  const { rankRanges, sensitivity } = sensitivityJson(s);
  const departments = (scoresJson.departments as Record<string, unknown>[]).map((d) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(d)) {
      out[k] = v;
      if (k === 'rank') out.rank_range = rankRanges.get(d.code as string);
    }
    return out;
  });
  return { ...scoresJson, departments, sensitivity };
}
