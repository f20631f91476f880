import type { Decimal } from '../decimal';
import { fmtScore } from '../text';
import type { RuleContext, RuleOutcome } from './outcome';

/** The evaluator's score is taken as given; the cohort parser has checked 0 ≤ v ≤ weight, 2 decimals. */
export function scoreJudgement(ctx: RuleContext, given: Decimal): RuleOutcome {
  const { leaf } = ctx;
  return {
    score: given,
    status: 'judgement',
    explain: () => ({
      rule: 'judgement',
      ruleText: `评价人按评价要点在 0 至 ${leaf.weight} 分之间评分`,
      inputs: { [leaf.code]: given.toFixed() },
      formula: `评价人评分 ${fmtScore(given)}（满分 ${leaf.weight}）`,
      target: `${leaf.name}各项评价要点均达成可得满分 ${leaf.weight}`,
    }),
  };
}
