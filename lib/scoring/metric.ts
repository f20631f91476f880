import type { Decimal } from './decimal';
import type { Fraction, Metric, MetricRatio, MetricValue } from './types';

// Spec §3: a zero denominator in these fields means "nothing to measure" (full marks), not an error.
const NOT_APPLICABLE_WHEN_ZERO = new Set(['total_project_spending', 'procurement_budgeted', 'projects_completed']);
// Spec §3: these ratios describe a part of a whole, so the part can never exceed the whole.
const PART_OF_WHOLE = new Set([
  'key_project_spending/total_project_spending',
  'fixed_assets_in_use/fixed_assets_total',
  'projects_qualified/projects_completed',
  'procurement_actual/procurement_budgeted',
]);

/** A metric value that divides only when the quotient itself is read. */
export class Ratio implements MetricRatio {
  readonly kind = 'value' as const;
  private quotient: Decimal | undefined;
  constructor(
    readonly a: Decimal,
    readonly b: Decimal,
  ) {}
  get x(): Decimal {
    return (this.quotient ??= this.a.div(this.b));
  }
  cmp(t: Decimal): number {
    return this.quotient ? this.quotient.cmp(t) : this.a.cmp(t.times(this.b));
  }
}

/** Sign of p − q for two fractions with positive denominators, without dividing. */
export function compareFractions(p: Fraction, q: Fraction): number {
  return p.a.times(q.b).cmp(q.a.times(p.b));
}

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

// Resolved once per metric object: evalMetric runs for every department and leaf.
const flags = new WeakMap<Metric, { na: boolean; capped: boolean }>();
function flagsOf(m: Metric) {
  let f = flags.get(m);
  if (!f) {
    f = { na: zeroDenominatorIsNotApplicable(m), capped: numeratorCappedByDenominator(m) };
    flags.set(m, f);
  }
  return f;
}

const NOT_APPLICABLE: MetricValue = { kind: 'not_applicable' };
const INFINITE: MetricValue = { kind: 'infinite' };

export type MetricOutcome = MetricValue | { kind: 'error'; field: string; message: string };

/** x for one department. Inputs are assumed present and ≥ 0 (the cohort parser checks that). */
export function evalMetric(m: Metric, inputs: Record<string, Decimal>): MetricOutcome {
  if ('ratio' in m) {
    const [numKey, denKey] = m.ratio;
    const num = inputs[numKey]!;
    const den = inputs[denKey]!;
    const f = flagsOf(m);
    // Checked first: a part of a whole that is 0 (5 万元 of key projects out of 0) is bad data,
    // not an indicator that does not apply.
    if (f.capped && num.gt(den)) {
      return { kind: 'error', field: numKey, message: `（${num}）不能大于 ${denKey}（${den}）` };
    }
    if (den.isZero()) {
      if (f.na) return NOT_APPLICABLE;
      return { kind: 'error', field: denKey, message: '作分母，不能为 0' };
    }
    return new Ratio(num, den);
  }
  const [currKey, prevKey] = m.change;
  const curr = inputs[currKey]!;
  const prev = inputs[prevKey]!;
  if (prev.isZero()) return curr.isZero() ? NOT_APPLICABLE : INFINITE;
  return new Ratio(curr.minus(prev), prev);
}
