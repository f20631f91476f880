import { ONE, roundScore, ZERO, type Decimal } from '../decimal';
import { fmtPercent, fmtScore } from '../text';
import type { MetricValue, Rule } from '../types';
import { inputForThreshold, metricInputs, specialValueText, valueText } from './metric-text';
import type { RuleContext, RuleOutcome } from './outcome';

type Proportional = Extract<Rule, { kind: 'proportional' }>;

export function scoreProportional(
  ctx: RuleContext,
  rule: Proportional,
  value: MetricValue,
  inputs: Record<string, Decimal>,
): RuleOutcome {
  const { leaf } = ctx;
  const w = leaf.weight;
  const hint = inputForThreshold(ctx, rule.metric, inputs, ONE, 'higher');
  const explanation = {
    rule: 'proportional' as const,
    ruleText: `得分 = min(1, ${leaf.name}) × 分值`,
    inputs: metricInputs(rule.metric, inputs),
    valueText: valueText(value),
    target: `${leaf.name} ≥ 100.00% 可得满分${hint ? `（${hint}）` : ''}`,
  };
  if (value.kind !== 'value') {
    const na = value.kind === 'not_applicable';
    const score = roundScore(na ? w : ZERO);
    return {
      score,
      status: na ? 'not_applicable' : 'zero',
      explanation: { ...explanation, formula: `${specialValueText(ctx, rule.metric, value)}，得${na ? '满分' : ' 0 分'} = ${fmtScore(score)}` },
    };
  }
  const capped = value.x.gt(ONE);
  const score = roundScore(w.times(capped ? ONE : value.x));
  return {
    score,
    status: 'proportional',
    explanation: {
      ...explanation,
      capped,
      formula: `得分 = min(1, ${fmtPercent(value.x)}) × ${w} = ${fmtScore(score)}`,
    },
  };
}
