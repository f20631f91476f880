import { bandedStat } from './cohort-stats';
import { fromCents, type Decimal } from './decimal';
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
  type Band,
  type Outcome,
  type RuleContext,
} from './rules';
import { indexSystem } from './system-index';
import type { CohortStat, Department, DepartmentScore, Explanation, LeafScore, MetricValue, Policy, Scores, Status, System } from './types';

export interface ScoreOptions {
  /** Overrides the system's interpolation policy, e.g. for a sensitivity view. */
  policy?: Policy;
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
    private readonly ctx: RuleContext,
    private readonly department: Department,
    readonly value: MetricValue | undefined,
    private readonly stat: CohortStat | undefined,
    private readonly policy: Policy,
    out: Outcome,
  ) {
    this.code = ctx.leaf.code;
    this.weight = ctx.leaf.weight;
    this.score = out.score;
    this.status = out.status;
    this.self = department.self_scores?.[this.code];
    this.selfDiff = this.self?.minus(out.score);
  }
  get explanation(): Explanation {
    return (this.cached ??= explainLeaf(this.ctx, this.department, this.value, this.stat, this.policy, this.score));
  }
}

/**
 * Scores every department of a cohort (spec §2–§4). Banded leaves are relative to the department's
 * group, so one call must receive the whole round. The result does not depend on department order.
 */
export function scoreCohort(system: System, departments: Department[], options: ScoreOptions = {}): Scores {
  const policy = options.policy ?? system.interpolation;
  const idx = indexSystem(system);
  const leaves = idx.leaves;

  // Metric values and their bands are computed once and shared by the cohort statistics and the rules.
  const values: (MetricValue | undefined)[][] = [];
  const bands: (Band | undefined)[][] = [];
  for (const d of departments) {
    const row: (MetricValue | undefined)[] = [];
    const bandRow: (Band | undefined)[] = [];
    for (const { leaf } of leaves) {
      const r = leaf.rule;
      let v: MetricValue | undefined;
      if (r.kind === 'banded' || r.kind === 'proportional') {
        const m = evalMetric(r.metric, d.inputs);
        if (m.kind === 'error') throw new Error(`部门 ${d.code}：${m.field}${m.message}（未经 parseCohort 校验的数据）`);
        v = m;
      }
      row.push(v);
      bandRow.push(r.kind === 'banded' && v?.kind === 'value' ? classify(r, v) : undefined);
    }
    values.push(row);
    bands.push(bandRow);
  }

  const groups = new Map<string, number[]>();
  departments.forEach((d, i) => {
    const members = groups.get(d.group);
    if (members) members.push(i);
    else groups.set(d.group, [i]);
  });

  const cohort: Scores['cohort'] = {};
  const statsByGroup = new Map<string, (CohortStat | undefined)[]>();
  // Groups in a fixed order, so the printed statistics never depend on department order.
  for (const group of [...groups.keys()].sort()) {
    const members = groups.get(group)!;
    const stats = leaves.map(({ leaf }, li) =>
      leaf.rule.kind === 'banded'
        ? bandedStat(leaf.rule, members.map((m) => values[m]![li]!), policy, members.map((m) => bands[m]![li]))
        : undefined,
    );
    statsByGroup.set(group, stats);
    const entry: Record<string, CohortStat> = {};
    leaves.forEach(({ leaf }, li) => {
      if (stats[li]) entry[leaf.code] = stats[li]!;
    });
    cohort[group] = entry;
  }

  const contexts = leaves.map(({ leaf }) => ruleContext(leaf, system.fields));
  const levelIndex = leaves.map((l) => ({
    l1: idx.level1.findIndex((n) => n.code === l.level1),
    l2: idx.level2.findIndex((n) => n.node.code === l.level2),
  }));
  const level2Parent = idx.level2.map((l) => idx.level1.findIndex((n) => n.code === l.level1));
  const totalsInCents = new Array<number>(departments.length);

  const results: DepartmentScore[] = departments.map((d, di) => {
    const stats = statsByGroup.get(d.group)!;
    const indicators: Record<string, LeafScore> = {};
    // Subtotals are sums of the rounded leaf scores (spec §4), exact in integer cents.
    const level1Cents = new Array<number>(idx.level1.length).fill(0);
    const level2Cents = new Array<number>(idx.level2.length).fill(0);
    for (let li = 0; li < leaves.length; li++) {
      const ctx = contexts[li]!;
      const rule = ctx.leaf.rule;
      const code = ctx.leaf.code;
      const value = values[di]![li];
      let out: Outcome;
      switch (rule.kind) {
        case 'banded':
          out = scoreBanded(ctx, rule, value!, stats[li]!, bands[di]![li]);
          break;
        case 'proportional':
          out = scoreProportional(ctx, value!);
          break;
        case 'checklist':
          out = scoreChecklist(ctx, rule, d.checklists[code]!);
          break;
        case 'grade':
          out = scoreGrade(ctx, d.grades[code]!);
          break;
        case 'judgement':
          out = scoreJudgement(d.judgements[code]!);
          break;
      }
      indicators[code] = new LeafResult(ctx, d, value, stats[li], policy, out);
      const { l1, l2 } = levelIndex[li]!;
      if (l2 >= 0) level2Cents[l2] = level2Cents[l2]! + out.cents;
      else level1Cents[l1] = level1Cents[l1]! + out.cents;
    }
    level2Parent.forEach((l1, i) => (level1Cents[l1] = level1Cents[l1]! + level2Cents[i]!));

    const level1: Record<string, Decimal> = {};
    const level2: Record<string, Decimal> = {};
    idx.level1.forEach((l, i) => (level1[l.code] = fromCents(level1Cents[i]!)));
    idx.level2.forEach((l, i) => (level2[l.node.code] = fromCents(level2Cents[i]!)));
    const totalCents = level1Cents.reduce((a, b) => a + b, 0);
    totalsInCents[di] = totalCents;
    const total = fromCents(totalCents);
    const selfTotal = d.self_scores?.total;
    return {
      code: d.code,
      name: d.name,
      group: d.group,
      total,
      rank: 0,
      tied: false,
      level1,
      level2,
      indicators,
      ...(selfTotal !== undefined ? { selfTotal, selfTotalDiff: selfTotal.minus(total) } : {}),
    };
  });

  for (const members of groups.values()) {
    const ranks = competitionRanks(members.map((m) => totalsInCents[m]!));
    members.forEach((m, k) => Object.assign(results[m]!, ranks[k]));
  }

  // A stable output order that no input order can change: group, rank, then code.
  results.sort((a, b) => cmp(a.group, b.group) || a.rank - b.rank || cmp(a.code, b.code));
  return { system: system.id, policy, cohort, departments: results };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
