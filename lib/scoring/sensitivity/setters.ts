import { D, type CohortStat, type Decimal, type MetricValue, type Scores, type System } from '../index';
import { groupTable, leafWithout, type GroupTable, type LeafColumn } from './group';

/**
 * Who sets the scale of a banded leaf: the units whose values are the min and the max used. With
 * one unit at an end, its value alone decides everyone else's in-band score; without it the next
 * value takes its place.
 */
export interface Setter {
  code: string;
  name: string;
  side: 'min' | 'max';
  /** The metric value (a fraction: 1.1524 = 115.24%). */
  value: Decimal;
  /** Another unit has the same value: removing this one alone moves nothing. */
  shared: boolean;
  /** Far from the rest by the robust rule (`isOutlier`). */
  outlier: boolean;
}

/** The group's scores on the leaf without one setter. */
export interface WithoutSetter {
  code: string;
  side: 'min' | 'max';
  /** The statistic the leaf would use (possibly the thresholds, when too few values remain). */
  stat: CohortStat;
  /** Per member, in the group's order: its score without the setter (the setter's own: null). */
  scores: (Decimal | null)[];
  /** Members whose score changes. */
  moved: number;
}

export interface LeafScale {
  leaf: string;
  group: string;
  stat: CohortStat;
  setters: Setter[];
  /** Median and median absolute deviation of the values that took part; null below 3 values. */
  median: Decimal | null;
  mad: Decimal | null;
  /** One entry per setter that holds its end alone, min first. */
  without: WithoutSetter[];
  /** The group's members, in its order: the rows `without[].scores` refer to. */
  members: { code: string; name: string; score: Decimal; value: MetricValue | undefined }[];
}

/** The factor of the outlier rule: a setter further than 3 × MAD from the median is an outlier. */
export const OUTLIER_MADS = 3;

function median(sorted: readonly Decimal[]): Decimal {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : sorted[m - 1]!.plus(sorted[m]!).div(2);
}

/**
 * The robust outlier rule: with at least 3 values taking part, a value is an outlier when it lies
 * more than 3 × the median absolute deviation (MAD) from their median. When more than half the
 * values are equal the MAD is 0, and any value different from them is an outlier: it alone
 * stretches the scale.
 */
export function robustSpread(values: readonly Decimal[]): { median: Decimal; mad: Decimal } | null {
  if (values.length < 3) return null;
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const med = median(sorted);
  const mad = median(sorted.map((x) => x.minus(med).abs()).sort((a, b) => a.comparedTo(b)));
  return { median: med, mad };
}

export function isOutlier(x: Decimal, spread: { median: Decimal; mad: Decimal } | null): boolean {
  if (!spread) return false;
  const dev = x.minus(spread.median).abs();
  return spread.mad.isZero() ? !dev.isZero() : dev.gt(spread.mad.times(OUTLIER_MADS));
}

const xOf = (v: MetricValue | undefined): Decimal => (v?.kind === 'value' ? v.x : new D(NaN));

function leafScale(t: GroupTable, c: number): LeafScale {
  const col: LeafColumn = t.leaves[c]!;
  const spread = robustSpread(col.qualifying.map((i) => xOf(col.values[i])));
  const setters: Setter[] = [];
  const without: WithoutSetter[] = [];
  for (const [side, holders] of [
    ['min', col.minHolders],
    ['max', col.maxHolders],
  ] as const) {
    for (const i of holders) {
      const d = t.members[i]!;
      const value = xOf(col.values[i]);
      setters.push({ code: d.code, name: d.name, side, value, shared: holders.length > 1, outlier: isOutlier(value, spread) });
    }
    if (holders.length !== 1 || col.stat.fallback) continue;
    const u = holders[0]!;
    const next = leafWithout(t, c, u);
    let moved = 0;
    const scores = t.members.map((d, i) => {
      if (i === u) return null;
      if (next.cents[i] === col.cents[i]) return d.indicators[col.code]!.score;
      moved++;
      return new D(next.cents[i]!).div(100);
    });
    without.push({ code: t.members[u]!.code, side, stat: next.stat, scores, moved });
  }
  return {
    leaf: col.code,
    group: t.group,
    stat: col.stat,
    setters,
    median: spread?.median ?? null,
    mad: spread?.mad ?? null,
    without,
    members: t.members.map((d, i) => ({ code: d.code, name: d.name, score: d.indicators[col.code]!.score, value: col.values[i] })),
  };
}

/** The setters of one banded leaf in one group, or null when the leaf is not banded there. */
export function scaleOf(system: System, scores: Scores, group: string, leaf: string, table = groupTable(system, scores, group)): LeafScale | null {
  const c = table.leaves.findIndex((col) => col.code === leaf);
  return c < 0 ? null : leafScale(table, c);
}

/** The setters of every banded leaf of every group: for the command line and the JSON. */
export function allScales(tables: readonly GroupTable[]): LeafScale[] {
  return tables.flatMap((t) => t.leaves.map((_, c) => leafScale(t, c)));
}
