/**
 * Amounts as every page, export and explanation writes them, in either language: the integer part
 * grouped in threes, the decimals as given, a space before the unit — "1,049.6 万元", "56 人".
 * Counts of people or items (a unit other than 万元) are not grouped: "1200 人" reads as a head count.
 */

/** Groups the integer part of a plain decimal string in threes: "1209.54" → "1,209.54". Other text is returned as is. */
export function groupDigits(raw: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(raw.trim());
  if (!m) return raw;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** A decimal text with its unit: "1043.2", "万元" → "1,043.2 万元"; without a unit, the number alone. */
export function formatQuantity(raw: string, unit: string | undefined): string {
  if (!unit) return raw;
  return `${unit === '万元' ? groupDigits(raw) : raw} ${unit}`;
}
