import DecimalJs from 'decimal.js';

/**
 * The one Decimal constructor of the engine: 32 significant digits (spec §4 asks for ≥ 30) and half-up rounding,
 * so `toFixed(2)` rounds the way the finance bureau does (0.125 → 0.13). Scoring itself never rounds
 * through it: scores, comparisons and roundings are integer arithmetic (exact.ts); decimal.js holds
 * parsed values and shows quotients that do not terminate (the cohort min/max, chart values).
 */
export const D = DecimalJs.clone({
  precision: 32,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

export const ZERO = new D(0);
export const ONE = new D(1);
export const HUNDRED = new D(100);

/** Leaf scores are rounded once, half-up, to 2 decimals (spec §4). */
export function roundScore(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, DecimalJs.ROUND_HALF_UP);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

// Leaf scores have exactly 2 decimals, so their sums are exact in integer cents held as JS numbers
// (safe far beyond any total here), which spares decimal.js an allocation per addition.

// Subtotals repeat across departments (a round has few distinct level sums), so each is built once.
const fromCentsCache = new Map<number, Decimal>();

export function fromCents(cents: number): Decimal {
  let d = fromCentsCache.get(cents);
  if (!d) {
    d = new D(`${cents}e-2`);
    if (fromCentsCache.size < 1_000_000) fromCentsCache.set(cents, d);
  }
  return d;
}
