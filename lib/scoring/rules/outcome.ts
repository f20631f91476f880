import { fromCents, type Decimal } from '../decimal';
import type { FieldInfo, Leaf, Status } from '../types';

/**
 * A rule's result for one department on one leaf: the capped, rounded score, its status and the
 * score in cents for the subtotals. Results that many departments share (full marks, zero, a
 * checklist tier, a grade) are built once per leaf and reused: a 10,000-department round would
 * otherwise spend most of its time allocating.
 */
export interface Outcome {
  score: Decimal;
  status: Status;
  cents: number;
}

export function outcome(cents: number, status: Status): Outcome {
  return { score: fromCents(cents), status, cents };
}

/** What every rule may read besides the department's own values; built once per leaf and round. */
export interface RuleContext {
  leaf: Leaf;
  fields: Record<string, FieldInfo>;
  /** The weight in cents (system weights have at most 2 decimals), as a number and a bigint. */
  weightCents: number;
  weightCentsBig: bigint;
  /** Shared outcomes, by status, for the weight (full marks) and for zero. */
  full: Outcome;
  zero: Outcome;
  notApplicable: Outcome;
  /** Full marks reached by a proportional rule at x ≥ 100%. */
  proportionalFull: Outcome;
  /** Checklist: one outcome per tier, in `rule.tiers` order, and for no tier reached. */
  tiers: Outcome[];
  noTier: Outcome;
  /** Grade: one outcome per label. */
  grades: Map<string, Outcome>;
  /** Judgement: outcomes by cents, filled as scores are met (a round has few distinct ones). */
  judged: Map<number, Outcome>;
}

export function fieldName(fields: Record<string, FieldInfo>, key: string): string {
  return fields[key]?.name ?? key;
}
