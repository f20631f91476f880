import { builtinSystem, parseCohort, scoreCohort, type Department } from '@/lib/scoring';
import { comparePolicies, groupTable, rankStability, whatIf } from '@/lib/scoring/sensitivity';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { benchSection, best, report } from './report';

function oneGroup(n: number): Department[] {
  const system = builtinSystem('julu-2021')!;
  const r = parseCohort(syntheticCohort(system, n, { seed: 7, groups: ['乡镇'] }), system);
  if (!r.ok) throw new Error('synthetic cohort is invalid');
  return r.cohort.departments;
}

/** Leave-one-out, policies side by side and what-if, on generated groups of 1,000 and 10,000 units. */
export async function run() {
  const system = builtinSystem('julu-2021')!;
  for (const [n, target] of [
    [1_000, 1_000],
    [10_000, 10_000],
  ] as const) {
    const departments = oneGroup(n);
    const scores = scoreCohort(system, departments);
    benchSection(`Sensitivity, ${n.toLocaleString('en')} units in one group (julu-2021, cohort-in-band), best of 3`);
    const stability = rankStability(system, scores);
    const g = stability[0]!;
    console.log(
      `  ${g.removals.length} units set a scale; ${g.ranges.filter((r) => r.hi > r.lo).length} ranges wider than 0; ${g.reversalCount.toLocaleString('en')} reversals`,
    );
    report('leave-one-out rank ranges and reversals (given the scoring)', best(3, () => rankStability(system, scores)), n, target);
    report('leave-one-out including the scoring itself', best(3, () => rankStability(system, scoreCohort(system, departments))), n);
    report('three policies side by side (two more scorings)', best(3, () => comparePolicies(system, departments, scores.policy, scores)), n);

    // The worst what-if: the unit holding most min/max values moves all of them inside the band.
    const table = groupTable(system, scores, '乡镇');
    const holds = new Map<string, number>();
    for (const col of table.leaves) for (const i of [...col.minHolders, ...col.maxHolders]) holds.set(table.members[i]!.code, (holds.get(table.members[i]!.code) ?? 0) + 1);
    const setter = [...holds.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const d = departments.find((x) => x.code === setter)!;
    const change = { staff_actual: d.inputs.staff_authorized!.times('1.07').floor().toFixed(), budget_adjusted: d.inputs.budget!.times('0.05').toFixed(2), 'fund_compliance.1': '0' };
    const r = whatIf(system, departments, scores, setter, change);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    console.log(`  what-if on ${setter} (holds ${holds.get(setter)} ends): ${r.scales.length} scales move, ${r.othersMoved} other totals change`);
    // The server keeps the group's table with its scoring, as it keeps the scoring itself.
    report('what-if: one unit’s change rescored against its group (group table kept)', best(5, () => whatIf(system, departments, scores, setter, change, table)), undefined, n === 1_000 ? 200 : undefined);
    report('what-if from scratch (builds the group table first)', best(5, () => whatIf(system, departments, scores, setter, change)));
  }
}
