import type { Decimal } from '../decimal';
import { percentText, pow10, rationalOfScaled, scaledOf, scaledText, type Rational } from '../exact';
import type { MetricFacts, MetricTarget, ValueFacts } from '../explain/types';
import { metricFields } from '../metric';
import type { Better, Metric, MetricValue } from '../types';
import type { RuleContext } from './outcome';

export function valueFacts(v: MetricValue): ValueFacts {
  return v.kind === 'value' ? { kind: 'value', percent: percentText(v) } : { kind: v.kind };
}

export function metricFacts(m: Metric): MetricFacts {
  return { kind: 'ratio' in m ? 'ratio' : 'change', fields: [...metricFields(m)] };
}

/** The inputs a metric read, as exact decimal text. */
export function metricInputs(metric: Metric, inputs: Record<string, Decimal>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of metricFields(metric)) out[f] = inputs[f]!.toFixed();
  return out;
}

/**
 * The input value that reaches a threshold, holding the other input fixed: the practical answer
 * to "what would it take". Counts round to the safe side (whole units), amounts to 2 decimals.
 */
export function reachInput(
  ctx: RuleContext,
  metric: Metric,
  inputs: Record<string, Decimal>,
  threshold: Rational,
  better: Better,
): MetricTarget['reach'] {
  const [a, b] = metricFields(metric);
  const base = rationalOfScaled(scaledOf(inputs[b]!));
  if (base.num === 0n) return null;
  // ratio: a = t·b; change: a = b·(1 + t).
  const num = base.num * ('ratio' in metric ? threshold.num : threshold.num + threshold.den);
  const den = base.den * threshold.den;
  if (num < 0n) return null;
  const places = ctx.fields[a]?.integer ? 0 : 2;
  const n = num * pow10(places);
  const rounded = better === 'lower' ? n / den : (n + den - 1n) / den;
  const cmp = better === 'lower' ? '≤' : '≥';
  return { field: a, cmp, amount: scaledText({ int: rounded, exp: -places }) };
}
