import type { Decimal } from '../decimal';
import { fmtScore } from '../text';
import type { Explanation, Rule } from '../types';
import type { Outcome, RuleContext } from './outcome';

type Grade = Extract<Rule, { kind: 'grade' }>;

/** English aliases accepted for the seed's grade labels (spec §1). */
export const GRADE_ALIASES: Record<string, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

/** The rule's own label for a given label or alias, or null when the rule has no such grade. */
export function resolveGrade(rule: Grade, given: string): string | null {
  const text = given.trim();
  const label = GRADE_ALIASES[text.toLowerCase()] ?? text;
  return rule.grades.some((g) => g.label === label) ? label : null;
}

export function gradeText(rule: Grade): string {
  return rule.grades.map((g) => `${g.label}（${g.score}）`).join('；');
}

export function scoreGrade(ctx: RuleContext, label: string): Outcome {
  return ctx.grades.get(label)!;
}

export function explainGrade(ctx: RuleContext, rule: Grade, label: string, score: Decimal): Explanation {
  const { leaf } = ctx;
  const grade = rule.grades.find((g) => g.label === label)!;
  const capped = grade.score.gt(leaf.weight);
  const best = rule.grades.reduce((a, b) => (b.score.gt(a.score) ? b : a));
  return {
    rule: 'grade',
    ruleText: gradeText(rule),
    inputs: { [leaf.code]: label },
    capped,
    formula: `评价等级“${label}”得 ${grade.score}${capped ? `，按分值 ${leaf.weight} 计` : ''} = ${fmtScore(score)}`,
    target: `${leaf.name}评为“${best.label}”可得满分`,
  };
}
