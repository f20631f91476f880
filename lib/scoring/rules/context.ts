import { centsOf } from '../exact';
import type { Decimal } from '../decimal';
import type { FieldInfo, Leaf } from '../types';
import { outcome, type RuleContext } from './outcome';

/** The weight in cents; the system loader has refused weights and rule scores with more than 2 decimals. */
function cents(d: Decimal): number {
  const c = centsOf(d);
  if (c === null) throw new Error(`分值 ${d} 超过 2 位小数（未经 parseSystem 校验的体系）`);
  return Number(c);
}

/** The shared outcomes of one leaf, capped at its weight. */
export function ruleContext(leaf: Leaf, fields: Record<string, FieldInfo>): RuleContext {
  const w = cents(leaf.weight);
  const capped = (s: Decimal) => Math.min(cents(s), w);
  const rule = leaf.rule;
  return {
    leaf,
    fields,
    weightCents: w,
    weightCentsBig: BigInt(w),
    full: outcome(w, 'full'),
    zero: outcome(0, 'zero'),
    notApplicable: outcome(w, 'not_applicable'),
    proportionalFull: outcome(w, 'proportional'),
    tiers: rule.kind === 'checklist' ? rule.tiers.map((t) => outcome(capped(t.score), 'tier')) : [],
    noTier: outcome(0, 'tier'),
    grades: new Map(rule.kind === 'grade' ? rule.grades.map((g) => [g.label, outcome(capped(g.score), 'grade')]) : []),
    judged: new Map(),
  };
}
