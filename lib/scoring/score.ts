import { bandedStat } from './cohort-stats';
import { ZERO, fromCents, roundScore, toCents, type Decimal } from './decimal';
import { evalMetric } from './metric';
import { competitionRanks } from './rank';
import {
  classify,
  scoreBanded,
  scoreChecklist,
  scoreGrade,
  scoreJudgement,
  scoreProportional,
  type Band,
  type RuleContext,
  type RuleOutcome,
} from './rules';
import { indexSystem } from './system-index';
import type { CohortStat, Department, DepartmentScore, Explanation, LeafScore, MetricValue, Policy, Scores, Status, System } from './types';

/** A leaf result whose explanation text is built when first read, then kept. */
class LeafResult implements LeafScore {
  private cached: Explanation | undefined;
  readonly selfDiff: Decimal | undefined;
  constructor(
    readonly code: string,
    readonly weight: Decimal,
    readonly score: Decimal,
    readonly status: Status,
    readonly value: MetricValue | undefined,
    private readonly explain: () => Explanation,
    readonly self: Decimal | undefined,
  ) {
    this.selfDiff = self?.minus(score);
  }
  get explanation(): Explanation {
    return (this.cached ??= this.explain());
  }
}

export interface ScoreOptions {
  /** Overrides the system's interpolation policy, e.g. for a sensitivity view. */
  policy?: Policy;
}

/**
 * Scores every department of a cohort (spec §2–§4). Banded leaves are relative to the department's
 * group, so one call must receive the whole round. The result does not depend on department order.
 */
export function scoreCohort(system: System, departments: Department[], options: ScoreOptions = {}): Scores {
  const policy = options.policy ?? system.interpolation;
  const idx = indexSystem(system);

  // Metric values and their bands are computed once and shared by the cohort statistics and the rules.
  const bands: (Band | undefined)[][] = [];
  const values = departments.map((d) => {
    const row: (MetricValue | undefined)[] = [];
    const bandRow: (Band | undefined)[] = [];
    for (const { leaf } of idx.leaves) {
      const r = leaf.rule;
      if (r.kind !== 'banded' && r.kind !== 'proportional') {
        row.push(undefined);
        bandRow.push(undefined);
        continue;
      }
      const v = evalMetric(r.metric, d.inputs);
      if (v.kind === 'error') throw new Error(`部门 ${d.code}：${v.field}${v.message}（未经 parseCohort 校验的数据）`);
      row.push(v);
      bandRow.push(r.kind === 'banded' && v.kind === 'value' ? classify(r, v) : undefined);
    }
    bands.push(bandRow);
    return row;
  });

  const groups = new Map<string, number[]>();
  departments.forEach((d, i) => {
    const members = groups.get(d.group);
    if (members) members.push(i);
    else groups.set(d.group, [i]);
  });

  const cohort: Scores['cohort'] = {};
  const statsByGroup = new Map<string, (CohortStat | undefined)[]>();
  // Groups in name order, so the cohort statistics print the same whatever the department order.
  for (const [group, members] of [...groups].sort(([a], [b]) => cmp(a, b))) {
    const stats = idx.leaves.map(({ leaf }, li) =>
      leaf.rule.kind === 'banded'
        ? bandedStat(leaf.rule, members.map((m) => values[m]![li]!), policy, members.map((m) => bands[m]![li]))
        : undefined,
    );
    statsByGroup.set(group, stats);
    const entry: Record<string, CohortStat> = {};
    idx.leaves.forEach(({ leaf }, li) => {
      if (stats[li]) entry[leaf.code] = stats[li]!;
    });
    cohort[group] = entry;
  }

  const contexts: RuleContext[] = idx.leaves.map(({ leaf }) => ({
    leaf,
    fields: system.fields,
    fullScore: roundScore(leaf.weight),
    zeroScore: roundScore(ZERO),
  }));

  const levelIndex = idx.leaves.map((l) => ({
    l1: idx.level1.findIndex((n) => n.code === l.level1),
    l2: idx.level2.findIndex((n) => n.node.code === l.level2),
  }));
  const totalsInCents = new Array<number>(departments.length);

  const results: DepartmentScore[] = departments.map((d, di) => {
    const stats = statsByGroup.get(d.group)!;
    const indicators: Record<string, LeafScore> = {};
    const level1Cents = new Array<number>(idx.level1.length).fill(0);
    const level2Cents = new Array<number>(idx.level2.length).fill(0);

    idx.leaves.forEach((info, li) => {
      const { leaf } = info;
      const ctx = contexts[li]!;
      const rule = leaf.rule;
      const value = values[di]![li];
      let out: RuleOutcome;
      switch (rule.kind) {
        case 'banded':
          out = scoreBanded(ctx, rule, value!, d.inputs, stats[li]!, policy, bands[di]![li]);
          break;
        case 'proportional':
          out = scoreProportional(ctx, rule, value!, d.inputs);
          break;
        case 'checklist':
          out = scoreChecklist(ctx, rule, d.checklists[leaf.code]!);
          break;
        case 'grade':
          out = scoreGrade(ctx, rule, d.grades[leaf.code]!);
          break;
        case 'judgement':
          out = scoreJudgement(ctx, d.judgements[leaf.code]!);
          break;
      }
      indicators[leaf.code] = new LeafResult(leaf.code, leaf.weight, out.score, out.status, value, out.explain, d.self_scores?.[leaf.code]);
      // Subtotals are sums of the rounded leaf scores (spec §4), so the printed parts add up.
      const cents = toCents(out.score);
      const { l1, l2 } = levelIndex[li]!;
      level1Cents[l1] = level1Cents[l1]! + cents;
      if (l2 >= 0) level2Cents[l2] = level2Cents[l2]! + cents;
    });

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
