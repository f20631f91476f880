import type { Decimal } from '../decimal';
import type { Explanation } from '../explain/types';
import { fmtScore } from '../text';
import type { CohortStat, Department, MetricValue, Policy, Rule } from '../types';
import { explainBanded } from './banded';
import { explainChecklist } from './checklist';
import { explainGrade } from './grade';
import { explainJudgement } from './judgement';
import type { RuleContext } from './outcome';
import { explainProportional } from './proportional';

export { scoreBanded, classify, bandLines, interpolate, type BandLines } from './banded';
export { scoreProportional } from './proportional';
export { scoreChecklist, checklistItemsForFull } from './checklist';
export { scoreGrade, resolveGrade, usesStandardLabels, GRADE_ALIASES } from './grade';
export { scoreJudgement, PENDING } from './judgement';
export { ruleContext } from './context';
export type { Outcome, RuleContext } from './outcome';

/** The highest score a rule can give before the weight cap: above the weight only as a warning. */
export function ruleMaxScore(rule: Rule, weight: Decimal): Decimal {
  const max = (xs: Decimal[]) => xs.reduce((a, b) => (b.gt(a) ? b : a));
  if (rule.kind === 'checklist') return max(rule.tiers.map((t) => t.score));
  if (rule.kind === 'grade') return max(rule.grades.map((g) => g.score));
  return weight;
}

/** Builds the explanation of one leaf score from what the score was computed from. */
export function explainLeaf(
  ctx: RuleContext,
  department: Department,
  value: MetricValue | undefined,
  stat: CohortStat | undefined,
  policy: Policy,
  score: Decimal,
): Explanation {
  const rule = ctx.leaf.rule;
  const code = ctx.leaf.code;
  const s = fmtScore(score);
  switch (rule.kind) {
    case 'banded':
      return explainBanded(ctx, rule, value!, department.inputs, stat!, policy, s);
    case 'proportional':
      return explainProportional(ctx, rule, value!, department.inputs, s);
    case 'checklist':
      return explainChecklist(ctx, rule, department.checklists[code]!, s);
    case 'grade':
      return explainGrade(ctx, rule, department.grades[code]!, s);
    case 'judgement':
      return explainJudgement(ctx, department.judgements[code], s, department.panels?.[code]);
  }
}
