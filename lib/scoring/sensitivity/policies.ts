import { POLICIES, scoreCohort, type Decimal, type Department, type Policy, type Scores, type System } from '../index';

/** One unit's total and rank under one policy. */
export interface PolicyResult {
  policy: Policy;
  total: Decimal;
  rank: number;
  tied: boolean;
  /** Rank under this policy minus rank under the round's own policy (negative = better). */
  move: number;
}

export interface PolicyRow {
  code: string;
  name: string;
  group: string;
  /** In `PolicyComparison.policies` order: the round's own policy first. */
  results: PolicyResult[];
}

export interface PolicyComparison {
  /** The round's own policy first, then the others in the spec's order. */
  policies: Policy[];
  /** Every unit, in the order of the round's own scoring (group, rank, code). */
  rows: PolicyRow[];
  /** The three scorings, by policy. */
  scores: Record<Policy, Scores>;
}

/** The policies in display order: the round's own first. */
export function policyOrder(own: Policy): Policy[] {
  return [own, ...POLICIES.filter((p) => p !== own)];
}

/**
 * The same submissions scored under each interpolation policy (spec §2), side by side. `own` is
 * the round's policy; `ownScores`, when given, is its scoring already made (it is not redone).
 */
export function comparePolicies(system: System, departments: Department[], own: Policy, ownScores?: Scores): PolicyComparison {
  const policies = policyOrder(own);
  const scores = Object.fromEntries(
    policies.map((p) => [p, p === own && ownScores ? ownScores : scoreCohort(system, departments, { policy: p })]),
  ) as Record<Policy, Scores>;
  const byCode = policies.map((p) => new Map(scores[p].departments.map((d) => [d.code, d])));
  const rows = scores[own].departments.map((d) => {
    const results = policies.map((p, k) => {
      const x = byCode[k]!.get(d.code)!;
      return { policy: p, total: x.total, rank: x.rank, tied: x.tied, move: x.rank - d.rank };
    });
    return { code: d.code, name: d.name, group: d.group, results };
  });
  return { policies, rows, scores };
}
