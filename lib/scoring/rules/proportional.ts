import { ONE, roundScore, type Decimal } from '../decimal';
import { fmtPercent, fmtScore } from '../text';
import type { Explanation, MetricValue, Rule } from '../types';
import { inputForThreshold, metricInputs, specialValueText, valueText } from './metric-text';
import { outcome, type Outcome, type RuleContext } from './outcome';

type Proportional = Extract<Rule, { kind: 'proportional' }>;

export function scoreProportional(ctx: RuleContext, value: MetricValue): Outcome {
  if (value.kind === 'not_applicable') return ctx.notApplicable;
  if (value.kind === 'infinite') return ctx.zero;
  if (value.cmp(ONE) >= 0) return ctx.proportionalFull;
  // w·a / b divides once, last, so an exact half-cent is never lost to a rounded quotient.
  return outcome(roundScore(ctx.leaf.weight.times(value.a).div(value.b)), 'proportional');
}

export function explainProportional(
  ctx: RuleContext,
  rule: Proportional,
  value: MetricValue,
  inputs: Record<string, Decimal>,
  score: Decimal,
): Explanation {
  const { leaf } = ctx;
  const hint = inputForThreshold(ctx, rule.metric, inputs, ONE, 'higher');
  const base: Explanation = {
    rule: 'proportional',
    ruleText: `得分 = min(1, ${leaf.name}) × 分值`,
    inputs: metricInputs(rule.metric, inputs),
    valueText: valueText(value),
    formula: '',
    target: `${leaf.name} ≥ 100.00% 可得满分${hint ? `（${hint}）` : ''}`,
  };
  if (value.kind !== 'value') {
    const na = value.kind === 'not_applicable';
    base.formula = `${specialValueText(ctx, rule.metric, value)}，得${na ? '满分' : ' 0 分'} = ${fmtScore(score)}`;
    return base;
  }
  base.capped = value.x.gt(ONE);
  base.formula = `得分 = min(1, ${fmtPercent(value.x)}) × ${leaf.weight} = ${fmtScore(score)}`;
  return base;
}
