import { fmtScore } from './text';
import type { Decimal } from './decimal';
import type { Explanation, MetricValue, Scores } from './types';

// Metric values are fractions; six places keep 2-decimal percentages exact without noise.
function fmtValue(v: MetricValue): string | undefined {
  if (v.kind === 'value') return v.x.toDecimalPlaces(6).toFixed();
  return v.kind === 'infinite' ? 'Infinity' : undefined;
}

function explanationJson(e: Explanation): Record<string, unknown> {
  const dec = (d: Decimal | undefined) => (d === undefined ? undefined : d.toFixed());
  return {
    ...e,
    full: dec(e.full),
    zero: dec(e.zero),
    min: dec(e.min),
    max: dec(e.max),
  };
}

/** The Scores JSON of spec §6. Self-score differences and explanations are optional additions. */
export function scoresToJson(scores: Scores, opts: { explain?: boolean } = {}): Record<string, unknown> {
  const cohort: Record<string, Record<string, unknown>> = {};
  for (const [group, leaves] of Object.entries(scores.cohort)) {
    cohort[group] = Object.fromEntries(
      Object.entries(leaves).map(([code, s]) => [
        code,
        { n: s.n, min: s.min.toFixed(), max: s.max.toFixed(), basis: s.basis, qualifying: s.qualifying, ...(s.fallback ? { fallback: true } : {}) },
      ]),
    );
  }
  return {
    system: scores.system,
    policy: scores.policy,
    cohort,
    departments: scores.departments.map((d) => ({
      code: d.code,
      name: d.name,
      group: d.group,
      total: fmtScore(d.total),
      rank: d.rank,
      ...(d.tied ? { tied: true } : {}),
      level1: Object.fromEntries(Object.entries(d.level1).map(([k, v]) => [k, fmtScore(v)])),
      indicators: Object.fromEntries(
        Object.entries(d.indicators).map(([code, s]) => {
          const value = s.value ? fmtValue(s.value) : undefined;
          return [
            code,
            {
              score: fmtScore(s.score),
              status: s.status,
              ...(value !== undefined ? { value } : {}),
              ...(s.self !== undefined ? { self: fmtScore(s.self), self_diff: fmtScore(s.selfDiff!) } : {}),
              ...(opts.explain ? { explanation: explanationJson(s.explanation) } : {}),
            },
          ];
        }),
      ),
      ...(d.selfTotal !== undefined ? { self_total: fmtScore(d.selfTotal), self_total_diff: fmtScore(d.selfTotalDiff!) } : {}),
    })),
  };
}
