import { cmpFraction, decimalOf } from './exact';
import type { Band } from './explain/types';
import { bandLines, classify } from './rules';
import type { CohortStat, MetricRatio, MetricValue, Policy, Rule } from './types';

type Banded = Extract<Rule, { kind: 'banded' }>;

/**
 * The cohort statistic of one banded leaf over a set of values (one group's, in any order): the
 * min and max the interpolation uses under the policy (spec §2), with `n` (finite, applicable
 * values) and `qualifying` (the values min and max ranged over). Not-applicable and infinite
 * values never take part; too few qualifying values, or max = min, fall back to the thresholds.
 * `bands[i]`, when given, must be `classify(rule, values[i])` (it saves the comparison).
 *
 * Together with `scoreBanded` (rules/banded.ts: one department's banded score given a statistic)
 * this is the internal API for views that rescore a group without a unit (leave-one-out) or with
 * a changed value (what-if): only banded leaves depend on the cohort.
 */
export function bandedStat(rule: Banded, values: readonly MetricValue[], policy: Policy, bands?: readonly (Band | undefined)[]): CohortStat {
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
    else if (cmpFraction(v, min) < 0) min = v;
    else if (cmpFraction(v, max) > 0) max = v;
  }
  const { lo, hi } = bandLines(rule);
  const thresholds = { basis: 'thresholds' as const, min: rule.full.lt(rule.zero) ? rule.full : rule.zero, max: rule.full.lt(rule.zero) ? rule.zero : rule.full, minValue: lo, maxValue: hi };

  if (policy === 'thresholds') return { n, qualifying: 0, fallback: false, ...thresholds };
  if (qualifying < 2 || cmpFraction(min!, max!) === 0) return { n, qualifying, fallback: true, ...thresholds };
  return { n, qualifying, fallback: false, basis: 'cohort', min: decimalOf(min!), max: decimalOf(max!), minValue: min!, maxValue: max! };
}
