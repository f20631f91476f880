/**
 * The one door from the sensitivity analysis into the engine's internals. Everything else under
 * lib/scoring/sensitivity uses the public engine (scoreCohort, Scores, indexSystem) and these few
 * functions, so a rewrite of the engine's internals changes this file only.
 *
 * What the analysis needs beyond the public API is exactly what makes it fast: the cohort
 * statistic of one banded leaf over a list of values, and one banded leaf's score under a given
 * statistic — so removing or changing one unit rescores the leaves it touches, not the cohort.
 */
import { bandedStat } from '../cohort-stats';
import { cmpFraction } from '../exact';
import { classify, ruleContext, scoreBanded, type Outcome, type RuleContext } from '../rules';
import type { CohortStat, Leaf, MetricValue, Policy, Rule, System } from '../types';

type Banded = Extract<Rule, { kind: 'banded' }>;

/** A banded leaf's score under some statistic: the engine's own outcome (score, status, cents). */
export type LeafOutcome = Outcome;

/** The engine's operations on one banded leaf. */
export interface BandedLeafKit {
  leaf: Leaf;
  rule: Banded;
  /** The min and max this leaf interpolates between, over these values of one group (spec §2). */
  stat(values: readonly (MetricValue | undefined)[], policy: Policy): CohortStat;
  /** One value's score under a statistic. */
  score(value: MetricValue, stat: CohortStat): LeafOutcome;
  /** Whether a value is strictly inside the band: the only values whose score depends on the cohort. */
  inBand(value: MetricValue | undefined): boolean;
  /** Whether a value takes part in min and max under a policy. */
  qualifies(value: MetricValue | undefined, policy: Policy): boolean;
}

const kits = new WeakMap<System, Map<string, BandedLeafKit>>();

/** The kit of a banded leaf of `system`, built once per system and leaf. */
export function bandedLeafKit(system: System, leaf: Leaf): BandedLeafKit {
  let bySystem = kits.get(system);
  if (!bySystem) kits.set(system, (bySystem = new Map()));
  const hit = bySystem.get(leaf.code);
  if (hit) return hit;
  if (leaf.rule.kind !== 'banded') throw new Error(`${leaf.code} is not a banded leaf`);
  const rule = leaf.rule;
  const ctx: RuleContext = ruleContext(leaf, system.fields);
  const inBand = (v: MetricValue | undefined) => v?.kind === 'value' && classify(rule, v) === 'in_band';
  const kit: BandedLeafKit = {
    leaf,
    rule,
    stat: (values, policy) =>
      bandedStat(
        rule,
        values.filter((v): v is MetricValue => v !== undefined),
        policy,
      ),
    score: (value, stat) => scoreBanded(ctx, rule, value, stat),
    inBand,
    qualifies: (v, policy) => v?.kind === 'value' && (policy === 'cohort-all' || (policy === 'cohort-in-band' && inBand(v))),
  };
  bySystem.set(leaf.code, kit);
  return kit;
}

/** Sign of p − q for two finite metric values, exactly. */
export function compareValues(p: MetricValue, q: MetricValue): number {
  if (p.kind !== 'value' || q.kind !== 'value') throw new Error('only finite values compare');
  return cmpFraction(p, q);
}

/** Whether a finite value equals the statistic's min (−1 side) or max (+1 side) exactly. */
export function isAtMin(v: MetricValue, stat: CohortStat): boolean {
  return v.kind === 'value' && cmpFraction(v, stat.minValue) === 0;
}
export function isAtMax(v: MetricValue, stat: CohortStat): boolean {
  return v.kind === 'value' && cmpFraction(v, stat.maxValue) === 0;
}

/** Whether two statistics have the same min and max, exactly (their decimals are rounded to 32 digits). */
export function sameEnds(a: CohortStat, b: CohortStat): boolean {
  return cmpFraction(a.minValue, b.minValue) === 0 && cmpFraction(a.maxValue, b.maxValue) === 0;
}
