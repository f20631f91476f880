import type { Decimal } from '../decimal';
import { cmpFraction, Fraction, roundHalfUp, roundHalfUpSafe } from '../exact';
import type { ProportionalExplanation } from '../explain/types';
import type { MetricValue, Rule } from '../types';
import { metricFacts, metricInputs, reachInput, valueFacts } from './metric-facts';
import { outcome, type Outcome, type RuleContext } from './outcome';

type Proportional = Extract<Rule, { kind: 'proportional' }>;

const ONE = new Fraction(1, 1);

/** weight × min(1, x) on a ratio (the loader refuses a change metric, which could go below 0). */
export function scoreProportional(ctx: RuleContext, value: MetricValue): Outcome {
  if (value.kind === 'not_applicable') return ctx.notApplicable;
  if (value.kind === 'infinite') return ctx.zero;
  if (cmpFraction(value, ONE) >= 0) return ctx.proportionalFull;
  // w·num / den divides once, last, so an exact half-cent is never lost to a rounded quotient.
  const fast = roundHalfUpSafe(ctx.weightCents * value.n, value.d);
  return outcome(fast === fast ? fast : Number(roundHalfUp(ctx.weightCentsBig * value.num, value.den)), 'proportional');
}

export function explainProportional(
  ctx: RuleContext,
  rule: Proportional,
  value: MetricValue,
  inputs: Record<string, Decimal>,
  score: string,
): ProportionalExplanation {
  const { leaf } = ctx;
  return {
    rule: 'proportional',
    leaf: leaf.code,
    weight: leaf.weight.toFixed(),
    score,
    capped: value.kind === 'value' && cmpFraction(value, ONE) > 0,
    inputs: metricInputs(rule.metric, inputs),
    metric: metricFacts(rule.metric),
    value: valueFacts(value),
    target: { cmp: '≥', threshold: '1', reach: reachInput(ctx, rule.metric, inputs, ONE, 'higher') },
  };
}
