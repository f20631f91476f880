/**
 * Random cohorts for the sensitivity properties: lib/synthetic's generator gives valid, varied
 * departments; fast-check picks from a small pool with repeats, so equal values (ties at a min or
 * max) and equal totals (并列) occur often, and adds a second group now and then.
 */
import fc from 'fast-check';
import { indexSystem, metricFields, parseCohort, POLICIES, scoreCohort, type Department, type Policy, type Scores, type System } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { JULU, juluDept } from './helpers';

// The two input fields of each rate leaf. A unit's fields for one metric come from one pool member,
// so every constraint between them (a part never above its whole) still holds.
const METRICS = indexSystem(JULU)
  .leaves.map(({ leaf }) => (leaf.rule.kind === 'banded' || leaf.rule.kind === 'proportional' ? metricFields(leaf.rule.metric) : null))
  .filter((m): m is [string, string] => m !== null);

export interface RandomCohort {
  system: System;
  policy: Policy;
  departments: Department[];
}

function pool(seed: number, size: number): Department[] {
  const doc = syntheticCohort(JULU, size, { seed, groups: ['乡镇'] });
  const r = parseCohort(doc, JULU);
  if (!r.ok) throw new Error('synthetic cohort is invalid');
  return r.cohort.departments;
}

export const randomCohortArb: fc.Arbitrary<RandomCohort> = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    poolSize: fc.integer({ min: 2, max: 10 }),
    // Per unit, per rate metric: which pool member its two input fields come from.
    picks: fc.array(fc.array(fc.nat(), { minLength: METRICS.length + 1, maxLength: METRICS.length + 1 }), { minLength: 1, maxLength: 11 }),
    // Whole copies of a pool member: equal totals (并列) and values shared at a min or max.
    clones: fc.array(fc.nat(), { maxLength: 4 }),
    secondGroup: fc.array(fc.array(fc.nat(), { minLength: METRICS.length + 1, maxLength: METRICS.length + 1 }), { maxLength: 3 }),
    policy: fc.constantFrom(...POLICIES),
    // Same judgements and grades for all: totals then differ by the rate leaves only, and lie close.
    level: fc.boolean(),
  })
  .map(({ seed, poolSize, picks, clones, secondGroup, policy, level }) => {
    const p = pool(seed, poolSize);
    const one = (k: number[], i: number, group: string): Department => {
      const d = p[k[0]! % p.length]!;
      const inputs = { ...d.inputs };
      METRICS.forEach((fields, m) => {
        const from = p[k[m + 1]! % p.length]!;
        for (const f of fields) inputs[f] = from.inputs[f]!;
      });
      const flat = level ? { judgements: p[0]!.judgements, grades: p[0]!.grades, checklists: p[0]!.checklists } : {};
      return { ...d, ...flat, inputs, code: `u${String(i).padStart(2, '0')}`, name: `单位${i}`, group };
    };
    const main = [...picks, ...clones.map((k) => picks[k % picks.length]!)];
    const departments = [...main.map((k, i) => one(k, i, '乡镇')), ...secondGroup.map((k, i) => one(k, main.length + i, '县直部门'))];
    return { system: JULU, policy, departments };
  });

export function scoreOf(c: RandomCohort, departments = c.departments): Scores {
  return scoreCohort(c.system, departments, { policy: c.policy });
}

/**
 * Three copies of the seed township, for worked examples: 预算调整率 a 1.91% (the min), b 3.81%,
 * c 5.72% (the max), so a scores 3, b 1.50 and c 0; a's 经济效益 is 2 instead of the seed's 4.
 * Totals: b 97.50, a 97.00, c 96.00. Without c the max is b's own value: b scores 0 and falls to
 * 96.00, behind a.
 */
export const THREE = [
  juluDept('a', { inputs: { budget_adjusted: 20 }, judgements: { economic_benefit: 2 } }),
  juluDept('b', { inputs: { budget_adjusted: 40 } }),
  juluDept('c', { inputs: { budget_adjusted: 60 } }),
];
