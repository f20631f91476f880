import type { Decimal } from '../decimal';
import type { Rule } from '../types';

export { scoreBanded, inBand, reachesFull, valueInBand, valueReachesFull, classify, bandedText, type Band } from './banded';
export { scoreProportional } from './proportional';
export { scoreChecklist, checklistText, checklistItemsForFull } from './checklist';
export { scoreGrade, resolveGrade, gradeText, GRADE_ALIASES } from './grade';
export { scoreJudgement } from './judgement';
export type { RuleOutcome, RuleContext } from './outcome';

/** The highest score a rule can give before the weight cap: above the weight only as a warning. */
export function ruleMaxScore(rule: Rule, weight: Decimal): Decimal {
  const max = (xs: Decimal[]) => xs.reduce((a, b) => (b.gt(a) ? b : a));
  if (rule.kind === 'checklist') return max(rule.tiers.map((t) => t.score));
  if (rule.kind === 'grade') return max(rule.grades.map((g) => g.score));
  return weight;
}
