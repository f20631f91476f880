import type { Decimal } from './decimal';
import { changeOf, cmpFraction, decimalOf, Fraction, fractionOf, quotientOf, rationalOfScaled, scaledOfText } from './exact';

const ONE = new Fraction(1, 1);
import type { Metric, MetricRatio, MetricValue } from './types';

/**
 * A metric value x = num / den, exact (see `Fraction`). `x` is the quotient as a decimal for
 * display and charts, divided once, on first read; scoring never reads it.
 */
export class Ratio extends Fraction implements MetricRatio {
  readonly kind = 'value' as const;
  private quotient: Decimal | undefined;
  get x(): Decimal {
    return (this.quotient ??= decimalOf(this));
  }
}

const makeRatio = (n: number, d: number, bn?: bigint, bd?: bigint) => new Ratio(n, d, bn, bd);

/** A metric value from its decimal text, e.g. the 6-place `value` of a stored Scores JSON. */
export function ratioOfText(text: string): Ratio {
  const r = rationalOfScaled(scaledOfText(text));
  const f = fractionOf(r.num, r.den);
  return new Ratio(f.n, f.d, r.num, r.den);
}

export function metricFields(m: Metric): [string, string] {
  return 'ratio' in m ? m.ratio : m.change;
}

/**
 * Whether a zero denominator makes the indicator not applicable (full marks) rather than an input
 * error. The system declares it (`on_zero`); nothing else decides it.
 */
export function zeroDenominatorIsNotApplicable(m: Metric): boolean {
  return 'ratio' in m && m.on_zero === 'not_applicable';
}

/** Whether the ratio is a part of a whole, so its numerator may not exceed its denominator; declared by the system (`at_most_one`). */
export function numeratorCappedByDenominator(m: Metric): boolean {
  return 'ratio' in m && m.at_most_one === true;
}

const NOT_APPLICABLE: MetricValue = { kind: 'not_applicable' };
const INFINITE: MetricValue = { kind: 'infinite' };

function partExceedsWhole(m: Extract<Metric, { ratio: unknown }>): MetricOutcome {
  const [numKey, denKey] = m.ratio;
  return { kind: 'error', field: numKey, problem: 'part_exceeds_whole', whole: denKey };
}

/**
 * A metric that cannot be computed from valid inputs: a zero denominator the system does not
 * declare not applicable (`field` is the denominator), or a part above its whole (`field` the
 * part, `whole` the whole). Keys only: the parser words the message with the fields' names.
 */
export type MetricError = { kind: 'error'; field: string; problem: 'zero_denominator' } | { kind: 'error'; field: string; problem: 'part_exceeds_whole'; whole: string };

export type MetricOutcome = MetricValue | MetricError;

/** x for one department. Inputs are assumed present and ≥ 0 (the cohort parser checks that). */
export function evalMetric(m: Metric, inputs: Record<string, Decimal>): MetricOutcome {
  if ('ratio' in m) {
    const [numKey, denKey] = m.ratio;
    const num = inputs[numKey]!;
    const den = inputs[denKey]!;
    const partOfWhole = m.at_most_one === true;
    if (den.isZero()) {
      // Checked first: a part of a whole that is 0 (5 万元 of key projects out of 0) is bad data,
      // not an indicator that does not apply.
      if (partOfWhole && !num.isZero()) return partExceedsWhole(m);
      if (m.on_zero === 'not_applicable') return NOT_APPLICABLE;
      return { kind: 'error', field: denKey, problem: 'zero_denominator' };
    }
    const x = quotientOf(num, den, makeRatio);
    return partOfWhole && cmpFraction(x, ONE) > 0 ? partExceedsWhole(m) : x;
  }
  const [currKey, prevKey] = m.change;
  const curr = inputs[currKey]!;
  const prev = inputs[prevKey]!;
  if (prev.isZero()) return curr.isZero() ? NOT_APPLICABLE : INFINITE;
  return changeOf(curr, prev, makeRatio);
}
