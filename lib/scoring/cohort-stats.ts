import { ONE, type Decimal } from './decimal';
import { compareFractions } from './metric';
import { classify, type Band } from './rules';
import type { CohortStat, Fraction, MetricRatio, MetricValue, Policy, Rule } from './types';

type Banded = Extract<Rule, { kind: 'banded' }>;

const asFraction = (d: Decimal): Fraction => ({ a: d, b: ONE });

/**
 * The min and max a banded leaf interpolates between, for one group (spec §2). Not-applicable and
 * infinite values never take part. Too few qualifying values, or max = min, fall back to the thresholds.
 */
export function bandedStat(rule: Banded, values: MetricValue[], policy: Policy, bands?: (Band | undefined)[]): CohortStat {
  let n = 0;
  let min: MetricRatio | undefined;
  let max: MetricRatio | undefined;
  let qualifying = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.kind !== 'value') continue;
    n++;
    if (policy === 'thresholds' || (policy === 'cohort-in-band' && (bands?.[i] ?? classify(rule, v)) !== 'in_band')) continue;
    qualifying++;
    if (!min || !max) min = max = v;
    else if (compareFractions(v, min) < 0) min = v;
    else if (compareFractions(v, max) > 0) max = v;
  }
  const lo = rule.full.lt(rule.zero) ? rule.full : rule.zero;
  const hi = rule.full.lt(rule.zero) ? rule.zero : rule.full;
  const thresholds = { basis: 'thresholds' as const, min: lo, max: hi, minFraction: asFraction(lo), maxFraction: asFraction(hi) };

  if (policy === 'thresholds') return { n, qualifying: 0, fallback: false, ...thresholds };
  if (qualifying < 2 || compareFractions(min!, max!) === 0) return { n, qualifying, fallback: true, ...thresholds };
  return { n, qualifying, fallback: false, basis: 'cohort', min: min!.x, max: max!.x, minFraction: min!, maxFraction: max! };
}
