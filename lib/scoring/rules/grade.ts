import type { GradeExplanation } from '../explain/types';
import type { Rule } from '../types';
import type { Outcome, RuleContext } from './outcome';

type Grade = Extract<Rule, { kind: 'grade' }>;

/** English aliases of the seed's standard grade labels (spec §1). */
export const GRADE_ALIASES: Record<string, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};
const STANDARD_LABELS = new Set(Object.values(GRADE_ALIASES));

/** Whether a rule's labels are exactly the standard 优秀/良好/合格/不合格, the only labels the aliases stand for. */
export function usesStandardLabels(rule: Grade): boolean {
  return rule.grades.length === STANDARD_LABELS.size && rule.grades.every((g) => STANDARD_LABELS.has(g.label));
}

/**
 * The rule's own label for a given text, or null when the rule has no such grade. The rule's own
 * labels always win; the English aliases apply only to a rule with the standard Chinese labels, so
 * a system whose own labels are, say, Good/Fair is never read as 良好.
 */
export function resolveGrade(rule: Grade, given: string): string | null {
  const text = given.trim();
  if (rule.grades.some((g) => g.label === text)) return text;
  if (!usesStandardLabels(rule)) return null;
  return GRADE_ALIASES[text.toLowerCase()] ?? null;
}

export function scoreGrade(ctx: RuleContext, label: string): Outcome {
  return ctx.grades.get(label)!;
}

export function explainGrade(ctx: RuleContext, rule: Grade, label: string, score: string): GradeExplanation {
  const { leaf } = ctx;
  const grade = rule.grades.find((g) => g.label === label)!;
  const best = rule.grades.reduce((a, b) => (b.score.gt(a.score) ? b : a));
  return {
    rule: 'grade',
    leaf: leaf.code,
    weight: leaf.weight.toFixed(),
    score,
    capped: grade.score.gt(leaf.weight),
    inputs: { [leaf.code]: label },
    grades: rule.grades.map((g) => ({ label: g.label, score: g.score.toFixed() })),
    label,
    labelScore: grade.score.toFixed(),
    best: best.label,
  };
}
