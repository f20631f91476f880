import { D, type Decimal } from './decimal';

/**
 * Exact arithmetic for scoring. Every comparison, score and rounding the engine makes is done here
 * on integers (BigInt), so it is exact for inputs of any length: nothing is rounded until the one
 * half-up rounding of a result. decimal.js only holds parsed values and shows quotients that have
 * no finite decimal form (the cohort min/max in the JSON, metric values for charts).
 */

/** v = int × 10^exp with no trailing zeros in `int` (zero is 0 × 10^0). */
export interface Scaled {
  readonly int: bigint;
  readonly exp: number;
}

/** num / den with den > 0: metric values, thresholds, the cohort's min and max. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const POW10: bigint[] = [1n];
for (let i = 1; i <= 40; i++) POW10.push(POW10[i - 1]! * 10n);

export function pow10(k: number): bigint {
  return POW10[k] ?? 10n ** BigInt(k);
}

const ZERO_SCALED: Scaled = { int: 0n, exp: 0 };

/** Exact decimal text ("-12.50", "3", ".5") as a Scaled. The text must be plain decimal notation. */
export function scaledOfText(text: string): Scaled {
  let t = text.trim();
  const neg = t.startsWith('-');
  if (neg || t.startsWith('+')) t = t.slice(1);
  const dot = t.indexOf('.');
  const digits = dot < 0 ? t : t.slice(0, dot) + t.slice(dot + 1);
  let exp = dot < 0 ? 0 : dot - t.length + 1;
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  if (end === 0 || /^0*$/.test(digits.slice(0, end))) return ZERO_SCALED;
  exp += digits.length - end;
  const int = BigInt(digits.slice(0, end));
  return { int: neg ? -int : int, exp };
}

interface DecimalInternals {
  s: number;
  e: number;
  d: number[] | null;
}

/**
 * A decimal.js value as a Scaled, exactly. This runs for every input of every department on every
 * scoring, so it reads decimal.js's digit words (base 10^7, aligned on the decimal point; the
 * version is pinned in package.json) instead of formatting text; `exact.test.ts` checks it against
 * the text route for random values of every size.
 */
export function scaledOf(value: Decimal): Scaled {
  const { s, e, d: words } = value as unknown as DecimalInternals;
  if (!Array.isArray(words) || typeof e !== 'number') return scaledOfText(value.toFixed());
  let k = words.length;
  while (k > 1 && words[k - 1] === 0) k--;
  // The last word's unit is 10^(7 × (word index of the first word − (k − 1))).
  let exp = 7 * (Math.floor(e / 7) - k + 1);
  let int: bigint;
  if (k <= 2) {
    // At most 14 digits: exact in a double.
    let w = k === 1 ? words[0]! : words[0]! * 1e7 + words[1]!;
    if (w === 0) return ZERO_SCALED;
    while (w % 10 === 0) {
      w /= 10;
      exp++;
    }
    int = BigInt(w);
  } else {
    let last = words[k - 1]!;
    let strip = 0;
    while (last % 10 === 0) {
      last /= 10;
      strip++;
    }
    int = BigInt(words[0]!);
    for (let i = 1; i < k - 1; i++) int = int * 10000000n + BigInt(words[i]!);
    int = int * pow10(7 - strip) + BigInt(last);
    exp += strip;
  }
  return { int: s < 0 ? -int : int, exp };
}

