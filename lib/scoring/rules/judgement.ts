import type { Decimal } from '../decimal';
import { fmtScore } from '../text';
import type { Explanation } from '../types';
import { outcome, type Outcome, type RuleContext } from './outcome';

/** The evaluator's score is taken as given; the cohort parser has checked 0 ≤ v ≤ weight, 2 decimals. */
export function scoreJudgement(given: Decimal): Outcome {
  return outcome(given, 'judgement');
}

export function explainJudgement(ctx: RuleContext, given: Decimal): Explanation {
  const { leaf } = ctx;
  return {
    rule: 'judgement',
    ruleText: `评价人按评价要点在 0 至 ${leaf.weight} 分之间评分`,
    inputs: { [leaf.code]: given.toFixed() },
    formula: `评价人评分 ${fmtScore(given)}（满分 ${leaf.weight}）`,
    target: `${leaf.name}各项评价要点均达成可得满分 ${leaf.weight}`,
  };
}
