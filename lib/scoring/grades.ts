import { D } from './decimal';
import { pow10, scaledOf } from './exact';
import type { GradeBand, System } from './types';

/** The finance ministry's usual bands on a total of 100 (spec §7), used when a system declares none. */
export const DEFAULT_GRADES: readonly { label: string; min: string }[] = [
  { label: '优', min: '90' },
  { label: '良', min: '80' },
  { label: '中', min: '60' },
  { label: '差', min: '0' },
];

export function defaultGradeBands(): GradeBand[] {
  return DEFAULT_GRADES.map((g) => ({ label: g.label, min: new D(g.min) }));
}

/** A grade band's min in cents, rounded up: a total in whole cents reaches `min` exactly when it reaches this. */
function minCents(min: GradeBand['min']): number {
  const v = scaledOf(min);
  if (v.exp >= -2) return Number(v.int * pow10(v.exp + 2));
  const den = pow10(-v.exp - 2);
  return Number((v.int + den - 1n) / den);
}

const cache = new WeakMap<System, { label: string; cents: number }[]>();

/** The grade of a total in cents: the label of the highest band whose min ≤ total (spec §7). */
export function gradeOf(system: System, totalCents: number): string {
  let bands = cache.get(system);
  if (!bands) {
    bands = system.grades.map((g) => ({ label: g.label, cents: minCents(g.min) }));
    cache.set(system, bands);
  }
  for (const b of bands) if (totalCents >= b.cents) return b.label;
  // The loader requires a band at 0 and totals are never negative.
  return bands[bands.length - 1]!.label;
}