/** Sign of a − b. */
export function cmpScaled(a: Scaled, b: Scaled): number {
  const e = Math.min(a.exp, b.exp);
  const x = a.int * pow10(a.exp - e);
  const y = b.int * pow10(b.exp - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function rationalOfScaled(v: Scaled): Rational {
  return v.exp >= 0 ? { num: v.int * pow10(v.exp), den: 1n } : { num: v.int, den: pow10(-v.exp) };
}

export function rationalOf(value: Decimal): Rational {
  return rationalOfScaled(scaledOf(value));
}

/** a / b for b > 0. */
export function quotient(a: Scaled, b: Scaled): Rational {
  const e = a.exp - b.exp;
  return e >= 0 ? { num: a.int * pow10(e), den: b.int } : { num: a.int, den: b.int * pow10(-e) };
}

/** (curr − prev) / prev for prev > 0. */
export function relativeChange(curr: Scaled, prev: Scaled): Rational {
  const e = Math.min(curr.exp, prev.exp);
  const p = prev.int * pow10(prev.exp - e);
  return { num: curr.int * pow10(curr.exp - e) - p, den: p };
}

const MAX = Number.MAX_SAFE_INTEGER;
const POW10N: number[] = [1];
for (let i = 1; i <= 15; i++) POW10N.push(POW10N[i - 1]! * 10);

/**
 * An exact fraction that also keeps its numerator and denominator as doubles when both are safe
 * integers, the common case (amounts in 万元 with a few decimals). Comparisons use the doubles when
 * every product stays within 2^53, where doubles are exact, and BigInt otherwise; `num` and `den`
 * are made on first read. Scoring 10,000 departments compares far more often than it interpolates,
 * and BigInt allocation is what it would spend its time on.
 */
export interface ExactFraction extends Rational {
  /** num and den as doubles when both are safe integers, else NaN. */
  readonly n: number;
  readonly d: number;
}

export class Fraction implements ExactFraction {
  private bn: bigint | undefined;
  private bd: bigint | undefined;
  /** n and d are NaN when the fraction does not fit in safe integers. */
  constructor(
    readonly n: number,
    readonly d: number,
    bn?: bigint,
    bd?: bigint,
  ) {
    this.bn = bn;
    this.bd = bd;
  }
  get num(): bigint {
    return (this.bn ??= BigInt(this.n));
  }
  get den(): bigint {
    return (this.bd ??= BigInt(this.d));
  }
}

const safe = (x: bigint) => x <= 9007199254740991n && x >= -9007199254740991n;

function build<T>(num: bigint, den: bigint, make: Make<T>): T {
  return safe(num) && safe(den) ? make(Number(num), Number(den), num, den) : make(NaN, NaN, num, den);
}

/** A Fraction from BigInt parts (den > 0), with doubles when they are safe. */
export function fractionOf(num: bigint, den: bigint): Fraction {
  return build(num, den, makeFraction);
}

/** Sign of p − q, on doubles when exact, else on BigInt. */
export function cmpFraction(p: ExactFraction, q: ExactFraction): number {
  const x = p.n * q.d;
  const y = q.n * p.d;
  if (x <= MAX && x >= -MAX && y <= MAX && y >= -MAX) return x < y ? -1 : x > y ? 1 : 0;
  return cmpRational(p, q);
}

// The digits of a decimal with at most 14 significant digits as a double w × 10^smallExp; the
// exponent is passed beside the return value so the hot path allocates nothing.
let smallExp = 0;
function smallInt(value: Decimal): number {
  const { e, d: words } = value as unknown as DecimalInternals;
  if (!Array.isArray(words)) return NaN;
  let k = words.length;
  while (k > 1 && words[k - 1] === 0) k--;
  if (k > 2) return NaN;
  let w = k === 1 ? words[0]! : words[0]! * 1e7 + words[1]!;
  let exp = 7 * (Math.floor(e / 7) - k + 1);
  if (w === 0) {
    smallExp = 0;
    return 0;
  }
  while (w % 10 === 0) {
    w /= 10;
    exp++;
  }
  smallExp = exp;
  return (value as unknown as DecimalInternals).s < 0 ? -w : w;
}

/** w × 10^k as a safe double, or NaN. */
function shift(w: number, k: number): number {
  if (k === 0) return w;
  if (k > 15) return NaN;
  const v = w * POW10N[k]!;
  return v <= MAX && v >= -MAX ? v : NaN;
}

type Make<T> = (n: number, d: number, bn?: bigint, bd?: bigint) => T;
const makeFraction: Make<Fraction> = (n, d, bn, bd) => new Fraction(n, d, bn, bd);

/** a / b for b > 0, exactly; `make` builds the result (a subclass such as a metric value). */
export function quotientOf<T extends Fraction = Fraction>(a: Decimal, b: Decimal, make: Make<T> = makeFraction as Make<T>): T {
  const wa = smallInt(a);
  const ea = smallExp;
  const wb = smallInt(b);
  const e = ea - smallExp;
  const n = e >= 0 ? shift(wa, e) : wa;
  const d = e >= 0 ? wb : shift(wb, -e);
  if (n === n && d === d) return make(n, d);
  const q = quotient(scaledOf(a), scaledOf(b));
  return build(q.num, q.den, make);
}

/** (curr − prev) / prev for prev > 0, exactly. */
export function changeOf<T extends Fraction = Fraction>(curr: Decimal, prev: Decimal, make: Make<T> = makeFraction as Make<T>): T {
  const wc = smallInt(curr);
  const ec = smallExp;
  const wp = smallInt(prev);
  const ep = smallExp;
  const e = Math.min(ec, ep);
  const c = shift(wc, ec - e);
  const p = shift(wp, ep - e);
  if (c === c && p === p) return make(c - p, p);
  const q = relativeChange(scaledOf(curr), scaledOf(prev));
  return build(q.num, q.den, make);
}

/** Sign of p − q. */
export function cmpRational(p: Rational, q: Rational): number {
  const x = p.num * q.den;
  const y = q.num * p.den;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** n / d (d > 0) rounded half-up, for non-negative integers with 2n + 3d ≤ 2^53 (so every step is exact); NaN otherwise. */
export function roundHalfUpSafe(n: number, d: number): number {
  const N = 2 * n + d;
  const D = 2 * d;
  if (!(N + D <= MAX && n >= 0)) return NaN;
  // The double quotient may be one off its floor; the remainder, exact in doubles, corrects it.
  let q = Math.floor(N / D);
  const r = N - q * D;
  if (r < 0) q--;
  else if (r >= D) q++;
  return q;
}

/** num / den (den > 0) rounded half-up: away from zero on a tie, as the finance bureau rounds. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  if (num >= 0n) return (2n * num + den) / (2n * den);
  return -((2n * -num + den) / (2n * den));
}

/**
 * num / den rounded half-up to `places` decimals, as text with exactly that many decimals
 * ("-0.00" for a small negative, as decimal.js prints it).
 */
export function fixedText(num: bigint, den: bigint, places: number): string {
  const scaled = roundHalfUp(num * pow10(places), den);
  const neg = num < 0n;
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(places + 1, '0');
  const body = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return neg ? `-${body}` : body;
}

/** num / den rounded half-up to at most `places` decimals, trailing zeros dropped: "0.152382", "1", "-0.05". */
export function trimmedText(num: bigint, den: bigint, places: number): string {
  const scaled = roundHalfUp(num * pow10(places), den);
  if (scaled === 0n) return '0';
  return scaledText({ int: scaled, exp: -places });
}

/** A Scaled as plain decimal text without trailing zeros. */
export function scaledText(v: Scaled): string {
  const neg = v.int < 0n;
  const digits = (neg ? -v.int : v.int).toString();
  let body: string;
  if (v.exp >= 0) body = digits + '0'.repeat(v.exp);
  else {
    const places = -v.exp;
    const padded = digits.padStart(places + 1, '0');
    body = `${padded.slice(0, -places)}.${padded.slice(-places)}`.replace(/\.?0+$/, '');
  }
  return neg ? `-${body}` : body;
}

/** A fraction as a percentage with 2 decimals, exactly rounded: 43/42 → "102.38". */
export function percentText(r: Rational): string {
  return fixedText(r.num * 100n, r.den, 2);
}

/** A quotient as a decimal.js value (32 significant digits): for display and charts, never for scoring. */
export function decimalOf(r: Rational): Decimal {
  return r.den === 1n ? new D(r.num.toString()) : new D(r.num.toString()).div(r.den.toString());
}

/** centsOf as a number, for the hot path; the value must have at most 2 places and fit in a double exactly. */
export function centsNumber(value: Decimal): number {
  const w = smallInt(value);
  if (w === w && smallExp >= -2) {
    const c = shift(w, smallExp + 2);
    if (c === c) return c;
  }
  return Number(centsOf(value));
}

/** A decimal with at most 2 places as integer cents; null when it has more places. */
export function centsOf(value: Decimal): bigint | null {
  const v = scaledOf(value);
  if (v.exp < -2) return null;
  return v.int * pow10(v.exp + 2);
}

/** a − b exactly, as a decimal.js value (decimal.js would round a long difference to its precision). */
export function difference(a: Decimal, b: Decimal): Decimal {
  const x = scaledOf(a);
  const y = scaledOf(b);
  const e = Math.min(x.exp, y.exp);
  return new D(scaledText({ int: x.int * pow10(x.exp - e) - y.int * pow10(y.exp - e), exp: e }));
}
