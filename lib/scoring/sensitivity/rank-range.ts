import type { Scores, System } from '../index';
import { groupTables, scaleSetters, totalsWithout, type GroupTable } from './group';

/**
 * Rank stability by leave-one-out (the sensitivity issue, spec §7). For unit d with rank r and any
 * other unit u of its group: score the group without u, and compare d's rank among the remaining
 * units with its rank among those same units in the full scoring. The difference is how far the
 * change of scale alone moved d. d's range is r plus the smallest and the largest difference over
 * every u. Ranks are competition ranks (1 + the number of units with a higher total), so a pair
 * tied in one scoring and ordered in the other moves a rank, and counts as a reversal.
 */
export interface RankRange {
  code: string;
  rank: number;
  lo: number;
  hi: number;
  /** The unit whose removal gives `lo` (or `hi`), when that is not d's own rank; the first by code. */
  loBy: string | null;
  hiBy: string | null;
}

/** A pair whose order one removal flips. `a` is ahead of `b` in the full scoring, or level with it. */
export interface Reversal {
  removed: string;
  a: string;
  b: string;
  /** a against b in the full scoring: ahead, or level. */
  before: 'above' | 'tied';
  /** a against b without `removed`. */
  after: 'above' | 'tied' | 'below';
}

/** A unit whose removal moves the scale: the leaves it sets, and how many others' totals change. */
export interface ScaleRemoval {
  removed: string;
  leaves: string[];
  /** Units whose total changes when it leaves. */
  moved: number;
  /** Pairs of remaining units whose order flips. */
  reversals: number;
}

export interface GroupStability {
  group: string;
  ranges: RankRange[];
  removals: ScaleRemoval[];
  /** All flipped pairs, over every removal. */
  reversalCount: number;
  /** The first `limit` of them, by remover, then pair (a group of 10,000 can have millions). */
  reversals: Reversal[];
}

export interface StabilityOptions {
  /** How many reversals to list per group; the count is always exact. Default 1,000. */
  limit?: number;
}

/** Leave-one-out rank ranges and reversals of every group of a scoring. */
export function rankStability(system: System, scores: Scores, opts: StabilityOptions = {}): GroupStability[] {
  return groupTables(system, scores).map((t) => groupStability(t, opts));
}

