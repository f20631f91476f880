import { bandedStat } from './cohort-stats';
import { fromCents, type Decimal } from './decimal';
import { difference } from './exact';
import type { Band } from './explain/types';
import { gradeOf } from './grades';
import { evalMetric } from './metric';
import { competitionRanks } from './rank';
import {
  classify,
  explainLeaf,
  ruleContext,
  scoreBanded,
  scoreChecklist,
  scoreGrade,
  scoreJudgement,
  scoreProportional,
  PENDING,
  type Outcome,
  type RuleContext,
} from './rules';
import { indexSystem } from './system-index';
import type { CohortStat, Department, DepartmentScore, Explanation, LeafScore, MetricValue, Policy, Scores, Status, System } from './types';

export interface ScoreOptions {
  /** Overrides the system's interpolation policy, e.g. for a sensitivity view. */
  policy?: Policy;
  /**
   * Group statistics to score against instead of computing them from `departments`, by group and
   * banded leaf: a what-if scores one changed department against its whole group's min and max.
   */
  stats?: Record<string, Record<string, CohortStat>>;
}

/** What every department's result on one leaf of one group shares: the rule context, statistic and policy. */
interface LeafRun {
  ctx: RuleContext;
  stat: CohortStat | undefined;
  policy: Policy;
}

/** A leaf result whose explanation is built from its inputs when first read, then kept. */
class LeafResult implements LeafScore {
  readonly code: string;
  readonly weight: Decimal;
  readonly score: Decimal;
  readonly status: Status;
  readonly self: Decimal | undefined;
  readonly selfDiff: Decimal | undefined;
  private cached: Explanation | undefined;
  constructor(
    private readonly run: LeafRun,
    private readonly department: Department,
    readonly value: MetricValue | undefined,
    out: Outcome,
  ) {
    this.code = run.ctx.leaf.code;
    this.weight = run.ctx.leaf.weight;
    this.score = out.score;
    this.status = out.status;
    this.self = department.self_scores?.[this.code];
    // A pending leaf has no score yet to differ from.
    this.selfDiff = this.self === undefined || out.status === 'pending' ? undefined : difference(this.self, out.score);
  }
  get explanation(): Explanation {
    const { ctx, stat, policy } = this.run;
    return (this.cached ??= explainLeaf(ctx, this.department, this.value, stat, policy, this.score));
  }
}

/**
 * Scores every department of a cohort (spec §2–§4). Banded leaves are relative to the department's
 * group, so one call must receive the whole round. The result does not depend on department order.
 *
 * In three phases: metric values (and their bands) of every department; the cohort statistic of
 * every group and banded leaf; then each department's leaf scores, subtotals, rank and grade.
 */
export function scoreCohort(system: System, departments: Department[], options: ScoreOptions = {}): Scores {
  const policy = options.policy ?? system.interpolation;
  const idx = indexSystem(system);
  const contexts = idx.leaves.map(({ leaf }) => ruleContext(leaf, system.fields));

  const { values, bands } = metricValues(contexts, departments);
  const groups = groupMembers(departments);
  const { cohort, statsByGroup } = cohortStats(contexts, groups, values, bands, policy, options.stats);
  const runsByGroup = new Map([...statsByGroup].map(([g, stats]) => [g, contexts.map((ctx, li) => ({ ctx, stat: stats[li], policy }))]));

  const layout = levelLayout(idx);
  const totalsInCents = new Array<number>(departments.length);
  const results = new Array<DepartmentScore>(departments.length);
  const scratch = { level1: new Float64Array(layout.level1.length), level2: new Float64Array(layout.level2.length) };
  for (let di = 0; di < departments.length; di++) {
    const d = departments[di]!;
    results[di] = scoreDepartment(system, layout, scratch, runsByGroup.get(d.group)!, d, values[di]!, bands[di]!);
    totalsInCents[di] = scratch.level1.reduce((a, b) => a + b, 0);
  }

  for (const members of groups.values()) {
    const ranks = competitionRanks(members.map((m) => totalsInCents[m]!));
    members.forEach((m, k) => Object.assign(results[m]!, ranks[k]));
  }

  // A stable output order that no input order can change: group, rank, then code.
  results.sort((a, b) => cmp(a.group, b.group) || a.rank - b.rank || cmp(a.code, b.code));
  return { system: system.id, policy, cohort, departments: results };
}

/** The positions of the level-1 and level-2 nodes, and where each leaf's score adds up. */
interface LevelLayout {
  level1: string[];
  level2: string[];
  /** Per level-2 node, its level-1 position. */
  level2Parent: number[];
  /** Per leaf, its level-2 position, or −1 when it hangs directly under level-1 … */
  leafLevel2: number[];
  /** … at this level-1 position. */
  leafLevel1: number[];
}

function levelLayout(idx: ReturnType<typeof indexSystem>): LevelLayout {
  const level1 = idx.level1.map((n) => n.code);
  const level2 = idx.level2.map((n) => n.node.code);
  return {
    level1,
    level2,
    level2Parent: idx.level2.map((l) => level1.indexOf(l.level1)),
    leafLevel2: idx.leaves.map((l) => (l.level2 === null ? -1 : level2.indexOf(l.level2))),
    leafLevel1: idx.leaves.map((l) => level1.indexOf(l.level1)),
  };
}

