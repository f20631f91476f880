import type { Decimal } from '../decimal';
import type { Explanation, FieldInfo, Leaf, Status } from '../types';

/**
 * What a rule returns for one department on one leaf. `score` is already capped and rounded.
 * The explanation is built on first read: a 10,000-department round would otherwise spend most
 * of its time formatting text nobody looks at.
 */
export interface RuleOutcome {
  score: Decimal;
  status: Status;
  explain: () => Explanation;
}

/** What every rule may read besides the department's own values; built once per leaf. */
export interface RuleContext {
  leaf: Leaf;
  fields: Record<string, FieldInfo>;
  /** The weight rounded as a score, shared by every full-marks result. */
  fullScore: Decimal;
  zeroScore: Decimal;
}

export function fieldName(ctx: RuleContext, key: string): string {
  return ctx.fields[key]?.name ?? key;
}
