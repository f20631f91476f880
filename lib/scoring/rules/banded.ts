import { cmpFraction, fractionOf, percentText, rationalOf, roundHalfUp, type ExactFraction, type Rational } from '../exact';
import type { Decimal } from '../decimal';
import type { Band, BandedExplanation } from '../explain/types';
import type { CohortStat, MetricRatio, MetricValue, Policy, Rule } from '../types';
import { metricFacts, metricInputs, reachInput, valueFacts } from './metric-facts';
import { outcome, type Outcome, type RuleContext } from './outcome';

type Banded = Extract<Rule, { kind: 'banded' }>;

/** A banded rule's thresholds as exact fractions, and which is the lower; computed once per rule. */
export interface BandLines {
  full: ExactFraction;
  zero: ExactFraction;
  lo: ExactFraction;
  hi: ExactFraction;
}
const lines = new WeakMap<Banded, BandLines>();
export function bandLines(rule: Banded): BandLines {
  let l = lines.get(rule);
  if (!l) {
    const f = rationalOf(rule.full);
    const z = rationalOf(rule.zero);
    const full = fractionOf(f.num, f.den);
    const zero = fractionOf(z.num, z.den);
    l = rule.better === 'lower' ? { full, zero, lo: full, hi: zero } : { full, zero, lo: zero, hi: full };
    lines.set(rule, l);
  }
  return l;
}

/** Which side of the thresholds a value lies on: two integer comparisons, no division. */
export function classify(rule: Banded, v: MetricRatio): Band {
  const l = bandLines(rule);
  const toFull = cmpFraction(v, l.full);
  if (rule.better === 'lower' ? toFull <= 0 : toFull >= 0) return 'full';
  const toZero = cmpFraction(v, l.zero);
  return (rule.better === 'lower' ? toZero < 0 : toZero > 0) ? 'in_band' : 'zero';
}

/**
 * Scores one banded leaf of one department, given the cohort statistic of its group
 * (`bandedStat`). `band` may be passed when already known (it is `classify(rule, value)`).
 * Pure and cheap: leave-one-out and what-if views call it per department with another statistic.
 */
export function scoreBanded(ctx: RuleContext, rule: Banded, value: MetricValue, stat: CohortStat, band?: Band): Outcome {
  if (value.kind === 'not_applicable') return ctx.notApplicable;
  if (value.kind === 'infinite') return ctx.zero;
  switch (band ?? classify(rule, value)) {
    case 'full':
      return ctx.full;
    case 'zero':
      return ctx.zero;
    case 'in_band':
      return outcome(interpolate(rule, value, stat, ctx.weightCentsBig), stat.fallback ? 'fallback' : 'interpolated');
  }
}

/**
 * The interpolated score in cents, rounded half-up: (max − x) / (max − min) × w, or
 * (x − min) / (max − min) × w, on exact fractions. With x = p/q, max = P/Q, min = p'/q' and w in
 * cents: lower is better gives w·q'·(P·q − p·Q) / (q·(P·q' − p'·Q)); higher is better gives
 * w·Q·(p·q' − p'·q) / (q·(P·q' − p'·Q)). Products of integers are exact at any size, and the only
 * division is the final rounding, so a score of exactly x.xx5 always rounds up.
 */
export function interpolate(rule: Banded, x: Rational, stat: CohortStat, weightCents: bigint): number {
  const k = interpolationConstants(stat, weightCents);
  const num = rule.better === 'lower' ? k.c1 * x.den - k.c2 * x.num : k.c3 * x.num - k.c4 * x.den;
  return Number(roundHalfUp(num, x.den * k.span));
}

/** What does not depend on x, once per group and leaf. */
interface InterpolationConstants {
  weight: bigint;
  span: bigint;
  c1: bigint;
  c2: bigint;
  c3: bigint;
  c4: bigint;
}
const constants = new WeakMap<CohortStat, InterpolationConstants>();
function interpolationConstants(stat: CohortStat, w: bigint): InterpolationConstants {
  let k = constants.get(stat);
  if (!k || k.weight !== w) {
    const { num: P, den: Q } = stat.maxValue;
    const { num: pm, den: qm } = stat.minValue;
    k = { weight: w, span: P * qm - pm * Q, c1: w * qm * P, c2: w * qm * Q, c3: w * Q * qm, c4: w * Q * pm };
    constants.set(stat, k);
  }
  return k;
}

export function explainBanded(
  ctx: RuleContext,
  rule: Banded,
  value: MetricValue,
  inputs: Record<string, Decimal>,
  stat: CohortStat,
  policy: Policy,
  score: string,
): BandedExplanation {
  const { leaf } = ctx;
  const fullCmp = rule.better === 'lower' ? '≤' : '≥';
  const full = rule.full.toFixed();
  const band: Band = value.kind === 'value' ? classify(rule, value) : value.kind === 'not_applicable' ? 'full' : 'zero';
  return {
    rule: 'banded',
    leaf: leaf.code,
    weight: leaf.weight.toFixed(),
    score,
    capped: false,
    inputs: metricInputs(rule.metric, inputs),
    policy,
    better: rule.better,
    full,
    zero: rule.zero.toFixed(),
    metric: metricFacts(rule.metric),
    value: valueFacts(value),
    band,
    sets: setsScale(value, stat),
    interpolation:
      band === 'in_band' && value.kind === 'value'
        ? {
            basis: stat.basis,
            fallback: stat.fallback,
            qualifying: stat.qualifying,
            min: stat.min.toFixed(),
            max: stat.max.toFixed(),
            terms: { x: percentText(value), min: percentText(stat.minValue), max: percentText(stat.maxValue) },
          }
        : null,
    target: { cmp: fullCmp, threshold: full, reach: reachInput(ctx, rule.metric, inputs, bandLines(rule).full, rule.better) },
  };
}

/**
 * Whether the department's own value is the min or the max its group interpolates between (cohort
 * basis only): then it sets the scale of everyone's in-band score on this leaf, and is told so.
 */
function setsScale(value: MetricValue, stat: CohortStat): 'min' | 'max' | null {
  if (value.kind !== 'value' || stat.basis !== 'cohort') return null;
  if (cmpFraction(value, stat.minValue) === 0) return 'min';
  if (cmpFraction(value, stat.maxValue) === 0) return 'max';
  return null;
}