/** One department's leaf scores, subtotals and grade; its rank is filled in once the group is done. */
function scoreDepartment(
  system: System,
  layout: LevelLayout,
  /** Subtotals in cents, reused from department to department; level1 holds this one's afterwards. */
  scratch: { level1: Float64Array; level2: Float64Array },
  runs: LeafRun[],
  d: Department,
  row: (MetricValue | undefined)[],
  bandRow: (Band | undefined)[],
): DepartmentScore {
  const indicators: Record<string, LeafScore> = {};
  // Subtotals are sums of the rounded leaf scores (spec §4), exact in integer cents.
  const level1Cents = scratch.level1.fill(0);
  const level2Cents = scratch.level2.fill(0);
  // Pending judgement leaves at full marks: the upper end of a provisional total (spec §7).
  let pendingCents = 0;
  for (let li = 0; li < runs.length; li++) {
    const run = runs[li]!;
    const out = scoreLeaf(run.ctx, d, row[li], run.stat, bandRow[li]);
    if (out.status === 'pending') pendingCents += run.ctx.weightCents;
    indicators[run.ctx.leaf.code] = new LeafResult(run, d, row[li], out);
    const l2 = layout.leafLevel2[li]!;
    if (l2 >= 0) level2Cents[l2]! += out.cents;
    else level1Cents[layout.leafLevel1[li]!]! += out.cents;
  }
  for (let i = 0; i < level2Cents.length; i++) level1Cents[layout.level2Parent[i]!]! += level2Cents[i]!;

  const level1: Record<string, Decimal> = {};
  const level2: Record<string, Decimal> = {};
  let cents = 0;
  for (let i = 0; i < level1Cents.length; i++) {
    level1[layout.level1[i]!] = fromCents(level1Cents[i]!);
    cents += level1Cents[i]!;
  }
  for (let i = 0; i < level2Cents.length; i++) level2[layout.level2[i]!] = fromCents(level2Cents[i]!);
  const total = fromCents(cents);
  const score: DepartmentScore = {
    code: d.code,
    name: d.name,
    group: d.group,
    total,
    rank: 0,
    tied: false,
    grade: gradeOf(system, cents),
    level1,
    level2,
    indicators,
  };
  const selfTotal = d.self_scores?.total;
  if (selfTotal !== undefined) {
    score.selfTotal = selfTotal;
    // A provisional total has no fixed figure yet to differ from.
    if (pendingCents === 0) score.selfTotalDiff = difference(selfTotal, total);
  }
  if (pendingCents > 0) {
    score.provisional = true;
    score.totalMax = fromCents(cents + pendingCents);
  }
  return score;
}

/** Metric values of every department and leaf, and where banded values lie; computed once and shared. */
function metricValues(contexts: RuleContext[], departments: Department[]) {
  const values: (MetricValue | undefined)[][] = new Array(departments.length);
  const bands: (Band | undefined)[][] = new Array(departments.length);
  for (let di = 0; di < departments.length; di++) {
    const d = departments[di]!;
    const row = new Array<MetricValue | undefined>(contexts.length);
    const bandRow = new Array<Band | undefined>(contexts.length);
    for (let li = 0; li < contexts.length; li++) {
      const r = contexts[li]!.leaf.rule;
      if (r.kind !== 'banded' && r.kind !== 'proportional') continue;
      const m = evalMetric(r.metric, d.inputs);
      if (m.kind === 'error') throw new Error(`单位 ${d.code}：${m.field} ${m.problem}（未经 parseCohort 校验的数据）`);
      row[li] = m;
      if (r.kind === 'banded' && m.kind === 'value') bandRow[li] = classify(r, m);
    }
    values[di] = row;
    bands[di] = bandRow;
  }
  return { values, bands };
}

/** Department indices per group, in input order. */
function groupMembers(departments: Department[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  departments.forEach((d, i) => {
    const members = groups.get(d.group);
    if (members) members.push(i);
    else groups.set(d.group, [i]);
  });
  return groups;
}

function cohortStats(
  contexts: RuleContext[],
  groups: Map<string, number[]>,
  values: (MetricValue | undefined)[][],
  bands: (Band | undefined)[][],
  policy: Policy,
  given: ScoreOptions['stats'],
) {
  const cohort: Scores['cohort'] = {};
  const statsByGroup = new Map<string, (CohortStat | undefined)[]>();
  // Groups in a fixed order, so the printed statistics never depend on department order.
  for (const group of [...groups.keys()].sort()) {
    const members = groups.get(group)!;
    const givenStats = given?.[group];
    const entry: Record<string, CohortStat> = {};
    const stats = contexts.map(({ leaf }, li) => {
      if (leaf.rule.kind !== 'banded') return undefined;
      const stat = givenStats?.[leaf.code] ?? bandedStat(leaf.rule, members.map((m) => values[m]![li]!), policy, members.map((m) => bands[m]![li]));
      entry[leaf.code] = stat;
      return stat;
    });
    statsByGroup.set(group, stats);
    cohort[group] = entry;
  }
  return { cohort, statsByGroup };
}

function scoreLeaf(ctx: RuleContext, d: Department, value: MetricValue | undefined, stat: CohortStat | undefined, band: Band | undefined): Outcome {
  const rule = ctx.leaf.rule;
  switch (rule.kind) {
    case 'banded':
      return scoreBanded(ctx, rule, value!, stat!, band);
    case 'proportional':
      return scoreProportional(ctx, value!);
    case 'checklist':
      return scoreChecklist(ctx, rule, d.checklists[ctx.leaf.code]!);
    case 'grade':
      return scoreGrade(ctx, d.grades[ctx.leaf.code]!);
    case 'judgement': {
      const given = d.judgements[ctx.leaf.code];
      return given === undefined ? PENDING : scoreJudgement(ctx, given);
    }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
