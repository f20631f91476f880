import { indexSystem, type CohortStat, type Decimal, type DepartmentScore, type MetricValue, type Policy, type Scores, type System } from '../index';
import { bandedLeafKit, isAtMax, isAtMin, type BandedLeafKit } from './engine';

/** A 2-decimal score in integer cents: totals and leaf scores compare and add exactly as numbers. */
export const cents = (d: Decimal): number => Math.round(d.toNumber() * 100);

/** One banded leaf across a group: what the cohort statistic is made of and what hangs on it. */
export interface LeafColumn {
  kit: BandedLeafKit;
  code: string;
  stat: CohortStat;
  /** Per member: the metric value (undefined never happens for a banded leaf, kept for safety). */
  values: (MetricValue | undefined)[];
  /** Per member: the leaf score in cents. */
  cents: number[];
  /** Members whose score on this leaf depends on the statistic: the values strictly inside the band. */
  inBand: number[];
  /** Members whose value takes part in min and max under the policy. */
  qualifying: number[];
  /** Members holding the min and the max used (empty when the thresholds are used). */
  minHolders: number[];
  maxHolders: number[];
}

/** One group of a scoring, in the flat form the analyses iterate over. */
export interface GroupTable {
  group: string;
  policy: Policy;
  /** In the scoring's order: rank, then code. */
  members: DepartmentScore[];
  indexOf: Map<string, number>;
  totals: number[];
  ranks: number[];
  leaves: LeafColumn[];
}

/** The groups of a scoring, each with its banded leaves laid out per member. */
export function groupTables(system: System, scores: Scores): GroupTable[] {
  const byGroup = new Map<string, DepartmentScore[]>();
  for (const d of scores.departments) {
    const list = byGroup.get(d.group);
    if (list) list.push(d);
    else byGroup.set(d.group, [d]);
  }
  return [...byGroup.entries()].map(([group, members]) => groupTable(system, scores, group, members));
}

export function groupTable(system: System, scores: Scores, group: string, members = scores.departments.filter((d) => d.group === group)): GroupTable {
  const policy = scores.policy;
  const leaves: LeafColumn[] = [];
  for (const { leaf } of indexSystem(system).leaves) {
    if (leaf.rule.kind !== 'banded') continue;
    const stat = scores.cohort[group]?.[leaf.code];
    if (!stat) continue;
    const kit = bandedLeafKit(system, leaf);
    const values = members.map((d) => d.indicators[leaf.code]?.value);
    const col: LeafColumn = {
      kit,
      code: leaf.code,
      stat,
      values,
      cents: members.map((d) => cents(d.indicators[leaf.code]!.score)),
      inBand: [],
      qualifying: [],
      minHolders: [],
      maxHolders: [],
    };
    values.forEach((v, i) => {
      if (kit.inBand(v)) col.inBand.push(i);
      if (!kit.qualifies(v, policy)) return;
      col.qualifying.push(i);
      if (stat.basis !== 'cohort') return;
      if (isAtMin(v!, stat)) col.minHolders.push(i);
      if (isAtMax(v!, stat)) col.maxHolders.push(i);
    });
    leaves.push(col);
  }
  return {
    group,
    policy,
    members,
    indexOf: new Map(members.map((d, i) => [d.code, i])),
    totals: members.map((d) => cents(d.total)),
    ranks: members.map((d) => d.rank),
    leaves,
  };
}

/**
 * The leaves whose scale moves when member `u` leaves: those whose min or max `u` alone holds
 * (spec §2: max and min range over the qualifying values). A value shared with another member, a
 * leaf already on the thresholds, or a member outside the qualifying values changes nothing; and
 * when only two values qualify, each holds one end, so the fall below two is covered too.
 */
export function scaleSetters(table: GroupTable): Map<number, number[]> {
  const out = new Map<number, number[]>();
  table.leaves.forEach((col, c) => {
    if (col.stat.basis !== 'cohort' || col.stat.fallback) return;
    for (const holders of [col.minHolders, col.maxHolders]) {
      if (holders.length !== 1) continue;
      const u = holders[0]!;
      const list = out.get(u);
      if (list) {
        if (!list.includes(c)) list.push(c);
      } else out.set(u, [c]);
    }
  });
  return out;
}

/** One banded leaf of the group scored without member `u`: the new statistic and every member's cents. */
export function leafWithout(table: GroupTable, c: number, u: number): { stat: CohortStat; cents: number[] } {
  const col = table.leaves[c]!;
  const stat = col.kit.stat(
    col.values.filter((_, i) => i !== u),
    table.policy,
  );
  const out = col.cents.slice();
  for (const i of col.inBand) if (i !== u) out[i] = col.kit.score(col.values[i]!, stat).cents;
  return { stat, cents: out };
}

/** Every member's total in cents with member `u` removed, given the leaves whose scale `u` sets. */
export function totalsWithout(table: GroupTable, u: number, leaves: readonly number[]): number[] {
  const totals = table.totals.slice();
  for (const c of leaves) {
    const col = table.leaves[c]!;
    const { cents: next } = leafWithout(table, c, u);
    for (const i of col.inBand) totals[i] = totals[i]! + next[i]! - col.cents[i]!;
  }
  return totals;
}
