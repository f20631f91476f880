import { D, indexSystem, sum, type Decimal, type DepartmentScore, type LeafScore, type System } from '@/lib/scoring';

/**
 * Cohort aggregates the scoring engine does not give: mean, median and best of scores and score
 * rates across a group. Every input is an engine output; nothing here scores anything.
 */

export interface Summary {
  n: number;
  min: Decimal;
  max: Decimal;
  mean: Decimal;
  median: Decimal;
}

/** min, max, mean and median of a list, or null for an empty list. Exact decimals, no rounding. */
export function summarize(values: readonly Decimal[]): Summary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.plus(sorted[mid]!).div(2);
  return { n, min: sorted[0]!, max: sorted[n - 1]!, mean: sum(sorted).div(n), median };
}

/** Score ÷ weight: 1 means full marks. */
export function scoreRate(score: Decimal, weight: Decimal): Decimal {
  return weight.isZero() ? new D(0) : score.div(weight);
}

/** Points a department did not earn on one indicator. */
export function pointsLost(s: LeafScore): Decimal {
  return s.weight.minus(s.score);
}

/** Indicators below full marks, the costliest first; ties keep the system's order. A pending leaf is not weak: it is not scored yet. */
export function weakIndicators(system: System, d: DepartmentScore): LeafScore[] {
  const order = indexSystem(system).leaves.map((l) => l.leaf.code);
  return order
    .map((code) => d.indicators[code])
    .filter((s): s is LeafScore => s !== undefined && s.status !== 'pending' && pointsLost(s).gt(0))
    .map((s, i) => ({ s, i }))
    .sort((a, b) => pointsLost(b.s).comparedTo(pointsLost(a.s)) || a.i - b.i)
    .map(({ s }) => s);
}

export interface IndicatorSummary {
  score: Summary | null;
  /** Metric values (fractions) of departments with a finite, applicable value; rate leaves only. */
  value: Summary | null;
}

/** Per leaf: the cohort's scores and metric values, for the 指标 sheet and the indicator page. */
export function indicatorSummaries(system: System, departments: readonly DepartmentScore[]): Record<string, IndicatorSummary> {
  const out: Record<string, IndicatorSummary> = {};
  for (const { leaf } of indexSystem(system).leaves) {
    const scores: Decimal[] = [];
    const values: Decimal[] = [];
    for (const d of departments) {
      const s = d.indicators[leaf.code];
      if (!s) continue;
      scores.push(s.score);
      // Metric values at the six places the Scores JSON keeps, so a published round's figures match.
      if (s.value?.kind === 'value') values.push(s.value.x.toDecimalPlaces(6));
    }
    out[leaf.code] = { score: summarize(scores), value: summarize(values) };
  }
  return out;
}

/** Per level-2 indicator: the cohort's score rates (level-2 score ÷ its weight). */
export function level2RateSummaries(system: System, departments: readonly DepartmentScore[]): Record<string, Summary | null> {
  const out: Record<string, Summary | null> = {};
  for (const { node } of indexSystem(system).level2) {
    const rates = departments.flatMap((d) => {
      const s = d.level2[node.code];
      return s === undefined ? [] : [scoreRate(s, node.weight)];
    });
    out[node.code] = summarize(rates);
  }
  return out;
}

/** The cohort's totals: the mean and median lines of the ranking chart. */
export function totalSummary(departments: readonly DepartmentScore[]): Summary | null {
  return summarize(departments.map((d) => d.total));
}
