/**
 * The x-axis range: every value and every line drawn (carryover's 零分线 at 50% lies far right of
 * the values, and must still show), with a margin so no point sits on the frame.
 */
export function xRange(values: number[], lines: number[]): { min: number; max: number } {
  const all = [...values, ...lines];
  if (all.length === 0) return { min: 0, max: 100 };
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.06 || Math.max(Math.abs(hi) * 0.1, 1);
  return { min: Math.floor(lo - pad), max: Math.ceil(hi + pad) };
}
