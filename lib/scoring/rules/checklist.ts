import type { Decimal } from '../decimal';
import { fmtScore } from '../text';
import type { Explanation, Rule } from '../types';
import type { Outcome, RuleContext } from './outcome';

type Checklist = Extract<Rule, { kind: 'checklist' }>;

export function checklistText(rule: Checklist): string {
  return rule.tiers.map((t) => `符合 ${t.met} 项得 ${t.score}`).join('；');
}

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

export function explainChecklist(ctx: RuleContext, rule: Checklist, answers: boolean[], score: Decimal): Explanation {
  const { leaf } = ctx;
  const met = answers.filter(Boolean).length;
  const tier = rule.tiers.find((t) => t.met <= met);
  const capped = tier !== undefined && tier.score.gt(leaf.weight);
  let formula = tier
    ? `符合 ${met}/${answers.length} 项 → 档次“符合 ${tier.met} 项”得 ${tier.score}`
    : `符合 ${met}/${answers.length} 项，未达到任何档次，得 0`;
  if (capped) formula += `，超过分值 ${leaf.weight}，按 ${leaf.weight} 计`;
  formula += ` = ${fmtScore(score)}`;

  const needed = checklistItemsForFull(rule, leaf.weight);
  const target =
    needed === null
      ? `${leaf.name}最高档次不足分值 ${leaf.weight}`
      : needed === answers.length
        ? `${leaf.name}全部 ${needed} 项评价要点符合可得满分`
        : `${leaf.name}符合至少 ${needed} 项评价要点可得满分`;

  const inputs: Record<string, string> = {};
  answers.forEach((a, i) => (inputs[`${leaf.code}.${i + 1}`] = a ? '是' : '否'));
  return { rule: 'checklist', ruleText: checklistText(rule), inputs, capped, formula, target };
}
