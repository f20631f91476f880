import { centsNumber } from '../exact';
import type { Decimal } from '../decimal';
import { fmtScore } from '../text';
import type { PanelResult } from '../types';
import type { JudgementExplanation } from '../explain/types';
import { outcome, type Outcome, type RuleContext } from './outcome';

/** The evaluator's score is taken as given; the cohort parser has checked 0 ≤ v ≤ weight, 2 decimals. */
export function scoreJudgement(ctx: RuleContext, given: Decimal): Outcome {
  const cents = centsNumber(given);
  let out = ctx.judged.get(cents);
  if (!out) ctx.judged.set(cents, (out = outcome(cents, 'judgement')));
  return out;
}

/** Not yet evaluated (spec §7): scores nothing until the evaluation arrives. */
export const PENDING: Outcome = outcome(0, 'pending');

/** `given` undefined: pending. A panel's explanation lists each reviewer's score and the spread. */
export function explainJudgement(ctx: RuleContext, given: Decimal | undefined, score: string, panel?: PanelResult): JudgementExplanation {
  const { leaf } = ctx;
  const base = { rule: 'judgement' as const, leaf: leaf.code, weight: leaf.weight.toFixed(), score, capped: false };
  if (given === undefined) return { ...base, inputs: {}, given: null };
  if (!panel) return { ...base, inputs: { [leaf.code]: given.toFixed() }, given: given.toFixed() };
  return {
    ...base,
    inputs: Object.fromEntries(panel.scores.map((p) => [p.by, p.score.toFixed()])),
    given: given.toFixed(),
    panel: {
      rule: panel.rule,
      scores: panel.scores.map((p) => ({ by: p.by, score: fmtScore(p.score), ...(p.comment ? { comment: p.comment } : {}) })),
      trimmed: panel.trimmed,
      spread: fmtScore(panel.spread),
      flagged: panel.flagged,
    },
  };
}
