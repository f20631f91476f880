// From the modules themselves, not '@/lib/scoring': this file reaches the browser, the engine's index (zod and all) must not.
import type { Decimal, FieldInfo } from '@/lib/scoring';
import { formatQuantity, groupDigits } from '@/lib/scoring/explain/quantity';
import { fmtPercent, fmtScore } from '@/lib/scoring/text';

/**
 * Number formats of the dashboard, the same in both languages (scores with 2 decimals, rates as
 * percentages, amounts grouped in threes with their unit). Numbers arrive as engine decimals; only
 * the text is made here. Dates depend on the language: app/i18n/format.ts.
 */

export { fmtScore, groupDigits };

/** A rate or metric value (a fraction) as a percentage with 2 decimals: 0.98214 → "98.21%". */
export function fmtRate(d: Decimal): string {
  return fmtPercent(d);
}

/** A raw input as given, with its unit: amounts in 万元 with digit grouping, counts in 人 or 个. */
export function fmtQuantity(raw: string, info: FieldInfo | undefined): string {
  return formatQuantity(raw, info?.unit);
}

/** A signed score difference: "+1.00", "-2.50", "0.00". */
export function fmtSigned(d: Decimal): string {
  return d.gt(0) ? `+${fmtScore(d)}` : fmtScore(d);
}
