/**
 * How much a rank depends on the method (the sensitivity issue, spec §7): the same submissions under
 * each interpolation policy, leave-one-out rank ranges and the reversals behind them, who sets each
 * banded leaf's scale, and what-if. Pure functions over the engine's results; nothing here scores a
 * leaf itself (see engine.ts, the one door into the engine's internals).
 */
import type { Department, Scores, System } from '../index';
import { groupTables } from './group';
import { comparePolicies, type PolicyComparison } from './policies';
import { groupStability, type GroupStability, type StabilityOptions } from './rank-range';
import { allScales, type LeafScale } from './setters';

export { groupTable, groupTables, type GroupTable } from './group';
export { comparePolicies, policyOrder, type PolicyComparison, type PolicyResult, type PolicyRow } from './policies';
export { groupStability, rankStability, type GroupStability, type RankRange, type Reversal, type ScaleRemoval } from './rank-range';
export { allScales, isOutlier, OUTLIER_MADS, robustSpread, scaleOf, type LeafScale, type Setter, type WithoutSetter } from './setters';
export { whatIf, whatIfKeys, type ScaleChange, type WhatIfChanges, type WhatIfKeyKind, type WhatIfMove, type WhatIfResult } from './what-if';
export { sensitivityJson, withSensitivity } from './json';

export interface Sensitivity {
  policies: PolicyComparison;
  stability: GroupStability[];
  scales: LeafScale[];
}

/** Everything `score --sensitivity` prints, for scores made under the round's own policy. */
export function analyse(system: System, departments: Department[], scores: Scores, opts: StabilityOptions = {}): Sensitivity {
  const tables = groupTables(system, scores);
  return {
    policies: comparePolicies(system, departments, scores.policy, scores),
    stability: tables.map((t) => groupStability(t, opts)),
    scales: allScales(tables),
  };
}
