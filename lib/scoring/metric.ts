import type { Decimal } from './decimal';
import type { Metric, MetricValue } from './types';

// Spec §3: a zero denominator in these fields means "nothing to measure" (full marks), not an error.
const NOT_APPLICABLE_WHEN_ZERO = new Set(['total_project_spending', 'procurement_budgeted', 'projects_completed']);
// Spec §3: these ratios describe a part of a whole, so the part can never exceed the whole.
const PART_OF_WHOLE = new Set([
  'key_project_spending/total_project_spending',
  'fixed_assets_in_use/fixed_assets_total',
  'projects_qualified/projects_completed',
  'procurement_actual/procurement_budgeted',
]);

export function metricFields(m: Metric): [string, string] {
  return 'ratio' in m ? m.ratio : m.change;
}

/** Whether a zero denominator makes the indicator not applicable; a system may say so explicitly. */
export function zeroDenominatorIsNotApplicable(m: Metric): boolean {
  if (!('ratio' in m)) return false;
  return m.on_zero ? m.on_zero === 'not_applicable' : NOT_APPLICABLE_WHEN_ZERO.has(m.ratio[1]);
}

export function numeratorCappedByDenominator(m: Metric): boolean {
  if (!('ratio' in m)) return false;
  return m.at_most_one ?? PART_OF_WHOLE.has(`${m.ratio[0]}/${m.ratio[1]}`);
}

export type MetricOutcome = MetricValue | { kind: 'error'; field: string; message: string };

/** x for one department. Inputs are assumed present and ≥ 0 (the cohort parser checks that). */
export function evalMetric(m: Metric, inputs: Record<string, Decimal>): MetricOutcome {
  if ('ratio' in m) {
    const [numKey, denKey] = m.ratio;
    const num = inputs[numKey]!;
    const den = inputs[denKey]!;
    if (den.isZero()) {
      if (zeroDenominatorIsNotApplicable(m)) return { kind: 'not_applicable' };
      return { kind: 'error', field: denKey, message: '作分母，不能为 0' };
    }
    if (numeratorCappedByDenominator(m) && num.gt(den)) {
      return { kind: 'error', field: numKey, message: `（${num}）不能大于 ${denKey}（${den}）` };
    }
    return { kind: 'value', x: num.div(den) };
  }
  const [currKey, prevKey] = m.change;
  const curr = inputs[currKey]!;
  const prev = inputs[prevKey]!;
  if (prev.isZero()) return curr.isZero() ? { kind: 'not_applicable' } : { kind: 'infinite' };
  return { kind: 'value', x: curr.minus(prev).div(prev) };
}
