import type { CohortStat, MetricValue, Policy, Rule } from './types';
import type { Decimal } from './decimal';
import { inBand } from './rules';

type Banded = Extract<Rule, { kind: 'banded' }>;

/**
 * The min and max a banded leaf interpolates between, for one group (spec §2). Not-applicable and
 * infinite values never take part. Too few qualifying values, or max = min, fall back to the thresholds.
 */
export function bandedStat(rule: Banded, values: MetricValue[], policy: Policy): CohortStat {
  const finite: Decimal[] = [];
  for (const v of values) if (v.kind === 'value') finite.push(v.x);
  const qualifying = policy === 'cohort-all' ? finite : policy === 'cohort-in-band' ? finite.filter((x) => inBand(rule, x)) : [];
  const thresholdMin = rule.full.lt(rule.zero) ? rule.full : rule.zero;
  const thresholdMax = rule.full.lt(rule.zero) ? rule.zero : rule.full;
  const thresholds = { basis: 'thresholds' as const, min: thresholdMin, max: thresholdMax };

  if (policy === 'thresholds') return { n: finite.length, qualifying: 0, fallback: false, ...thresholds };
  let min = qualifying[0];
  let max = qualifying[0];
  for (const x of qualifying) {
    if (x.lt(min!)) min = x;
    if (x.gt(max!)) max = x;
  }
  if (qualifying.length < 2 || min!.eq(max!)) {
    return { n: finite.length, qualifying: qualifying.length, fallback: true, ...thresholds };
  }
  return { n: finite.length, qualifying: qualifying.length, fallback: false, basis: 'cohort', min: min!, max: max! };
}
