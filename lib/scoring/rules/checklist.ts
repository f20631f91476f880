import type { Decimal } from '../decimal';
import type { ChecklistExplanation } from '../explain/types';
import type { Rule } from '../types';
import type { Outcome, RuleContext } from './outcome';

type Checklist = Extract<Rule, { kind: 'checklist' }>;

/** The fewest items that still earn the full weight, or null when no tier reaches it. */
export function checklistItemsForFull(rule: Checklist, weight: Decimal): number | null {
  const reaching = rule.tiers.filter((t) => t.score.gte(weight)).map((t) => t.met);
  return reaching.length ? Math.min(...reaching) : null;
}

export function scoreChecklist(ctx: RuleContext, rule: Checklist, answers: boolean[]): Outcome {
  let met = 0;
  for (const a of answers) if (a) met++;
  const i = rule.tiers.findIndex((t) => t.met <= met);
  return i < 0 ? ctx.noTier : ctx.tiers[i]!;
}

export function explainChecklist(ctx: RuleContext, rule: Checklist, answers: boolean[], score: string): ChecklistExplanation {
  const { leaf } = ctx;
  const met = answers.filter(Boolean).length;
  const tier = rule.tiers.find((t) => t.met <= met);
  const inputs: Record<string, boolean> = {};
  answers.forEach((a, i) => (inputs[`${leaf.code}.${i + 1}`] = a));
  return {
    rule: 'checklist',
    leaf: leaf.code,
    weight: leaf.weight.toFixed(),
    score,
    capped: tier !== undefined && tier.score.gt(leaf.weight),
    inputs,
    met,
    of: answers.length,
    tiers: rule.tiers.map((t) => ({ met: t.met, score: t.score.toFixed() })),
    tier: tier ? { met: tier.met, score: tier.score.toFixed() } : null,
    itemsForFull: checklistItemsForFull(rule, leaf.weight),
  };
}
