import { centsNumber } from '../exact';
import type { Decimal } from '../decimal';
import type { JudgementExplanation } from '../explain/types';
import { outcome, type Outcome, type RuleContext } from './outcome';

/** The evaluator's score is taken as given; the cohort parser has checked 0 ≤ v ≤ weight, 2 decimals. */
export function scoreJudgement(ctx: RuleContext, given: Decimal): Outcome {
  const cents = centsNumber(given);
  let out = ctx.judged.get(cents);
  if (!out) ctx.judged.set(cents, (out = outcome(cents, 'judgement')));
  return out;
}

export function explainJudgement(ctx: RuleContext, given: Decimal, score: string): JudgementExplanation {
  const { leaf } = ctx;
  return {
    rule: 'judgement',
    leaf: leaf.code,
    weight: leaf.weight.toFixed(),
    score,
    capped: false,
    inputs: { [leaf.code]: given.toFixed() },
    given: given.toFixed(),
  };
}
