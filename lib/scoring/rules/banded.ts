import { roundScore, type Decimal } from '../decimal';
import { fmtPercent, fmtScore } from '../text';
import type { CohortStat, Explanation, MetricRatio, MetricValue, Policy, Rule } from '../types';
import { inputForThreshold, metricInputs, specialValueText, valueText } from './metric-text';
import { outcome, type Outcome, type RuleContext } from './outcome';

type Banded = Extract<Rule, { kind: 'banded' }>;

const POLICY_TEXT: Record<Policy, string> = {
  'cohort-in-band': '按同组区间内的 max/min 插值',
  'cohort-all': '按同组全部有效值的 max/min 插值',
  thresholds: '按两条阈值线性插值',
};

export function bandedText(rule: Banded, policy: Policy): string {
  const [fullCmp, zeroCmp] = rule.better === 'lower' ? ['≤', '≥'] : ['≥', '≤'];
  return `${fullCmp} ${fmtPercent(rule.full)} 得满分；${zeroCmp} ${fmtPercent(rule.zero)} 得 0 分；之间${POLICY_TEXT[policy]}`;
}

/** Where a value lies: at or past the full-marks line, at or past the zero line, or strictly between (the only values interpolated). */
export type Band = 'full' | 'zero' | 'in_band';

/** Which side of the thresholds a value lies on; at most two multiplications, no division. */
export function classify(rule: Banded, v: MetricRatio): Band {
  const toFull = v.cmp(rule.full);
  if (rule.better === 'lower' ? toFull <= 0 : toFull >= 0) return 'full';
  const toZero = v.cmp(rule.zero);
  return (rule.better === 'lower' ? toZero < 0 : toZero > 0) ? 'in_band' : 'zero';
}

export function scoreBanded(ctx: RuleContext, rule: Banded, value: MetricValue, stat: CohortStat, band?: Band): Outcome {
  if (value.kind === 'not_applicable') return ctx.notApplicable;
  if (value.kind === 'infinite') return ctx.zero;
  switch (band ?? classify(rule, value)) {
    case 'full':
      return ctx.full;
    case 'zero':
      return ctx.zero;
    case 'in_band':
      return outcome(roundScore(interpolate(rule, value, stat, ctx.leaf.weight)), stat.fallback ? 'fallback' : 'interpolated');
  }
}

/**
 * (max − x) / (max − min) × w, or (x − min) / (max − min) × w, over exact fractions: every product
 * and difference is exact, and the one division at the end is exact whenever the true score
 * terminates, so a score of exactly x.xx5 always rounds up.
 */
export function interpolate(rule: Banded, x: MetricRatio, stat: CohortStat, weight: Decimal): Decimal {
  const k = interpolationConstants(stat, weight);
  const part = rule.better === 'lower' ? k.maxNum.times(x.b).minus(k.maxDen.times(x.a)) : x.a.times(k.minDen).minus(k.minNum.times(x.b));
  return part.div(x.b.times(k.span));
}

/**
 * With max = aM/bM and min = am/bm: (max − x)·w / (max − min) = (w·aM·bm·b − w·bM·bm·a) / (b·(aM·bm − am·bM)),
 * and likewise for x − min. Everything that doesn't involve x is computed once per group and leaf.
 */
interface InterpolationConstants {
  span: Decimal;
  maxNum: Decimal;
  maxDen: Decimal;
  minNum: Decimal;
  minDen: Decimal;
}
const constants = new WeakMap<CohortStat, InterpolationConstants>();
function interpolationConstants(stat: CohortStat, weight: Decimal): InterpolationConstants {
  let k = constants.get(stat);
  if (!k) {
    const { a: aM, b: bM } = stat.maxFraction;
    const { a: am, b: bm } = stat.minFraction;
    k = {
      span: aM.times(bm).minus(am.times(bM)),
      maxNum: weight.times(aM).times(bm),
      maxDen: weight.times(bM).times(bm),
      minNum: weight.times(am).times(bM),
      minDen: weight.times(bm).times(bM),
    };
    constants.set(stat, k);
  }
  return k;
}

export function explainBanded(
  ctx: RuleContext,
  rule: Banded,
  value: MetricValue,
  inputs: Record<string, Decimal>,
  stat: CohortStat,
  policy: Policy,
  score: Decimal,
): Explanation {
  const { leaf } = ctx;
  const fullCmp = rule.better === 'lower' ? '≤' : '≥';
  const zeroCmp = rule.better === 'lower' ? '≥' : '≤';
  const hint = inputForThreshold(ctx, rule.metric, inputs, rule.full, rule.better);
  const base: Explanation = {
    rule: 'banded',
    ruleText: bandedText(rule, policy),
    inputs: metricInputs(rule.metric, inputs),
    valueText: valueText(value),
    full: rule.full,
    zero: rule.zero,
    better: rule.better,
    policy,
    formula: '',
    target: `${leaf.name} ${fullCmp} ${fmtPercent(rule.full)} 可得满分${hint ? `（${hint}）` : ''}`,
  };
  const result = fmtScore(score);
  if (value.kind !== 'value') {
    const na = value.kind === 'not_applicable';
    base.band = na ? 'full' : 'zero';
    base.formula = `${specialValueText(ctx, rule.metric, value)}，得${na ? '满分' : ' 0 分'} = ${result}`;
    return base;
  }
  const xText = fmtPercent(value.x);
  const band = classify(rule, value);
  if (band === 'full') {
    base.band = 'full';
    base.formula = `${xText} ${fullCmp} ${fmtPercent(rule.full)}（满分线），得满分 = ${result}`;
    return base;
  }
  if (band === 'zero') {
    base.band = 'zero';
    base.formula = `${xText} ${zeroCmp} ${fmtPercent(rule.zero)}（零分线），得 0 分 = ${result}`;
    return base;
  }
  const min = fmtPercent(stat.min);
  const max = fmtPercent(stat.max);
  const [symbolic, numbers] =
    rule.better === 'lower'
      ? ['(max − x) / (max − min)', `(${max} − ${xText}) / (${max} − ${min})`]
      : ['(x − min) / (max − min)', `(${xText} − ${min}) / (${max} − ${min})`];
  const prefix = stat.fallback
    ? '同组可比值不足 2 个或 max = min，改按阈值插值：'
    : stat.basis === 'thresholds'
      ? '按阈值插值：'
      : `同组 ${stat.qualifying} 个可比值，`;
  return {
    ...base,
    band: 'in_band',
    basis: stat.basis,
    min: stat.min,
    max: stat.max,
    n: stat.qualifying,
    formula: `${prefix}得分 = ${symbolic} × 分值 = ${numbers} × ${leaf.weight} = ${result}`,
  };
}
