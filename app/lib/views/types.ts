import type { HistoryEntry } from '@/db/queries';
import type { Policy, Status } from '@/lib/scoring';

/**
 * What the server hands to client components: plain, serialisable values. Every figure is text
 * formatted from an engine decimal, plus a number where a chart or sort needs one.
 */

export type RoundStatusName = 'collecting' | 'reviewing' | 'published';

export interface RoundSummary {
  slug: string;
  name: string;
  year: number;
  status: RoundStatusName;
  /** Published: its figures are frozen and every change is refused. */
  locked: boolean;
}

/** A publication whose figures a page shows (the standing one, or an earlier one asked for). */
export interface PublicationView {
  number: number;
  /** ISO 8601. */
  publishedAt: string;
  publishedBy: string;
  engineVersion: string | null;
  /** ISO 8601 when withdrawn. */
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

export interface RoundContext extends RoundSummary {
  /** ISO 8601, or null. */
  deadline: string | null;
  /** Set when the figures on the page are a publication's frozen snapshot. */
  publication: PublicationView | null;
  /** Some department of the group still has judgement leaves to be evaluated: the ranking is 暂定. */
  provisional: boolean;
  /** Whether department accounts see this round's ranking list. */
  showRankingToDepartments: boolean;
  policy: Policy;
  systemName: string;
  groups: string[];
  group: string;
  /** Departments in the selected group. */
  groupSize: number;
}

export interface Level1Column {
  code: string;
  name: string;
  weight: string;
}

/**
 * One department in the ranking. Kept compact (texts only, positional level-1 parts) because a
 * round of 2,000 departments travels to the browser whole, for client-side sorting and filtering.
 */
export interface RankingRow {
  code: string;
  name: string;
  rank: number;
  tied: boolean;
  /** Leave-one-out rank range [lo, hi] (the sensitivity issue), when computed. */
  range: [number, number] | null;
  /** Total, 2 decimals. */
  total: string;
  /** Per level-1 indicator, in `RankingsView.level1` order: [subtotal, score rate]. */
  l1: [string, string][];
  /** Self-reported total and its difference from the computed one (signed, e.g. "+1.20"). */
  self: string | null;
  diff: string | null;
  /** 待评议: the total with pending leaves at full marks, the range's upper end; absent when evaluated. */
  totalMax?: string;
  /** 评价等级 of the total (spec §7). */
  grade: string;
  /** 较上年; absent when the round has no previous round to compare with. */
  move?: MovementView;
}

export type Arrow = 'up' | 'down' | null;

/** A department's movement since the previous round, as text (lib/stats/movement gives the figures). */
export type MovementView =
  | { kind: 'new' }
  | {
      kind: 'compared';
      /** Its code last year (differs from today's when the bureau linked a re-coded unit). */
      previousCode: string;
      previousRank: number;
      previousGroup: string;
      /** Places moved up (+) or down (−); null when the group changed. */
      rank: number | null;
      rankArrow: Arrow;
      /** Signed change of the total, e.g. "+0.50". */
      total: string;
      totalArrow: Arrow;
    };

/** The round a ranking is compared with. */
export interface PreviousRoundInfo {
  slug: string;
  name: string;
  year: number;
  /** false: not published, compared with its current figures (README: 较上年). */
  published: boolean;
}

/** Departments per grade, per group. */
export interface GradeCountsView {
  /** The system's grade labels, highest band first. */
  labels: string[];
  rows: { group: string; counts: number[]; n: number }[];
}

export interface RankingsView {
  level1: Level1Column[];
  rows: RankingRow[];
  /** The system's grade labels, highest band first: the chart's colours follow this order. */
  grades: string[];
  /** The round 较上年 compares with; null when there is none. */
  previous: PreviousRoundInfo | null;
  meanText: string | null;
  medianText: string | null;
  mean: number | null;
  median: number | null;
}

export interface InputLine {
  key: string;
  label: string;
  text: string;
  /** A checklist point that is not met: the page marks it. */
  failed?: boolean;
}

/** One leaf score and why, ready to print. */
export interface ExplanationView {
  department: { code: string; name: string };
  indicator: { code: string; name: string; weight: string; level1Name: string; level2Name: string | null };
  score: string;
  status: Status;
  pointsLost: string;
  ruleText: string;
  inputs: InputLine[];
  valueText: string | null;
  full: string | null;
  zero: string | null;
  band: 'full' | 'zero' | 'in_band' | null;
  policy: Policy | null;
  basis: 'cohort' | 'thresholds' | null;
  min: string | null;
  max: string | null;
  /** How many of the group's values min and max ranged over (basis `cohort` only). */
  qualifying: number | null;
  /** The engine's sentence saying the department's own value is the group's min or max, or null. */
  sets: string | null;
  capped: boolean;
  formula: string;
  target: string;
  self: string | null;
  selfDiff: string | null;
}

export interface LeafColumn {
  code: string;
  name: string;
  weight: string;
  level1: string;
  level1Name: string;
  level1Weight: string;
}

export interface HeatRow {
  code: string;
  name: string;
  rank: number;
  totalText: string;
  /** Per leaf, in `HeatView.leaves` order: [score, score rate]. Positional, as 2,000 rows × 23 cells travel whole. */
  cells: [string, string][];
}

export interface HeatView {
  leaves: LeafColumn[];
  rows: HeatRow[];
}

export interface IndicatorPoint {
  code: string;
  name: string;
  /** Metric value as a percentage number for the chart; null when not applicable or infinite. */
  valuePct: number | null;
  valueText: string | null;
  score: number;
  scoreText: string;
  lostText: string;
  lost: number;
  status: Status;
  band: 'full' | 'zero' | 'in_band' | null;
  /** The engine's computation in words, e.g. 评价等级“良好”得 3 = 3.00. */
  formula: string;
}

export interface IndicatorView {
  leaf: { code: string; name: string; weight: string; kind: string; level1Name: string; level2Name: string | null };
  ruleText: string;
  target: string | null;
  better: 'lower' | 'higher' | null;
  /** Thresholds and the min/max used, as percentage numbers and texts. */
  lines: { key: 'full' | 'zero' | 'min' | 'max'; pct: number; text: string }[];
  /** n: the group's finite, applicable values; qualifying: those min and max ranged over. */
  stat: { n: number; qualifying: number; basis: 'cohort' | 'thresholds'; fallback: boolean } | null;
  points: IndicatorPoint[];
  summary: { meanScore: string; medianScore: string; minScore: string; maxScore: string } | null;
}

export interface TreeRow {
  level: 1 | 2 | 3;
  code: string;
  name: string;
  weight: string;
  score: string;
  rateText: string;
  /** Leaves only. */
  ruleText?: string;
  inputs?: InputLine[];
  valueText?: string | null;
  status?: Status;
  self?: string | null;
  selfDiff?: string | null;
  selfDiffSign?: -1 | 0 | 1 | null;
}

export interface Level2Compare {
  code: string;
  name: string;
  weight: string;
  rate: number;
  rateText: string;
  mean: number | null;
  median: number | null;
  best: number | null;
  meanText: string;
  medianText: string;
  bestText: string;
}

/** A department's total and rank in one earlier round, as the database's history gives it. */
export type HistoryPoint = Omit<HistoryEntry, 'snapshotAt'>;

export interface DepartmentView {
  code: string;
  name: string;
  group: string;
  groupSize: number;
  rank: number;
  tied: boolean;
  total: string;
  /** 待评议: the total with pending leaves at full marks; null when evaluated. */
  totalMax: string | null;
  grade: string;
  selfTotal: string | null;
  selfTotalDiff: string | null;
  tree: TreeRow[];
  weak: ExplanationView[];
  level2: Level2Compare[];
  selfDiffCount: number;
  hasSelf: boolean;
  history: HistoryPoint[];
}

export interface VersionRow {
  version: number;
  current: boolean;
  status: 'draft' | 'submitted' | 'returned' | 'accepted';
  by: string;
  /** ISO 8601. */
  at: string;
  comment: string | null;
}

/** One unit under each policy, in `PoliciesView.policies` order; `move` is against the round's own policy. */
export interface PolicyRowView {
  code: string;
  name: string;
  /** Leave-one-out rank range under the round's policy. */
  range: [number, number] | null;
  results: { total: string; rank: number; tied: boolean; move: number }[];
}

/** 口径对比 of a group. A department's view holds its own row only, and no removals or reversals. */
export interface PoliciesView {
  /** The round's own policy first. */
  policies: Policy[];
  groupSize: number;
  rows: PolicyRowView[];
  /** Units whose removal moves a scale: the leaves it sets, units whose total changes, pairs flipped. */
  removals: { code: string; name: string; leaves: string[]; moved: number; reversals: number }[];
  /** Pairs flipped by one removal (the first 500 of `reversalCount`). */
  reversals: { removed: string; a: string; b: string; before: 'above' | 'tied'; after: 'above' | 'tied' | 'below' }[];
  reversalCount: number;
}

/** Who sets a banded leaf's scale in a group, for its indicator page. */
export interface ScaleView {
  basis: 'cohort' | 'thresholds';
  setters: { code: string; name: string; side: 'min' | 'max'; valueText: string; shared: boolean; outlier: boolean }[];
  /** Median and MAD of the values taking part, as percentages; null below 3 values. */
  median: string | null;
  mad: string | null;
  /** Each setter holding its end alone: the min and max the leaf would use without it. */
  without: { code: string; name: string; side: 'min' | 'max'; min: string; max: string; basis: 'cohort' | 'thresholds'; moved: number }[];
  /** Every unit's score now and without each setter (`without` order; null for the setter itself). */
  rows: { code: string; name: string; valueText: string | null; score: string; without: (string | null)[] }[];
}

/** A field of the what-if form: the submission form's label and control, with the stored and the tried value. */
export interface WhatIfField {
  key: string;
  kind: 'input' | 'checklist' | 'grade';
  label: string;
  hint?: string;
  /** Grade labels; checklist items use 1/0. */
  options?: string[];
  stored: string;
  value: string;
}

/** A what-if of one unit: its leaves, total and rank before and after, and (bureau and leaders) who else moves. */
export interface WhatIfView {
  code: string;
  name: string;
  group: string;
  groupSize: number;
  fields: WhatIfField[];
  /** Problems with the tried values, by field key (and label); nothing is scored while there are any. */
  problems: { key: string | null; label: string | null; message: string }[];
  changed: string[];
  result: {
    totalBefore: string;
    totalAfter: string;
    delta: string;
    rankBefore: number;
    rankAfter: number;
    tiedAfter: boolean;
    /** 评价等级 (spec §7) now and with the change, and whether it moves up or down the system's bands. */
    gradeBefore: string;
    gradeAfter: string;
    gradeMove: 'up' | 'down' | null;
    leaves: { code: string; name: string; weight: string; before: string; after: string; delta: string; status: Status; changed: boolean }[];
    /** Whether other units' totals change: a department learns this much, never which. */
    othersMove: boolean;
    /** The units that move, for the bureau and leaders only (null for a department). */
    others: { code: string; name: string; totalBefore: string; totalAfter: string; delta: string; rankBefore: number; rankAfter: number }[] | null;
    /** Leaves whose min or max the change moves (bureau and leaders: the ends are others' values). */
    scales: { leaf: string; name: string; before: string | null; after: string | null }[] | null;
  } | null;
}

/** One round in a unit's history (its 评分表's trend chart). */
export interface TrendPoint {
  roundSlug: string;
  roundName: string;
  year: number;
  /** Its code in that round (an earlier, linked code differs from today's). */
  code: string;
  group: string;
  groupSize: number;
  rank: number;
  tied: boolean;
  total: string;
  grade: string | null;
  /** Score rate per level-1 indicator in `TrendView.series` order, in percent (null: not in that system). */
  rates: (number | null)[];
  rateTexts: string[];
  policy: Policy;
  /** System id and version, e.g. "julu-2021 v1". */
  system: string;
  systemName: string;
  /** false: not (yet) published, the figures may still move. */
  published: boolean;
}

export interface TrendView {
  series: { code: string; name: string }[];
  points: TrendPoint[];
  /** Indexes of points scored under another system (id or version) than the point before. */
  systemChanges: number[];
}
