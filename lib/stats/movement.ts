import { D, type Decimal } from '@/lib/scoring';
import { MOVEMENT_THRESHOLD } from './movement-threshold';

/**
 * Movement since last year (较上年), from two rounds' engine results. Pure: the database finds
 * the previous round and the links between codes; nothing here scores anything.
 */

export { MOVEMENT_THRESHOLD };

export interface Threshold {
  rank: number;
  points: string;
}

/** A department's result in one round: what movement is computed from. */
export interface Standing {
  code: string;
  group: string;
  rank: number;
  total: Decimal;
}

export type Arrow = 'up' | 'down' | null;

export type Movement =
  /** Not in the previous round under its code or any earlier code linked to it: 新增. */
  | { kind: 'new' }
  | {
      kind: 'compared';
      /** The code it had last year when that differs (a linked earlier code). */
      previousCode: string;
      previousGroup: string;
      previousRank: number;
      previousTotal: Decimal;
      /** Places moved up (positive) or down (negative); null when the group changed, as ranks in different groups do not compare. */
      rankChange: number | null;
      /** This year's total minus last year's. */
      totalChange: Decimal;
      rankArrow: Arrow;
      totalArrow: Arrow;
    };

/**
 * Earlier codes of each code, as the bureau linked them (a renamed or re-coded unit): for a code,
 * its own code first, then every code it was known by before, nearest first.
 */
export function codeLineage(code: string, earlierOf: ReadonlyMap<string, readonly string[]>): string[] {
  const out = [code];
  for (let i = 0; i < out.length; i++) {
    for (const e of earlierOf.get(out[i]!) ?? []) if (!out.includes(e)) out.push(e);
  }
  return out;
}

function arrow(change: Decimal | number, threshold: Decimal | number): Arrow {
  const c = typeof change === 'number' ? new D(change) : change;
  if (c.abs().lt(threshold)) return null;
  return c.gt(0) ? 'up' : 'down';
}

/**
 * Each current department's movement against `previous` (the previous round's results), by code
 * and, failing that, by the earlier codes linked to it. A department's own code wins over a link.
 */
export function movements(
  current: readonly Standing[],
  previous: readonly Standing[],
  earlierOf: ReadonlyMap<string, readonly string[]> = new Map(),
  threshold: Threshold = MOVEMENT_THRESHOLD,
): Map<string, Movement> {
  const before = new Map(previous.map((s) => [s.code, s]));
  const points = new D(threshold.points);
  const out = new Map<string, Movement>();
  for (const s of current) {
    const code = codeLineage(s.code, earlierOf).find((c) => before.has(c));
    const p = code === undefined ? undefined : before.get(code);
    if (!p) {
      out.set(s.code, { kind: 'new' });
      continue;
    }
    const rankChange = p.group === s.group ? p.rank - s.rank : null;
    const totalChange = s.total.minus(p.total);
    out.set(s.code, {
      kind: 'compared',
      previousCode: p.code,
      previousGroup: p.group,
      previousRank: p.rank,
      previousTotal: p.total,
      rankChange,
      totalChange,
      rankArrow: rankChange === null ? null : arrow(rankChange, threshold.rank),
      totalArrow: arrow(totalChange, points),
    });
  }
  return out;
}
