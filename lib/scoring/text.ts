import type { Decimal } from './decimal';
import { percentText, rationalOf } from './exact';

/** Score text: exactly 2 decimals, half-up. */
export function fmtScore(d: Decimal): string {
  return d.toFixed(2);
}

/** A fraction as a percentage with 2 decimals, rounded half-up exactly: 0.98214 → "98.21%". */
export function fmtPercent(d: Decimal): string {
  return `${percentText(rationalOf(d))}%`;
}

/** A plain quantity without trailing zeros: 1049.60 → "1049.6". */
export function fmtPlain(d: Decimal): string {
  return d.toFixed();
}
