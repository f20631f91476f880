import { fmtPercent, fmtScore, type Decimal, type FieldInfo } from '@/lib/scoring';

/** Display formats of the dashboard. Numbers arrive as engine decimals; only the text is made here. */

export { fmtScore };

/** A rate or metric value (a fraction) as a percentage with 2 decimals: 0.98214 → "98.21%". */
export function fmtRate(d: Decimal): string {
  return fmtPercent(d);
}

/** Groups the integer part of a plain decimal string in threes: "1209.54" → "1,209.54". */
export function groupDigits(raw: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(raw.trim());
  if (!m) return raw;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** A raw input as given, with its unit: amounts in 万元 with digit grouping, counts in 人 or 个. */
export function fmtQuantity(raw: string, info: FieldInfo | undefined): string {
  const unit = info?.unit;
  if (!unit) return raw;
  const number = unit === '万元' ? groupDigits(raw) : raw;
  return `${number} ${unit}`;
}

/** A signed score difference: "+1.00", "-2.50", "0.00". */
export function fmtSigned(d: Decimal): string {
  return d.gt(0) ? `+${fmtScore(d)}` : fmtScore(d);
}
