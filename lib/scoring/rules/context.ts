import { roundScore, ZERO } from '../decimal';
import type { FieldInfo, Leaf } from '../types';
import { outcome, type RuleContext } from './outcome';

/** The shared outcomes of one leaf, capped at its weight and rounded once. */
export function ruleContext(leaf: Leaf, fields: Record<string, FieldInfo>): RuleContext {
  const w = roundScore(leaf.weight);
  const zero = roundScore(ZERO);
  const capped = (s: import('../decimal').Decimal) => (s.gt(leaf.weight) ? w : roundScore(s));
  const rule = leaf.rule;
  return {
    leaf,
    fields,
    full: outcome(w, 'full'),
    zero: outcome(zero, 'zero'),
    notApplicable: outcome(w, 'not_applicable'),
    proportionalFull: outcome(w, 'proportional'),
    tiers: rule.kind === 'checklist' ? rule.tiers.map((t) => outcome(capped(t.score), 'tier')) : [],
    noTier: outcome(zero, 'tier'),
    grades: new Map(rule.kind === 'grade' ? rule.grades.map((g) => [g.label, outcome(capped(g.score), 'grade')]) : []),
  };
}
