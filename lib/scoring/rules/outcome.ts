import type { Decimal } from '../decimal';
import type { Explanation, FieldInfo, Leaf, Status } from '../types';

/** What a rule returns for one department on one leaf. `score` is already capped and rounded. */
export interface RuleOutcome {
  score: Decimal;
  status: Status;
  explanation: Explanation;
}

/** What every rule may read besides the department's own values. */
export interface RuleContext {
  leaf: Leaf;
  fields: Record<string, FieldInfo>;
}

export function fieldName(ctx: RuleContext, key: string): string {
  return ctx.fields[key]?.name ?? key;
}
