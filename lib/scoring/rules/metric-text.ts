import { D, type Decimal } from '../decimal';
import { metricFields } from '../metric';
import { fmtPercent, fmtPlain } from '../text';
import type { Better, Metric, MetricValue } from '../types';
import { fieldName, type RuleContext } from './outcome';

export function valueText(v: MetricValue): string {
  if (v.kind === 'value') return fmtPercent(v.x);
  return v.kind === 'infinite' ? '∞' : '不适用';
}

export function metricInputs(metric: Metric, inputs: Record<string, Decimal>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of metricFields(metric)) out[f] = fmtPlain(inputs[f]!);
  return out;
}

/** Why a value is not applicable or infinite, in the words of the inputs. */
export function specialValueText(ctx: RuleContext, metric: Metric, v: MetricValue): string {
  const [a, b] = metricFields(metric);
  if (v.kind === 'not_applicable') {
    return 'ratio' in metric
      ? `${fieldName(ctx, b)}为 0，不适用`
      : `${fieldName(ctx, b)}与${fieldName(ctx, a)}均为 0，不适用`;
  }
  return `${fieldName(ctx, b)}为 0 而${fieldName(ctx, a)}大于 0，变动率为无穷大`;
}

/**
 * The input value that reaches a threshold, holding the other input fixed: the practical answer
 * to "what would it take". Counts round toward the safe side.
 */
export function inputForThreshold(
  ctx: RuleContext,
  metric: Metric,
  inputs: Record<string, Decimal>,
  threshold: Decimal,
  better: Better,
): string | null {
  const [a, b] = metricFields(metric);
  const base = inputs[b]!;
  if (base.isZero()) return null;
  let needed = 'ratio' in metric ? threshold.times(base) : base.times(threshold.plus(1));
  const info = ctx.fields[a];
  if (info?.integer) needed = better === 'lower' ? needed.floor() : needed.ceil();
  else needed = needed.toDecimalPlaces(2, better === 'lower' ? D.ROUND_DOWN : D.ROUND_UP);
  if (needed.isNeg()) return null;
  return `${info?.name ?? a} ${better === 'lower' ? '≤' : '≥'} ${fmtPlain(needed)}${info?.unit ?? ''}`;
}
