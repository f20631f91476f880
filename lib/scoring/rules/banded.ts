import { roundScore, ZERO, type Decimal } from '../decimal';
import { fmtPercent, fmtScore } from '../text';
import type { CohortStat, MetricValue, Policy, Rule } from '../types';
import { inputForThreshold, metricInputs, specialValueText, valueText } from './metric-text';
import type { RuleContext, RuleOutcome } from './outcome';

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

/** Strictly between the thresholds: the only values the interpolation formula applies to. */
export function inBand(rule: Banded, x: Decimal): boolean {
  return rule.better === 'lower' ? x.gt(rule.full) && x.lt(rule.zero) : x.lt(rule.full) && x.gt(rule.zero);
}

export function reachesFull(rule: Banded, x: Decimal): boolean {
  return rule.better === 'lower' ? x.lte(rule.full) : x.gte(rule.full);
}

export function scoreBanded(
  ctx: RuleContext,
  rule: Banded,
  value: MetricValue,
  inputs: Record<string, Decimal>,
  stat: CohortStat,
  policy: Policy,
): RuleOutcome {
  const { leaf } = ctx;
  const w = leaf.weight;
  const fullCmp = rule.better === 'lower' ? '≤' : '≥';
  const zeroCmp = rule.better === 'lower' ? '≥' : '≤';
  const hint = inputForThreshold(ctx, rule.metric, inputs, rule.full, rule.better);
  const explanation = {
    rule: 'banded' as const,
    ruleText: bandedText(rule, policy),
    inputs: metricInputs(rule.metric, inputs),
    valueText: valueText(value),
    full: rule.full,
    zero: rule.zero,
    better: rule.better,
    policy,
    target: `${leaf.name} ${fullCmp} ${fmtPercent(rule.full)} 可得满分${hint ? `（${hint}）` : ''}`,
  };

  if (value.kind !== 'value') {
    const na = value.kind === 'not_applicable';
    const score = roundScore(na ? w : ZERO);
    return {
      score,
      status: na ? 'not_applicable' : 'zero',
      explanation: {
        ...explanation,
        band: na ? 'full' : 'zero',
        formula: `${specialValueText(ctx, rule.metric, value)}，得${na ? '满分' : ' 0 分'} = ${fmtScore(score)}`,
      },
    };
  }

  const x = value.x;
  const xText = fmtPercent(x);
  if (reachesFull(rule, x)) {
    const score = roundScore(w);
    return {
      score,
      status: 'full',
      explanation: { ...explanation, band: 'full', formula: `${xText} ${fullCmp} ${fmtPercent(rule.full)}（满分线），得满分 = ${fmtScore(score)}` },
    };
  }
  if (!inBand(rule, x)) {
    return {
      score: roundScore(ZERO),
      status: 'zero',
      explanation: { ...explanation, band: 'zero', formula: `${xText} ${zeroCmp} ${fmtPercent(rule.zero)}（零分线），得 0 分 = 0.00` },
    };
  }

  const { min, max } = stat;
  const span = max.minus(min);
  const part = rule.better === 'lower' ? max.minus(x) : x.minus(min);
  const score = roundScore(part.div(span).times(w));
  const symbolic = rule.better === 'lower' ? '(max − x) / (max − min)' : '(x − min) / (max − min)';
  const numbers =
    rule.better === 'lower'
      ? `(${fmtPercent(max)} − ${xText}) / (${fmtPercent(max)} − ${fmtPercent(min)})`
      : `(${xText} − ${fmtPercent(min)}) / (${fmtPercent(max)} − ${fmtPercent(min)})`;
  const prefix = stat.fallback
    ? `同组可比值不足 2 个或 max = min，改按阈值插值：`
    : stat.basis === 'thresholds'
      ? '按阈值插值：'
      : `同组 ${stat.qualifying} 个可比值，`;
  return {
    score,
    status: stat.fallback ? 'fallback' : 'interpolated',
    explanation: {
      ...explanation,
      band: 'in_band',
      basis: stat.basis,
      min,
      max,
      n: stat.qualifying,
      formula: `${prefix}得分 = ${symbolic} × 分值 = ${numbers} × ${w} = ${fmtScore(score)}`,
    },
  };
}
