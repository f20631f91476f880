/**
 * An exact reference for banded scores under every policy, written from spec §2–§4 and sharing no
 * code with the engine: BigInt fractions read from the raw text of the cohort file, min and max
 * found by plain comparison, and half-up rounding of the final fraction only. The property tests
 * compare the engine with it on random cohorts, 15-digit amounts and constructed half-cent ties.
 */
import type { IndicatorNode, Leaf, Policy, System } from '@/lib/scoring';

/** num / den with den > 0. */
type Frac = [bigint, bigint];

/** Exact decimal text (or a JSON number, which is its shortest decimal text) as a fraction. */
export function fracOf(raw: unknown): Frac {
  const text = String(raw).trim();
  const neg = text.startsWith('-');
  const [int = '0', dec = ''] = (neg || text.startsWith('+') ? text.slice(1) : text).split('.');
  const n = BigInt((int || '0') + dec) * (neg ? -1n : 1n);
  return [n, 10n ** BigInt(dec.length)];
}
const sub = (a: Frac, b: Frac): Frac => [a[0] * b[1] - b[0] * a[1], a[1] * b[1]];
const mul = (a: Frac, b: Frac): Frac => [a[0] * b[0], a[1] * b[1]];
const div = (a: Frac, b: Frac): Frac => (b[0] < 0n ? [-a[0] * b[1], -a[1] * b[0]] : [a[0] * b[1], a[1] * b[0]]);
const cmp = (a: Frac, b: Frac) => {
  const d = a[0] * b[1] - b[0] * a[1];
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
/** Half-up to cents of a non-negative fraction, as text with 2 decimals. */
function centsText(a: Frac): string {
  const cents = (a[0] * 200n + a[1]) / (2n * a[1]);
  const s = cents.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

type Value = { kind: 'x'; x: Frac } | { kind: 'na' } | { kind: 'inf' };

export interface Expected {
  score: string;
  status: 'full' | 'zero' | 'interpolated' | 'fallback' | 'not_applicable';
}

type Json = Record<string, unknown>;

/**
 * Expected score and status of every banded leaf of every department: `result[code][leaf]`.
 * `departments` are the raw cohort@1 department objects; the system gives the rules.
 */
export function oracleBanded(system: System, departments: Json[], policy: Policy): Record<string, Record<string, Expected>> {
  const leaves: { code: string; weight: Frac; rule: Leaf['rule'] }[] = [];
  const walk = (n: IndicatorNode) => {
    if ('children' in n) n.children.forEach(walk);
    else leaves.push({ code: n.code, weight: fracOf(n.weight.toFixed()), rule: n.rule });
  };
  system.indicators.forEach(walk);

  const groupOf = (d: Json) => (typeof d.group === 'string' && d.group.trim() ? d.group.trim() : '全部');
  const out: Record<string, Record<string, Expected>> = {};
  for (const d of departments) out[String(d.code).trim()] = {};

  for (const { code: leaf, weight, rule } of leaves) {
    if (rule.kind !== 'banded') continue;
    const full = fracOf(rule.full.toFixed());
    const zero = fracOf(rule.zero.toFixed());
    const lower = rule.better === 'lower';
    const valueOf = (d: Json): Value => {
      const inputs = d.inputs as Json;
      if ('ratio' in rule.metric) {
        const [a, b] = rule.metric.ratio.map((k) => fracOf(inputs[k]));
        if (b![0] === 0n) return { kind: 'na' };
        return { kind: 'x', x: div(a!, b!) };
      }
      const [c, p] = rule.metric.change.map((k) => fracOf(inputs[k]));
      if (p![0] === 0n) return c![0] === 0n ? { kind: 'na' } : { kind: 'inf' };
      return { kind: 'x', x: div(sub(c!, p!), p!) };
    };
    const band = (x: Frac) =>
      lower ? (cmp(x, full) <= 0 ? 'full' : cmp(x, zero) >= 0 ? 'zero' : 'in') : cmp(x, full) >= 0 ? 'full' : cmp(x, zero) <= 0 ? 'zero' : 'in';

    const byGroup = new Map<string, Json[]>();
    for (const d of departments) byGroup.set(groupOf(d), [...(byGroup.get(groupOf(d)) ?? []), d]);
    for (const members of byGroup.values()) {
      const values = members.map(valueOf);
      const qualifying = values.flatMap((v) => (v.kind === 'x' && (policy === 'cohort-all' || (policy === 'cohort-in-band' && band(v.x) === 'in')) ? [v.x] : []));
      let min = lower ? full : zero;
      let max = lower ? zero : full;
      let fallback = false;
      if (policy !== 'thresholds') {
        const lo = qualifying.reduce<Frac | null>((m, x) => (m === null || cmp(x, m) < 0 ? x : m), null);
        const hi = qualifying.reduce<Frac | null>((m, x) => (m === null || cmp(x, m) > 0 ? x : m), null);
        if (qualifying.length >= 2 && cmp(lo!, hi!) !== 0) [min, max] = [lo!, hi!];
        else fallback = true;
      }
      members.forEach((d, i) => {
        const v = values[i]!;
        let e: Expected;
        if (v.kind === 'na') e = { score: centsText(weight), status: 'not_applicable' };
        else if (v.kind === 'inf') e = { score: '0.00', status: 'zero' };
        else if (band(v.x) === 'full') e = { score: centsText(weight), status: 'full' };
        else if (band(v.x) === 'zero') e = { score: '0.00', status: 'zero' };
        else {
          const part = lower ? sub(max, v.x) : sub(v.x, min);
          e = { score: centsText(mul(div(part, sub(max, min)), weight)), status: fallback ? 'fallback' : 'interpolated' };
        }
        out[String(d.code).trim()]![leaf] = e;
      });
    }
  }
  return out;
}