const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** Number of entries greater than x in a descending array. */
function countGreater(desc: Float64Array, x: number): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (desc[mid]! > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in an ascending array whose value is ≥ x (or > x with `strict`). */
function bound(asc: Float64Array, x: number, strict: boolean): number {
  let lo = 0;
  let hi = asc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? asc[mid]! <= x : asc[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The fast path. Only banded leaves depend on the cohort, and removing u changes a leaf's min or
 * max only if u alone holds it (`scaleSetters`). Every other removal leaves all scores as they
 * were, so its differences are all 0 and nothing is rescored; a removal that does move a scale
 * rescores just the in-band values of the leaves it sets. Found equal to rescoring the group n
 * times by a property test (rank-range.test.ts).
 */
export function groupStability(t: GroupTable, opts: StabilityOptions = {}): GroupStability {
  const limit = opts.limit ?? 1000;
  const n = t.members.length;
  const code = (i: number) => t.members[i]!.code;
  const setters = scaleSetters(t);
  // Removers in code order, so "the first by code" and the listed reversals are deterministic.
  const removers = [...setters.keys()].sort((a, b) => (code(a) < code(b) ? -1 : 1));

  const minDiff = new Array<number>(n).fill(Infinity);
  const maxDiff = new Array<number>(n).fill(-Infinity);
  const loBy = new Array<string | null>(n).fill(null);
  const hiBy = new Array<string | null>(n).fill(null);
  // Removing a unit that sets no scale moves nobody: difference 0, for every d it is not.
  const quiet = n - setters.size;
  for (let i = 0; i < n; i++) {
    if (quiet - (setters.has(i) ? 0 : 1) > 0) minDiff[i] = maxDiff[i] = 0;
  }

  // Old totals ascending, for finding the unchanged units a moved unit passes.
  const order = [...t.totals.keys()].sort((a, b) => t.totals[a]! - t.totals[b]!);
  const oldAsc = Float64Array.from(order, (i) => t.totals[i]!);

  const removals: ScaleRemoval[] = [];
  const reversals: Reversal[] = [];
  let reversalCount = 0;
  const changed = new Uint8Array(n);

  for (const u of removers) {
    const leaves = setters.get(u)!;
    const next = totalsWithout(t, u, leaves);
    const Tu = t.totals[u]!;
    const desc = new Float64Array(n - 1);
    let k = 0;
    for (let i = 0; i < n; i++) if (i !== u) desc[k++] = next[i]!;
    desc.sort().reverse();

    for (let i = 0; i < n; i++) {
      if (i === u) continue;
      const before = t.ranks[i]! - (Tu > t.totals[i]! ? 1 : 0);
      const after = 1 + countGreater(desc, next[i]!);
      const diff = after - before;
      // Removers come in code order: a strict improvement keeps the first by code.
      if (diff < minDiff[i]!) {
        minDiff[i] = diff;
        loBy[i] = diff === 0 ? null : code(u);
      }
      if (diff > maxDiff[i]!) {
        maxDiff[i] = diff;
        hiBy[i] = diff === 0 ? null : code(u);
      }
    }

    // Reversals: a pair can flip only if one of its units' totals changed.
    const moved: number[] = [];
    changed.fill(0);
    for (let i = 0; i < n; i++) {
      if (i !== u && next[i] !== t.totals[i]) {
        moved.push(i);
        changed[i] = 1;
      }
    }
    let count = 0;
    const record = (i: number, j: number, ti: number, tj: number, ni: number, nj: number) => {
      const s0 = sign(ti - tj);
      const s1 = sign(ni - nj);
      if (s0 === s1) return;
      count++;
      if (reversals.length >= limit) return;
      // a: ahead in the full scoring, or (level there) ahead without u.
      const aFirst = s0 > 0 || (s0 === 0 && s1 > 0);
      const after = aFirst ? s1 : -s1;
      reversals.push({
        removed: code(u),
        a: code(aFirst ? i : j),
        b: code(aFirst ? j : i),
        before: s0 === 0 ? 'tied' : 'above',
        after: after > 0 ? 'above' : after < 0 ? 'below' : 'tied',
      });
    };
    for (let x = 0; x < moved.length; x++) {
      const i = moved[x]!;
      const ti = t.totals[i]!;
      const ni = next[i]!;
      // Moved against moved.
      for (let y = x + 1; y < moved.length; y++) {
        const j = moved[y]!;
        record(i, j, ti, t.totals[j]!, ni, next[j]!);
      }
      // Moved against unchanged: exactly the unchanged totals between its old and new total.
      const from = bound(oldAsc, Math.min(ti, ni), false);
      const to = bound(oldAsc, Math.max(ti, ni), true);
      for (let p = from; p < to; p++) {
        const j = order[p]!;
        if (j === u || changed[j]) continue;
        record(i, j, ti, t.totals[j]!, ni, t.totals[j]!);
      }
    }
    reversalCount += count;
    removals.push({ removed: code(u), leaves: leaves.map((c) => t.leaves[c]!.code), moved: moved.length, reversals: count });
  }

  const ranges: RankRange[] = t.members.map((d, i) => {
    if (n === 1) return { code: d.code, rank: d.rank, lo: d.rank, hi: d.rank, loBy: null, hiBy: null };
    return { code: d.code, rank: d.rank, lo: d.rank + minDiff[i]!, hi: d.rank + maxDiff[i]!, loBy: loBy[i]!, hiBy: hiBy[i]! };
  });
  return { group: t.group, ranges, removals, reversalCount, reversals };
}
